// Package types is Auger's one table of types: it maps PostgreSQL types to
// the Arrow types the engine computes with, Arrow types to the OIDs and names
// the wire protocol and the catalog report, and renders values in
// PostgreSQL's text format. Every conversion between type systems goes
// through here.
package types

import (
	"fmt"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/extensions"
)

// PostgreSQL type OIDs, as pg_type assigns them.
const (
	OIDBool        uint32 = 16
	OIDBytea       uint32 = 17
	OIDName        uint32 = 19
	OIDInt8        uint32 = 20
	OIDInt2        uint32 = 21
	OIDInt4        uint32 = 23
	OIDText        uint32 = 25
	OIDOid         uint32 = 26
	OIDJSON        uint32 = 114
	OIDFloat4      uint32 = 700
	OIDFloat8      uint32 = 701
	OIDBpchar      uint32 = 1042
	OIDVarchar     uint32 = 1043
	OIDDate        uint32 = 1082
	OIDTime        uint32 = 1083
	OIDTimestamp   uint32 = 1114
	OIDTimestamptz uint32 = 1184
	OIDInterval    uint32 = 1186
	OIDNumeric     uint32 = 1700
	OIDUUID        uint32 = 2950
	OIDJSONB       uint32 = 3802
)

// entry is one row of the type table: a PostgreSQL type and the Arrow type
// that holds its values.
type entry struct {
	oid     uint32
	pgName  string // the name format_type gives
	typname string // pg_type.typname, the name in pg_catalog
	arrowOf func(typmod int32) arrow.DataType
}

func fixed(dt arrow.DataType) func(int32) arrow.DataType {
	return func(int32) arrow.DataType { return dt }
}

// table is the PostgreSQL ⇄ Arrow mapping.
var table = []entry{
	{OIDBool, "boolean", "bool", fixed(arrow.FixedWidthTypes.Boolean)},
	{OIDInt2, "smallint", "int2", fixed(arrow.PrimitiveTypes.Int16)},
	{OIDInt4, "integer", "int4", fixed(arrow.PrimitiveTypes.Int32)},
	{OIDInt8, "bigint", "int8", fixed(arrow.PrimitiveTypes.Int64)},
	{OIDOid, "oid", "oid", fixed(arrow.PrimitiveTypes.Uint32)},
	{OIDFloat4, "real", "float4", fixed(arrow.PrimitiveTypes.Float32)},
	{OIDFloat8, "double precision", "float8", fixed(arrow.PrimitiveTypes.Float64)},
	{OIDNumeric, "numeric", "numeric", numericOf},
	{OIDText, "text", "text", fixed(arrow.BinaryTypes.String)},
	{OIDVarchar, "character varying", "varchar", fixed(arrow.BinaryTypes.String)},
	{OIDBpchar, "character", "bpchar", fixed(arrow.BinaryTypes.String)},
	{OIDName, "name", "name", fixed(arrow.BinaryTypes.String)},
	{OIDBytea, "bytea", "bytea", fixed(arrow.BinaryTypes.Binary)},
	{OIDDate, "date", "date", fixed(arrow.FixedWidthTypes.Date32)},
	{OIDTime, "time without time zone", "time", fixed(arrow.FixedWidthTypes.Time64us)},
	{OIDTimestamp, "timestamp without time zone", "timestamp", fixed(&arrow.TimestampType{Unit: arrow.Microsecond})},
	{OIDTimestamptz, "timestamp with time zone", "timestamptz", fixed(&arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"})},
	{OIDInterval, "interval", "interval", fixed(arrow.FixedWidthTypes.MonthDayNanoInterval)},
	{OIDUUID, "uuid", "uuid", fixed(extensions.NewUUIDType())},
	{OIDJSON, "json", "json", fixed(JSON)},
	{OIDJSONB, "jsonb", "jsonb", fixed(JSONB)},
	{OIDVoid, "void", "void", fixed(Void)},
	{OIDRegtype, "regtype", "regtype", fixed(Regtype)},
	{OIDRegclass, "regclass", "regclass", fixed(Regclass)},
	{OIDRegnamespace, "regnamespace", "regnamespace", fixed(Regnamespace)},
	{OIDRegproc, "regproc", "regproc", fixed(Regproc)},
	{OIDRegprocedure, "regprocedure", "regprocedure", fixed(Regprocedure)},
	{OIDRegrole, "regrole", "regrole", fixed(Regrole)},
}

// JSON is json: a JSON value kept as the text it was written with (arrow-go's
// JSON extension type over text).
var JSON = func() *extensions.JSONType {
	t, err := extensions.NewJSONType(arrow.BinaryTypes.String)
	if err != nil {
		panic(err)
	}
	return t
}()

// numericOf maps numeric(p,s) to Decimal128 (p ≤ 38) or Decimal256 (p ≤ 76),
// and unconstrained numeric to the exact Numeric extension type.
func numericOf(typmod int32) arrow.DataType {
	if typmod < 4 {
		return Numeric
	}
	precision := ((typmod - 4) >> 16) & 0xffff
	// The scale is an 11-bit signed field: PostgreSQL 15 allows
	// numeric(p, -s), rounding to tens, hundreds...
	scale := (((typmod - 4) & 0x7ff) ^ 1024) - 1024
	switch {
	case scale < 0:
		return Numeric
	case precision <= 38:
		return &arrow.Decimal128Type{Precision: precision, Scale: scale}
	case precision <= 76:
		return &arrow.Decimal256Type{Precision: precision, Scale: scale}
	}
	return Numeric
}

// FromPostgres returns the Arrow type for a PostgreSQL type OID and type
// modifier (pg_attribute.atttypmod, -1 when none). Types Auger does not know
// yet are read as their text form (ok is false then, so callers may say so).
func FromPostgres(oid uint32, typmod int32) (dt arrow.DataType, ok bool) {
	for _, e := range table {
		if e.oid == oid {
			return e.arrowOf(typmod), true
		}
	}
	if elem, ok := elementOIDs[oid]; ok {
		if dt, known := FromPostgres(elem, typmod); known {
			return ArrayOf(dt), true
		}
	}
	return arrow.BinaryTypes.String, false
}

// WireOID is the PostgreSQL type OID a column of this Arrow type is reported
// with in RowDescription.
func WireOID(dt arrow.DataType) uint32 {
	switch t := dt.(type) {
	case *extensions.UUIDType:
		return OIDUUID
	case *extensions.JSONType:
		return OIDJSON
	case *JSONBType:
		return OIDJSONB
	case *NumericType:
		return OIDNumeric
	case *VoidType:
		return OIDVoid
	case *RegtypeType:
		return OIDRegtype
	case *ObjectNameType:
		return t.oid
	case *arrow.TimestampType:
		if t.TimeZone != "" {
			return OIDTimestamptz
		}
		return OIDTimestamp
	case *arrow.ListType:
		return arrayWireOID(t)
	}
	switch dt.ID() {
	case arrow.BOOL:
		return OIDBool
	case arrow.INT8, arrow.UINT8, arrow.INT16:
		return OIDInt2
	case arrow.UINT16, arrow.INT32:
		return OIDInt4
	case arrow.UINT32:
		return OIDOid
	case arrow.INT64:
		return OIDInt8
	case arrow.UINT64, arrow.DECIMAL128, arrow.DECIMAL256:
		return OIDNumeric
	case arrow.FLOAT16, arrow.FLOAT32:
		return OIDFloat4
	case arrow.FLOAT64:
		return OIDFloat8
	case arrow.STRING, arrow.LARGE_STRING, arrow.STRING_VIEW:
		return OIDText
	case arrow.BINARY, arrow.LARGE_BINARY, arrow.BINARY_VIEW, arrow.FIXED_SIZE_BINARY:
		return OIDBytea
	case arrow.DATE32, arrow.DATE64:
		return OIDDate
	case arrow.TIME32, arrow.TIME64:
		return OIDTime
	case arrow.INTERVAL_MONTH_DAY_NANO, arrow.INTERVAL_MONTHS, arrow.INTERVAL_DAY_TIME, arrow.DURATION:
		return OIDInterval
	}
	return OIDText
}

// PostgresName is the PostgreSQL name of the type values of this Arrow type
// are reported as (format_type's spelling, with numeric's precision and scale).
func PostgresName(dt arrow.DataType) string {
	switch t := dt.(type) {
	case *arrow.Decimal128Type:
		return fmt.Sprintf("numeric(%d,%d)", t.Precision, t.Scale)
	case *arrow.Decimal256Type:
		return fmt.Sprintf("numeric(%d,%d)", t.Precision, t.Scale)
	case *arrow.ListType:
		elem, _ := ArrayElement(t)
		return PostgresName(elem) + "[]"
	}
	oid := WireOID(dt)
	for _, e := range table {
		if e.oid == oid {
			return e.pgName
		}
	}
	return "text"
}

// CatalogName is the pg_catalog type name (pg_type.typname) and type
// modifiers of the PostgreSQL type an Arrow type is sent to PostgreSQL as,
// as a cast would name it: "int4", "numeric" with (12, 2), "timestamptz".
func CatalogName(dt arrow.DataType) (string, []int32) {
	if d, ok := dt.(arrow.DecimalType); ok {
		return "numeric", []int32{d.GetPrecision(), d.GetScale()}
	}
	if IsArray(dt) {
		elem, _ := ArrayElement(dt)
		name, typmods := CatalogName(elem)
		return "_" + name, typmods
	}
	oid := WireOID(dt)
	for _, e := range table {
		if e.oid == oid {
			return e.typname, nil
		}
	}
	return "text", nil
}

// DrillName is the type name Drill's DESCRIBE and information_schema.COLUMNS
// report for an Arrow type (Drill's SQL type names).
func DrillName(dt arrow.DataType) string {
	switch t := dt.(type) {
	case *arrow.Decimal128Type:
		return fmt.Sprintf("DECIMAL(%d, %d)", t.Precision, t.Scale)
	case *arrow.Decimal256Type:
		return fmt.Sprintf("DECIMAL(%d, %d)", t.Precision, t.Scale)
	case *NumericType:
		return "DECIMAL"
	case *extensions.UUIDType:
		return "UUID"
	case *extensions.JSONType, *JSONBType:
		return "JSON"
	case *arrow.TimestampType:
		if t.TimeZone != "" {
			return "TIMESTAMP WITH TIME ZONE"
		}
		return "TIMESTAMP"
	case *arrow.ListType:
		return "ARRAY"
	}
	return drillNames[WireOID(dt)]
}

var drillNames = map[uint32]string{
	OIDBool: "BOOLEAN", OIDInt2: "SMALLINT", OIDInt4: "INTEGER", OIDInt8: "BIGINT",
	OIDFloat4: "FLOAT", OIDFloat8: "DOUBLE", OIDNumeric: "DECIMAL", OIDText: "CHARACTER VARYING",
	OIDBytea: "BINARY VARYING", OIDDate: "DATE", OIDTime: "TIME", OIDInterval: "INTERVAL",
}

// WireWidth is the type size RowDescription reports (pg_type.typlen): the
// byte width of fixed-size types, -1 for variable-length ones.
func WireWidth(dt arrow.DataType) int16 {
	switch WireOID(dt) {
	case OIDBool:
		return 1
	case OIDInt2:
		return 2
	case OIDInt4, OIDFloat4, OIDDate, OIDOid, OIDVoid, OIDRegtype, OIDRegclass, OIDRegnamespace, OIDRegproc, OIDRegprocedure, OIDRegrole:
		return 4
	case OIDInt8, OIDFloat8, OIDTimestamp, OIDTimestamptz, OIDTime:
		return 8
	case OIDInterval, OIDUUID:
		return 16
	}
	return -1
}

// postgresOIDKey is the field metadata key that keeps a column's own
// PostgreSQL type when the Arrow type alone would report another one
// (varchar and char hold Arrow strings, which report as text).
const postgresOIDKey = "auger.postgres_oid"

// WithPostgresOID returns f marked as being of the PostgreSQL type oid.
func WithPostgresOID(f arrow.Field, oid uint32) arrow.Field {
	if oid == WireOID(f.Type) {
		return f
	}
	f.Metadata = arrow.NewMetadata([]string{postgresOIDKey}, []string{strconv.FormatUint(uint64(oid), 10)})
	return f
}

// FieldOID is the type OID a result column is reported with: the
// PostgreSQL type it came from, else the one of its Arrow type.
func FieldOID(f arrow.Field) uint32 {
	if v, ok := f.Metadata.GetValue(postgresOIDKey); ok {
		if oid, err := strconv.ParseUint(v, 10, 32); err == nil {
			return uint32(oid)
		}
	}
	return WireOID(f.Type)
}
