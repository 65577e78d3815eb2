package types

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/sqlstate"
)

// TestRegtypeNames checks regtype's input and the names pg_typeof gives
// columns: their PostgreSQL type first, else their Arrow type's.
func TestRegtypeNames(t *testing.T) {
	for in, want := range map[string]string{
		"int4": "integer", " Int ": "integer", "varchar[]": "character varying[]", "timestamptz": "timestamp with time zone",
		"character varying": "character varying", "jsonb": "jsonb", "regtype": "regtype", "bpchar": "character",
	} {
		if got, err := ParseRegtype(in); err != nil || got != want {
			t.Errorf("%q: %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseRegtype("nosuchtype"); sqlstate.Code(err) != sqlstate.UndefinedObject {
		t.Errorf("nosuchtype: %v, want 42704", err)
	}
	varchar := WithPostgresOID(arrow.Field{Type: arrow.BinaryTypes.String}, OIDVarchar)
	fields := map[string]arrow.Field{
		"character varying":   varchar,
		"text":                {Type: arrow.BinaryTypes.String},
		"numeric":             {Type: &arrow.Decimal128Type{Precision: 5, Scale: 2}},
		"integer[]":           {Type: ArrayOf(arrow.PrimitiveTypes.Int32)},
		"character varying[]": WithPostgresOID(arrow.Field{Type: ArrayOf(arrow.BinaryTypes.String)}, 1015),
		"regtype":             {Type: Regtype},
	}
	for want, f := range fields {
		if got := FieldTypeName(f); got != want {
			t.Errorf("%v: %q, want %q", f, got, want)
		}
	}
	if WireOID(Regtype) != OIDRegtype || WireWidth(Regtype) != 4 {
		t.Errorf("regtype is sent as %d of width %d", WireOID(Regtype), WireWidth(Regtype))
	}
}
