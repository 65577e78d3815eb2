package planner

import (
	"math"
	"math/big"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/exec"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

var frameModes = map[sql.FrameMode]exec.FrameMode{
	sql.FrameRange: exec.FrameRange, sql.FrameRows: exec.FrameRows, sql.FrameGroups: exec.FrameGroups,
}

var boundKinds = map[sql.BoundKind]exec.BoundKind{
	sql.UnboundedPreceding: exec.UnboundedPreceding, sql.OffsetPreceding: exec.OffsetPreceding,
	sql.CurrentRow: exec.CurrentRow, sql.OffsetFollowing: exec.OffsetFollowing,
	sql.UnboundedFollowing: exec.UnboundedFollowing,
}

var exclusions = map[sql.FrameExclusion]exec.FrameExclusion{
	sql.ExcludeNoOthers: exec.ExcludeNoOthers, sql.ExcludeCurrentRow: exec.ExcludeCurrentRow,
	sql.ExcludeGroup: exec.ExcludeGroup, sql.ExcludeTies: exec.ExcludeTies,
}

// bindFrame binds a frame clause (nil: the default frame) for a window
// ordered by order. Offsets are constants: for ROWS and GROUPS bigints,
// for RANGE of the type PostgreSQL's in_range support for the ORDER BY
// key's type takes.
func bindFrame(sc *scope, f *sql.WindowFrame, order []SortKey, location int) (exec.WindowFrame, error) {
	if f == nil {
		return exec.DefaultFrame, nil
	}
	out := exec.WindowFrame{Mode: frameModes[f.Mode], Exclude: exclusions[f.Exclude],
		Start: exec.FrameBound{Kind: boundKinds[f.Start.Kind]}, End: exec.FrameBound{Kind: boundKinds[f.End.Kind]}}
	hasOffset := f.Start.Offset != nil || f.End.Offset != nil
	switch {
	case f.Mode == sql.FrameRange && hasOffset && len(order) != 1:
		return out, sqlstate.New(windowingError, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column").At(location + 1)
	case f.Mode == sql.FrameGroups && len(order) == 0:
		return out, sqlstate.New(windowingError, "GROUPS mode requires an ORDER BY clause").At(location + 1)
	}
	var err error
	for _, b := range []struct {
		offset sql.Expr
		into   *exec.FrameBound
	}{{f.Start.Offset, &out.Start}, {f.End.Offset, &out.End}} {
		if b.offset == nil {
			continue
		}
		if b.into.Offset, err = bindFrameOffset(sc, f.Mode, b.offset, order); err != nil {
			return out, err
		}
	}
	return out, nil
}

// bindFrameOffset binds one offset, which must not read any column.
func bindFrameOffset(sc *scope, mode sql.FrameMode, e sql.Expr, order []SortKey) (expr.Expr, error) {
	clause := "window " + mode.String()
	osc := sc.in(clause)
	osc.wins, osc.aggs = nil, nil
	b, err := bindExpr(osc, e)
	if err != nil {
		return nil, err
	}
	var offset expr.Expr
	if mode == sql.FrameRange {
		offset, err = rangeOffset(b, order[0].Expr.Type(), e.Pos())
	} else {
		offset, err = countOffset(b, mode, e.Pos())
	}
	if err != nil {
		return nil, err
	}
	if len(expr.Columns(offset)) > 0 {
		return nil, sqlstate.New("42P10", "argument of %s must not contain variables", mode).At(e.Pos() + 1)
	}
	return offset, nil
}

// countOffset brings a ROWS or GROUPS offset to bigint, as an assignment
// would: a numeric rounds half away from zero, a float to even.
func countOffset(b bound, mode sql.FrameMode, pos int) (expr.Expr, error) {
	bigint := arrow.PrimitiveTypes.Int64
	switch classOf(b.Expr.Type()) {
	case classInteger:
		return castTo(b.Expr, bigint), nil
	case classDecimal, classFloat:
		if lit, ok := b.Expr.(*expr.Literal); ok && lit.Value.IsValid() {
			return roundedLiteral(lit.Value)
		}
		return &expr.Cast{Arg: castTo(b.Expr, types.Numeric), To: bigint}, nil
	}
	switch {
	case b.Unknown:
		return literalAs(b, bigint, pos)
	case b.Expr.Type().ID() == arrow.NULL:
		return nullOf(bigint), nil
	}
	return nil, sqlstate.New(sqlstate.DatatypeMismatch, "argument of %s must be type bigint, not type %s",
		mode, baseTypeName(b.Expr.Type())).At(pos + 1)
}

// roundedLiteral is a number literal rounded to a bigint.
func roundedLiteral(v scalar.Scalar) (expr.Expr, error) {
	var n int64
	if f, ok := v.(*scalar.Float64); ok {
		n = int64(math.RoundToEven(f.Value))
	} else if f, ok := v.(*scalar.Float32); ok {
		n = int64(math.RoundToEven(float64(f.Value)))
	} else {
		text, err := types.CastScalar(v, types.Numeric)
		if err != nil {
			return nil, err
		}
		d, err := types.ParseDecimal(text.(*scalar.Extension).Value.String())
		if err != nil {
			return nil, err
		}
		r := types.RoundDecimal(new(big.Rat).SetFrac(d.Unscaled, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.Scale)), nil)), 0)
		if !r.Unscaled.IsInt64() {
			return nil, sqlstate.New(sqlstate.NumericValueOutOfRange, "bigint out of range")
		}
		n = r.Unscaled.Int64()
	}
	return &expr.Literal{Value: scalar.NewInt64Scalar(n)}, nil
}

// rangeOffset types a RANGE offset for an ORDER BY key: integers move
// integers, any number moves floats, exact numbers move exact numbers,
// intervals move dates, timestamps and times. An unknown literal is read as
// the type the key wants.
func rangeOffset(b bound, key arrow.DataType, pos int) (expr.Expr, error) {
	want, accepts := rangeOffsetType(key)
	if want == nil {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "RANGE with offset PRECEDING/FOLLOWING is not supported for column type %s",
			baseTypeName(key)).At(pos + 1)
	}
	switch {
	case b.Unknown && classOf(key) == classInteger:
		e, err := literalAs(b, key, pos)
		if err != nil {
			return nil, err
		}
		return castTo(e, want), nil
	case b.Unknown:
		return literalAs(b, want, pos)
	case b.Expr.Type().ID() == arrow.NULL:
		return nullOf(want), nil
	case accepts(b.Expr.Type()):
		if classOf(want) == classDecimal {
			return b.Expr, nil
		}
		return castTo(b.Expr, want), nil
	}
	return nil, sqlstate.New(sqlstate.FeatureNotSupported, "RANGE with offset PRECEDING/FOLLOWING is not supported for column type %s and offset type %s",
		baseTypeName(key), baseTypeName(b.Expr.Type())).WithHint("Cast the offset value to an appropriate type.").At(b.location(pos) + 1)
}

// rangeOffsetType is the offset type for a key type (nil when RANGE
// offsets do not apply to it) and which offset types convert to it
// implicitly.
func rangeOffsetType(key arrow.DataType) (arrow.DataType, func(arrow.DataType) bool) {
	isInterval := func(t arrow.DataType) bool { return t.ID() == arrow.INTERVAL_MONTH_DAY_NANO }
	switch classOf(key) {
	case classInteger:
		if key.ID() == arrow.INT16 || key.ID() == arrow.INT32 || key.ID() == arrow.INT64 {
			return arrow.PrimitiveTypes.Int64, func(t arrow.DataType) bool { return classOf(t) == classInteger }
		}
	case classFloat:
		return arrow.PrimitiveTypes.Float64, func(t arrow.DataType) bool {
			c := classOf(t)
			return c == classInteger || c == classDecimal || c == classFloat
		}
	case classDecimal:
		return types.Numeric, func(t arrow.DataType) bool {
			c := classOf(t)
			return c == classInteger || c == classDecimal
		}
	case classDate, classTimestamp:
		return arrow.FixedWidthTypes.MonthDayNanoInterval, isInterval
	}
	if key.ID() == arrow.TIME64 || isInterval(key) {
		return arrow.FixedWidthTypes.MonthDayNanoInterval, isInterval
	}
	return nil, nil
}

// baseTypeName is a type's name without its modifiers, as PostgreSQL's
// messages about functions and operands name types ("numeric", not
// "numeric(12,2)").
func baseTypeName(dt arrow.DataType) string {
	name, _, _ := strings.Cut(pgTypeName(dt), "(")
	return name
}
