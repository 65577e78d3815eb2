package planner

import (
	"context"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
)

// sizedTable is an in-memory table that reports a row count.
type sizedTable struct {
	*catalog.MemTable
	rows int64
}

func (s sizedTable) EstimatedRows() (int64, bool) { return s.rows, true }

func sizedScan(name string, rows int64) *Scan {
	mem := catalog.NewMemTable(threeColumns, func(context.Context) ([][]any, error) { return nil, nil })
	return NewScan(sizedTable{MemTable: mem, rows: rows}, name)
}

func TestChooseBuildSide(t *testing.T) {
	// left.a = right.c AND left.b < right.b, over left's columns then right's.
	rightB := &expr.Column{Index: 4, Name: "b", Typ: arrow.BinaryTypes.String}
	rightC := &expr.Column{Index: 5, Name: "c", Typ: arrow.PrimitiveTypes.Int64}
	cond := &expr.And{Args: []expr.Expr{
		&expr.Compare{Op: expr.Eq, Left: col(0), Right: rightC},
		&expr.Compare{Op: expr.Lt, Left: col(1), Right: rightB},
	}}
	cases := []struct {
		name        string
		left, right Node
		kind        JoinKind
		want        string
	}{
		{"the larger input on the left stays", sizedScan("big", 1000), sizedScan("small", 10), InnerJoin, `Join inner on (("a" = "c") AND ("b" < "b"))
  Scan big columns=[a, b, c]
  Scan small columns=[a, b, c]
`},
		{"the smaller input on the left goes right", sizedScan("small", 10), sizedScan("big", 1000), LeftJoin, `Project "a" AS a, "b" AS b, "c" AS c, "a" AS a, "b" AS b, "c" AS c
  Join right on (("a" = "c") AND ("b" < "b"))
    Scan big columns=[a, b, c]
    Scan small columns=[a, b, c]
`},
		{"a semi join keeps its sides", sizedScan("small", 10), sizedScan("big", 1000), SemiJoin, `Join semi on (("a" = "c") AND ("b" < "b"))
  Scan small columns=[a, b, c]
  Scan big columns=[a, b, c]
`},
		{"unknown sizes keep the sides", testScan(catalog.Unsupported), sizedScan("big", 1000), FullJoin, `Join full on (("a" = "c") AND ("b" < "b"))
  Scan t columns=[a, b, c]
  Scan big columns=[a, b, c]
`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			join := &Join{Left: c.left, Right: c.right, Kind: c.kind, Cond: cond}
			plan, changed := ruleNamed(t, "choose_build_side").Apply(join)
			if got := Explain(plan); got != c.want {
				t.Fatalf("plan:\n%swant:\n%s", got, c.want)
			}
			if _, again := chooseBuildSide(plan); again {
				t.Error("the rule changed its own result again")
			}
			if !changed {
				return
			}
			if !schemasMatch(plan.Schema(), join.Schema()) {
				t.Errorf("schema %s, want %s", plan.Schema(), join.Schema())
			}
			swapped := plan.(*Project).Input.(*Join)
			eq := swapped.Cond.(*expr.And).Args[0].(*expr.Compare)
			// The old left's a (0) is now at 3; the old right's c (5) at 2.
			if l, r := eq.Left.(*expr.Column).Index, eq.Right.(*expr.Column).Index; l != 3 || r != 2 {
				t.Errorf("the swapped condition reads columns %d and %d, want 3 and 2", l, r)
			}
			if first := plan.(*Project).Exprs[0].(*expr.Column).Index; first != 3 {
				t.Errorf("the first output column reads %d, want 3", first)
			}
		})
	}
}

func schemasMatch(a, b *arrow.Schema) bool {
	if a.NumFields() != b.NumFields() {
		return false
	}
	for i := range a.Fields() {
		fa, fb := a.Field(i), b.Field(i)
		if fa.Name != fb.Name || !arrow.TypeEqual(fa.Type, fb.Type) || fa.Nullable != fb.Nullable {
			return false
		}
	}
	return true
}
