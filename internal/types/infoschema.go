package types

import "github.com/apache/arrow-go/v18/arrow"

// ColumnFacts are what information_schema.columns says of a column's
// type, computed from its type OID and modifier as PostgreSQL 15's
// information_schema does. A nil field is SQL NULL.
type ColumnFacts struct {
	DataType               string // "integer", "character varying", "ARRAY", "USER-DEFINED"
	UDTName                any    // pg_type.typname: "int4", "_text"; nil for a type Auger does not know
	CharacterMaximumLength any    // int32
	CharacterOctetLength   any    // int32
	NumericPrecision       any    // int32
	NumericPrecisionRadix  any    // int32
	NumericScale           any    // int32
	DatetimePrecision      any    // int32
}

// maxEncodingLength is pg_encoding_max_length of UTF8, the one encoding
// Auger serves: character_octet_length is four bytes per character.
const maxEncodingLength = 4

// InfoSchemaFacts describes a column of type oid and modifier typmod (-1
// for none) as information_schema.columns does.
func InfoSchemaFacts(oid uint32, typmod int32) ColumnFacts {
	f := ColumnFacts{DataType: "USER-DEFINED"}
	if name, ok := typname(oid); ok {
		f.UDTName = name
	}
	if isArrayType(oid) {
		f.DataType = "ARRAY"
	} else if name := FormatType(oid, -1); name != "???" {
		f.DataType = name
	}
	f.CharacterMaximumLength, f.CharacterOctetLength = characterLengths(oid, typmod)
	f.NumericPrecision, f.NumericPrecisionRadix, f.NumericScale = numericFacts(oid, typmod)
	f.DatetimePrecision = datetimePrecision(oid, typmod)
	return f
}

// isArrayType tells whether information_schema calls a type ARRAY: a
// variable-length type with an element type (int2vector too, not name).
func isArrayType(oid uint32) bool {
	if _, ok := ElementOID(oid); ok {
		return true
	}
	for _, t := range pgTypes {
		if t.OID == oid {
			return t.Elem != 0 && t.Len == -1
		}
	}
	return false
}

// typname is pg_type.typname of a type OID.
func typname(oid uint32) (string, bool) {
	for _, t := range pgTypes {
		if t.OID == oid {
			return t.Name, true
		}
	}
	return "", false
}

// characterLengths are _pg_char_max_length and _pg_char_octet_length.
func characterLengths(oid uint32, typmod int32) (maxLength, octetLength any) {
	switch oid {
	case OIDVarchar, OIDBpchar:
		if typmod < 0 {
			return nil, int32(1 << 30)
		}
		return typmod - 4, (typmod - 4) * maxEncodingLength
	case OIDText:
		return nil, int32(1 << 30)
	}
	return nil, nil
}

// numericFacts are _pg_numeric_precision, _pg_numeric_precision_radix and
// _pg_numeric_scale.
func numericFacts(oid uint32, typmod int32) (precision, radix, scale any) {
	switch oid {
	case OIDInt2:
		return int32(16), int32(2), int32(0)
	case OIDInt4:
		return int32(32), int32(2), int32(0)
	case OIDInt8:
		return int32(64), int32(2), int32(0)
	case OIDFloat4:
		return int32(24), int32(2), nil
	case OIDFloat8:
		return int32(53), int32(2), nil
	case OIDNumeric:
		if typmod < 0 {
			return nil, int32(10), nil
		}
		return ((typmod - 4) >> 16) & 0xffff, int32(10), (typmod - 4) & 0xffff
	}
	return nil, nil, nil
}

// datetimePrecision is _pg_datetime_precision: fractional digits of
// seconds, 6 when the type has no modifier.
func datetimePrecision(oid uint32, typmod int32) any {
	switch oid {
	case OIDDate:
		return int32(0)
	case OIDTime, OIDTimestamp, OIDTimestamptz, oidTimetz:
		if typmod < 0 {
			return int32(6)
		}
		return typmod
	case OIDInterval:
		if typmod < 0 || typmod&0xffff == 0xffff {
			return int32(6)
		}
		return typmod & 0xffff
	}
	return nil
}

// oidTimetz is time with time zone, which the type table does not map.
const oidTimetz uint32 = 1266

// FieldWidth is the type size RowDescription reports for a result column:
// pg_type.typlen of the PostgreSQL type it is reported as (64 for name, 1
// for "char"), else its Arrow type's width.
func FieldWidth(f arrow.Field) int16 {
	oid := FieldOID(f)
	for _, t := range pgTypes {
		if t.OID == oid {
			return t.Len
		}
	}
	return WireWidth(f.Type)
}
