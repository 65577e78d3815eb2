package parquet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/expr"
)

// BenchmarkPruning reads a sorted file of 3 million rows in 12 row groups
// (snappy, k sorted) with a point lookup and a range of one row group's width, each
// with and without the filter passed to the scan (without it every row
// group is decoded), and an equality on a dictionary-encoded column
// that only the dictionary refutes. It reports the row groups read per scan.
func BenchmarkPruning(b *testing.B) {
	const rows, groups = 3_000_000, 12
	sch := arrow.NewSchema([]arrow.Field{
		{Name: "k", Type: arrow.PrimitiveTypes.Int64},
		{Name: "v", Type: arrow.PrimitiveTypes.Float64},
		{Name: "c", Type: arrow.BinaryTypes.String},
	}, nil)
	mem := memory.NewGoAllocator()
	rb := array.NewRecordBuilder(mem, sch)
	for i := int64(0); i < rows; i++ {
		rb.Field(0).(*array.Int64Builder).Append(i * 3)
		rb.Field(1).(*array.Float64Builder).Append(float64(i%1000) / 7)
		rb.Field(2).(*array.StringBuilder).Append(fmt.Sprintf("g%02d%c", i/(rows/groups), "ac"[i%2]))
	}
	batch := rb.NewRecordBatch()
	rb.Release()
	var buf bytes.Buffer
	checked := memory.DefaultAllocator
	memory.DefaultAllocator = memory.NewGoAllocator()
	defer func() { memory.DefaultAllocator = checked }()
	w, err := pqarrow.NewFileWriter(sch, &buf, parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(rows/groups),
		parquet.WithCompression(compress.Codecs.Snappy)), pqarrow.DefaultWriterProps())
	if err != nil {
		b.Fatal(err)
	}
	if err := w.Write(batch); err != nil {
		b.Fatal(err)
	}
	batch.Release()
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	memory.DefaultAllocator = checked
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "sorted.parquet"), buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	p, err := New("dfs", &config.Plugin{Type: "file", Connection: "file:///",
		Workspaces: map[string]config.Workspace{"ws": {Location: dir}}})
	if err != nil {
		b.Fatal(err)
	}
	table, err := p.Table(context.Background(), "ws", "sorted.parquet")
	if err != nil {
		b.Fatal(err)
	}
	k := &expr.Column{Index: 0, Name: "k", Typ: arrow.PrimitiveTypes.Int64}
	point := cmpExpr(k, expr.Eq, i64(3*1_234_567))
	span := &expr.And{Args: []expr.Expr{cmpExpr(k, expr.Ge, i64(3*1_100_000)), cmpExpr(k, expr.Lt, i64(3*1_350_000))}}
	cases := []struct {
		name    string
		filters []expr.Expr
	}{
		{"point/pruned", []expr.Expr{point}},
		{"point/unpruned", nil},
		{"range/pruned", []expr.Expr{span}},
		{"range/unpruned", nil},
		{"dictionary/pruned", []expr.Expr{cmpExpr(&expr.Column{Index: 2, Name: "c", Typ: arrow.BinaryTypes.String}, expr.Eq, str("g05b"))}},
		{"dictionary/unpruned", nil},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var stats catalog.ScanStats
			for i := 0; i < b.N; i++ {
				stats = drain(b, table, catalog.ScanRequest{Columns: []int{0, 1, 2}, Filters: c.filters, Limit: -1})
			}
			b.ReportMetric(float64(stats.RowGroups), "row_groups")
		})
	}
}

func drain(b *testing.B, table catalog.Table, req catalog.ScanRequest) catalog.ScanStats {
	ctx := context.Background()
	r, err := table.Scan(ctx, req)
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	for {
		batch, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			return r.(catalog.StatsReporter).ScanStats()
		}
		if err != nil {
			b.Fatal(err)
		}
		batch.Release()
	}
}
