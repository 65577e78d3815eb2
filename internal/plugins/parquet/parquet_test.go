package parquet

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/sqlstate"
	"auger/internal/testenv"
)

func TestMain(m *testing.M) {
	code := testenv.RunCheckingArrowMemory(m)
	testenv.StopS3()
	os.Exit(code)
}

var testSchema = arrow.NewSchema([]arrow.Field{
	{Name: "id", Type: arrow.PrimitiveTypes.Int64},
	{Name: "name", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "score", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
}, nil)

// parquetBytes encodes ids [from, to) with row groups of groupRows.
func parquetBytes(t *testing.T, from, to int64, groupRows int64) []byte {
	t.Helper()
	b := array.NewRecordBuilder(memory.NewGoAllocator(), testSchema)
	defer b.Release()
	for id := from; id < to; id++ {
		b.Field(0).(*array.Int64Builder).Append(id)
		if id%5 == 0 {
			b.Field(1).AppendNull()
		} else {
			b.Field(1).(*array.StringBuilder).Append(strings.Repeat("x", int(id%7)) + "é")
		}
		b.Field(2).(*array.Float64Builder).Append(float64(id) / 4)
	}
	batch := b.NewRecordBatch()
	defer batch.Release()
	var buf bytes.Buffer
	// arrow-go's writer keeps some buffers of the default allocator past
	// Close; while it writes, the default is a plain one, so that the
	// checked allocator sees only what the plugin allocates.
	checked := memory.DefaultAllocator
	memory.DefaultAllocator = memory.NewGoAllocator()
	defer func() { memory.DefaultAllocator = checked }()
	w, err := pqarrow.NewFileWriter(testSchema, &buf,
		parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(groupRows)), pqarrow.DefaultWriterProps())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(batch); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeLocal(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// localPlugin lays out: a.parquet (ids 0-99), dir/{1,2}.parquet (100-149,
// 150-199), dir/_hidden.parquet, .secret/x.parquet, bad.parquet (not
// Parquet), other/x.txt.
func localPlugin(t *testing.T) catalog.Plugin {
	dir := t.TempDir()
	writeLocal(t, filepath.Join(dir, "a.parquet"), parquetBytes(t, 0, 100, 30))
	writeLocal(t, filepath.Join(dir, "dir", "1.parquet"), parquetBytes(t, 100, 150, 20))
	writeLocal(t, filepath.Join(dir, "dir", "sub", "2.parquet"), parquetBytes(t, 150, 200, 20))
	writeLocal(t, filepath.Join(dir, "dir", "_hidden.parquet"), []byte("ignored"))
	writeLocal(t, filepath.Join(dir, ".secret", "x.parquet"), parquetBytes(t, 0, 1, 1))
	writeLocal(t, filepath.Join(dir, "bad.parquet"), []byte("PAR1 but not really a parquet file"))
	writeLocal(t, filepath.Join(dir, "other", "x.txt"), []byte("text"))
	p, err := New("dfs", &config.Plugin{Type: "file", Connection: "file:///",
		Workspaces: map[string]config.Workspace{"ws": {Location: dir}}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// scanAll reads a whole scan and renders the rows.
func scanAll(t *testing.T, table catalog.Table, req catalog.ScanRequest) (rows int64, text []string) {
	t.Helper()
	ctx := context.Background()
	r, err := table.Scan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for {
		b, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			return rows, text
		}
		if err != nil {
			t.Fatal(err)
		}
		if int(b.NumCols()) != len(req.Columns) {
			t.Fatalf("batch has %d columns, asked for %d", b.NumCols(), len(req.Columns))
		}
		for i := 0; i < int(b.NumRows()); i++ {
			var cells []string
			for _, c := range b.Columns() {
				cells = append(cells, c.ValueStr(i))
			}
			text = append(text, strings.Join(cells, "|"))
		}
		rows += b.NumRows()
		b.Release()
	}
}

func TestLocalTables(t *testing.T) {
	p := localPlugin(t)
	ctx := context.Background()
	names, err := p.Tables(ctx, "ws")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(names, ","); got != "a.parquet,bad.parquet,dir" {
		t.Errorf("tables %s", got)
	}
	cases := []struct {
		name      string
		rows      int64
		firstLast string
	}{
		{"a.parquet", 100, "0 99"},
		{"/a.parquet", 100, "0 99"},
		{"dir", 100, "100 199"},
		{"dir/*.parquet", 50, "100 149"},
		{"*/sub", 50, "150 199"},
		{"d?r/sub/[0-9].parquet", 50, "150 199"},
		{"../../a.parquet", 100, "0 99"},
	}
	for _, c := range cases {
		table, err := p.Table(ctx, "ws", c.name)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		n, text := scanAll(t, table, catalog.ScanRequest{Columns: []int{0}, Limit: -1})
		if n != c.rows || text[0]+" "+text[len(text)-1] != c.firstLast {
			t.Errorf("%s: %d rows, first/last %s %s", c.name, n, text[0], text[len(text)-1])
		}
	}
}

func TestScanProjectionLimitAndCount(t *testing.T) {
	p := localPlugin(t)
	table, err := p.Table(context.Background(), "ws", "a.parquet")
	if err != nil {
		t.Fatal(err)
	}
	_, text := scanAll(t, table, catalog.ScanRequest{Columns: []int{2, 1}, Limit: -1})
	if text[1] != "0.25|xé" || text[5] != "1.25|(null)" {
		t.Errorf("reordered projection: %v", text[:6])
	}
	if n, _ := scanAll(t, table, catalog.ScanRequest{Columns: []int{0}, Limit: 45}); n != 45 {
		t.Errorf("limit 45 across row groups of 30 gave %d rows", n)
	}
	if n, _ := scanAll(t, table, catalog.ScanRequest{Columns: nil, Limit: -1}); n != 100 {
		t.Errorf("column-less scan counted %d rows", n)
	}
	dir, err := p.Table(context.Background(), "ws", "dir")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := scanAll(t, dir, catalog.ScanRequest{Columns: nil, Limit: 70}); n != 70 {
		t.Errorf("column-less scan with limit gave %d rows", n)
	}
}

func TestLocalErrors(t *testing.T) {
	p := localPlugin(t)
	ctx := context.Background()
	_, err := p.Table(ctx, "ws", "missing.parquet")
	if !errors.Is(err, catalog.ErrTableNotFound) {
		t.Errorf("missing file: %v", err)
	}
	_, err = p.Table(ctx, "ws", "other")
	if !errors.Is(err, catalog.ErrTableNotFound) {
		t.Errorf("folder without Parquet: %v", err)
	}
	_, err = p.Table(ctx, "ws", "bad.parquet")
	if !errors.Is(err, catalog.ErrCorruptData) || sqlstate.Code(err) != sqlstate.IOError || !strings.Contains(err.Error(), "bad.parquet") {
		t.Errorf("corrupt file: %v", err)
	}
	_, err = p.Table(ctx, "nows", "a.parquet")
	if sqlstate.Code(err) != sqlstate.InvalidSchemaName {
		t.Errorf("unknown workspace: %v", err)
	}
}

// TestS3 reads the same files from a real S3 server and checks that a
// one-column scan fetches only part of the object.
func TestS3(t *testing.T) {
	srv := testenv.S3(t)
	srv.CreateBucket(t, "parquet-test")
	big := parquetBytes(t, 0, 20000, 5000)
	srv.Put(t, "parquet-test", "wh/big.parquet", big)
	srv.Put(t, "parquet-test", "wh/parts/1.parquet", parquetBytes(t, 0, 10, 10))
	srv.Put(t, "parquet-test", "wh/parts/2.parquet", parquetBytes(t, 10, 30, 10))
	settings := map[string]string{"fs.s3a.access.key": srv.AccessKey, "fs.s3a.secret.key": srv.SecretKey,
		"fs.s3a.endpoint": srv.Endpoint, "fs.s3a.path.style.access": "true"}
	p, err := New("s3", &config.Plugin{Type: "file", Connection: "s3a://parquet-test", Config: settings,
		Workspaces: map[string]config.Workspace{"wh": {Location: "/wh"}, "root": {Location: "/"}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	names, err := p.Tables(ctx, "wh")
	if err != nil || strings.Join(names, ",") != "big.parquet,parts" {
		t.Fatalf("tables %v, %v", names, err)
	}
	for _, c := range []struct {
		schema, name string
		rows         int64
	}{{"wh", "big.parquet", 20000}, {"root", "wh/big.parquet", 20000}, {"wh", "parts", 30}, {"wh", "parts/*", 30}} {
		table, err := p.Table(ctx, c.schema, c.name)
		if err != nil {
			t.Fatalf("%s.%s: %v", c.schema, c.name, err)
		}
		if n, _ := scanAll(t, table, catalog.ScanRequest{Columns: []int{0, 1}, Limit: -1}); n != c.rows {
			t.Errorf("%s.%s: %d rows, want %d", c.schema, c.name, n, c.rows)
		}
	}
	if _, err := p.Table(ctx, "wh", "nope.parquet"); !errors.Is(err, catalog.ErrTableNotFound) {
		t.Errorf("missing object: %v", err)
	}

	table, err := p.Table(ctx, "wh", "big.parquet")
	if err != nil {
		t.Fatal(err)
	}
	stats := countScan(t, table, catalog.ScanRequest{Columns: []int{0}, Limit: -1})
	if stats.BytesRead == 0 || stats.BytesRead*2 > int64(len(big)) {
		t.Errorf("reading 1 of 3 columns fetched %d of %d bytes in %d requests", stats.BytesRead, len(big), stats.Requests)
	}
}

// countScan reads a whole scan and returns its counts.
func countScan(t *testing.T, table catalog.Table, req catalog.ScanRequest) catalog.ScanStats {
	t.Helper()
	ctx := context.Background()
	r, err := table.Scan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for {
		b, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			return r.(catalog.StatsReporter).ScanStats()
		}
		if err != nil {
			t.Fatal(err)
		}
		b.Release()
	}
}

func TestS3Unreachable(t *testing.T) {
	p, err := New("s3down", &config.Plugin{Type: "file", Connection: "s3a://b",
		Config: map[string]string{"fs.s3a.endpoint": "http://127.0.0.1:1", "fs.s3a.access.key": "k", "fs.s3a.secret.key": "s"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Tables(context.Background(), "root")
	if !errors.Is(err, catalog.ErrSourceUnavailable) || sqlstate.Code(err) != sqlstate.SQLClientUnableToConnect {
		t.Errorf("unreachable S3: %v", err)
	}
}
