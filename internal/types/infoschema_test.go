package types

import (
	"fmt"
	"testing"
)

func TestInfoSchemaFacts(t *testing.T) {
	cases := []struct {
		oid    uint32
		typmod int32
		want   string // data_type udt_name max octet precision radix scale datetime
	}{
		{OIDInt4, -1, "integer int4 <nil> <nil> 32 2 0 <nil>"},
		{OIDInt2, -1, "smallint int2 <nil> <nil> 16 2 0 <nil>"},
		{OIDFloat8, -1, "double precision float8 <nil> <nil> 53 2 <nil> <nil>"},
		{OIDVarchar, 24, "character varying varchar 20 80 <nil> <nil> <nil> <nil>"},
		{OIDVarchar, -1, "character varying varchar <nil> 1073741824 <nil> <nil> <nil> <nil>"},
		{OIDBpchar, 6, "character bpchar 2 8 <nil> <nil> <nil> <nil>"},
		{OIDText, -1, "text text <nil> 1073741824 <nil> <nil> <nil> <nil>"},
		{OIDNumeric, 10<<16 | 2 + 4, "numeric numeric <nil> <nil> 10 10 2 <nil>"},
		{OIDNumeric, -1, "numeric numeric <nil> <nil> <nil> 10 <nil> <nil>"},
		{OIDTimestamp, 3, "timestamp without time zone timestamp <nil> <nil> <nil> <nil> <nil> 3"},
		{OIDTimestamptz, -1, "timestamp with time zone timestamptz <nil> <nil> <nil> <nil> <nil> 6"},
		{OIDDate, -1, "date date <nil> <nil> <nil> <nil> <nil> 0"},
		{OIDInterval, -1, "interval interval <nil> <nil> <nil> <nil> <nil> 6"},
		{1009, -1, "ARRAY _text <nil> <nil> <nil> <nil> <nil> <nil>"},
		{22, -1, "ARRAY int2vector <nil> <nil> <nil> <nil> <nil> <nil>"},
		{OIDName, -1, "name name <nil> <nil> <nil> <nil> <nil> <nil>"},
		{18, -1, "\"char\" char <nil> <nil> <nil> <nil> <nil> <nil>"},
		{987654, -1, "USER-DEFINED <nil> <nil> <nil> <nil> <nil> <nil> <nil>"},
	}
	for _, c := range cases {
		f := InfoSchemaFacts(c.oid, c.typmod)
		got := fmt.Sprint(f.DataType, " ", f.UDTName, " ", f.CharacterMaximumLength, " ", f.CharacterOctetLength, " ",
			f.NumericPrecision, " ", f.NumericPrecisionRadix, " ", f.NumericScale, " ", f.DatetimePrecision)
		if got != c.want {
			t.Errorf("oid %d typmod %d: %s, want %s", c.oid, c.typmod, got, c.want)
		}
	}
}
