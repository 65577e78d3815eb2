package planner

import (
	"time"

	"auger/internal/exec"
	"auger/internal/expr"
)

// foldConstants computes, when planning, the calls of immutable functions
// whose arguments are all constants (nested calls first), so that a
// filter comparing with upper('x') or date_trunc('day', TIMESTAMP '...')
// reaches the source as a comparison with a literal. Volatile functions
// (random) are left alone, and the clock's stable ones wait for the
// statement's time. A call that fails stays a call: its error comes when
// the statement runs.
func foldConstants(n Node) (Node, bool) {
	return transformUp(n, func(n Node) (Node, bool) {
		changed := false
		out, _ := mapNodeExprs(n, func(e expr.Expr) (expr.Expr, error) {
			folded, ch := foldExpr(e)
			changed = changed || ch
			return folded, nil
		})
		if !changed {
			return n, false
		}
		return out, true
	})
}

// foldExpr folds the foldable calls of an expression, bottom up.
func foldExpr(e expr.Expr) (expr.Expr, bool) {
	changed := false
	if children := expr.Children(e); len(children) > 0 {
		next := make([]expr.Expr, len(children))
		for i, c := range children {
			var ch bool
			next[i], ch = foldExpr(c)
			changed = changed || ch
		}
		if changed {
			e = expr.WithChildren(e, next)
		}
	}
	f, ok := e.(*expr.Func)
	if !ok || !exec.Foldable(f, false) {
		return e, changed
	}
	v, err := exec.EvalConstant(f, time.Time{}, exec.NoSession)
	if err != nil {
		return e, changed
	}
	return &expr.Literal{Value: v}, true
}
