package planner

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/exec"
	"auger/internal/expr"
	"auger/internal/sqlstate"
)

// SubqueryValues computes correlated subqueries for the rows of its input:
// its rows are the input's columns, then one column per subquery. The
// subqueries' plans are not children: each runs when a row's outer values
// are known. A subquery whose Guard is not true for a row is not run for
// it (its value there is NULL, and unused): a CASE branch the row does not
// take, say.
type SubqueryValues struct {
	Input  Node
	Subs   []*expr.Subquery // their Outer values over Input's columns
	Guards []expr.Expr      // one per subquery, over Input's columns; nil: always run
}

// Schema implements Node.
func (v *SubqueryValues) Schema() *arrow.Schema {
	fields := append([]arrow.Field{}, v.Input.Schema().Fields()...)
	for _, s := range v.Subs {
		fields = append(fields, arrow.Field{Name: s.Kind, Type: s.Typ, Nullable: true})
	}
	return arrow.NewSchema(fields, nil)
}

// Children implements Node.
func (v *SubqueryValues) Children() []Node { return []Node{v.Input} }

// WithChildren implements Node.
func (v *SubqueryValues) WithChildren(c ...Node) Node {
	return &SubqueryValues{Input: c[0], Subs: v.Subs, Guards: v.Guards}
}

// Describe implements Node.
func (v *SubqueryValues) Describe() string {
	subs := make([]expr.Expr, len(v.Subs))
	for i, s := range v.Subs {
		subs[i] = s
	}
	return "SubqueryValues " + exprList(subs)
}

// buildSubqueryValues builds the operator that runs the subqueries.
func buildSubqueryValues(ctx context.Context, v *SubqueryValues) (exec.Operator, error) {
	input, err := Build(ctx, v.Input)
	if err != nil {
		return nil, err
	}
	specs := make([]exec.SubquerySpec, len(v.Subs))
	for i, s := range v.Subs {
		specs[i] = subquerySpec(s)
		specs[i].Guard = v.Guards[i]
	}
	input = materializedFor(ctx, input, v.Input, innerPlans(v))
	return exec.NewSubqueries(ctx, input, specs, v.Schema()), nil
}

// withSubqueryValues rewrites a node whose expressions hold correlated
// subqueries into the same node over a SubqueryValues that computes them,
// reading their columns instead; a node that yields its input's columns is
// followed by a Project that drops them again.
func withSubqueryValues(n Node, subs []*expr.Subquery) (Node, error) {
	if j, ok := n.(*Join); ok {
		return joinWithSubqueries(j, subs)
	}
	child := n.Children()[0]
	width := child.Schema().NumFields()
	guards := subqueryGuards(n, subs)
	replaced, err := mapNodeExprs(n, func(e expr.Expr) (expr.Expr, error) { return subqueryColumns(e, subs, width), nil })
	if err != nil {
		return nil, err
	}
	replaced = replaced.WithChildren(&SubqueryValues{Input: child, Subs: subs, Guards: guards})
	switch n.(type) {
	case *Project, *Aggregate:
		return replaced, nil
	}
	return withoutColumns(replaced, width, len(subs)), nil
}

// subqueryColumns puts column width+i in place of subquery subs[i].
func subqueryColumns(e expr.Expr, subs []*expr.Subquery, width int) expr.Expr {
	return expr.Rewrite(e, func(x expr.Expr) (expr.Expr, bool) {
		for i, s := range subs {
			if x == expr.Expr(s) {
				return &expr.Column{Index: width + i, Name: s.Kind, Typ: s.Typ}, true
			}
		}
		return nil, false
	})
}

// withoutColumns projects away count columns of a node's rows, from
// position from on.
func withoutColumns(n Node, from, count int) Node {
	schema := n.Schema()
	var exprs []expr.Expr
	var names []string
	for i, f := range schema.Fields() {
		if i < from || i >= from+count {
			exprs = append(exprs, &expr.Column{Index: i, Name: f.Name, Typ: f.Type})
			names = append(names, f.Name)
		}
	}
	return &Project{Input: n, Exprs: exprs, Names: names}
}

// joinWithSubqueries plans a join whose condition holds correlated
// subqueries. An inner join checks the conditions that hold them on the
// joined rows; an outer join computes them on the side whose columns they
// read, before joining.
func joinWithSubqueries(j *Join, subs []*expr.Subquery) (Node, error) {
	if j.Kind == InnerJoin {
		var keep, moved []expr.Expr
		for _, c := range expr.Conjuncts(j.Cond) {
			if len(correlatedIn(c)) > 0 {
				moved = append(moved, c)
			} else {
				keep = append(keep, c)
			}
		}
		join := &Join{Left: j.Left, Right: j.Right, Kind: j.Kind}
		if len(keep) > 0 {
			join.Cond = expr.Conjoin(keep)
		}
		return &Filter{Input: join, Cond: expr.Conjoin(moved)}, nil
	}
	width := j.Left.Schema().NumFields()
	onLeft, onRight := true, true
	for _, s := range subs {
		for _, o := range s.Outer {
			lo, hi := columnRange(o)
			onLeft = onLeft && hi < width
			onRight = onRight && (lo < 0 || lo >= width)
		}
	}
	switch {
	case onLeft && (j.Kind == LeftJoin || j.Kind == RightJoin || j.Kind == FullJoin):
		return joinSideValues(j, subs, true)
	case onRight && (j.Kind == LeftJoin || j.Kind == RightJoin || j.Kind == FullJoin):
		return joinSideValues(j, subs, false)
	}
	return nil, sqlstate.New(sqlstate.FeatureNotSupported,
		"a correlated subquery reading both sides of an outer join's condition is not supported yet")
}

// columnRange is the lowest and highest column an expression reads; -1, -1
// when it reads none.
func columnRange(e expr.Expr) (int, int) {
	lo, hi := -1, -1
	expr.Walk(e, func(x expr.Expr) {
		if c, ok := x.(*expr.Column); ok {
			if lo < 0 || c.Index < lo {
				lo = c.Index
			}
			if c.Index > hi {
				hi = c.Index
			}
		}
	})
	return lo, hi
}

// joinSideValues computes a join condition's subqueries on one side of the
// join (the left, or the right), whose columns alone they read.
func joinSideValues(j *Join, subs []*expr.Subquery, left bool) (Node, error) {
	width := j.Left.Schema().NumFields()
	rwidth := j.Right.Schema().NumFields()
	k := len(subs)
	shift := 0
	if !left {
		shift = -width
	}
	sideSubs := make([]*expr.Subquery, k)
	guards := make([]expr.Expr, k)
	for i, s := range subs {
		c := *s
		c.Outer = shiftColumns(s.Outer, shift)
		sideSubs[i] = &c
	}
	cond := expr.Rewrite(j.Cond, func(x expr.Expr) (expr.Expr, bool) {
		for i, s := range subs {
			if x == expr.Expr(s) {
				at := width + rwidth + i
				if left {
					at = width + i
				}
				return &expr.Column{Index: at, Name: s.Kind, Typ: s.Typ}, true
			}
		}
		if c, ok := x.(*expr.Column); ok && left && c.Index >= width {
			return &expr.Column{Index: c.Index + k, Name: c.Name, Typ: c.Typ}, true
		}
		return nil, false
	})
	join := &Join{Left: j.Left, Right: j.Right, Kind: j.Kind, Cond: cond}
	if left {
		join.Left = &SubqueryValues{Input: j.Left, Subs: sideSubs, Guards: guards}
		return withoutColumns(join, width, k), nil
	}
	join.Right = &SubqueryValues{Input: j.Right, Subs: sideSubs, Guards: guards}
	return withoutColumns(join, width+rwidth, k), nil
}

// shiftColumns moves the column references of expressions by delta.
func shiftColumns(es []expr.Expr, delta int) []expr.Expr {
	out := make([]expr.Expr, len(es))
	for i, e := range es {
		out[i] = expr.MapColumns(e, func(c *expr.Column) expr.Expr {
			return &expr.Column{Index: c.Index + delta, Name: c.Name, Typ: c.Typ}
		})
	}
	return out
}
