package sql

import (
	pg "github.com/pganalyze/pg_query_go/v6"
)

// transformWordOperator reads IS [NOT] DISTINCT FROM as a BinaryOp of
// that name, and [NOT] SIMILAR TO as the regular-expression match ~ (!~)
// of similar_to_escape(pattern [, escape]), as PostgreSQL's grammar
// writes it.
func transformWordOperator(a *pg.A_Expr) (Expr, error) {
	op := operatorName(a.Name)
	switch a.Kind {
	case pg.A_Expr_Kind_AEXPR_DISTINCT:
		op = "IS DISTINCT FROM"
	case pg.A_Expr_Kind_AEXPR_NOT_DISTINCT:
		op = "IS NOT DISTINCT FROM"
	}
	left, err := transformExpr(a.Lexpr)
	if err != nil {
		return nil, err
	}
	right, err := transformExpr(a.Rexpr)
	if err != nil {
		return nil, err
	}
	return &BinaryOp{Op: op, Left: left, Right: right, Location: int(a.Location)}, nil
}

// transformBetweenSymmetric reads a [NOT] BETWEEN SYMMETRIC b AND c: the
// bounds in either order.
func transformBetweenSymmetric(a *pg.A_Expr) (Expr, error) {
	arg, err := transformExpr(a.Lexpr)
	if err != nil {
		return nil, err
	}
	bounds, err := transformList(a.Rexpr)
	if err != nil {
		return nil, err
	}
	loc := int(a.Location)
	between := func(lo, hi Expr) Expr {
		return &BoolOp{Op: "AND", Location: loc, Args: []Expr{
			&BinaryOp{Op: ">=", Left: arg, Right: lo, Location: loc},
			&BinaryOp{Op: "<=", Left: arg, Right: hi, Location: loc}}}
	}
	outside := func(lo, hi Expr) Expr {
		return &BoolOp{Op: "OR", Location: loc, Args: []Expr{
			&BinaryOp{Op: "<", Left: arg, Right: lo, Location: loc},
			&BinaryOp{Op: ">", Left: arg, Right: hi, Location: loc}}}
	}
	if a.Kind == pg.A_Expr_Kind_AEXPR_NOT_BETWEEN_SYM {
		return &BoolOp{Op: "AND", Location: loc, Args: []Expr{outside(bounds[0], bounds[1]), outside(bounds[1], bounds[0])}}, nil
	}
	return &BoolOp{Op: "OR", Location: loc, Args: []Expr{between(bounds[0], bounds[1]), between(bounds[1], bounds[0])}}, nil
}

var boolTests = map[pg.BoolTestType]string{
	pg.BoolTestType_IS_TRUE: "IS TRUE", pg.BoolTestType_IS_NOT_TRUE: "IS NOT TRUE",
	pg.BoolTestType_IS_FALSE: "IS FALSE", pg.BoolTestType_IS_NOT_FALSE: "IS NOT FALSE",
	pg.BoolTestType_IS_UNKNOWN: "IS UNKNOWN", pg.BoolTestType_IS_NOT_UNKNOWN: "IS NOT UNKNOWN",
}

func transformBooleanTest(t *pg.BooleanTest) (Expr, error) {
	arg, err := transformExpr(t.Arg)
	if err != nil {
		return nil, err
	}
	return &BoolTest{Arg: arg, Test: boolTests[t.Booltesttype], Location: int(t.Location)}, nil
}
