package planner

import (
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
)

// correlatedOn is the plan of `(SELECT b FROM u WHERE u.a = t.a)`, t's a
// being the outer value.
func correlatedOn(kind string, cond expr.Expr) *expr.Subquery {
	inner := &Project{Input: &Filter{Input: testScan(catalog.Unsupported), Cond: cond},
		Exprs: []expr.Expr{col(0)}, Names: []string{"a"}}
	s := &expr.Subquery{Kind: kind, Plan: inner, Outer: []expr.Expr{col(0)}, Typ: arrow.FixedWidthTypes.Boolean}
	if kind == "in" {
		s.Arg = col(2)
	}
	return s
}

func outerA() *expr.Correlated {
	return &expr.Correlated{Slot: 0, Name: "a", Typ: arrow.PrimitiveTypes.Int32}
}

func TestDecorrelate(t *testing.T) {
	equal := &expr.Compare{Op: expr.Eq, Left: col(0), Right: outerA()}
	cases := []struct {
		name string
		cond expr.Expr
		want string // the plan after the rule; "" when it must not apply
	}{
		{"EXISTS is a semi join", correlatedOn("exists", equal),
			`Join semi on ("#3" = "#0")`},
		{"NOT EXISTS is an anti join", &expr.Not{Arg: correlatedOn("exists", equal)},
			`Join anti on ("#3" = "#0")`},
		{"IN adds the match", correlatedOn("in", equal),
			`Join semi on (("#3" = "#0") AND ("#2" = "#3"))`},
		{"NOT IN counts a NULL comparison as a match", &expr.Not{Arg: correlatedOn("in", equal)},
			`Join anti on (("#3" = "#0") AND coalesce(("#2" = "#3"), true))`},
		{"under OR it stays", &expr.Or{Args: []expr.Expr{correlatedOn("exists", equal), gt(col(0), 1)}}, ""},
		{"a scalar subquery stays", correlatedOn("scalar", equal), ""},
	}
	for _, c := range cases {
		plan := &Filter{Input: testScan(catalog.Unsupported), Cond: c.cond}
		out, changed := decorrelate(plan)
		if c.want == "" {
			if changed {
				t.Errorf("%s: changed the plan:\n%s", c.name, Explain(out))
			}
			continue
		}
		j, ok := out.(*Join)
		if !changed || !ok {
			t.Fatalf("%s: no join:\n%s", c.name, Explain(out))
		}
		if got := "Join " + j.Kind.String() + " on " + expr.Fingerprint(j.Cond); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
		if j.Schema().NumFields() != 3 || strings.Contains(Explain(out), "outer(") {
			t.Errorf("%s: the join must keep the left columns only and read no outer value:\n%s", c.name, Explain(out))
		}
	}
}

// TestDecorrelateKeepsDeeperCorrelation leaves a subquery whose body reads
// the outer row below its Filter to the per-row fallback.
func TestDecorrelateKeepsDeeperCorrelation(t *testing.T) {
	below := &Filter{Input: testScan(catalog.Unsupported), Cond: &expr.Compare{Op: expr.Eq, Left: col(0), Right: outerA()}}
	inner := &Project{Input: &Limit{Input: below, Count: 1}, Exprs: []expr.Expr{col(0)}, Names: []string{"a"}}
	s := &expr.Subquery{Kind: "exists", Plan: inner, Outer: []expr.Expr{col(0)}, Typ: arrow.FixedWidthTypes.Boolean}
	if out, changed := decorrelate(&Filter{Input: testScan(catalog.Unsupported), Cond: s}); changed {
		t.Errorf("decorrelated a LIMIT subquery:\n%s", Explain(out))
	}
}
