package planner

import (
	"context"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/expr"
)

// pooledTable is an in-memory table whose readers would hold a connection
// of pool.
type pooledTable struct {
	*catalog.MemTable
	pool string
}

func (p pooledTable) Pool() string { return p.pool }

func pooledScan(pool string) *Scan {
	mem := catalog.NewMemTable(threeColumns, func(context.Context) ([][]any, error) { return nil, nil })
	return NewScan(pooledTable{MemTable: mem, pool: pool}, pool+".t")
}

// TestMaterializedFor reads the input of per-row subqueries to the end
// first only when the subqueries read the pool the input's scans hold, and
// not when a sort between has read it to the end already.
func TestMaterializedFor(t *testing.T) {
	cases := []struct {
		name  string
		input Node
		inner Node
		want  bool
	}{
		{"same pool", pooledScan("pg"), pooledScan("pg"), true},
		{"through a filter", &Filter{Input: pooledScan("pg"), Cond: gt(col(0), 1)}, &Limit{Input: pooledScan("pg"), Count: 1}, true},
		{"another pool", pooledScan("pg"), pooledScan("other"), false},
		{"an unpooled inner table", pooledScan("pg"), testScan(catalog.Unsupported), false},
		{"a sort reads its input to the end", &Sort{Input: pooledScan("pg"), Keys: []SortKey{{Expr: col(0)}}}, pooledScan("pg"), false},
		{"a pool read by a subquery of the inner plan", pooledScan("pg"),
			&Filter{Input: testScan(catalog.Unsupported), Cond: &expr.Subquery{Kind: "exists", Plan: pooledScan("pg"),
				Outer: []expr.Expr{col(0)}, Typ: arrow.FixedWidthTypes.Boolean}}, true},
	}
	for _, c := range cases {
		op, err := Build(context.Background(), c.input)
		if err != nil {
			t.Fatal(err)
		}
		out := materializedFor(context.Background(), op, c.input, []Node{c.inner})
		if _, got := out.(*exec.Materialize); got != c.want {
			t.Errorf("%s: materialized %v, want %v", c.name, got, c.want)
		}
		out.Close()
	}
}
