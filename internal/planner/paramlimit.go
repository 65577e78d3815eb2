package planner

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// ParamLimit is a LIMIT or OFFSET whose count is a parameter, or an
// expression of parameters (`LIMIT $1`, `OFFSET $2 * 10`): it stands in
// the plan of a prepared statement until the values are bound, when it
// becomes a Limit. As in PostgreSQL, the counts are bigint.
type ParamLimit struct {
	Input         Node
	Offset, Count expr.Expr // nil where absent
}

// Schema implements Node.
func (l *ParamLimit) Schema() *arrow.Schema { return l.Input.Schema() }

// Children implements Node.
func (l *ParamLimit) Children() []Node { return []Node{l.Input} }

// WithChildren implements Node.
func (l *ParamLimit) WithChildren(c ...Node) Node {
	return &ParamLimit{Input: c[0], Offset: l.Offset, Count: l.Count}
}

// Describe implements Node.
func (l *ParamLimit) Describe() string {
	return fmt.Sprintf("Limit offset=%v count=%v", l.Offset, l.Count)
}

// bindLimit plans LIMIT and OFFSET over plan: a Limit when their counts
// are known (constants, or expressions of constants), else a ParamLimit
// of their bigint expressions.
func (b *Binder) bindLimit(ctx context.Context, plan Node, limit, offset sql.Expr) (Node, error) {
	if limit == nil && offset == nil {
		return plan, nil
	}
	if isCountConstant(limit) && isCountConstant(offset) {
		count, err := constCount(limit, "LIMIT", -1)
		if err != nil {
			return nil, err
		}
		skip, err := constCount(offset, "OFFSET", 0)
		if err != nil {
			return nil, err
		}
		return &Limit{Input: plan, Offset: skip, Count: count}, nil
	}
	count, err := b.bindCount(ctx, limit, "LIMIT")
	if err != nil {
		return nil, err
	}
	skip, err := b.bindCount(ctx, offset, "OFFSET")
	if err != nil {
		return nil, err
	}
	l := &ParamLimit{Input: plan, Offset: skip, Count: count}
	if !hasParam(count) && !hasParam(skip) {
		return l.bindValues(nil)
	}
	return l, nil
}

// hasParam reports whether e uses a parameter.
func hasParam(e expr.Expr) bool {
	if _, ok := e.(*expr.Param); ok {
		return true
	}
	if e == nil {
		return false
	}
	for _, c := range expr.Children(e) {
		if hasParam(c) {
			return true
		}
	}
	return false
}

// isCountConstant reports whether e is absent or an integer or NULL
// constant, which constCount reads.
func isCountConstant(e sql.Expr) bool {
	c, ok := e.(*sql.Const)
	return e == nil || ok && (c.Kind == sql.ConstInteger || c.Kind == sql.ConstNull)
}

// bindCount binds the expression of a LIMIT or OFFSET clause as bigint;
// it may not refer to columns.
func (b *Binder) bindCount(ctx context.Context, e sql.Expr, clause string) (expr.Expr, error) {
	if e == nil {
		return nil, nil
	}
	sc := &scope{schema: arrow.NewSchema(nil, nil), binder: b, clause: clause, ctx: ctx}
	bnd, err := bindExpr(sc, e)
	if err != nil {
		if sqlstate.Code(err) == sqlstate.UndefinedColumn {
			return nil, sqlstate.New(sqlstate.InvalidColumnReference, "argument of %s must not contain variables", clause).At(e.Pos() + 1)
		}
		return nil, err
	}
	if bnd.Unknown {
		return literalAs(bnd, arrow.PrimitiveTypes.Int64, e.Pos())
	}
	return castTo(bnd.Expr, arrow.PrimitiveTypes.Int64), nil
}

// bindValues turns the ParamLimit, its parameters bound, into a Limit.
func (l *ParamLimit) bindValues(values []scalar.Scalar) (Node, error) {
	count, err := boundCount(l.Count, values, "LIMIT", -1)
	if err != nil {
		return nil, err
	}
	skip, err := boundCount(l.Offset, values, "OFFSET", 0)
	if err != nil {
		return nil, err
	}
	return &Limit{Input: l.Input, Offset: skip, Count: count}, nil
}

// boundCount computes a LIMIT or OFFSET count from the bound values;
// NULL, or no clause, means def.
func boundCount(e expr.Expr, values []scalar.Scalar, clause string, def int64) (int64, error) {
	if e == nil {
		return def, nil
	}
	e, err := bindValuesIn(e, values)
	if err != nil {
		return 0, err
	}
	e, _ = foldExpr(e)
	lit, ok := e.(*expr.Literal)
	if !ok {
		return 0, sqlstate.New(sqlstate.FeatureNotSupported, "this %s expression is not supported yet", clause)
	}
	if !lit.Value.IsValid() {
		return def, nil
	}
	n := lit.Value.(*scalar.Int64).Value
	if n < 0 {
		code := sqlstate.InvalidRowCountInLimit
		if clause == "OFFSET" {
			code = sqlstate.InvalidRowCountInOffset
		}
		return 0, sqlstate.New(code, "%s must not be negative", clause)
	}
	return n, nil
}
