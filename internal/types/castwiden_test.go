package types

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestWideningCastsMatchExactText checks the integer path of widening
// casts against the exact-text path every other cast to numeric takes.
func TestWideningCastsMatchExactText(t *testing.T) {
	dec := func(p, s int32) arrow.DataType { return &arrow.Decimal128Type{Precision: p, Scale: s} }
	wide := func(p, s int32) arrow.DataType { return &arrow.Decimal256Type{Precision: p, Scale: s} }
	d := array.NewDecimal128Builder(memory.DefaultAllocator, dec(15, 2).(*arrow.Decimal128Type))
	d.AppendValues([]decimal128.Num{decimal128.FromI64(-123456789012), decimal128.FromI64(5), decimal128.FromI64(0)}, nil)
	d.AppendNull()
	decimals := d.NewArray()
	i := array.NewInt64Builder(memory.DefaultAllocator)
	i.AppendValues([]int64{-9223372036854775808, 9223372036854775807, 7}, nil)
	i.AppendNull()
	ints := i.NewArray()
	cases := []struct {
		in arrow.Array
		to arrow.DataType
	}{
		{decimals, dec(16, 2)}, {decimals, dec(38, 6)}, {decimals, wide(49, 6)}, {ints, dec(19, 0)}, {ints, dec(25, 4)}, {ints, wide(40, 2)},
	}
	for _, c := range cases {
		if !widensExactly(c.in.DataType(), c.to) {
			t.Fatalf("%s to %s should widen exactly", c.in.DataType(), c.to)
		}
		fast, slow := array.NewBuilder(memory.DefaultAllocator, c.to), array.NewBuilder(memory.DefaultAllocator, c.to)
		if err := castWidening(c.in, fast); err != nil {
			t.Fatal(err)
		}
		if err := castToExact(c.in, slow); err != nil {
			t.Fatal(err)
		}
		got, want := fast.NewArray(), slow.NewArray()
		if !array.Equal(got, want) {
			t.Errorf("%s to %s: got %v, want %v", c.in.DataType(), c.to, got, want)
		}
	}
	for _, narrow := range []arrow.DataType{dec(15, 1), dec(14, 2), dec(18, 0)} {
		if widensExactly(decimals.DataType(), narrow) {
			t.Errorf("decimal(15,2) to %s cannot widen exactly", narrow)
		}
	}
}
