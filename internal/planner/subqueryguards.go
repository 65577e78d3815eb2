package planner

import (
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
)

// subqueryGuards finds, for each correlated subquery of a node, when a row
// needs its value, as PostgreSQL evaluates lazily: a CASE branch only for
// the rows that take it, a COALESCE argument only after NULLs, an AND (OR)
// operand only when its operands without subqueries are not false (true),
// an aggregate's argument only for the rows its FILTER keeps. Each guard
// is over the node's input; nil means always. A condition that itself
// holds a subquery is left out of a guard, which then runs the subquery
// more often than needed but never changes a result.
func subqueryGuards(n Node, subs []*expr.Subquery) []expr.Expr {
	w := &guardWalk{guards: map[*expr.Subquery]expr.Expr{}, seen: map[*expr.Subquery]int{}}
	if a, ok := n.(*Aggregate); ok {
		for _, g := range a.Groups {
			w.walk(g, nil)
		}
		for _, call := range a.Aggs {
			var filter []expr.Expr
			if call.Filter != nil {
				w.walk(call.Filter, nil)
				filter = withGuard(nil, holdsTrue(call.Filter))
			}
			for _, e := range call.exprs() {
				w.walk(e, filter)
			}
		}
	} else {
		for _, e := range nodeExprs(n) {
			w.walk(e, nil)
		}
	}
	out := make([]expr.Expr, len(subs))
	for i, s := range subs {
		if w.seen[s] == 1 {
			out[i] = w.guards[s]
		}
	}
	return out
}

// guardWalk collects the guards of the subqueries under an expression.
type guardWalk struct {
	guards map[*expr.Subquery]expr.Expr
	seen   map[*expr.Subquery]int // how often each subquery is met: a guard holds for one place only
}

// walk visits e, whose evaluation for a row needs every condition of
// guard to hold.
func (w *guardWalk) walk(e expr.Expr, guard []expr.Expr) {
	switch t := e.(type) {
	case *expr.Subquery:
		if len(t.Outer) > 0 {
			w.seen[t]++
			if len(guard) > 0 {
				w.guards[t] = expr.Conjoin(guard)
			}
		}
	case *expr.Case:
		w.walkCase(t, guard)
		return
	case *expr.And:
		w.walkOperands(t.Args, guard, holdsNotFalse)
		return
	case *expr.Or:
		w.walkOperands(t.Args, guard, holdsNotTrue)
		return
	case *expr.Func:
		if t.Name == "coalesce" {
			w.walkCoalesce(t.Args, guard)
			return
		}
	}
	for _, c := range expr.Children(e) {
		w.walk(c, guard)
	}
}

// walkCase guards each WHEN by the earlier ones not holding, and each
// result by its WHEN holding as well.
func (w *guardWalk) walkCase(c *expr.Case, guard []expr.Expr) {
	for _, when := range c.Whens {
		w.walk(when.Cond, guard)
		w.walk(when.Then, withGuard(guard, holdsTrue(when.Cond)))
		guard = withGuard(guard, holdsNotTrue(when.Cond))
	}
	if c.Else != nil {
		w.walk(c.Else, guard)
	}
}

// walkOperands guards each operand of AND (OR) by the others without
// subqueries being decided not to settle the result.
func (w *guardWalk) walkOperands(args []expr.Expr, guard []expr.Expr, undecided func(expr.Expr) expr.Expr) {
	for i, a := range args {
		g := guard
		for j, other := range args {
			if j != i {
				g = withGuard(g, undecided(other))
			}
		}
		w.walk(a, g)
	}
}

// walkCoalesce guards each argument by the ones before it being NULL.
func (w *guardWalk) walkCoalesce(args []expr.Expr, guard []expr.Expr) {
	for _, a := range args {
		w.walk(a, guard)
		guard = withGuard(guard, &expr.IsNull{Arg: a})
	}
}

// withGuard adds a condition to a guard, unless it holds a subquery.
func withGuard(guard []expr.Expr, cond expr.Expr) []expr.Expr {
	if holdsSubquery(cond) {
		return guard
	}
	return append(append([]expr.Expr{}, guard...), cond)
}

// holdsSubquery tells whether an expression holds any subquery.
func holdsSubquery(e expr.Expr) bool {
	found := false
	expr.Walk(e, func(x expr.Expr) {
		if _, ok := x.(*expr.Subquery); ok {
			found = true
		}
	})
	return found
}

// holdsTrue is true where c is true (not false or NULL).
func holdsTrue(c expr.Expr) expr.Expr { return coalesceOf(c, boolLiteral(false)) }

// holdsNotTrue is true where c is false or NULL.
func holdsNotTrue(c expr.Expr) expr.Expr { return &expr.Not{Arg: holdsTrue(c)} }

// holdsNotFalse is true where c is true or NULL.
func holdsNotFalse(c expr.Expr) expr.Expr { return coalesceOf(c, boolLiteral(true)) }

func boolLiteral(v bool) expr.Expr { return &expr.Literal{Value: scalar.NewBooleanScalar(v)} }
