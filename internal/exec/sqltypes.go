package exec

import (
	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/types"
)

// SQLType is a PostgreSQL type as function resolution sees it, by its
// OID: the parameter types of the registry's overloads, and the types of
// the arguments of a call.
type SQLType uint32

// The types overloads are declared with, and the pseudo-types of
// PostgreSQL's polymorphic parameters.
const (
	tBool          = SQLType(types.OIDBool)
	tInt2          = SQLType(types.OIDInt2)
	tInt4          = SQLType(types.OIDInt4)
	tInt8          = SQLType(types.OIDInt8)
	tFloat4        = SQLType(types.OIDFloat4)
	tFloat8        = SQLType(types.OIDFloat8)
	tNumeric       = SQLType(types.OIDNumeric)
	tText          = SQLType(types.OIDText)
	tBytea         = SQLType(types.OIDBytea)
	tDate          = SQLType(types.OIDDate)
	tTime          = SQLType(types.OIDTime)
	tTimestamp     = SQLType(types.OIDTimestamp)
	tTimestamptz   = SQLType(types.OIDTimestamptz)
	tInterval      = SQLType(types.OIDInterval)
	tUnknown       = SQLType(705)  // an untyped literal
	tAny           = SQLType(2276) // "any": any argument, unknown literals read as text
	tAnyElement    = SQLType(2283) // anyelement: one type shared by all such parameters
	tAnyNonArray   = SQLType(2776) // anynonarray: any type but an array
	tAnyCompatible = SQLType(5077) // anycompatible: the common type of all such arguments
)

// sqlTypeOf is the PostgreSQL type of values of an Arrow type.
func sqlTypeOf(dt arrow.DataType) SQLType {
	if dt.ID() == arrow.NULL {
		return tUnknown
	}
	return SQLType(types.WireOID(dt))
}

// category is PostgreSQL's pg_type.typcategory: resolution prefers
// candidates of an argument's own category, and within it the preferred
// type.
func (t SQLType) category() byte {
	switch t {
	case tBool:
		return 'B'
	case tInt2, tInt4, tInt8, tFloat4, tFloat8, tNumeric:
		return 'N'
	case tText:
		return 'S'
	case tDate, tTime, tTimestamp, tTimestamptz:
		return 'D'
	case tInterval:
		return 'T'
	case tUnknown:
		return 'X'
	case tAny, tAnyElement, tAnyNonArray, tAnyCompatible:
		return 'P'
	}
	return 'U'
}

// preferred tells whether t is its category's preferred type.
func (t SQLType) preferred() bool {
	switch t {
	case tBool, tFloat8, tText, tTimestamptz, tInterval:
		return true
	}
	return false
}

func (t SQLType) polymorphic() bool { return t.category() == 'P' }

// implicitCasts are PostgreSQL's implicit casts (pg_cast entries of
// context 'i') among the types Auger holds.
var implicitCasts = map[SQLType][]SQLType{
	tInt2:      {tInt4, tInt8, tFloat4, tFloat8, tNumeric, tOid},
	tInt4:      {tInt8, tFloat4, tFloat8, tNumeric, tOid},
	tInt8:      {tFloat4, tFloat8, tNumeric, tOid},
	tFloat4:    {tFloat8},
	tNumeric:   {tFloat4, tFloat8},
	tDate:      {tTimestamp, tTimestamptz},
	tTimestamp: {tTimestamptz},
	tTime:      {tInterval},
	// The object identifier types and oid convert both ways.
	tOid:          {tRegclass, tRegtype, tRegnamespace, tRegrole, tRegproc},
	tRegclass:     {tOid},
	tRegtype:      {tOid},
	tRegnamespace: {tOid},
	tRegrole:      {tOid},
	tRegproc:      {tOid},
}

// canCoerce tells whether an argument of type from may be passed, without
// an explicit cast, to a parameter of type to.
func canCoerce(from, to SQLType) bool {
	if from == to || from == tUnknown || to.polymorphic() {
		return true
	}
	for _, t := range implicitCasts[from] {
		if t == to {
			return true
		}
	}
	return false
}

// name is the type's name in PostgreSQL's messages (format_type without
// a type modifier).
func (t SQLType) name() string {
	switch t {
	case tUnknown:
		return "unknown"
	case tAny:
		return `"any"`
	case tAnyElement:
		return "anyelement"
	case tAnyNonArray:
		return "anynonarray"
	case tAnyCompatible:
		return "anycompatible"
	}
	dt, _ := types.FromPostgres(uint32(t), -1)
	return types.PostgresName(dt)
}

// argumentType is the Arrow type an argument of Arrow type dt is brought
// to for a parameter of type param: dt itself when it already holds the
// parameter's type in the form the kernels read, else that form.
func argumentType(param SQLType, dt arrow.DataType, unknown bool) arrow.DataType {
	if param.polymorphic() {
		if unknown {
			return arrow.BinaryTypes.String
		}
		return dt
	}
	if param == tNumeric {
		return numericArgument(dt, unknown)
	}
	canonical, _ := types.FromPostgres(uint32(param), -1)
	if param == tTimestamptz && !unknown && sqlTypeOf(dt) == tTimestamptz && dt.(*arrow.TimestampType).Unit == arrow.Microsecond {
		return dt
	}
	return canonical
}

// numericArgument keeps decimals as they are, reads integers as decimals
// of their own width and anything else as the unconstrained numeric.
func numericArgument(dt arrow.DataType, unknown bool) arrow.DataType {
	if unknown {
		return types.Numeric
	}
	switch dt.(type) {
	case *arrow.Decimal128Type, *types.NumericType:
		return dt
	}
	digits := map[arrow.Type]int32{arrow.INT8: 3, arrow.INT16: 5, arrow.INT32: 10, arrow.INT64: 19,
		arrow.UINT8: 3, arrow.UINT16: 5, arrow.UINT32: 10}[dt.ID()]
	if digits > 0 {
		return &arrow.Decimal128Type{Precision: digits, Scale: 0}
	}
	return types.Numeric
}
