package planner

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
)

// TestPruneProjectSetInput narrows the scan under a ProjectSet to the
// columns read above it and by its functions.
func TestPruneProjectSetInput(t *testing.T) {
	series := &expr.Func{Name: "generate_series", Args: []expr.Expr{col(0), col(0)}, Typ: arrow.PrimitiveTypes.Int32}
	ps := &ProjectSet{Input: testScan(catalog.Unsupported), Funcs: []*expr.Func{series}, Names: []string{"g"}}
	g := &expr.Column{Index: 3, Name: "g", Typ: arrow.PrimitiveTypes.Int32}
	filter := &Filter{Input: ps, Cond: gt(g, 1)}
	plan, changed := pruneProjectSetInput(&Project{Input: filter, Exprs: []expr.Expr{col(2), g}, Names: []string{"c", "g"}})
	if !changed {
		t.Fatal("nothing pruned")
	}
	plan, _ = pruneColumns(plan)
	want := `Project "c" AS c, "g" AS g
  Filter ("g" > 1)
    ProjectSet generate_series("a", "a") AS g
      Project "a" AS a, "c" AS c
        Scan t columns=[a, c]
`
	if got := Explain(plan); got != want {
		t.Fatalf("plan:\n%swant:\n%s", got, want)
	}
	top := plan.(*Project)
	if c := top.Exprs[1].(*expr.Column); c.Index != 2 {
		t.Errorf("the function's column is read at %d, want 2", c.Index)
	}
	if _, again := pruneProjectSetInput(plan); again {
		t.Errorf("a pruned plan changed again")
	}
}
