package planner

import (
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
)

// decorrelate turns correlated EXISTS, NOT EXISTS, IN and NOT IN in a
// WHERE (or HAVING) conjunct into joins, so that they run as one hash join
// instead of once per outer row: EXISTS and IN become semi joins, NOT
// EXISTS an anti join, and NOT IN an anti join whose condition also counts
// a NULL comparison as a match (x NOT IN a set holding NULL is never true).
// It applies when the subquery is its Projects over an optional Filter over
// a plan that reads no outer value; the Filter's condition becomes the
// join's, outer values reading the left side.
func decorrelate(n Node) (Node, bool) {
	return transformUp(n, func(n Node) (Node, bool) {
		f, ok := n.(*Filter)
		if !ok {
			return n, false
		}
		input := f.Input
		var kept []expr.Expr
		changed := false
		for _, c := range expr.Conjuncts(f.Cond) {
			if join, ok := semiOrAnti(input, c); ok {
				input, changed = join, true
				continue
			}
			kept = append(kept, c)
		}
		if !changed {
			return n, false
		}
		if len(kept) == 0 {
			return input, true
		}
		return &Filter{Input: input, Cond: expr.Conjoin(kept)}, true
	})
}

// semiOrAnti is the join that computes one conjunct, when it can.
func semiOrAnti(left Node, c expr.Expr) (Node, bool) {
	negated := false
	if not, ok := c.(*expr.Not); ok {
		c, negated = not.Arg, true
	}
	s, ok := c.(*expr.Subquery)
	if !ok || len(s.Outer) == 0 || (s.Kind != "exists" && s.Kind != "in") {
		return nil, false
	}
	outputs, cond, right, ok := correlatedBody(s.Plan.(Node))
	if !ok {
		return nil, false
	}
	width := left.Schema().NumFields()
	toJoin := func(e expr.Expr) expr.Expr { return joinSide(e, s.Outer, width) }
	var conds, inner []expr.Expr
	if cond != nil {
		for _, c := range expr.Conjuncts(cond) {
			switch {
			case !readsOuterValue(c):
				inner = append(inner, c)
			case len(correlatedIn(c)) > 0:
				return nil, false
			default:
				conds = append(conds, toJoin(c))
			}
		}
	}
	right = withFilter(right, inner)
	if s.Kind == "in" {
		match := expr.Expr(&expr.Compare{Op: expr.Eq, Left: s.Arg, Right: toJoin(outputs[0])})
		if negated {
			match = coalesceOf(match, &expr.Literal{Value: scalar.NewBooleanScalar(true)})
		}
		conds = append(conds, match)
	}
	join := &Join{Left: left, Right: right, Kind: SemiJoin}
	if negated {
		join.Kind = AntiJoin
	}
	if len(conds) > 0 {
		join.Cond = expr.Conjoin(conds)
	}
	return join, true
}

// correlatedBody splits a subquery plan into its output expressions and
// condition, both over right, a plan that reads no outer value.
func correlatedBody(plan Node) ([]expr.Expr, expr.Expr, Node, bool) {
	var outputs []expr.Expr
	for {
		p, ok := plan.(*Project)
		if !ok {
			break
		}
		outputs = composed(outputs, p.Exprs)
		plan = p.Input
	}
	var cond expr.Expr
	if f, ok := plan.(*Filter); ok {
		cond, plan = f.Cond, f.Input
	}
	if readsOuter(plan) {
		return nil, nil, nil, false
	}
	if outputs == nil {
		outputs, _ = passThrough(plan.Schema())
	}
	return outputs, cond, plan, true
}

// composed rewrites the expressions of an upper Project over the one below.
func composed(upper, lower []expr.Expr) []expr.Expr {
	if upper == nil {
		return lower
	}
	out := make([]expr.Expr, len(upper))
	for i, e := range upper {
		out[i] = expr.MapColumns(e, func(c *expr.Column) expr.Expr { return lower[c.Index] })
	}
	return out
}

// joinSide rewrites an expression over a subquery's body into one over the
// join: outer values read the left side, the body's columns the right.
func joinSide(e expr.Expr, outer []expr.Expr, width int) expr.Expr {
	return expr.Rewrite(e, func(x expr.Expr) (expr.Expr, bool) {
		switch t := x.(type) {
		case *expr.Correlated:
			return outer[t.Slot], true
		case *expr.Column:
			return &expr.Column{Index: t.Index + width, Name: t.Name, Typ: t.Typ}, true
		}
		return nil, false
	})
}

// readsOuter tells whether a plan reads an outer value anywhere.
func readsOuter(n Node) bool {
	found := false
	_, _ = rewritePlan(n, func(e expr.Expr) (expr.Expr, error) {
		found = found || readsOuterValue(e)
		return e, nil
	})
	return found
}

// readsOuterValue tells whether an expression reads a Correlated slot
// (its subqueries' outer values included).
func readsOuterValue(e expr.Expr) bool {
	found := false
	expr.Walk(e, func(x expr.Expr) {
		if _, ok := x.(*expr.Correlated); ok {
			found = true
		}
	})
	return found
}

// correlatedIn lists the correlated subqueries of an expression.
func correlatedIn(e expr.Expr) []*expr.Subquery {
	var out []*expr.Subquery
	expr.Walk(e, func(x expr.Expr) {
		if s, ok := x.(*expr.Subquery); ok && len(s.Outer) > 0 {
			out = append(out, s)
		}
	})
	return out
}
