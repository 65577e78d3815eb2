package planner

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/exec"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// bindSubquery plans a subquery in an expression. It may read the columns
// of the query around it (a correlated subquery): those become its Outer
// values.
func bindSubquery(sc *scope, s *sql.SubqueryExpr) (bound, error) {
	if sc.binder == nil {
		return bound{}, unsupported("a subquery here", s.Pos())
	}
	if _, ok := s.Arg.(*sql.Row); ok {
		return bindRowSubquery(sc, rowTestOf(s))
	}
	plan, outer, err := sc.binder.bindCorrelated(sc.ctx, sc, s.Query)
	if err != nil {
		return bound{}, err
	}
	schema := plan.Schema()
	switch {
	case (s.Kind == "scalar" || s.Kind == "array") && schema.NumFields() != 1:
		return bound{}, sqlstate.New(sqlstate.SyntaxError, "subquery must return only one column").At(s.Pos() + 1)
	case s.Kind != "scalar" && s.Kind != "exists" && schema.NumFields() > 1:
		return bound{}, sqlstate.New(sqlstate.SyntaxError, "subquery has too many columns").At(s.Pos() + 1)
	}
	switch s.Kind {
	case "exists":
		return bound{Expr: &expr.Subquery{Kind: "exists", Plan: plan, Outer: outer, Typ: arrow.FixedWidthTypes.Boolean}}, nil
	case "scalar":
		return bound{Expr: &expr.Subquery{Kind: "scalar", Plan: plan, Outer: outer, Typ: schema.Field(0).Type}}, nil
	case "array":
		return bound{Expr: &expr.Subquery{Kind: "array", Plan: plan, Outer: outer, Typ: types.ArrayOf(schema.Field(0).Type)}}, nil
	}
	arg, err := bindExpr(sc, s.Arg)
	if err != nil {
		return bound{}, err
	}
	op := "="
	if s.Kind != "in" {
		op = s.Op
	}
	item := bound{Expr: &expr.Column{Name: "subquery", Typ: schema.Field(0).Type}}
	left, right, err := unify(arg, item, op, s.Pos())
	if err != nil {
		return bound{}, err
	}
	if !arrow.TypeEqual(right.Type(), schema.Field(0).Type) {
		plan = castColumns(plan, []arrow.DataType{right.Type()})
	}
	return bound{Expr: &expr.Subquery{Kind: s.Kind, Op: compareOps[op], Arg: left, Plan: plan, Outer: outer,
		Typ: arrow.FixedWidthTypes.Boolean}}, nil
}

// ResolveSubqueries runs the subqueries in a plan's expressions and puts
// their results in their place, and computes the calls that are constant
// for the statement (now(), current_date, and functions of constants);
// it runs just before the plan does.
func ResolveSubqueries(ctx context.Context, n Node) (Node, error) {
	return resolveAt(ctx, n, time.Now())
}

func resolveAt(ctx context.Context, n Node, now time.Time) (Node, error) {
	children := n.Children()
	if len(children) > 0 {
		next := make([]Node, len(children))
		for i, c := range children {
			r, err := resolveAt(ctx, c, now)
			if err != nil {
				return nil, err
			}
			next[i] = r
		}
		n = n.WithChildren(next...)
	}
	return mapNodeExprs(n, func(e expr.Expr) (expr.Expr, error) { return resolveIn(ctx, e, now) })
}

// resolveIn replaces the subqueries of one expression, then, bottom up,
// the calls whose arguments have become constants.
func resolveIn(ctx context.Context, e expr.Expr, now time.Time) (expr.Expr, error) {
	if n, ok := e.(*expr.Subquery); ok {
		if len(n.Outer) > 0 {
			return n, nil // runs once per outer row, in its operator
		}
		return runSubquery(ctx, n)
	}
	children := expr.Children(e)
	if len(children) > 0 {
		next := make([]expr.Expr, len(children))
		for i, c := range children {
			r, err := resolveIn(ctx, c, now)
			if err != nil {
				return nil, err
			}
			next[i] = r
		}
		e = expr.WithChildren(e, next)
	}
	if f, ok := e.(*expr.Func); ok && exec.Foldable(f, true) {
		v, err := exec.EvalConstant(f, now, exec.SessionOf(ctx))
		if err != nil {
			return nil, err
		}
		return &expr.Literal{Value: v}, nil
	}
	return e, nil
}

// runSubquery executes a subquery and turns its rows into an expression.
func runSubquery(ctx context.Context, s *expr.Subquery) (expr.Expr, error) {
	if s.Kind == "array" {
		return runArraySubquery(ctx, s)
	}
	values, err := collectValues(ctx, s.Plan.(Node), s.Kind == "exists")
	if err != nil {
		return nil, err
	}
	switch s.Kind {
	case "exists":
		return &expr.Literal{Value: scalar.NewBooleanScalar(len(values) > 0)}, nil
	case "scalar":
		if len(values) > 1 {
			return nil, sqlstate.New("21000", "more than one row returned by a subquery used as an expression")
		}
		if len(values) == 0 {
			return &expr.Literal{Value: scalar.MakeNullScalar(s.Typ)}, nil
		}
		return &expr.Literal{Value: values[0]}, nil
	}
	if s.Kind == "any" || s.Kind == "all" {
		return quantified(s, values), nil
	}
	if len(values) == 0 {
		return &expr.Literal{Value: scalar.NewBooleanScalar(false)}, nil
	}
	list := make([]expr.Expr, len(values))
	for i, v := range values {
		list[i] = &expr.Literal{Value: v}
	}
	return &expr.InList{Arg: s.Arg, List: list}, nil
}

// quantified is `arg op ANY|ALL (values)` as comparisons with each value:
// ANY their OR, ALL their AND, which gives SQL's NULL rules; over no values
// ANY is false and ALL true.
func quantified(s *expr.Subquery, values []scalar.Scalar) expr.Expr {
	if len(values) == 0 {
		return &expr.Literal{Value: scalar.NewBooleanScalar(s.Kind == "all")}
	}
	cmps := make([]expr.Expr, len(values))
	for i, v := range values {
		cmps[i] = &expr.Compare{Op: s.Op, Left: s.Arg, Right: &expr.Literal{Value: v}}
	}
	if len(cmps) == 1 {
		return cmps[0]
	}
	if s.Kind == "all" {
		return &expr.And{Args: cmps}
	}
	return &expr.Or{Args: cmps}
}

// collectValues runs a plan and returns its first column's values (just
// whether there is a row, when rowsOnly).
func collectValues(ctx context.Context, plan Node, rowsOnly bool) ([]scalar.Scalar, error) {
	resolved, err := ResolveSubqueries(ctx, Optimize(plan, OptionsOf(ctx)))
	if err != nil {
		return nil, err
	}
	op, err := Build(ctx, resolved)
	if err != nil {
		return nil, err
	}
	defer op.Close()
	var out []scalar.Scalar
	for {
		b, err := op.Next(ctx)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		for r := 0; r < int(b.NumRows()); r++ {
			if rowsOnly {
				out = append(out, nil)
				continue
			}
			v, err := scalar.GetScalar(b.Column(0), r)
			if err != nil {
				b.Release()
				return nil, err
			}
			out = append(out, v)
		}
		b.Release()
		if rowsOnly && len(out) > 0 {
			return out, nil
		}
	}
}

// mapNodeExprs rewrites the expressions a node holds.
func mapNodeExprs(n Node, f func(expr.Expr) (expr.Expr, error)) (Node, error) {
	all := func(es []expr.Expr) ([]expr.Expr, error) {
		out := make([]expr.Expr, len(es))
		for i, e := range es {
			r, err := f(e)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	}
	var err error
	switch t := n.(type) {
	case *Filter:
		c := *t
		c.Cond, err = f(t.Cond)
		return &c, err
	case *Project:
		c := *t
		c.Exprs, err = all(t.Exprs)
		return &c, err
	case *Join:
		c := *t
		if t.Cond != nil {
			c.Cond, err = f(t.Cond)
		}
		return &c, err
	case *Aggregate:
		c := *t
		if c.Groups, err = all(t.Groups); err != nil {
			return nil, err
		}
		c.Aggs = make([]AggCall, len(t.Aggs))
		for i, a := range t.Aggs {
			if c.Aggs[i], err = a.mapExprs(f); err != nil {
				return nil, err
			}
		}
		return &c, nil
	case *Window:
		return t.mapExprs(f)
	case *LateralJoin:
		c := *t
		c.Outer, err = all(t.Outer)
		return &c, err
	case *DistinctOn:
		c := *t
		c.Keys, err = all(t.Keys)
		return &c, err
	case *ProjectSet:
		return t.mapExprs(f)
	case *Sort:
		c := *t
		c.Keys, err = mapSortKeys(t.Keys, f)
		return &c, err
	case *TopN:
		c := *t
		c.Keys, err = mapSortKeys(t.Keys, f)
		return &c, err
	}
	return n, nil
}

func mapSortKeys(keys []SortKey, f func(expr.Expr) (expr.Expr, error)) ([]SortKey, error) {
	out := append([]SortKey{}, keys...)
	for i := range out {
		var err error
		if out[i].Expr, err = f(keys[i].Expr); err != nil {
			return nil, err
		}
	}
	return out, nil
}
