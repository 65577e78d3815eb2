package parquet

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/types"
)

// allTypesSchema has a column of every Arrow type the engine uses.
var allTypesSchema = arrow.NewSchema([]arrow.Field{
	{Name: "id", Type: arrow.PrimitiveTypes.Int64},
	{Name: "i2", Type: arrow.PrimitiveTypes.Int16, Nullable: true},
	{Name: "i4", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	{Name: "oid", Type: arrow.PrimitiveTypes.Uint32, Nullable: true},
	{Name: "f4", Type: arrow.PrimitiveTypes.Float32, Nullable: true},
	{Name: "f8", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	{Name: "d128", Type: &arrow.Decimal128Type{Precision: 12, Scale: 3}, Nullable: true},
	{Name: "d256", Type: &arrow.Decimal256Type{Precision: 50, Scale: 5}, Nullable: true},
	{Name: "num", Type: types.Numeric, Nullable: true},
	{Name: "txt", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "bin", Type: arrow.BinaryTypes.Binary, Nullable: true},
	{Name: "ok", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	{Name: "day", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
	{Name: "tod", Type: arrow.FixedWidthTypes.Time64us, Nullable: true},
	{Name: "ts", Type: &arrow.TimestampType{Unit: arrow.Microsecond}, Nullable: true},
	{Name: "tstz", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, Nullable: true},
	{Name: "iv", Type: arrow.FixedWidthTypes.MonthDayNanoInterval, Nullable: true},
	{Name: "u", Type: extensions.NewUUIDType(), Nullable: true},
	{Name: "j", Type: types.JSON, Nullable: true},
	{Name: "jb", Type: types.JSONB, Nullable: true},
	{Name: "ints", Type: arrow.ListOf(arrow.PrimitiveTypes.Int32), Nullable: true},
	{Name: "texts", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
	{Name: "rec", Type: arrow.StructOf(
		arrow.Field{Name: "a", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		arrow.Field{Name: "b", Type: arrow.BinaryTypes.String, Nullable: true}), Nullable: true},
}, nil)

// allTypesRows are three rows of allTypesSchema: values, unicode and
// quoting, and NULLs.
const allTypesRows = `[
{"id":1,"i2":-2,"i4":40000,"oid":4000000000,"f4":1.5,"f8":-2.25,"d128":"123456789.125","d256":"1234567890123456789012345678901234567890.12345",
 "num":"3.14159265358979323846264338327950288","txt":"plain","bin":"AAEC","ok":true,"day":19723,"tod":45296000001,
 "ts":"2024-01-02T03:04:05.123456","tstz":"2024-01-02T03:04:05.123456Z","iv":{"months":14,"days":3,"nanoseconds":4005000},
 "u":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","j":"{\"a\":[1,2]}","jb":"{\"k\": \"v\"}","ints":[1,null,3],"texts":["x","y,z"],"rec":{"a":7,"b":"seven"}},
{"id":2,"i2":0,"i4":0,"oid":0,"f4":0,"f8":1e300,"d128":"-0.001","d256":"0.00000","num":"-0","txt":"héllo, \"wörld\"\nnext","bin":"","ok":false,
 "day":0,"tod":0,"ts":"1970-01-01T00:00:00","tstz":"1999-12-31T23:59:59Z","iv":{"months":0,"days":-1,"nanoseconds":0},
 "u":"00000000-0000-0000-0000-000000000000","j":"[]","jb":"null","ints":[],"texts":[""],"rec":{"a":null,"b":null}},
{"id":3}
]`

func allTypesBatch(t *testing.T) arrow.RecordBatch {
	t.Helper()
	rec, _, err := array.RecordFromJSON(memory.DefaultAllocator, allTypesSchema, strings.NewReader(allTypesRows))
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// writablePlugin is a file plugin over a temporary folder with a writable
// workspace "tmp" and a read-only one "data" (the same folder).
func writablePlugin(t *testing.T) (*Plugin, string) {
	t.Helper()
	dir := t.TempDir()
	p, err := New("dfs", &config.Plugin{Type: "file", Connection: "file:///",
		Workspaces: map[string]config.Workspace{"tmp": {Location: dir, Writable: true}, "data": {Location: dir}}})
	if err != nil {
		t.Fatal(err)
	}
	return p.(*Plugin), dir
}

// createTable writes batches as a new table and commits it.
func createTable(t *testing.T, p *Plugin, name string, spec catalog.WriteSpec, batches ...arrow.RecordBatch) int64 {
	t.Helper()
	defer plainDefaultAllocator()()
	ctx := context.Background()
	w, err := p.CreateTable(ctx, "tmp", name, spec)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if err := w.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	n, err := w.Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// readBack scans a whole table with the plugin's reader, all columns.
func readBack(t *testing.T, p *Plugin, name string) (*arrow.Schema, []arrow.RecordBatch) {
	t.Helper()
	ctx := context.Background()
	table, err := p.Table(ctx, "tmp", name)
	if err != nil {
		t.Fatal(err)
	}
	cols := make([]int, table.Schema().NumFields())
	for i := range cols {
		cols[i] = i
	}
	r, err := table.Scan(ctx, catalog.ScanRequest{Columns: cols, Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []arrow.RecordBatch
	for {
		b, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			return table.Schema(), out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
}

// plainDefaultAllocator makes the default allocator a plain one until the
// function it returns is called: arrow-go's Parquet encoders keep pooled
// buffers of the default allocator past Close, which the checked
// allocator would report.
func plainDefaultAllocator() (restore func()) {
	checked := memory.DefaultAllocator
	memory.DefaultAllocator = memory.NewGoAllocator()
	return func() { memory.DefaultAllocator = checked }
}

func releaseBatches(batches []arrow.RecordBatch) {
	for _, b := range batches {
		b.Release()
	}
}

// filesUnder lists the files below dir, relative to it, sorted; hidden
// ones included.
func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !info.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func parquetSpec() catalog.WriteSpec {
	return catalog.WriteSpec{Columns: allTypesSchema, Options: catalog.WriteOptions{Format: "parquet", Compression: "snappy", RowGroupBytes: 1 << 20, FileBytes: 1 << 30}}
}

func TestParquetRoundTripEveryType(t *testing.T) {
	p, dir := writablePlugin(t)
	batch := allTypesBatch(t)
	defer batch.Release()
	if n := createTable(t, p, "every", parquetSpec(), batch); n != 3 {
		t.Fatalf("committed %d rows", n)
	}
	if got := strings.Join(filesUnder(t, dir), " "); got != "every/0_0_0.parquet" {
		t.Fatalf("files: %s", got)
	}
	schema, batches := readBack(t, p, "every")
	defer releaseBatches(batches)
	for i, f := range allTypesSchema.Fields() {
		if got := schema.Field(i); got.Name != f.Name || !arrow.TypeEqual(got.Type, f.Type) {
			t.Errorf("column %d reads back as %s %s, written %s %s", i, got.Name, got.Type, f.Name, f.Type)
		}
	}
	if len(batches) != 1 {
		t.Fatalf("%d batches", len(batches))
	}
	for i := range allTypesSchema.Fields() {
		if !array.Equal(batch.Column(i), batches[0].Column(i)) {
			t.Errorf("column %s: wrote %v, read %v", allTypesSchema.Field(i).Name, batch.Column(i), batches[0].Column(i))
		}
	}
}

// TestParquetRewrittenFromParquet writes a table from the batches read
// back from another (a CTAS from one workspace to another): the schema
// and metadata the reader gave them must not reach the new file.
func TestParquetRewrittenFromParquet(t *testing.T) {
	p, _ := writablePlugin(t)
	batch := allTypesBatch(t)
	defer batch.Release()
	createTable(t, p, "first", parquetSpec(), batch)
	schema, first := readBack(t, p, "first")
	defer releaseBatches(first)
	spec := parquetSpec()
	spec.Columns = schema
	createTable(t, p, "second", spec, first...)
	_, second := readBack(t, p, "second")
	defer releaseBatches(second)
	if len(second) != 1 {
		t.Fatalf("%d batches", len(second))
	}
	for i, f := range allTypesSchema.Fields() {
		if !array.Equal(batch.Column(i), second[0].Column(i)) {
			t.Errorf("column %s: wrote %v, read %v", f.Name, batch.Column(i), second[0].Column(i))
		}
	}
}

func TestParquetCompressionAndRowGroups(t *testing.T) {
	for _, codec := range []string{"snappy", "gzip", "zstd", "lz4", "brotli", "none"} {
		t.Run(codec, func(t *testing.T) {
			p, dir := writablePlugin(t)
			batches := idBatches(t, 8, 4096)
			defer releaseBatches(batches)
			spec := idSpec("parquet")
			spec.Options.Compression = codec
			spec.Options.RowGroupBytes = 16 << 10
			createTable(t, p, "t", spec, batches...)
			md := footerOf(t, filepath.Join(dir, "t", "0_0_0.parquet"))
			if md.NumRowGroups() < 2 {
				t.Errorf("%d row groups for row groups of 16 KiB", md.NumRowGroups())
			}
			want := map[string]string{"none": "UNCOMPRESSED", "lz4": "LZ4_RAW"}[codec]
			if want == "" {
				want = strings.ToUpper(codec)
			}
			if got := compressionOfFirstChunk(t, md); got != want {
				t.Errorf("codec in footer %s, want %s", got, want)
			}
			_, back := readBack(t, p, "t")
			defer releaseBatches(back)
			if got := countRows(back); got != 8*4096 {
				t.Errorf("read back %d rows", got)
			}
		})
	}
}

// footerOf reads a Parquet file's footer.
func footerOf(t *testing.T, path string) *metadata.FileMetaData {
	t.Helper()
	r, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	return r.MetaData()
}

// compressionOfFirstChunk is the codec of a file's first column chunk.
func compressionOfFirstChunk(t *testing.T, md *metadata.FileMetaData) string {
	t.Helper()
	chunk, err := md.RowGroup(0).ColumnChunk(0)
	if err != nil {
		t.Fatal(err)
	}
	return chunk.Compression().String()
}

var idSchema = arrow.NewSchema([]arrow.Field{
	{Name: "id", Type: arrow.PrimitiveTypes.Int64},
	{Name: "grp", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "pad", Type: arrow.BinaryTypes.String},
}, nil)

// idBatches are n batches of size rows: id counts from 0, grp is id % 3
// as text (NULL for id % 3 == 2), pad is id's digits spread out so that
// the data does not compress to nothing.
func idBatches(t *testing.T, n, size int) []arrow.RecordBatch {
	t.Helper()
	b := array.NewRecordBuilder(memory.DefaultAllocator, idSchema)
	defer b.Release()
	var out []arrow.RecordBatch
	id := int64(0)
	for i := 0; i < n; i++ {
		for r := 0; r < size; r++ {
			b.Field(0).(*array.Int64Builder).Append(id)
			if id%3 == 2 {
				b.Field(1).AppendNull()
			} else {
				b.Field(1).(*array.StringBuilder).Append([]string{"a/b", ".x"}[id%3])
			}
			b.Field(2).(*array.StringBuilder).Append(strings.Repeat(strconv.FormatInt(id*7919%100003, 36), 4))
			id++
		}
		out = append(out, b.NewRecordBatch())
	}
	return out
}

func idSpec(format string) catalog.WriteSpec {
	return catalog.WriteSpec{Columns: idSchema, Options: catalog.WriteOptions{Format: format, Compression: "snappy", RowGroupBytes: 64 << 20, FileBytes: 1 << 30}}
}

func countRows(batches []arrow.RecordBatch) int64 {
	var n int64
	for _, b := range batches {
		n += b.NumRows()
	}
	return n
}
