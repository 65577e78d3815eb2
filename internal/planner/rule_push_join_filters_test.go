package planner

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
)

// TestPushJoinFilters moves one-sided WHERE conjuncts under an inner join
// and keeps the two-sided one as its condition.
func TestPushJoinFilters(t *testing.T) {
	left, right := testScan(catalog.Unsupported), testScan(catalog.Unsupported)
	rightA := &expr.Column{Index: 3, Name: "a", Typ: arrow.PrimitiveTypes.Int32}
	both := &expr.Compare{Op: expr.Eq, Left: col(0), Right: rightA}
	where := &expr.And{Args: []expr.Expr{gt(col(0), 1), gt(rightA, 2), both}}
	plan, changed := pushJoinFilters(&Filter{Input: &Join{Left: left, Right: right, Kind: InnerJoin}, Cond: where})
	want := `Join inner on ("a" = "a")
  Filter ("a" > 1)
    Scan t columns=[a, b, c]
  Filter ("a" > 2)
    Scan t columns=[a, b, c]
`
	if got := Explain(plan); !changed || got != want {
		t.Fatalf("plan:\n%swant:\n%s", got, want)
	}
	pushed := plan.(*Join).Right.(*Filter).Cond.(*expr.Compare).Left.(*expr.Column)
	if pushed.Index != 0 {
		t.Errorf("right-side filter reads column %d of the right input, want 0", pushed.Index)
	}
	left2 := &Join{Left: testScan(catalog.Unsupported), Right: testScan(catalog.Unsupported), Kind: LeftJoin}
	if _, changed := pushJoinFilters(&Filter{Input: left2, Cond: gt(rightA, 2)}); changed {
		t.Errorf("a WHERE condition on the null-extended side of a left join must stay above it")
	}
}

// TestPushJoinFiltersDownAChain sends the conditions of a WHERE over
// three tables listed in FROM to the joins that can test them in one
// pass: each join of the chain gets its own condition.
func TestPushJoinFiltersDownAChain(t *testing.T) {
	inner := &Join{Left: testScan(catalog.Unsupported), Right: testScan(catalog.Unsupported), Kind: InnerJoin}
	chain := &Join{Left: inner, Right: testScan(catalog.Unsupported), Kind: InnerJoin}
	column := func(i int) *expr.Column { return &expr.Column{Index: i, Name: "a", Typ: arrow.PrimitiveTypes.Int32} }
	firstTwo := &expr.Compare{Op: expr.Eq, Left: column(0), Right: column(3)}
	lastTwo := &expr.Compare{Op: expr.Eq, Left: column(3), Right: column(6)}
	plan, changed := pushJoinFilters(&Filter{Input: chain, Cond: &expr.And{Args: []expr.Expr{firstTwo, lastTwo, gt(column(6), 1)}}})
	want := `Join inner on ("a" = "a")
  Join inner on ("a" = "a")
    Scan t columns=[a, b, c]
    Scan t columns=[a, b, c]
  Filter ("a" > 1)
    Scan t columns=[a, b, c]
`
	if got := Explain(plan); !changed || got != want {
		t.Fatalf("plan:\n%swant:\n%s", got, want)
	}
}
