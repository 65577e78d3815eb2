package parquet

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// textBatchRows is the number of rows per batch of a text or JSON scan.
const textBatchRows = 8192

// streamBuffer is how much of a text or JSON file is read at a time (one
// ranged GET on S3).
const streamBuffer = 1 << 20

// textTable is one or more delimited text (CSV, TSV, PSV) or
// newline-delimited JSON files read as one table, streamed a batch at a
// time. Its schema comes from the first file: its header line, or Drill's
// one array column `columns` without one, or for JSON a sample of its
// objects (see inferJSON).
type textTable struct {
	fileSet
	fs     FileSystem
	name   string
	format format
	schema *arrow.Schema
}

var _ catalog.Table = (*textTable)(nil)

// rowSource reads one file's rows into builders of the table's columns.
type rowSource interface {
	// read appends up to max rows; io.EOF when the file is done.
	read(builders []array.Builder, max int) (int, error)
}

func openTextTable(ctx context.Context, fs FileSystem, name string, set fileSet, ft format) (*textTable, error) {
	t := &textTable{fileSet: set, fs: fs, name: name, format: ft}
	f, stream, err := t.openStream(ctx, set.files[0], &scanStats{})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if ft.kind == kindJSON {
		t.schema, err = inferJSON(stream, f.Info().Path)
	} else {
		t.schema, err = textSchema(stream, ft, f.Info().Path)
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

// openStream opens a file for reading from its start.
func (t *textTable) openStream(ctx context.Context, info FileInfo, stats *scanStats) (File, *bufio.Reader, error) {
	f, err := t.fs.Open(ctx, info, stats)
	if err != nil {
		if notFound(err) {
			return nil, nil, fmt.Errorf("%w: %s", catalog.ErrTableNotFound, info.Path)
		}
		return nil, nil, catalog.Classify(fmt.Errorf("open %s: %w", info.Path, err))
	}
	stats.files.Add(1)
	return f, bufio.NewReaderSize(io.NewSectionReader(f, 0, f.Info().Size), streamBuffer), nil
}

// Schema implements catalog.Table.
func (t *textTable) Schema() *arrow.Schema { return t.schema }

// SupportsFilters implements catalog.Table: filters over implicit
// columns alone are Exact (they choose the files), the others
// Unsupported.
func (t *textTable) SupportsFilters(filters []expr.Expr) []catalog.FilterVerdict {
	out := make([]catalog.FilterVerdict, len(filters))
	for i, f := range filters {
		if implicitOnly(f, t.schema.NumFields()) {
			out[i] = catalog.Exact
		}
	}
	return out
}

// Scan implements catalog.Table.
func (t *textTable) Scan(ctx context.Context, req catalog.ScanRequest) (catalog.BatchReader, error) {
	fields := make([]arrow.Field, len(req.Columns))
	for i, c := range req.Columns {
		fields[i] = catalog.TableField(t, c)
	}
	byPath, _ := pathFilters(req.Filters, t.schema.NumFields())
	files, err := t.selectFiles(ctx, byPath, t.schema.NumFields())
	if err != nil {
		return nil, err
	}
	return &textReader{table: t, req: req, schema: arrow.NewSchema(fields, nil), files: files,
		stats: &scanStats{}, remaining: req.Limit}, nil
}

// newSource starts reading one file's rows.
func (t *textTable) newSource(stream *bufio.Reader, path string) (rowSource, error) {
	if t.format.kind == kindJSON {
		return newJSONSource(stream, t.schema, path), nil
	}
	return newCSVSource(stream, t.format, path)
}

// textReader streams a text table's files one after the other.
type textReader struct {
	table     *textTable
	req       catalog.ScanRequest
	schema    *arrow.Schema
	files     []FileInfo
	next      int
	file      File
	source    rowSource
	stats     *scanStats
	remaining int64 // rows still wanted, -1 for all
}

var (
	_ catalog.BatchReader   = (*textReader)(nil)
	_ catalog.StatsReporter = (*textReader)(nil)
)

// Schema implements catalog.BatchReader.
func (r *textReader) Schema() *arrow.Schema { return r.schema }

// ScanStats implements catalog.StatsReporter.
func (r *textReader) ScanStats() catalog.ScanStats { return r.stats.snapshot() }

// Next implements catalog.BatchReader.
func (r *textReader) Next(ctx context.Context) (arrow.RecordBatch, error) {
	for r.remaining != 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if r.source == nil {
			if r.next >= len(r.files) {
				return nil, io.EOF
			}
			if err := r.openNext(ctx); err != nil {
				return nil, err
			}
		}
		b, err := r.readBatch()
		if b != nil || err != nil {
			return b, err
		}
	}
	return nil, io.EOF
}

func (r *textReader) openNext(ctx context.Context) error {
	info := r.files[r.next]
	r.next++
	f, stream, err := r.table.openStream(ctx, info, r.stats)
	if err != nil {
		return err
	}
	src, err := r.table.newSource(stream, info.Path)
	if err != nil {
		f.Close()
		return err
	}
	r.file, r.source = f, src
	return nil
}

// readBatch reads a batch of the current file; nil, nil when the file
// had no more rows.
func (r *textReader) readBatch() (arrow.RecordBatch, error) {
	want := textBatchRows
	if r.remaining >= 0 {
		want = int(min(int64(want), r.remaining))
	}
	builders := newBuilders(r.table.schema)
	defer releaseBuilders(builders)
	n, err := r.source.read(builders, want)
	if errors.Is(err, io.EOF) || n < want {
		r.closeFile()
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if n == 0 {
		return nil, nil
	}
	if r.remaining > 0 {
		r.remaining -= int64(n)
	}
	return r.project(builders, n), nil
}

// project builds the requested columns: the file's, then the implicit
// ones for the current file.
func (r *textReader) project(builders []array.Builder, n int) arrow.RecordBatch {
	built := finishBuilders(builders, r.table.schema)
	defer releaseAll(built)
	width := r.table.schema.NumFields()
	path := r.files[r.next-1].Path
	cols := make([]arrow.Array, len(r.req.Columns))
	var values []*string
	for i, c := range r.req.Columns {
		if c < width {
			built[c].Retain()
			cols[i] = built[c]
			continue
		}
		if values == nil {
			values = r.table.implicitValues(path, len(r.table.implicit))
		}
		cols[i] = constantColumn(values[c-width], int64(n))
	}
	defer releaseAll(cols)
	return array.NewRecordBatch(r.schema, cols, int64(n))
}

func (r *textReader) closeFile() {
	if r.file != nil {
		r.file.Close()
	}
	r.file, r.source = nil, nil
}

// Close implements catalog.BatchReader.
func (r *textReader) Close() error {
	r.closeFile()
	r.remaining = 0
	return nil
}

// newBuilders are builders of a schema's columns; a JSON column builds
// its text storage.
func newBuilders(schema *arrow.Schema) []array.Builder {
	out := make([]array.Builder, schema.NumFields())
	for i, f := range schema.Fields() {
		dt := f.Type
		if ext, ok := dt.(arrow.ExtensionType); ok {
			dt = ext.StorageType()
		}
		out[i] = array.NewBuilder(memory.DefaultAllocator, dt)
	}
	return out
}

func releaseBuilders(bs []array.Builder) {
	for _, b := range bs {
		b.Release()
	}
}

// finishBuilders turns builders into arrays of the schema's types.
func finishBuilders(bs []array.Builder, schema *arrow.Schema) []arrow.Array {
	out := make([]arrow.Array, len(bs))
	for i, b := range bs {
		a := b.NewArray()
		if ext, ok := schema.Field(i).Type.(arrow.ExtensionType); ok {
			out[i] = array.NewExtensionArrayWithStorage(ext, a)
			a.Release()
			continue
		}
		out[i] = a
	}
	return out
}

// unreadable is the error for a file that is not valid in its format.
func unreadable(path, format string, err error) error {
	return &sqlstate.Error{Code: sqlstate.IOError,
		Message: fmt.Sprintf("cannot read %s as %s: %v", path, format, err), Cause: errors.Join(catalog.ErrCorruptData, err)}
}

// jsonType is the engine's json type, for nested JSON values.
var jsonType arrow.DataType = types.JSON

var _ catalog.ScanExplainer = (*textTable)(nil)

// ExplainScan implements catalog.ScanExplainer: the files the filters
// over implicit columns keep, and the format they are read as.
func (t *textTable) ExplainScan(ctx context.Context, req catalog.ScanRequest) ([]string, error) {
	byPath, _ := pathFilters(req.Filters, t.schema.NumFields())
	files, err := t.selectFiles(ctx, byPath, t.schema.NumFields())
	if err != nil {
		return nil, err
	}
	var lines []string
	if len(byPath) > 0 {
		lines = append(lines, pathPruning(len(files), len(t.files), byPath))
	}
	kind := "json"
	if t.format.kind == kindText {
		kind = "text"
	}
	return append(lines, fmt.Sprintf("files=%d format=%s", len(files), kind)), nil
}
