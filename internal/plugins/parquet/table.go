package parquet

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	_ "github.com/apache/arrow-go/v18/arrow/extensions" // registers uuid for stored schemas
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sqlstate"
)

// batchRows is the number of rows per record batch read from a file.
const batchRows = 65536

// table is one or more Parquet files read as one table.
type table struct {
	fs        FileSystem
	name      string
	files     []FileInfo
	schema    *arrow.Schema
	firstRows int64         // the rows of the first file
	pruning   []pruneColumn // the first file's columns, as pruning reads them
}

var (
	_ catalog.Table        = (*table)(nil)
	_ catalog.RowEstimator = (*table)(nil)
)

// openTable reads the first file's footer for the schema; every other file
// must have the same one.
func openTable(ctx context.Context, fs FileSystem, name string, files []FileInfo) (*table, error) {
	t := &table{fs: fs, name: name, files: files}
	first, err := openParquet(ctx, fs, files[0].Path)
	if err != nil {
		return nil, err
	}
	defer first.close()
	t.schema = first.schema
	t.firstRows = first.pf.NumRows()
	t.pruning = pruneColumnsOf(first)
	return t, nil
}

// EstimatedRows implements catalog.RowEstimator: the first file's row
// count, exact for a single file, scaled by size for several.
func (t *table) EstimatedRows() (int64, bool) {
	if len(t.files) == 1 {
		return t.firstRows, true
	}
	var total int64
	for _, f := range t.files {
		total += f.Size
	}
	if t.files[0].Size <= 0 {
		return 0, false
	}
	return int64(float64(t.firstRows) * float64(total) / float64(t.files[0].Size)), true
}

// Schema implements catalog.Table.
func (t *table) Schema() *arrow.Schema { return t.schema }

// SupportsFilters implements catalog.Table: filters the row-group
// statistics can use (see usableFilter) are Inexact, the others
// Unsupported; the engine applies every filter.
func (t *table) SupportsFilters(filters []expr.Expr) []catalog.FilterVerdict {
	out := make([]catalog.FilterVerdict, len(filters))
	for i, f := range filters {
		if usableFilter(f, t.pruning) {
			out[i] = catalog.Inexact
		}
	}
	return out
}

// Scan implements catalog.Table.
func (t *table) Scan(ctx context.Context, req catalog.ScanRequest) (catalog.BatchReader, error) {
	fields := make([]arrow.Field, len(req.Columns))
	for i, c := range req.Columns {
		fields[i] = t.schema.Field(c)
	}
	return &reader{table: t, req: req, schema: arrow.NewSchema(fields, nil), remaining: req.Limit}, nil
}

// parquetFile is one open Parquet file.
type parquetFile struct {
	path   string
	f      File
	pf     *file.Reader
	fr     *pqarrow.FileReader
	schema *arrow.Schema
}

func openParquet(ctx context.Context, fs FileSystem, p string) (*parquetFile, error) {
	f, err := fs.Open(ctx, p)
	if err != nil {
		if notFound(err) {
			return nil, fmt.Errorf("%w: %s", catalog.ErrTableNotFound, p)
		}
		return nil, catalog.Classify(fmt.Errorf("open %s: %w", p, err))
	}
	pf, err := file.NewParquetReader(io.NewSectionReader(f, 0, f.Size()))
	if err != nil {
		f.Close()
		return nil, corrupt(p, err)
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: batchRows}, memory.DefaultAllocator)
	if err != nil {
		pf.Close()
		f.Close()
		return nil, corrupt(p, err)
	}
	read, err := fr.Schema()
	if err != nil {
		pf.Close()
		f.Close()
		return nil, corrupt(p, err)
	}
	return &parquetFile{path: p, f: f, pf: pf, fr: fr, schema: logicalSchema(pf, fr, read)}, nil
}

func corrupt(p string, err error) error {
	return &sqlstate.Error{Code: sqlstate.IOError,
		Message: fmt.Sprintf("cannot read %s as Parquet: %v", p, err), Cause: errors.Join(catalog.ErrCorruptData, err)}
}

func (p *parquetFile) close() {
	p.pf.Close()
	p.f.Close()
}

// leafColumns maps top-level field indexes to Parquet leaf column indexes.
func (p *parquetFile) leafColumns(fields []int) []int {
	var leaves []int
	for _, i := range fields {
		leaves = appendLeaves(leaves, p.fr.Manifest.Fields[i])
	}
	return leaves
}

func appendLeaves(out []int, f pqarrow.SchemaField) []int {
	if f.IsLeaf() {
		return append(out, f.ColIndex)
	}
	for _, c := range f.Children {
		out = appendLeaves(out, c)
	}
	return out
}

// reader streams the files of a table one after the other.
type reader struct {
	table     *table
	req       catalog.ScanRequest
	schema    *arrow.Schema
	remaining int64 // rows still wanted, -1 for all
	next      int   // index of the next file to open
	current   *parquetFile
	rows      pqarrow.RecordReader
	counts    []int64 // row-group sizes left, for column-less scans
	pruned    pruneCounts
}

// Schema implements catalog.BatchReader.
func (r *reader) Schema() *arrow.Schema { return r.schema }

// Next implements catalog.BatchReader.
func (r *reader) Next(ctx context.Context) (arrow.RecordBatch, error) {
	for {
		if r.remaining == 0 {
			return nil, io.EOF
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		batch, err := r.fromCurrent(ctx)
		if err != nil {
			return nil, err
		}
		if batch != nil {
			return r.limit(batch), nil
		}
		if r.next >= len(r.table.files) {
			return nil, io.EOF
		}
		if err := r.openNext(ctx); err != nil {
			return nil, err
		}
	}
}

// fromCurrent returns the next batch of the open file, or nil when it is
// done (closing it).
func (r *reader) fromCurrent(ctx context.Context) (arrow.RecordBatch, error) {
	if r.current == nil {
		return nil, nil
	}
	if len(r.req.Columns) == 0 {
		if len(r.counts) > 0 {
			n := r.counts[0]
			r.counts = r.counts[1:]
			return array.NewRecordBatch(r.schema, nil, n), nil
		}
		r.closeCurrent()
		return nil, nil
	}
	if r.rows.Next() {
		// The reader owns its batch until the next call; the new batch
		// retains the columns it shares.
		b := r.rows.RecordBatch()
		cols := make([]arrow.Array, b.NumCols())
		for i, c := range b.Columns() {
			cols[i] = asLogical(c, r.schema.Field(i).Type)
		}
		defer releaseAll(cols)
		return array.NewRecordBatch(r.schema, cols, b.NumRows()), nil
	}
	err := r.rows.Err()
	r.closeCurrent()
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, corrupt(r.table.name, err)
	}
	return nil, nil
}

func releaseAll(cols []arrow.Array) {
	for _, c := range cols {
		c.Release()
	}
}

func (r *reader) openNext(ctx context.Context) error {
	info := r.table.files[r.next]
	r.next++
	pf, err := openParquet(ctx, r.table.fs, info.Path)
	if err != nil {
		return err
	}
	if !sameColumns(pf.schema, r.table.schema) {
		pf.close()
		return sqlstate.New(sqlstate.DatatypeMismatch, "%s has a different schema from %s", info.Path, r.table.files[0].Path)
	}
	choice := chooseRowGroups(pf, r.req.Filters)
	r.pruned.add(choice)
	if len(choice.groups) == 0 {
		pf.close()
		return nil
	}
	r.current = pf
	if len(r.req.Columns) == 0 {
		for _, g := range choice.groups {
			r.counts = append(r.counts, pf.pf.MetaData().RowGroup(g).NumRows())
		}
		return nil
	}
	rows, err := pf.fr.GetRecordReader(ctx, pf.leafColumns(r.req.Columns), choice.groups)
	if err != nil {
		r.closeCurrent()
		return corrupt(info.Path, err)
	}
	r.rows = rows
	return nil
}

func (r *reader) limit(b arrow.RecordBatch) arrow.RecordBatch {
	if r.remaining < 0 {
		return b
	}
	if b.NumRows() > r.remaining {
		s := b.NewSlice(0, r.remaining)
		b.Release()
		b = s
	}
	r.remaining -= b.NumRows()
	return b
}

func (r *reader) closeCurrent() {
	if r.rows != nil {
		r.rows.Release()
		r.rows = nil
	}
	if r.current != nil {
		r.current.close()
		r.current = nil
	}
}

// Close implements catalog.BatchReader.
func (r *reader) Close() error {
	r.closeCurrent()
	return nil
}

// sameColumns tells whether two files' schemas have the same column names
// and types (their metadata may differ).
func sameColumns(a, b *arrow.Schema) bool {
	if a.NumFields() != b.NumFields() {
		return false
	}
	for i := range a.Fields() {
		fa, fb := a.Field(i), b.Field(i)
		if fa.Name != fb.Name || !arrow.TypeEqual(fa.Type, fb.Type) {
			return false
		}
	}
	return true
}
