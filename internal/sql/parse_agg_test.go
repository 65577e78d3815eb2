package sql

import (
	"fmt"
	"strings"
	"testing"
)

// groupingText renders GROUP BY's elements: expressions by their column
// names, grouping sets by kind.
func groupingText(items []Expr) string {
	kinds := map[GroupingKind]string{GroupingEmpty: "EMPTY", GroupingSimple: "SIMPLE",
		GroupingRollup: "ROLLUP", GroupingCube: "CUBE", GroupingSets: "SETS"}
	parts := make([]string, len(items))
	for i, it := range items {
		switch n := it.(type) {
		case *GroupingSet:
			parts[i] = kinds[n.Kind] + "(" + groupingText(n.Items) + ")"
		case *ColumnRef:
			parts[i] = n.Name.String()
		default:
			parts[i] = fmt.Sprintf("%T", it)
		}
	}
	return strings.Join(parts, " ")
}

func TestParseGroupingSets(t *testing.T) {
	cases := []struct{ in, want string }{
		{"SELECT 1 FROM t GROUP BY a, b", "a b"},
		{"SELECT 1 FROM t GROUP BY GROUPING SETS ((a, b), (a), ())", "SETS(SIMPLE(a b) a EMPTY())"},
		{"SELECT 1 FROM t GROUP BY ROLLUP (a, (b, c)), CUBE (d)", "ROLLUP(a SIMPLE(b c)) CUBE(d)"},
		{"SELECT 1 FROM t GROUP BY (a, b), ()", "SIMPLE(a b) EMPTY()"},
		{"SELECT 1 FROM t GROUP BY GROUPING SETS (a, ROLLUP (b), GROUPING SETS (c))", "SETS(a ROLLUP(b) SETS(c))"},
	}
	for _, c := range cases {
		stmts, err := Parse(c.in)
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		if got := groupingText(stmts[0].(*Select).GroupBy); got != c.want {
			t.Errorf("%s: GROUP BY %s, want %s", c.in, got, c.want)
		}
	}
	stmts, err := Parse("SELECT 1 FROM t GROUP BY DISTINCT ROLLUP (a), ROLLUP (a)")
	if err != nil || !stmts[0].(*Select).GroupDistinct {
		t.Errorf("GROUP BY DISTINCT: %v", err)
	}
}

func TestParseAggregateClauses(t *testing.T) {
	stmts, err := Parse(`SELECT string_agg(DISTINCT "X", ',' ORDER BY "X" DESC NULLS LAST) FILTER (WHERE y > 1) FROM t`)
	if err != nil {
		t.Fatal(err)
	}
	f := stmts[0].(*Select).Items[0].Expr.(*FuncCall)
	if !f.Distinct || len(f.Args) != 2 || len(f.OrderBy) != 1 || !f.OrderBy[0].Desc || f.OrderBy[0].NullsFirst == nil || *f.OrderBy[0].NullsFirst {
		t.Errorf("call %+v", f)
	}
	if key := f.OrderBy[0].Expr.(*ColumnRef); !key.Name.Parts[0].Quoted {
		t.Errorf("ORDER BY key %s lost its quotes", key.Name)
	}
	if cond, ok := f.Filter.(*BinaryOp); !ok || cond.Op != ">" {
		t.Errorf("FILTER %#v", f.Filter)
	}
}
