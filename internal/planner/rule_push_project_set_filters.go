package planner

import (
	"auger/internal/expr"
)

// pushProjectSetFilters moves the conjuncts of a Filter over a ProjectSet
// that read only the ProjectSet's input (`FROM t, unnest(t.a) x WHERE
// t.id < 3`) below it, where push_filters can hand them to the scan. An
// outer ProjectSet keeps an input row once even when its functions return
// no row, so filtering its input first changes nothing either.
func pushProjectSetFilters(n Node) (Node, bool) {
	return transformUp(n, func(n Node) (Node, bool) {
		f, ok := n.(*Filter)
		if !ok {
			return n, false
		}
		ps, ok := f.Input.(*ProjectSet)
		if !ok {
			return n, false
		}
		width := ps.Input.Schema().NumFields()
		var below, above []expr.Expr
		for _, c := range expr.Conjuncts(f.Cond) {
			if readsBelow(c, width) {
				below = append(below, c)
			} else {
				above = append(above, c)
			}
		}
		if len(below) == 0 {
			return n, false
		}
		next := *ps
		next.Input = &Filter{Input: ps.Input, Cond: expr.Conjoin(below)}
		if len(above) == 0 {
			return &next, true
		}
		return &Filter{Input: &next, Cond: expr.Conjoin(above)}, true
	})
}

// readsBelow tells whether e reads only columns before width.
func readsBelow(e expr.Expr, width int) bool {
	for _, c := range expr.Columns(e) {
		if c >= width {
			return false
		}
	}
	return true
}
