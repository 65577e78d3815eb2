package types

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"auger/internal/sqlstate"
)

// arrayCases are array literals of several element types, with the
// PostgreSQL type to read them as.
var arrayCases = []struct {
	pgType string
	elem   arrow.DataType
	text   string
}{
	{"int4[]", arrow.PrimitiveTypes.Int32, "{1,2,NULL}"},
	{"int4[]", arrow.PrimitiveTypes.Int32, "{}"},
	{"int4[]", arrow.PrimitiveTypes.Int32, " { 1 , -2 ,3 } "},
	{"int4[]", arrow.PrimitiveTypes.Int32, "{{1,2},{3,4}}"},
	{"int4[]", arrow.PrimitiveTypes.Int32, "{{{1},{2}},{{3},{NULL}}}"},
	{"int4[]", arrow.PrimitiveTypes.Int32, "[1:3]={7,8,9}"},
	{"int2[]", arrow.PrimitiveTypes.Int16, "{32767,-32768}"},
	{"int8[]", arrow.PrimitiveTypes.Int64, "{9223372036854775807,null,NuLl}"},
	{"text[]", arrow.BinaryTypes.String, `{"a b","x\"y",NULL,"",null,"NULL",\\,"{}",",",plain,"back\\slash"}`},
	{"text[]", arrow.BinaryTypes.String, `{ a  b ,c\ ,  d\,e}`},
	{"text[]", arrow.BinaryTypes.String, `{zoë,日本語,"O'Brien","tab	in",nullx,"NULL "}`},
	{"text[]", arrow.BinaryTypes.String, `{{a,b},{"c d",NULL}}`},
	{"text[]", arrow.BinaryTypes.String, `{\N\U\L\L,"",' '}`},
	{"float8[]", arrow.PrimitiveTypes.Float64, "{1.5,Infinity,-Infinity,-0,1e20,1.5e-7,NaN,0.1}"},
	{"float4[]", arrow.PrimitiveTypes.Float32, "{1.5,0.1,3.4e38}"},
	{"numeric(10,2)[]", &arrow.Decimal128Type{Precision: 10, Scale: 2}, "{1.5,-3,NULL,0.01}"},
	{"numeric[]", Numeric, "{1.50,-3,1e3,12345678901234567890.123}"},
	{"bool[]", arrow.FixedWidthTypes.Boolean, "{t,false,yes,NULL,off}"},
	{"date[]", arrow.FixedWidthTypes.Date32, "{2024-01-01,NULL,1999-12-31}"},
	{"timestamp[]", &arrow.TimestampType{Unit: arrow.Microsecond}, `{"2024-01-01 10:00:00","2024-02-29 23:59:59.5",NULL}`},
	{"uuid[]", extensions.NewUUIDType(), "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}"},
}

// arrayOf reads a literal into a one-row list array.
func arrayOf(t *testing.T, elem arrow.DataType, text string) *array.List {
	t.Helper()
	s, err := ParseArray(elem, text, 1)
	if err != nil {
		t.Fatalf("ParseArray(%q): %v", text, err)
	}
	arr, err := scalar.MakeArrayFromScalar(s, 1, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	return arr.(*array.List)
}

func TestArrayTextMatchesPostgreSQL(t *testing.T) {
	conn := connect(t)
	for _, c := range arrayCases {
		want := pgTexts(t, conn, "SELECT $1::"+c.pgType+"::text", c.text)[0]
		arr := arrayOf(t, c.elem, c.text)
		if got := FormatText(arr, 0, time.UTC); got != want {
			t.Errorf("%s %q: renders %q, PostgreSQL %q", c.pgType, c.text, got, want)
		}
		arr.Release()
	}
}

// TestArrayBinaryMatchesPostgreSQL sends arrays to PostgreSQL in binary
// format, as the gateway sends them to clients, and reads back their text.
func TestArrayBinaryMatchesPostgreSQL(t *testing.T) {
	conn := connect(t)
	RegisterWireEncoding(conn.TypeMap())
	for _, c := range arrayCases {
		if c.elem == Numeric {
			continue // the unconstrained numeric's Native value is its text
		}
		arr := arrayOf(t, c.elem, c.text)
		cell := NewCell(arr, 0, DefaultStyle(time.UTC))
		var got string
		err := conn.QueryRow(context.Background(), "SELECT $1::"+c.pgType+"::text", pgx.QueryResultFormats{pgx.TextFormatCode}, cell).Scan(&got)
		want := FormatText(arr, 0, time.UTC)
		if err != nil || got != want {
			t.Errorf("%s %q in binary: PostgreSQL reads %q (%v), want %q", c.pgType, c.text, got, err, want)
		}
		arr.Release()
	}
}

func TestMalformedArraysMatchPostgreSQL(t *testing.T) {
	conn := connect(t)
	for _, text := range []string{"{1,2", "1,2", "{1,,2}", "{{1},{2,3}}", "{1}x", "{{1},2}", "{1,{2}}", `{"a}`,
		`{a"b}`, "{{}}", "{a}", "{,}", "", "{1 2}", "[1:2]={1}", "[2:1]={}", `{1,\`} {
		_, err := conn.Exec(context.Background(), "SELECT $1::int4[]", text)
		var want *pgconn.PgError
		if !errors.As(err, &want) {
			t.Fatalf("PostgreSQL reads %q: %v", text, err)
		}
		_, err = ParseArray(arrow.PrimitiveTypes.Int32, text, 1)
		var got *sqlstate.Error
		if !errors.As(err, &got) || got.Code != want.Code || got.Message != want.Message {
			t.Errorf("%q: %v, PostgreSQL says %s: %s", text, err, want.Code, want.Message)
		}
	}
}

func TestArrayLowerBoundsUnsupported(t *testing.T) {
	_, err := ParseArray(arrow.PrimitiveTypes.Int32, "[0:1]={1,2}", 1)
	if sqlstate.Code(err) != sqlstate.FeatureNotSupported {
		t.Errorf("lower bound 0: %v, want 0A000", err)
	}
}

func TestArrayTypes(t *testing.T) {
	cases := []struct {
		dt      arrow.DataType
		oid     uint32
		name    string
		catalog string
	}{
		{ArrayOf(arrow.PrimitiveTypes.Int32), 1007, "integer[]", "_int4"},
		{ArrayOfDepth(arrow.PrimitiveTypes.Int32, 2), 1007, "integer[]", "_int4"},
		{ArrayOf(arrow.BinaryTypes.String), 1009, "text[]", "_text"},
		{ArrayOf(&arrow.Decimal128Type{Precision: 10, Scale: 2}), 1231, "numeric(10,2)[]", "_numeric"},
		{ArrayOf(&arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}), 1185, "timestamp with time zone[]", "_timestamptz"},
		{ArrayOf(extensions.NewUUIDType()), 2951, "uuid[]", "_uuid"},
	}
	for _, c := range cases {
		name, _ := CatalogName(c.dt)
		if WireOID(c.dt) != c.oid || PostgresName(c.dt) != c.name || name != c.catalog || WireWidth(c.dt) != -1 {
			t.Errorf("%s: OID %d, name %q, catalog name %q; want %d, %q, %q", c.dt, WireOID(c.dt), PostgresName(c.dt), name, c.oid, c.name, c.catalog)
		}
	}
	dt, ok := FromPostgres(1015, -1)
	if !ok || !arrow.TypeEqual(dt, ArrayOf(arrow.BinaryTypes.String)) {
		t.Errorf("varchar[] reads as %s", dt)
	}
	dt, ok = FromPostgres(1231, (12<<16|3)+4)
	if !ok || PostgresName(dt) != "numeric(12,3)[]" {
		t.Errorf("numeric(12,3)[] reads as %s", dt)
	}
	if elem, ok := ElementOID(1007); !ok || elem != OIDInt4 {
		t.Errorf("the element of _int4 is %d", elem)
	}
}

func TestParseLiteralArrayDepth(t *testing.T) {
	s, err := ParseLiteral(ArrayOfDepth(arrow.PrimitiveTypes.Int32, 2), "{}")
	if err != nil || !arrow.TypeEqual(s.DataType(), ArrayOfDepth(arrow.PrimitiveTypes.Int32, 2)) {
		t.Errorf("'{}' as a 2-D array: %v, %v", s, err)
	}
	if _, err := ParseLiteral(ArrayOf(arrow.PrimitiveTypes.Int32), "{{1}}"); sqlstate.Code(err) != sqlstate.FeatureNotSupported {
		t.Errorf("'{{1}}' as a 1-D array: %v", err)
	}
	if _, err := ParseLiteral(ArrayOf(arrow.PrimitiveTypes.Int32), "{1,x}"); err == nil ||
		err.Error() != `invalid input syntax for type integer: "x"` {
		t.Errorf("'{1,x}': %v", err)
	}
}
