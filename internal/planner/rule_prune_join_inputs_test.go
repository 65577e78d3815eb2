package planner

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
)

// TestPruneJoinInputs narrows both scans of a join to the columns the
// query reads, also below a nested join.
func TestPruneJoinInputs(t *testing.T) {
	rightA := &expr.Column{Index: 3, Name: "a", Typ: arrow.PrimitiveTypes.Int32}
	inner := &Join{Left: testScan(catalog.Unsupported), Right: testScan(catalog.Unsupported), Kind: InnerJoin,
		Cond: &expr.Compare{Op: expr.Eq, Left: col(0), Right: rightA}}
	outerRightC := &expr.Column{Index: 8, Name: "c", Typ: arrow.PrimitiveTypes.Int64}
	outer := &Join{Left: inner, Right: testScan(catalog.Unsupported), Kind: LeftJoin}
	plan := Optimize(&Project{Input: outer, Exprs: []expr.Expr{col(1), outerRightC}, Names: []string{"b", "c"}}, Options{})
	want := `Project "b" AS b, "c" AS c
  Join left
    Project "b" AS b
      Join inner on ("a" = "a")
        Project "a" AS a, "b" AS b
          Scan t columns=[a, b]
        Project "a" AS a
          Scan t columns=[a]
    Project "c" AS c
      Scan t columns=[c]
`
	if got := Explain(plan); got != want {
		t.Errorf("plan:\n%swant:\n%s", got, want)
	}
}
