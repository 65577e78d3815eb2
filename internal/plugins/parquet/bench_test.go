package parquet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/testenv"
)

// The benchmarks read a TPC-H-lineitem-like file of benchRows rows in row
// groups of 500,000, snappy, written once to $AUGER_BENCH_DIR (default a
// folder under the user cache), and compare the gateway's scan of the
// columns of TPC-H Q1 with arrow-go decoding the same columns alone:
//
//	go test ./internal/plugins/parquet -run '^$' -bench Q1 -benchtime 3x
const (
	benchRows      = 6_000_000
	benchGroupRows = 500_000
)

var lineitemSchema = arrow.NewSchema([]arrow.Field{
	{Name: "l_orderkey", Type: arrow.PrimitiveTypes.Int64},
	{Name: "l_partkey", Type: arrow.PrimitiveTypes.Int64},
	{Name: "l_suppkey", Type: arrow.PrimitiveTypes.Int64},
	{Name: "l_linenumber", Type: arrow.PrimitiveTypes.Int32},
	{Name: "l_quantity", Type: &arrow.Decimal128Type{Precision: 15, Scale: 2}},
	{Name: "l_extendedprice", Type: &arrow.Decimal128Type{Precision: 15, Scale: 2}},
	{Name: "l_discount", Type: &arrow.Decimal128Type{Precision: 15, Scale: 2}},
	{Name: "l_tax", Type: &arrow.Decimal128Type{Precision: 15, Scale: 2}},
	{Name: "l_returnflag", Type: arrow.BinaryTypes.String},
	{Name: "l_linestatus", Type: arrow.BinaryTypes.String},
	{Name: "l_shipdate", Type: arrow.FixedWidthTypes.Date32},
	{Name: "l_commitdate", Type: arrow.FixedWidthTypes.Date32},
	{Name: "l_receiptdate", Type: arrow.FixedWidthTypes.Date32},
	{Name: "l_shipinstruct", Type: arrow.BinaryTypes.String},
	{Name: "l_shipmode", Type: arrow.BinaryTypes.String},
	{Name: "l_comment", Type: arrow.BinaryTypes.String},
}, nil)

// q1Columns are the columns TPC-H Q1 reads.
var q1Columns = []int{4, 5, 6, 7, 8, 9, 10}

// lineitemFile returns the path of the benchmark file, writing it first
// when missing.
func lineitemFile(b *testing.B) string {
	dir := os.Getenv("AUGER_BENCH_DIR")
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			b.Fatal(err)
		}
		dir = filepath.Join(base, "auger-bench")
	}
	path := filepath.Join(dir, fmt.Sprintf("lineitem-%d.parquet", benchRows))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := writeLineitem(path + ".tmp"); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(path+".tmp", path); err != nil {
		b.Fatal(err)
	}
	return path
}

func writeLineitem(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	mem := memory.NewGoAllocator()
	w, err := pqarrow.NewFileWriter(lineitemSchema, f, parquet.NewWriterProperties(
		parquet.WithMaxRowGroupLength(benchGroupRows), parquet.WithCompression(compress.Codecs.Snappy),
		parquet.WithAllocator(mem)), pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(mem)))
	if err != nil {
		return err
	}
	seed := uint64(42)
	rnd := func(n int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int(seed>>33) % n
	}
	flags, statuses := []string{"A", "N", "R"}, []string{"F", "O"}
	instructs := []string{"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"}
	modes := []string{"AIR", "FOB", "MAIL", "RAIL", "REG AIR", "SHIP", "TRUCK"}
	words := []string{"furiously", "carefully", "blithely", "quickly", "final", "regular", "ironic", "pending", "deposits", "requests", "packages", "accounts"}
	for start := 0; start < benchRows; start += benchGroupRows {
		rb := array.NewRecordBuilder(mem, lineitemSchema)
		for i := start; i < start+benchGroupRows; i++ {
			ship := 8036 + rnd(2526)
			rb.Field(0).(*array.Int64Builder).Append(int64(i/4 + 1))
			rb.Field(1).(*array.Int64Builder).Append(int64(rnd(200000) + 1))
			rb.Field(2).(*array.Int64Builder).Append(int64(rnd(10000) + 1))
			rb.Field(3).(*array.Int32Builder).Append(int32(i%4 + 1))
			qty := int64(rnd(50) + 1)
			rb.Field(4).(*array.Decimal128Builder).Append(decimal128.FromI64(qty * 100))
			rb.Field(5).(*array.Decimal128Builder).Append(decimal128.FromI64(qty * int64(90000+rnd(1000000))))
			rb.Field(6).(*array.Decimal128Builder).Append(decimal128.FromI64(int64(rnd(11))))
			rb.Field(7).(*array.Decimal128Builder).Append(decimal128.FromI64(int64(rnd(9))))
			rb.Field(8).(*array.StringBuilder).Append(flags[rnd(3)])
			rb.Field(9).(*array.StringBuilder).Append(statuses[rnd(2)])
			rb.Field(10).(*array.Date32Builder).Append(arrow.Date32(ship))
			rb.Field(11).(*array.Date32Builder).Append(arrow.Date32(ship + rnd(60) - 30))
			rb.Field(12).(*array.Date32Builder).Append(arrow.Date32(ship + rnd(30) + 1))
			rb.Field(13).(*array.StringBuilder).Append(instructs[rnd(4)])
			rb.Field(14).(*array.StringBuilder).Append(modes[rnd(7)])
			rb.Field(15).(*array.StringBuilder).Append(words[rnd(12)] + " " + words[rnd(12)] + " " + words[rnd(12)] + " " + words[rnd(12)])
		}
		rec := rb.NewRecordBatch()
		rb.Release()
		err := w.Write(rec)
		rec.Release()
		if err != nil {
			return err
		}
	}
	return w.Close()
}

// decodeRowGroups is arrow-go alone: one goroutine per core, each taking
// the next row group and reading it with a record reader.
func decodeRowGroups(b *testing.B, path string, cols []int) int64 {
	fr, closeFile := arrowReader(b, path, false)
	defer closeFile()
	leaves := leafIndexes(fr, cols)
	var (
		mu    sync.Mutex
		next  int
		total int64
		wg    sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				mu.Lock()
				g := next
				next++
				mu.Unlock()
				if g >= fr.ParquetReader().NumRowGroups() {
					return
				}
				n := drainRecords(b, fr, leaves, []int{g})
				mu.Lock()
				total += n
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return total
}

// decodeParallelColumns is arrow-go alone with its own parallelism: a
// record reader over the whole file decoding its columns concurrently.
func decodeParallelColumns(b *testing.B, path string, cols []int) int64 {
	fr, closeFile := arrowReader(b, path, true)
	defer closeFile()
	return drainRecords(b, fr, leafIndexes(fr, cols), nil)
}

func arrowReader(b *testing.B, path string, parallel bool) (*pqarrow.FileReader, func()) {
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		b.Fatal(err)
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: batchRows, Parallel: parallel}, memory.DefaultAllocator)
	if err != nil {
		b.Fatal(err)
	}
	return fr, func() { pf.Close() }
}

func leafIndexes(fr *pqarrow.FileReader, cols []int) []int {
	var leaves []int
	for _, c := range cols {
		leaves = appendLeaves(leaves, fr.Manifest.Fields[c])
	}
	return leaves
}

func drainRecords(b *testing.B, fr *pqarrow.FileReader, leaves, groups []int) int64 {
	rr, err := fr.GetRecordReader(context.Background(), leaves, groups)
	if err != nil {
		b.Fatal(err)
	}
	defer rr.Release()
	var n int64
	for rr.Next() {
		n += rr.RecordBatch().NumRows()
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
		b.Fatal(err)
	}
	return n
}

// drainScan reads a whole gateway scan and returns its rows.
func drainScan(b *testing.B, table catalog.Table, cols []int) (int64, catalog.ScanStats) {
	ctx := context.Background()
	r, err := table.Scan(ctx, catalog.ScanRequest{Columns: cols, Limit: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	var n int64
	for {
		batch, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			return n, r.(catalog.StatsReporter).ScanStats()
		}
		if err != nil {
			b.Fatal(err)
		}
		n += batch.NumRows()
		batch.Release()
	}
}

func BenchmarkQ1Columns(b *testing.B) {
	path := lineitemFile(b)
	// measured with the allocator the gateway runs with, not the tests'
	// checked one
	checked := memory.DefaultAllocator
	memory.DefaultAllocator = memory.NewGoAllocator()
	defer func() { memory.DefaultAllocator = checked }()
	local, err := New("dfs", &config.Plugin{Type: "file", Connection: "file:///"})
	if err != nil {
		b.Fatal(err)
	}
	cases := []struct {
		name string
		run  func(b *testing.B) int64
	}{
		{"arrow-rowgroups", func(b *testing.B) int64 { return decodeRowGroups(b, path, q1Columns) }},
		{"arrow-parallel-columns", func(b *testing.B) int64 { return decodeParallelColumns(b, path, q1Columns) }},
		{"gateway-local", func(b *testing.B) int64 {
			table, err := local.Table(context.Background(), "root", path)
			if err != nil {
				b.Fatal(err)
			}
			n, _ := drainScan(b, table, q1Columns)
			return n
		}},
		{"gateway-s3", func(b *testing.B) int64 {
			table := s3Lineitem(b, path)
			n, stats := drainScan(b, table, q1Columns)
			b.ReportMetric(float64(stats.BytesRead)/float64(chunkBytes(b, path, q1Columns)), "fetched/chunk-bytes")
			b.ReportMetric(float64(stats.Requests), "GETs/scan")
			return n
		}},
	}
	// The cases run one after the other in each round, so that a busy
	// machine slows them alike; the fastest round of each counts.
	best := make([]time.Duration, len(cases))
	for b.Loop() {
		for i, c := range cases {
			start := time.Now()
			if n := c.run(b); n != benchRows {
				b.Fatalf("%s: %d rows", c.name, n)
			}
			if d := time.Since(start); best[i] == 0 || d < best[i] {
				best[i] = d
			}
		}
	}
	for i, c := range cases {
		b.ReportMetric(best[i].Seconds(), c.name+"-s")
	}
	floor := min(best[0], best[1])
	b.ReportMetric(float64(best[2])/float64(floor), "local/arrow")
	b.ReportMetric(float64(best[3])/float64(floor), "s3/arrow")
}

var (
	s3BenchOnce  sync.Once
	s3BenchTable catalog.Plugin
)

// s3Lineitem is the benchmark file on the test S3 server.
func s3Lineitem(b *testing.B, path string) catalog.Table {
	srv := testenv.S3(b)
	s3BenchOnce.Do(func() {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		srv.CreateBucket(b, "bench")
		srv.Put(b, "bench", "lineitem.parquet", data)
		s3BenchTable, err = New("s3", &config.Plugin{Type: "file", Connection: "s3a://bench", Config: map[string]string{
			"fs.s3a.access.key": srv.AccessKey, "fs.s3a.secret.key": srv.SecretKey,
			"fs.s3a.endpoint": srv.Endpoint, "fs.s3a.path.style.access": "true"}})
		if err != nil {
			b.Fatal(err)
		}
	})
	table, err := s3BenchTable.Table(context.Background(), "root", "lineitem.parquet")
	if err != nil {
		b.Fatal(err)
	}
	return table
}

// chunkBytes is the compressed size of some columns' chunks in all row
// groups of a file.
func chunkBytes(b *testing.B, path string, cols []int) int64 {
	fr, closeFile := arrowReader(b, path, false)
	defer closeFile()
	md := fr.ParquetReader().MetaData()
	var n int64
	for g := range md.NumRowGroups() {
		for _, leaf := range leafIndexes(fr, cols) {
			col, err := md.RowGroup(g).ColumnChunk(leaf)
			if err != nil {
				b.Fatal(err)
			}
			n += col.TotalCompressedSize()
		}
	}
	return n
}

// q6Columns are the columns TPC-H Q6 reads: not adjacent in the file.
var q6Columns = []int{4, 5, 6, 10}

// BenchmarkQ6ColumnsS3 reports how many bytes and GETs a scan of Q6's
// columns takes on S3, against the bytes of their column chunks.
func BenchmarkQ6ColumnsS3(b *testing.B) {
	path := lineitemFile(b)
	checked := memory.DefaultAllocator
	memory.DefaultAllocator = memory.NewGoAllocator()
	defer func() { memory.DefaultAllocator = checked }()
	var stats catalog.ScanStats
	for b.Loop() {
		var n int64
		n, stats = drainScan(b, s3Lineitem(b, path), q6Columns)
		if n != benchRows {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(stats.BytesRead)/float64(chunkBytes(b, path, q6Columns)), "fetched/chunk-bytes")
	b.ReportMetric(float64(stats.Requests), "GETs/scan")
}
