package parquet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	_ "github.com/apache/arrow-go/v18/arrow/extensions" // registers uuid for stored schemas
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sqlstate"
)

// batchRows is the number of rows per record batch read from a file.
const batchRows = 32768

// table is one or more Parquet files read as one table.
type table struct {
	fs      FileSystem
	footers *footerCache
	name    string
	fileSet
	schema    *arrow.Schema
	firstRows int64         // the rows of the first file
	pruning   []pruneColumn // the first file's columns, as pruning reads them
}

var (
	_ catalog.Table        = (*table)(nil)
	_ catalog.RowEstimator = (*table)(nil)
)

// openTable reads the first file's footer for the schema (through the
// footer cache, so that the scan does not read it again); for several
// files, every footer, and the schema is their union (see unionSchema).
func openTable(ctx context.Context, fs FileSystem, footers *footerCache, name string, set fileSet) (*table, error) {
	t := &table{fs: fs, footers: footers, name: name, fileSet: set}
	first, err := t.open(ctx, set.files[0], &scanStats{}, batchRows)
	if err != nil {
		return nil, err
	}
	defer first.release()
	t.schema = first.schema
	if len(set.files) > 1 {
		schemas, err := t.fileSchemas(ctx, first)
		if err != nil {
			return nil, err
		}
		if t.schema, err = unionSchema(schemas, set.files); err != nil {
			return nil, err
		}
		if sameColumns(t.schema, first.schema) {
			t.schema = first.schema
		}
	}
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

// SupportsFilters implements catalog.Table: filters over implicit
// columns alone (see implicitOnly) are Exact, as the scan picks its files
// by them; filters the row-group statistics can use (see usableFilter)
// are Inexact, the others Unsupported.
func (t *table) SupportsFilters(filters []expr.Expr) []catalog.FilterVerdict {
	out := make([]catalog.FilterVerdict, len(filters))
	for i, f := range filters {
		switch {
		case implicitOnly(f, t.schema.NumFields()):
			out[i] = catalog.Exact
		case usableFilter(f, t.pruning):
			out[i] = catalog.Inexact
		}
	}
	return out
}

// Scan implements catalog.Table: the filters over implicit columns choose
// the files before any is opened.
func (t *table) Scan(ctx context.Context, req catalog.ScanRequest) (catalog.BatchReader, error) {
	fields := make([]arrow.Field, len(req.Columns))
	for i, c := range req.Columns {
		fields[i] = catalog.TableField(t, c)
	}
	byPath, others := pathFilters(req.Filters, t.schema.NumFields())
	files, err := t.selectFiles(ctx, byPath, t.schema.NumFields())
	if err != nil {
		return nil, err
	}
	req.Filters = others
	return newReader(ctx, t, req, arrow.NewSchema(fields, nil), files), nil
}

// parquetFile is one open Parquet file, shared by the workers decoding its
// row groups; the last to release it closes it.
type parquetFile struct {
	info   FileInfo
	f      File
	pf     *file.Reader
	fr     *pqarrow.FileReader
	schema *arrow.Schema
	refs   atomic.Int32
}

// readBuffer is how much of a column chunk is read at a time.
const readBuffer = 256 << 10

// readProps are the Parquet reader's settings: column chunks are read
// readBuffer bytes at a time, so that a row group being decoded holds
// little of its compressed bytes (on S3 they were fetched ahead in one
// piece, see prefetcher).
func readProps() *parquet.ReaderProperties {
	props := parquet.NewReaderProperties(memory.NewGoAllocator())
	props.BufferedStreamEnabled = true
	props.BufferSize = readBuffer
	return props
}

// open opens one file of the table, its footer from the cache when the
// file has not changed. rec counts the bytes and requests.
func (t *table) open(ctx context.Context, info FileInfo, stats *scanStats, batch int64) (*parquetFile, error) {
	f, err := t.fs.Open(ctx, info, stats)
	if err != nil {
		if notFound(err) {
			return nil, fmt.Errorf("%w: %s", catalog.ErrTableNotFound, info.Path)
		}
		return nil, catalog.Classify(fmt.Errorf("open %s: %w", info.Path, err))
	}
	stats.files.Add(1)
	p, err := t.parse(f, batch)
	if err != nil {
		f.Close()
		return nil, err
	}
	return p, nil
}

func (t *table) parse(f File, batch int64) (*parquetFile, error) {
	info := f.Info()
	md, err := t.footers.footer(f)
	if err != nil {
		return nil, corrupt(info.Path, err)
	}
	pf, err := file.NewParquetReader(io.NewSectionReader(f, 0, info.Size), file.WithMetadata(md), file.WithReadProps(readProps()))
	if err != nil {
		return nil, corrupt(info.Path, err)
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: batch}, memory.DefaultAllocator)
	if err != nil {
		return nil, corrupt(info.Path, err)
	}
	read, err := fr.Schema()
	if err != nil {
		return nil, corrupt(info.Path, err)
	}
	p := &parquetFile{info: info, f: f, pf: pf, fr: fr, schema: logicalSchema(pf, fr, read)}
	p.refs.Add(1)
	return p, nil
}

func corrupt(p string, err error) error {
	return &sqlstate.Error{Code: sqlstate.IOError,
		Message: fmt.Sprintf("cannot read %s as Parquet: %v", p, err), Cause: errors.Join(catalog.ErrCorruptData, err)}
}

// retain adds a user of the file.
func (p *parquetFile) retain() { p.refs.Add(1) }

// release drops a user of the file, closing it after the last.
func (p *parquetFile) release() {
	if p.refs.Add(-1) == 0 {
		p.f.Close()
	}
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
