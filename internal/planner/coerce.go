package planner

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/apache/arrow-go/v18/arrow/scalar"
	"time"

	"auger/internal/exec"
	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// unify brings the operands of a comparison to one type, as PostgreSQL's
// operator resolution would: an unknown-typed string literal takes the other
// side's type; numbers widen (integers < numeric < floating point); dates
// widen to timestamps. Literals are converted at plan time, columns through
// a Cast the source may or may not accept.
func unify(l, r bound, op string, pos int) (expr.Expr, expr.Expr, error) {
	lt, rt := l.Expr.Type(), r.Expr.Type()
	if isJSON(l) || isJSON(r) {
		return nil, nil, noComparison(l, r, op, pos)
	}
	switch {
	case l.Unknown && r.Unknown:
		return l.Expr, r.Expr, nil
	case lt.ID() == arrow.NULL && (rt.ID() == arrow.NULL || r.Unknown), rt.ID() == arrow.NULL && l.Unknown:
		text := arrow.BinaryTypes.String // unknown against unknown compares as text
		return castTo(l.Expr, text), castTo(r.Expr, text), nil
	case l.Unknown:
		le, err := literalAs(l, rt, pos)
		return likeCharacter(r.Expr, le), r.Expr, err
	case r.Unknown:
		re, err := literalAs(r, lt, pos)
		return l.Expr, likeCharacter(l.Expr, re), err
	case arrow.TypeEqual(lt, rt):
		return l.Expr, r.Expr, nil
	case lt.ID() == arrow.NULL:
		return &expr.Literal{Value: scalar.MakeNullScalar(rt)}, r.Expr, nil
	case rt.ID() == arrow.NULL:
		return l.Expr, &expr.Literal{Value: scalar.MakeNullScalar(lt)}, nil
	}
	if le, re, ok := fitLiteral(l.Expr, r.Expr); ok {
		return le, re, nil
	}
	if le, re, ok := numericWithLiteral(l.Expr, r.Expr); ok {
		return le, re, nil
	}
	if re, ok := numericLiteralAs(r.Expr, lt); ok {
		return l.Expr, re, nil
	}
	if le, ok := numericLiteralAs(l.Expr, rt); ok {
		return le, r.Expr, nil
	}
	if types.IsArray(lt) || types.IsArray(rt) {
		return unifyArrays(l.Expr, r.Expr, op, pos)
	}
	if isReg(lt) && oidLike(rt) || isReg(rt) && oidLike(lt) {
		return castTo(l.Expr, oidType), castTo(r.Expr, oidType), nil
	}
	common, ok := commonType(lt, rt)
	if !ok {
		return nil, nil, noComparison(l, r, op, pos)
	}
	return castTo(l.Expr, common), castTo(r.Expr, common), nil
}

// isJSON tells whether a bound operand is a typed json value, which has no
// comparison operators (jsonb has them).
func isJSON(b bound) bool {
	_, ok := b.Expr.Type().(*extensions.JSONType)
	return ok && !b.Unknown
}

// noComparison is PostgreSQL's 42883 for a comparison of operands no
// operator takes, an untyped literal named unknown.
func noComparison(l, r bound, op string, pos int) error {
	name := func(b bound) string {
		if b.Unknown {
			return "unknown"
		}
		return types.PostgresName(b.Expr.Type())
	}
	return sqlstate.New(sqlstate.UndefinedFunction, "operator does not exist: %s %s %s", name(l), op, name(r)).
		WithHint("No operator matches the given name and argument types. You might need to add explicit type casts.").
		At(pos + 1)
}

// location is where an error about b points: at b when its position is
// known, otherwise at fallback (0-based locations).
func (b bound) location(fallback int) int {
	if b.at > 0 {
		return b.at - 1
	}
	return fallback
}

// likeCharacter reads literal, an unknown-typed literal compared with
// other, as character when other is: without its trailing blanks.
func likeCharacter(other, literal expr.Expr) expr.Expr {
	c, ok := other.(*expr.Cast)
	if !ok || c.Char.OID != types.OIDBpchar || literal == nil {
		return literal
	}
	return &expr.Cast{Arg: literal, To: c.To, Char: types.CharType{OID: types.OIDBpchar}}
}

// literalAs reads an unknown-typed literal as a value of type dt; an
// unknown-typed parameter takes type dt.
func literalAs(b bound, dt arrow.DataType, pos int) (expr.Expr, error) {
	if b.param != nil {
		return b.param.settle(b.Expr, dt), nil
	}
	style := b.style
	if style.Zone == nil {
		style = types.DefaultStyle(time.UTC)
	}
	s, err := types.ParseLiteralStyled(dt, b.Text, style)
	if err != nil {
		return nil, withPosition(err, b.location(pos))
	}
	return &expr.Literal{Value: s}, nil
}

// fitLiteral converts a numeric literal on one side to the other side's
// numeric type when that loses nothing (`small_col > 10`, `price = 9.5`),
// so the column keeps its own type and the comparison can go to the source.
func fitLiteral(l, r expr.Expr) (expr.Expr, expr.Expr, bool) {
	if lit, ok := r.(*expr.Literal); ok {
		if s, ok := losslessCast(lit.Value, l.Type()); ok {
			return l, &expr.Literal{Value: s}, true
		}
	}
	if lit, ok := l.(*expr.Literal); ok {
		if s, ok := losslessCast(lit.Value, r.Type()); ok {
			return &expr.Literal{Value: s}, r, true
		}
	}
	return nil, nil, false
}

func losslessCast(s scalar.Scalar, dt arrow.DataType) (scalar.Scalar, bool) {
	from, to := classOf(s.DataType()), classOf(dt)
	numeric := func(c typeClass) bool { return c == classInteger || c == classDecimal || c == classFloat }
	if !numeric(from) || !numeric(to) || (from == classFloat && to != classFloat) {
		return nil, false
	}
	cast, err := types.CastScalar(s, dt)
	if err != nil {
		return nil, false
	}
	back, err := types.CastScalar(cast, s.DataType())
	if err != nil || !scalar.Equals(back, s) {
		return nil, false
	}
	return cast, true
}

// numericWithLiteral compares an exact numeric (PostgreSQL's numeric
// without precision) with a number literal by reading the literal as an
// exact numeric.
func numericWithLiteral(l, r expr.Expr) (expr.Expr, expr.Expr, bool) {
	convert := func(e expr.Expr) (expr.Expr, bool) {
		lit, ok := e.(*expr.Literal)
		if !ok {
			return nil, false
		}
		switch classOf(lit.Value.DataType()) {
		case classInteger, classDecimal, classFloat:
		default:
			return nil, false
		}
		s, err := types.CastScalar(lit.Value, types.Numeric)
		return &expr.Literal{Value: s}, err == nil
	}
	if l.Type() == types.Numeric {
		if re, ok := convert(r); ok {
			return l, re, true
		}
	}
	if r.Type() == types.Numeric {
		if le, ok := convert(l); ok {
			return le, r, true
		}
	}
	return nil, nil, false
}

// numericLiteralAs reads an exact numeric literal too large for a decimal
// (1e20, 99999999999999999999) next to a float as a float, next to an
// integer or decimal as a decimal of the literal's own scale.
func numericLiteralAs(e expr.Expr, other arrow.DataType) (expr.Expr, bool) {
	lit, ok := e.(*expr.Literal)
	if !ok || lit.Value.DataType() != types.Numeric {
		return nil, false
	}
	text := lit.Value.(*scalar.Extension).Value.String()
	switch classOf(other) {
	case classFloat:
		s, err := types.ParseLiteral(arrow.PrimitiveTypes.Float64, text)
		return &expr.Literal{Value: s}, err == nil
	case classInteger, classDecimal:
		if s, ok := decimalLiteral(text); ok {
			return &expr.Literal{Value: s}, true
		}
	}
	return nil, false
}

// castTo converts e to dt: a literal now, anything else through a Cast.
func castTo(e expr.Expr, dt arrow.DataType) expr.Expr {
	if arrow.TypeEqual(e.Type(), dt) {
		return e
	}
	if isReg(e.Type()) && dt.ID() == arrow.UINT32 {
		return regOID(e)
	}
	if isReg(dt) && e.Type().ID() == arrow.UINT32 {
		return regOfOID(e, dt)
	}
	if lit, ok := e.(*expr.Literal); ok && !exec.ZoneDependentCast(e.Type(), dt) && !exec.StyleDependentCast(e.Type(), dt) {
		if s, err := types.CastScalar(lit.Value, dt); err == nil {
			return &expr.Literal{Value: s}
		}
	}
	return &expr.Cast{Arg: e, To: dt}
}

// typeClass orders the type families a comparison can widen across.
type typeClass int

const (
	classOther typeClass = iota
	classInteger
	classDecimal
	classFloat
	classDate
	classTimestamp
	classString
)

func classOf(dt arrow.DataType) typeClass {
	if dt == types.Numeric {
		return classDecimal
	}
	switch dt.ID() {
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.UINT8, arrow.UINT16, arrow.UINT32:
		return classInteger
	case arrow.DECIMAL128, arrow.DECIMAL256:
		return classDecimal
	case arrow.FLOAT16, arrow.FLOAT32, arrow.FLOAT64:
		return classFloat
	case arrow.DATE32, arrow.DATE64:
		return classDate
	case arrow.TIMESTAMP:
		return classTimestamp
	case arrow.STRING, arrow.LARGE_STRING:
		return classString
	}
	return classOther
}

// commonType is the type two different types are compared in.
func commonType(a, b arrow.DataType) (arrow.DataType, bool) {
	if types.IsArray(a) || types.IsArray(b) {
		return commonArrayType(a, b)
	}
	ca, cb := classOf(a), classOf(b)
	if ca == classOther || cb == classOther || (ca == classString) != (cb == classString) {
		return nil, false
	}
	if ca > cb {
		a, b, ca, cb = b, a, cb, ca
	}
	switch {
	case ca == cb:
		return wider(a, b), true
	case cb == classFloat && ca <= classDecimal:
		return arrow.PrimitiveTypes.Float64, true
	case cb == classDecimal && ca == classInteger:
		d, ok := b.(arrow.DecimalType)
		if !ok {
			return types.Numeric, true
		}
		return &arrow.Decimal128Type{Precision: 38, Scale: d.GetScale()}, true
	case cb == classTimestamp && ca == classDate:
		return b, true
	}
	return nil, false
}

// valuesType is the type values of types a and b are brought to when one
// column holds both (CASE, COALESCE, GREATEST, ARRAY[...], set operations):
// their common type, except that numerics of different scales make
// unconstrained numeric, where each value keeps its own scale, as in
// PostgreSQL (COALESCE(NULL::numeric(10,2), 3) is 3, not 3.00).
func valuesType(a, b arrow.DataType) (arrow.DataType, bool) {
	common, ok := commonType(a, b)
	if ok && classOf(common) == classDecimal && scaleOf(a) != scaleOf(b) {
		return types.Numeric, true
	}
	return common, ok
}

// scaleOf is the scale of a decimal type, 0 for integers and -1 for
// unconstrained numeric.
func scaleOf(dt arrow.DataType) int32 {
	switch t := dt.(type) {
	case arrow.DecimalType:
		return t.GetScale()
	case *types.NumericType:
		return -1
	}
	return 0
}

// wider picks the wider of two types of one class.
func wider(a, b arrow.DataType) arrow.DataType {
	switch classOf(a) {
	case classDecimal:
		da, okA := a.(arrow.DecimalType)
		db, okB := b.(arrow.DecimalType)
		if !okA || !okB {
			return types.Numeric
		}
		return &arrow.Decimal128Type{Precision: 38, Scale: max(da.GetScale(), db.GetScale())}
	case classTimestamp:
		if a.(*arrow.TimestampType).TimeZone != "" {
			return a
		}
		return b
	case classString:
		return arrow.BinaryTypes.String
	}
	if a.(arrow.FixedWidthDataType).BitWidth() >= b.(arrow.FixedWidthDataType).BitWidth() {
		return a
	}
	return b
}
