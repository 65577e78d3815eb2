package planner

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

var arithOps = map[string]expr.ArithOp{"+": expr.Add, "-": expr.Sub, "*": expr.Mul, "/": expr.Div, "%": expr.Mod}

// bindArith types an arithmetic expression as PostgreSQL does: integers
// widen to the wider operand (int4 + int4 is int4, and overflows as int4),
// integers with numeric give numeric, anything with a float gives double
// precision (real with real stays real).
func bindArith(op expr.ArithOp, l, r bound, pos int) (bound, error) {
	if temporalOperand(l) || temporalOperand(r) {
		return resolveOperator(op.String(), []bound{l, r}, pos)
	}
	if l.Unknown && !r.Unknown {
		le, err := literalAs(l, r.Expr.Type(), pos)
		if err != nil {
			return bound{}, err
		}
		l = bound{Expr: le}
	}
	if r.Unknown && !l.Unknown {
		re, err := literalAs(r, l.Expr.Type(), pos)
		if err != nil {
			return bound{}, err
		}
		r = bound{Expr: re}
	}
	lt, rt := l.Expr.Type(), r.Expr.Type()
	left, right, result, err := arithTypes(op, lt, rt)
	if err != nil {
		return bound{}, err.At(pos + 1)
	}
	return bound{Expr: &expr.Arith{Op: op, Left: castTo(l.Expr, left), Right: castTo(r.Expr, right), Typ: result}}, nil
}

// arithTypes returns the types the operands are brought to and the
// result's type.
func arithTypes(op expr.ArithOp, a, b arrow.DataType) (left, right, result arrow.DataType, err *sqlstate.Error) {
	ca, cb := classOf(a), classOf(b)
	numeric := func(c typeClass) bool { return c == classInteger || c == classDecimal || c == classFloat }
	noOperator := sqlstate.New(sqlstate.UndefinedFunction, "operator does not exist: %s %s %s",
		types.PostgresName(a), op, types.PostgresName(b))
	switch {
	case !numeric(ca) || !numeric(cb):
		return nil, nil, nil, noOperator
	case ca == classFloat || cb == classFloat:
		if op == expr.Mod {
			return nil, nil, nil, noOperator
		}
		t := arrow.DataType(arrow.PrimitiveTypes.Float64)
		if a.ID() == arrow.FLOAT32 && b.ID() == arrow.FLOAT32 {
			t = a
		}
		return t, t, t, nil
	case ca == classInteger && cb == classInteger:
		w := wider(a, b)
		if w.ID() == arrow.INT8 || w.ID() == arrow.UINT8 {
			w = arrow.PrimitiveTypes.Int16
		}
		return w, w, w, nil
	}
	da, db := asDecimal(a), asDecimal(b)
	if res, ok := decimalResult(op, da, db); ok {
		if res.ID() == arrow.DECIMAL256 {
			da, db = asDecimal256(da), asDecimal256(db)
		}
		return da, db, res, nil
	}
	// Beyond 38 digits, with the unconstrained numeric, and for division
	// and modulo: exact arithmetic of any precision, value by value.
	return a, b, types.Numeric, nil
}

// asDecimal gives an integer type the decimal type that holds it exactly.
func asDecimal(dt arrow.DataType) arrow.DataType {
	if _, ok := dt.(arrow.DecimalType); ok || dt == types.Numeric {
		return dt
	}
	digits := map[arrow.Type]int32{arrow.INT8: 3, arrow.INT16: 5, arrow.INT32: 10, arrow.INT64: 19, arrow.UINT8: 3,
		arrow.UINT16: 5, arrow.UINT32: 10}[dt.ID()]
	return &arrow.Decimal128Type{Precision: digits, Scale: 0}
}

// asDecimal256 is the Decimal256 type of a decimal's precision and scale.
func asDecimal256(dt arrow.DataType) arrow.DataType {
	d := dt.(arrow.DecimalType)
	return &arrow.Decimal256Type{Precision: d.GetPrecision(), Scale: d.GetScale()}
}

// decimalResult is the Decimal128 type (Decimal256 beyond 38 digits) of
// numeric + - * with PostgreSQL's result scales: the larger scale for +
// and -, the sum of the scales for *. ok is false where the result needs
// the unconstrained Numeric: more than 76 digits, a Numeric operand,
// division (each quotient has its own scale) and modulo.
func decimalResult(op expr.ArithOp, a, b arrow.DataType) (arrow.DataType, bool) {
	da, okA := a.(arrow.DecimalType)
	db, okB := b.(arrow.DecimalType)
	if !okA || !okB {
		return nil, false
	}
	pa, sa, pb, sb := da.GetPrecision(), da.GetScale(), db.GetPrecision(), db.GetScale()
	var precision, scale int32
	switch op {
	case expr.Add, expr.Sub:
		scale = max(sa, sb)
		precision = max(pa-sa, pb-sb) + scale + 1
	case expr.Mul:
		scale = sa + sb
		precision = pa + pb + 1
	default:
		return nil, false
	}
	switch {
	case precision <= 38:
		return &arrow.Decimal128Type{Precision: precision, Scale: scale}, true
	case precision <= 76:
		return &arrow.Decimal256Type{Precision: precision, Scale: scale}, true
	}
	return nil, false
}

func bindArithOp(sc *scope, n *sql.BinaryOp, op expr.ArithOp) (bound, error) {
	l, err := bindExpr(sc, n.Left)
	if err != nil {
		return bound{}, err
	}
	r, err := bindExpr(sc, n.Right)
	if err != nil {
		return bound{}, err
	}
	if op == expr.Sub && jsonbOperand(l) {
		return resolveOperator(n.Op, []bound{l, r}, n.Pos())
	}
	return bindArith(op, l, r, n.Pos())
}

// negate is unary minus: 0 - x in x's type, so -(-2147483648) overflows as
// in PostgreSQL.
func negate(b bound, pos int) (bound, error) {
	zero, err := types.CastScalar(scalar.NewInt64Scalar(0), b.Expr.Type())
	if err != nil {
		return bound{}, unsupported("unary minus on "+types.PostgresName(b.Expr.Type()), pos)
	}
	return bindArith(expr.Sub, bound{Expr: &expr.Literal{Value: zero}}, b, pos)
}
