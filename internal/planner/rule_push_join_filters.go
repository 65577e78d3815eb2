package planner

import "auger/internal/expr"

// pushJoinFilters moves conditions that read one side of a join down to
// that side, where push_filters can hand them to the source: WHERE
// conjuncts above an inner join (or above the preserved side of an outer
// join), and ON conjuncts of an inner join (or of the null-extended side of
// an outer join). WHERE conjuncts reading both sides of an inner join join
// its ON condition.
func pushJoinFilters(n Node) (Node, bool) {
	return transformUp(n, func(n Node) (Node, bool) {
		switch t := n.(type) {
		case *Filter:
			if j, ok := t.Input.(*Join); ok {
				return filterOverJoin(t, j)
			}
		case *Join:
			return pushOnConjuncts(t)
		}
		return n, false
	})
}

// side says which inputs of a join an expression reads.
func side(e expr.Expr, leftWidth int) (left, right bool) {
	for _, c := range expr.Columns(e) {
		if c < leftWidth {
			left = true
		} else {
			right = true
		}
	}
	return left, right
}

// shifted renumbers an expression over a join's right input.
func shifted(e expr.Expr, by int) expr.Expr {
	return expr.MapColumns(e, func(c *expr.Column) expr.Expr {
		return &expr.Column{Index: c.Index - by, Name: c.Name, Typ: c.Typ}
	})
}

func filterOverJoin(f *Filter, j *Join) (Node, bool) {
	width := j.Left.Schema().NumFields()
	var toLeft, toRight, toOn, kept []expr.Expr
	for _, c := range expr.Conjuncts(f.Cond) {
		l, r := side(c, width)
		switch {
		case l && !r && (j.Kind == InnerJoin || j.Kind == LeftJoin || j.Kind.LeftOnly()):
			toLeft = append(toLeft, c)
		case r && !l && (j.Kind == InnerJoin || j.Kind == RightJoin):
			toRight = append(toRight, shifted(c, width))
		case l && r && j.Kind == InnerJoin:
			toOn = append(toOn, c)
		default:
			kept = append(kept, c)
		}
	}
	if len(kept) == len(expr.Conjuncts(f.Cond)) {
		return f, false
	}
	next := &Join{Left: withFilter(j.Left, toLeft), Right: withFilter(j.Right, toRight), Kind: j.Kind, Cond: j.Cond}
	if len(toOn) > 0 {
		next.Cond = conjoinWith(j.Cond, toOn)
	}
	if len(kept) == 0 {
		return next, true
	}
	return &Filter{Input: next, Cond: expr.Conjoin(kept)}, true
}

func pushOnConjuncts(j *Join) (Node, bool) {
	if j.Cond == nil {
		return j, false
	}
	width := j.Left.Schema().NumFields()
	var toLeft, toRight, kept []expr.Expr
	for _, c := range expr.Conjuncts(j.Cond) {
		l, r := side(c, width)
		switch {
		case l && !r && (j.Kind == InnerJoin || j.Kind == RightJoin || j.Kind == SemiJoin):
			toLeft = append(toLeft, c)
		case r && !l && (j.Kind == InnerJoin || j.Kind == LeftJoin || j.Kind.LeftOnly()):
			toRight = append(toRight, shifted(c, width))
		default:
			kept = append(kept, c)
		}
	}
	if len(toLeft)+len(toRight) == 0 {
		return j, false
	}
	next := &Join{Left: withFilter(j.Left, toLeft), Right: withFilter(j.Right, toRight), Kind: j.Kind}
	if len(kept) > 0 {
		next.Cond = expr.Conjoin(kept)
	}
	return next, true
}

// withFilter puts conditions over a node. Over a join they go on down at
// once, as far as they can: a WHERE over many tables listed in FROM
// reaches every join of the chain in one pass of the rule, which works
// bottom up.
func withFilter(n Node, conds []expr.Expr) Node {
	if len(conds) == 0 {
		return n
	}
	if f, ok := n.(*Filter); ok {
		if _, overJoin := f.Input.(*Join); overJoin {
			return withFilter(f.Input, append(expr.Conjuncts(f.Cond), conds...))
		}
	}
	f := &Filter{Input: n, Cond: expr.Conjoin(conds)}
	if j, ok := n.(*Join); ok {
		if next, changed := filterOverJoin(f, j); changed {
			return next
		}
	}
	return f
}

func conjoinWith(cond expr.Expr, more []expr.Expr) expr.Expr {
	if cond != nil {
		more = append(expr.Conjuncts(cond), more...)
	}
	return expr.Conjoin(more)
}
