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
