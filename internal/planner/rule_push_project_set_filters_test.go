package planner

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
)

// TestPushProjectSetFilters moves the conjuncts that read only the input
// of a ProjectSet below it and keeps those over its functions above.
func TestPushProjectSetFilters(t *testing.T) {
	series := &expr.Func{Name: "generate_series", Args: []expr.Expr{col(0), col(0)}, Typ: arrow.PrimitiveTypes.Int32}
	ps := &ProjectSet{Input: testScan(catalog.Unsupported), Funcs: []*expr.Func{series}, Names: []string{"g"}}
	g := &expr.Column{Index: 3, Name: "g", Typ: arrow.PrimitiveTypes.Int32}
	plan, changed := pushProjectSetFilters(&Filter{Input: ps, Cond: &expr.And{Args: []expr.Expr{gt(g, 1), gt(col(2), 5)}}})
	want := `Filter ("g" > 1)
  ProjectSet generate_series("a", "a") AS g
    Filter ("c" > 5)
      Scan t columns=[a, b, c]
`
	if got := Explain(plan); !changed || got != want {
		t.Fatalf("plan:\n%swant:\n%s", got, want)
	}
	if _, again := pushProjectSetFilters(&Filter{Input: ps, Cond: gt(g, 1)}); again {
		t.Errorf("a filter over the function's column moved")
	}
}
