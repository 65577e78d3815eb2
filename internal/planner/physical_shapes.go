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

// buildQueryShape builds nodes whose expressions hold correlated
// subqueries (over a SubqueryValues that computes them) and the operators
// of the nodes this file adds; ok is false for the others, which Build
// handles.
func buildQueryShape(ctx context.Context, n Node) (exec.Operator, bool, error) {
	if subs := correlatedSubqueries(n); len(subs) > 0 {
		planned, err := withSubqueryValues(n, subs)
		if err != nil {
			return nil, true, err
		}
		op, err := Build(ctx, planned)
		return op, true, err
	}
	switch t := n.(type) {
	case *LateralJoin:
		op, err := buildLateral(ctx, t)
		return op, true, err
	case *RecursiveUnion:
		op, err := buildRecursive(ctx, t)
		return op, true, err
	case *WorkingTable:
		return nil, true, sqlstate.New(sqlstate.FeatureNotSupported, "recursive reference to query %q here", t.Name)
	case *MetadataAggregate:
		op, err := buildMetadataAggregate(ctx, t)
		return op, true, err
	case *Rows:
		t.Batch.Retain()
		return catalog.NewSliceReader(t.Batch), true, nil
	case *DistinctOn:
		input, err := Build(ctx, t.Input)
		if err != nil {
			return nil, true, err
		}
		return exec.NewDistinctOn(input, t.Keys), true, nil
	case *SubqueryValues:
		op, err := buildSubqueryValues(ctx, t)
		return op, true, err
	}
	return nil, false, nil
}

// innerPlan runs a correlated plan for given outer values: the values in
// place of its Correlated slots, then optimised and built.
func innerPlan(plan Node) exec.InnerPlan {
	return func(ctx context.Context, values []scalar.Scalar) (exec.Operator, error) {
		bound, err := substituteOuter(plan, values)
		if err != nil {
			return nil, err
		}
		resolved, err := ResolveSubqueries(ctx, Optimize(bound, OptionsOf(ctx)))
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
	left = materializedFor(ctx, left, l.Left, []Node{l.Right})
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
		resolved, err := ResolveSubqueries(ctx, Optimize(plan, OptionsOf(ctx)))
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
// expressions, each once.
func correlatedSubqueries(n Node) []*expr.Subquery {
	var out []*expr.Subquery
	seen := map[*expr.Subquery]bool{}
	for _, e := range nodeExprs(n) {
		for _, s := range correlatedIn(e) {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
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
