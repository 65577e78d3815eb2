package types

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
)

func TestNumericTypmods(t *testing.T) {
	typmod := func(precision, scale int32) int32 { return (precision<<16 | scale&0x7ff) + 4 }
	cases := []struct {
		typmod int32
		want   string
	}{
		{-1, "numeric"},
		{typmod(10, 2), "decimal(10, 2)"},
		{typmod(50, 5), "decimal256(50, 5)"},
		{typmod(5, -2), "numeric"},
		{typmod(100, 0), "numeric"},
	}
	for _, c := range cases {
		dt, ok := FromPostgres(OIDNumeric, c.typmod)
		if !ok || dt.String() != c.want {
			t.Errorf("typmod %d: %s, want %s", c.typmod, dt, c.want)
		}
	}
	if oid := WireOID(&arrow.Decimal128Type{Precision: 10, Scale: 2}); oid != OIDNumeric {
		t.Errorf("decimal reports OID %d", oid)
	}
}

func TestParseInterval(t *testing.T) {
	cases := []struct {
		in   string
		want arrow.MonthDayNanoInterval
	}{
		{"1 day", arrow.MonthDayNanoInterval{Days: 1}},
		{"2 hours 30 minutes", arrow.MonthDayNanoInterval{Nanoseconds: 9000e9}},
		{"1 year 2 mons 3 days 04:05:06.5", arrow.MonthDayNanoInterval{Months: 14, Days: 3, Nanoseconds: 14706500e6}},
		{"-1 mon +2 days", arrow.MonthDayNanoInterval{Months: -1, Days: 2}},
		{"-00:01:30", arrow.MonthDayNanoInterval{Nanoseconds: -90e9}},
		{"1 week", arrow.MonthDayNanoInterval{Days: 7}},
	}
	for _, c := range cases {
		got, err := ParseInterval(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseInterval(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "1", "1 fortnight", "x day"} {
		if _, err := ParseInterval(bad); err == nil {
			t.Errorf("ParseInterval(%q) accepted", bad)
		}
	}
}
