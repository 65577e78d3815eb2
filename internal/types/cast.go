package types

import (
	"context"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/sqlstate"
)

// castMemory holds the results of casts.
var castMemory = memory.DefaultAllocator

// Cast converts the values of arr to type to as PostgreSQL's CAST does:
// text through the target type's input function and any type to text
// through its output function, numbers with PostgreSQL's rounding (half
// to even from floats, half away from zero from numeric) and range
// errors, booleans to and from integer; the date and time types keep
// Arrow's conversions. The caller releases the result.
func Cast(arr arrow.Array, to arrow.DataType) (arrow.Array, error) {
	from := arr.DataType()
	switch {
	case arrow.TypeEqual(from, to):
		arr.Retain()
		return arr, nil
	case from.ID() == arrow.NULL:
		return array.MakeArrayOfNull(castMemory, to, arr.Len()), nil
	}
	convert := converterOf(from, to)
	if convert == nil {
		return arrowCast(arr, to)
	}
	b := array.NewBuilder(castMemory, to)
	defer b.Release()
	if err := convert(arr, b); err != nil {
		return nil, err
	}
	return b.NewArray(), nil
}

// converterOf is the conversion of values of type from to values of type
// to, nil when Arrow's own cast does it the way PostgreSQL does.
func converterOf(from, to arrow.DataType) func(arrow.Array, array.Builder) error {
	fromKind, toKind := kindOf(from), kindOf(to)
	switch {
	case toKind == kindText:
		return func(a arrow.Array, b array.Builder) error { return castToText(a, b.(*array.StringBuilder)) }
	case fromKind == kindText:
		return func(a arrow.Array, b array.Builder) error { return castFromText(a.(*array.String), b) }
	case textual(from) || textual(to):
		return castThroughText
	case toKind == kindInteger && fromKind != kindOther:
		return castToInteger
	case toKind == kindFloat && fromKind != kindOther && fromKind != kindBool:
		return castToFloat
	case widensExactly(from, to):
		return castWidening
	case toKind == kindExact && fromKind != kindOther && fromKind != kindBool:
		return castToExact
	case from.ID() == arrow.INTERVAL_MONTH_DAY_NANO && to.ID() == arrow.TIME64:
		return castIntervalToTime
	case from.ID() == arrow.TIME64 && to.ID() == arrow.INTERVAL_MONTH_DAY_NANO:
		return castTimeToInterval
	}
	return nil
}

// textual tells whether a type's casts to types other than text go
// through its text form (json, jsonb, bytea, uuid).
func textual(dt arrow.DataType) bool {
	switch WireOID(dt) {
	case OIDJSON, OIDJSONB, OIDBytea, OIDUUID:
		return true
	}
	return false
}

// castThroughText renders each value as text and reads it with the
// target type's input function.
func castThroughText(arr arrow.Array, b array.Builder) error {
	dt := b.Type()
	return eachValue(arr, b, func(i int) error { return appendText(b, dt, FormatText(arr, i, time.UTC)) })
}

// arrowCast is Arrow's safe cast, for the conversions it does as
// PostgreSQL does (among dates and timestamps, int4 to boolean).
func arrowCast(arr arrow.Array, to arrow.DataType) (arrow.Array, error) {
	out, err := compute.CastArray(context.Background(), arr, compute.SafeCastOptions(to))
	if err != nil {
		return nil, CannotCast(arr.DataType(), to)
	}
	return out, nil
}

// CastScalar converts a constant as Cast converts a column, for the
// conversions the planner does at plan time.
func CastScalar(s scalar.Scalar, dt arrow.DataType) (scalar.Scalar, error) {
	if !s.IsValid() {
		return scalar.MakeNullScalar(dt), nil
	}
	if l, ok := s.(*scalar.List); ok {
		return castArrayScalar(l, dt)
	}
	arr, err := ScalarArray(s, 1, literalMemory)
	if err != nil {
		return nil, err
	}
	defer arr.Release()
	out, err := Cast(arr, dt)
	if err != nil {
		return nil, err
	}
	defer out.Release()
	return scalar.GetScalar(out, 0)
}

// typeKind groups the types by how casts treat them.
type typeKind int

const (
	kindOther typeKind = iota
	kindText
	kindInteger
	kindFloat
	kindExact
	kindBool
)

func kindOf(dt arrow.DataType) typeKind {
	if _, ok := dt.(*NumericType); ok {
		return kindExact
	}
	switch dt.ID() {
	case arrow.STRING:
		return kindText
	case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.UINT8, arrow.UINT16, arrow.UINT32:
		return kindInteger
	case arrow.FLOAT32, arrow.FLOAT64:
		return kindFloat
	case arrow.DECIMAL128, arrow.DECIMAL256:
		return kindExact
	case arrow.BOOL:
		return kindBool
	}
	return kindOther
}

// castPairs are PostgreSQL's casts (pg_cast) among the types the table
// holds other than the numeric types, which all cast to one another, and
// the string types, to and from which every type casts.
var castPairs = map[[2]uint32]bool{
	{OIDInt4, OIDBool}: true, {OIDBool, OIDInt4}: true,
	{OIDDate, OIDTimestamp}: true, {OIDDate, OIDTimestamptz}: true,
	{OIDTimestamp, OIDDate}: true, {OIDTimestamp, OIDTimestamptz}: true, {OIDTimestamp, OIDTime}: true,
	{OIDTimestamptz, OIDDate}: true, {OIDTimestamptz, OIDTimestamp}: true, {OIDTimestamptz, OIDTime}: true,
	{OIDTime, OIDInterval}: true, {OIDInterval, OIDTime}: true,
	{OIDJSON, OIDJSONB}: true, {OIDJSONB, OIDJSON}: true, {OIDJSONB, OIDBool}: true, {OIDJSONB, OIDNumeric}: true,
	{OIDJSONB, OIDInt2}: true, {OIDJSONB, OIDInt4}: true, {OIDJSONB, OIDInt8}: true,
	{OIDJSONB, OIDFloat4}: true, {OIDJSONB, OIDFloat8}: true,
	{OIDInt4, OIDOid}: true, {OIDInt8, OIDOid}: true, {OIDOid, OIDInt4}: true, {OIDOid, OIDInt8}: true,
}

// CanCast tells whether PostgreSQL casts values of type from to type to
// (explicitly: CAST, ::, or typename(x)).
func CanCast(from, to arrow.DataType) bool {
	if from.ID() == arrow.NULL || arrow.TypeEqual(from, to) {
		return true
	}
	f, t := WireOID(from), WireOID(to)
	if f == t || kindOf(from) == kindText || kindOf(to) == kindText {
		return true
	}
	numeric := func(k typeKind) bool { return k == kindInteger || k == kindFloat || k == kindExact }
	if numeric(kindOf(from)) && numeric(kindOf(to)) && f != OIDOid && t != OIDOid {
		return true
	}
	return castPairs[[2]uint32{f, t}]
}

// CannotCast is PostgreSQL's 42846 for a cast it does not have.
func CannotCast(from, to arrow.DataType) *sqlstate.Error {
	return sqlstate.New(sqlstate.CannotCoerce, "cannot cast type %s to %s", BaseName(from), BaseName(to))
}

// BaseName is the PostgreSQL name of a type without its modifiers, as
// PostgreSQL's messages name types ("numeric", not "numeric(12,2)").
func BaseName(dt arrow.DataType) string {
	if IsArray(dt) {
		elem, _ := ArrayElement(dt)
		return BaseName(elem) + "[]"
	}
	oid := WireOID(dt)
	for _, e := range table {
		if e.oid == oid {
			return e.pgName
		}
	}
	return "text"
}
