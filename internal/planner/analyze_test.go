package planner

import (
	"context"
	"regexp"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/expr"
)

// countedTable is an in-memory table whose readers report fixed counts.
type countedTable struct {
	*catalog.MemTable
	stats catalog.ScanStats
}

func (c countedTable) Scan(ctx context.Context, req catalog.ScanRequest) (catalog.BatchReader, error) {
	r, err := c.MemTable.Scan(ctx, req)
	return countedReader{BatchReader: r, stats: c.stats}, err
}

type countedReader struct {
	catalog.BatchReader
	stats catalog.ScanStats
}

func (c countedReader) ScanStats() catalog.ScanStats { return c.stats }

// times matches the timings of a rendered analysis, which vary by run.
var times = regexp.MustCompile(`time=[0-9.]+\.\.[0-9.]+`)

func TestAnalysisCountsEachNode(t *testing.T) {
	rows := func(context.Context) ([][]any, error) {
		return [][]any{{int32(1), "x", int64(1)}, {int32(2), "y", int64(2)}, {int32(3), "z", int64(3)},
			{int32(4), "w", int64(4)}, {int32(5), "v", int64(5)}}, nil
	}
	counted := NewScan(countedTable{MemTable: catalog.NewMemTable(threeColumns, rows),
		stats: catalog.ScanStats{Files: 1, RowGroups: 2, RowGroupsSkipped: 3, BytesRead: 400}}, "t")
	plain := NewScan(catalog.NewMemTable(threeColumns, rows), "u")
	gt := &expr.Compare{Op: expr.Gt, Left: &expr.Column{Index: 0, Name: "a", Typ: threeColumns.Field(0).Type},
		Right: &expr.Literal{Value: scalar.NewInt32Scalar(1)}}
	cases := []struct {
		name string
		plan Node
		run  bool // whether the plan is built and read
		want string
	}{
		{"limit over filter over counted scan", &Limit{Input: &Filter{Input: counted, Cond: gt}, Count: 2}, true,
			"Limit offset=0 count=2  (actual time=T rows=2 loops=1)\n" +
				"  Filter (\"a\" > 1)  (actual time=T rows=4 loops=1)\n" +
				"    Scan t columns=[a, b, c]  (actual time=T rows=5 loops=1)\n" +
				"        Read: files=1 row_groups=2 row_groups_skipped=3 bytes=400\n"},
		{"scan without counts", &Union{Inputs: []Node{plain, plain}}, true,
			"Union all  (actual time=T rows=10 loops=1)\n" +
				"  Scan u columns=[a, b, c]  (actual time=T rows=10 loops=2)\n" +
				"  Scan u columns=[a, b, c]  (actual time=T rows=10 loops=2)\n"},
		{"node never built", &Filter{Input: plain, Cond: gt}, false, "Filter (\"a\" > 1)  (never executed)\n" +
			"  Scan u columns=[a, b, c]  (never executed)\n"},
	}
	for _, c := range cases {
		a := NewAnalysis()
		ctx := context.Background()
		if c.run {
			op, err := Build(a.Context(ctx), c.plan)
			if err != nil {
				t.Fatal(err)
			}
			for {
				b, err := op.Next(ctx)
				if err != nil {
					break
				}
				b.Release()
			}
			op.Close()
		}
		got := times.ReplaceAllString(Render(c.plan, a.Annotator(nil)), "time=T")
		if got != c.want {
			t.Errorf("%s:\ngot\n%s\nwant\n%s", c.name, got, c.want)
		}
	}
}
