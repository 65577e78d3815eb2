package planner

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/expr"
	"auger/internal/sqlstate"
)

// buildQueryShape builds the operators of the nodes this file adds and of
// nodes whose expressions hold correlated subqueries; ok is false for the
// others, which Build handles.
func buildQueryShape(ctx context.Context, n Node) (exec.Operator, bool, error) {
	switch t := n.(type) {
	case *LateralJoin:
		op, err := buildLateral(ctx, t)
		return op, true, err
	case *RecursiveUnion:
		op, err := buildRecursive(ctx, t)
		return op, true, err
	case *WorkingTable:
		return nil, true, sqlstate.New(sqlstate.FeatureNotSupported, "recursive reference to query %q here", t.Name)
	case *Rows:
		t.Batch.Retain()
		return catalog.NewSliceReader(t.Batch), true, nil
	case *DistinctOn:
		input, err := Build(ctx, t.Input)
		if err != nil {
			return nil, true, err
		}
		return exec.NewDistinctOn(input, t.Keys), true, nil
	}
	subs := correlatedSubqueries(n)
	if len(subs) == 0 {
		return nil, false, nil
	}
	op, err := buildWithSubqueries(ctx, n, subs)
	return op, true, err
}

// innerPlan runs a correlated plan for given outer values: the values in
// place of its Correlated slots, then optimised and built.
func innerPlan(plan Node) exec.InnerPlan {
	return func(ctx context.Context, values []scalar.Scalar) (exec.Operator, error) {
		bound, err := substituteOuter(plan, values)
		if err != nil {
			return nil, err
		}
		resolved, err := ResolveSubqueries(ctx, Optimize(bound))
		if err != nil {
			return nil, err
		}
		return Build(ctx, resolved)
	}
}

// substituteOuter puts outer values in place of a plan's Correlated slots.
func substituteOuter(n Node, values []scalar.Scalar) (Node, error) {
	return rewritePlan(n, func(e expr.Expr) (expr.Expr, error) {
		return expr.Rewrite(e, func(x expr.Expr) (expr.Expr, bool) {
			c, ok := x.(*expr.Correlated)
			if !ok {
				return nil, false
			}
			return &expr.Literal{Value: values[c.Slot]}, true
		}), nil
	})
}

// rewritePlan rewrites every expression of a plan, the plans a recursive
// query keeps beside its children included.
func rewritePlan(n Node, f func(expr.Expr) (expr.Expr, error)) (Node, error) {
	children := n.Children()
	if len(children) > 0 {
		next := make([]Node, len(children))
		for i, c := range children {
			r, err := rewritePlan(c, f)
			if err != nil {
				return nil, err
			}
			next[i] = r
		}
		n = n.WithChildren(next...)
	}
	if r, ok := n.(*RecursiveUnion); ok {
		step, err := rewritePlan(r.Step, f)
		if err != nil {
			return nil, err
		}
		c := *r
		c.Step = step
		n = &c
	}
	return mapNodeExprs(n, f)
}

func buildLateral(ctx context.Context, l *LateralJoin) (exec.Operator, error) {
	left, err := Build(ctx, l.Left)
	if err != nil {
		return nil, err
	}
	return exec.NewLateral(ctx, left, l.Outer, innerPlan(l.Right), l.Right.Schema(), l.Kind == LeftJoin, l.Schema()), nil
}

func buildRecursive(ctx context.Context, r *RecursiveUnion) (exec.Operator, error) {
	anchor, err := Build(ctx, r.Anchor)
	if err != nil {
		return nil, err
	}
	schema := r.Schema()
	step := func(ctx context.Context, working arrow.RecordBatch) (exec.Operator, error) {
		plan := withWorkingRows(r.Step, working)
		resolved, err := ResolveSubqueries(ctx, Optimize(plan))
		if err != nil {
			return nil, err
		}
		return Build(ctx, resolved)
	}
	return exec.NewRecursiveUnion(ctx, anchor, step, r.Distinct, schema), nil
}

// withWorkingRows puts rows in place of a step's working table.
func withWorkingRows(n Node, rows arrow.RecordBatch) Node {
	if _, ok := n.(*WorkingTable); ok {
		return &Rows{Batch: rows}
	}
	children := n.Children()
	if len(children) == 0 {
		return n
	}
	next := make([]Node, len(children))
	for i, c := range children {
		next[i] = withWorkingRows(c, rows)
	}
	return n.WithChildren(next...)
}

// correlatedSubqueries lists the correlated subqueries of a node's own
// expressions.
func correlatedSubqueries(n Node) []*expr.Subquery {
	var out []*expr.Subquery
	for _, e := range nodeExprs(n) {
		out = append(out, correlatedIn(e)...)
	}
	return out
}

// nodeExprs lists the expressions a node holds.
func nodeExprs(n Node) []expr.Expr {
	var out []expr.Expr
	mapNodeExprs(n, func(e expr.Expr) (expr.Expr, error) {
		out = append(out, e)
		return e, nil
	})
	return out
}

// buildWithSubqueries builds a node whose expressions hold correlated
// subqueries: a Subqueries operator appends their values to the input's
// rows, the node reads those columns instead, and a Filter or Sort is
// followed by a Project that drops them again.
func buildWithSubqueries(ctx context.Context, n Node, subs []*expr.Subquery) (exec.Operator, error) {
	children := n.Children()
	switch n.(type) {
	case *Project, *Aggregate, *Filter, *Sort:
	default:
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "a correlated subquery here (%s) is not supported yet", n.Describe())
	}
	in := children[0].Schema()
	width := in.NumFields()
	specs := make([]exec.SubquerySpec, len(subs))
	fields := append([]arrow.Field{}, in.Fields()...)
	for i, s := range subs {
		specs[i] = subquerySpec(s)
		fields = append(fields, arrow.Field{Name: s.Kind, Type: s.Typ, Nullable: true})
	}
	widened := arrow.NewSchema(fields, nil)
	replaced, err := mapNodeExprs(n, func(e expr.Expr) (expr.Expr, error) {
		return expr.Rewrite(e, func(x expr.Expr) (expr.Expr, bool) {
			for i, s := range subs {
				if x == expr.Expr(s) {
					return &expr.Column{Index: width + i, Name: s.Kind, Typ: s.Typ}, true
				}
			}
			return nil, false
		}), nil
	})
	if err != nil {
		return nil, err
	}
	input, err := Build(ctx, children[0])
	if err != nil {
		return nil, err
	}
	withValues := exec.NewSubqueries(ctx, input, specs, widened)
	return overWidened(replaced, withValues, in, n.Schema()), nil
}

// overWidened builds a node over its input widened by subquery values;
// original is its input's schema, out its own.
func overWidened(n Node, input exec.Operator, original, out *arrow.Schema) exec.Operator {
	var op exec.Operator
	switch t := n.(type) {
	case *Project:
		return exec.NewProject(input, t.Exprs, out)
	case *Aggregate:
		aggs := make([]exec.AggSpec, len(t.Aggs))
		for i, a := range t.Aggs {
			aggs[i] = exec.AggSpec{Func: a.Func, Arg: a.Arg, Distinct: a.Distinct, Sep: a.Sep, Typ: a.Typ}
		}
		return exec.NewHashAggregate(input, t.Groups, aggs, out)
	case *Filter:
		op = exec.NewFilter(input, t.Cond)
	default:
		op = exec.NewSort(input, keysOf(n.(*Sort)))
	}
	cols := make([]expr.Expr, original.NumFields())
	for i, f := range original.Fields() {
		cols[i] = &expr.Column{Index: i, Name: f.Name, Typ: f.Type}
	}
	return exec.NewProject(op, cols, original)
}

// subquerySpec is what the Subqueries operator needs of one subquery. ANY,
// ALL and IN run a plan that compares the outer value with each subquery
// value, the outer value being one more slot.
func subquerySpec(s *expr.Subquery) exec.SubquerySpec {
	plan := s.Plan.(Node)
	spec := exec.SubquerySpec{Kind: s.Kind, Outer: s.Outer, Typ: s.Typ}
	switch s.Kind {
	case "in", "any", "all":
		op := s.Op
		if s.Kind == "in" {
			spec.Kind, op = "any", expr.Eq
		}
		spec.Outer = append(append([]expr.Expr{}, s.Outer...), s.Arg)
		f := plan.Schema().Field(0)
		cmp := &expr.Compare{Op: op, Left: &expr.Correlated{Slot: len(s.Outer), Name: "arg", Typ: s.Arg.Type()},
			Right: &expr.Column{Index: 0, Name: f.Name, Typ: f.Type}}
		plan = &Project{Input: plan, Exprs: []expr.Expr{cmp}, Names: []string{"match"}}
	}
	spec.Inner = innerPlan(plan)
	return spec
}

func keysOf(s *Sort) []exec.SortKey {
	keys := make([]exec.SortKey, len(s.Keys))
	for i, k := range s.Keys {
		keys[i] = exec.SortKey{Expr: k.Expr, Desc: k.Desc, NullsFirst: k.NullsFirst}
	}
	return keys
}
