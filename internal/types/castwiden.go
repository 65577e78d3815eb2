package types

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/decimal256"
)

// exactShape is the precision and scale of an integer or decimal type;
// ok is false for other types.
func exactShape(dt arrow.DataType) (precision, scale int32, ok bool) {
	switch t := dt.(type) {
	case *arrow.Decimal128Type:
		return t.Precision, t.Scale, true
	case *arrow.Decimal256Type:
		return t.Precision, t.Scale, true
	}
	digits := map[arrow.Type]int32{arrow.INT16: 5, arrow.INT32: 10, arrow.INT64: 19}[dt.ID()]
	return digits, 0, digits > 0
}

// widensExactly tells whether every value of from fits to with no
// rounding and no overflow: to is a decimal with at least from's scale and
// at least as many digits before the point.
func widensExactly(from, to arrow.DataType) bool {
	fp, fs, ok := exactShape(from)
	tp, ts, isDecimal := exactShape(to)
	isDecimal = isDecimal && arrow.IsDecimal(to.ID())
	return ok && isDecimal && ts >= fs && tp-ts >= fp-fs
}

// castWidening brings integers or decimals to a decimal type that holds
// them all (see widensExactly), on the unscaled integers: no value is
// rounded or out of range.
func castWidening(arr arrow.Array, b array.Builder) error {
	_, fromScale, _ := exactShape(arr.DataType())
	_, toScale, _ := exactShape(b.Type())
	read := wideUnscaled(arr)
	by := toScale - fromScale
	for i := 0; i < arr.Len(); i++ {
		if arr.IsNull(i) {
			b.AppendNull()
			continue
		}
		v := read(i)
		if by > 0 {
			v = v.IncreaseScaleBy(by)
		}
		switch b := b.(type) {
		case *array.Decimal128Builder:
			b.Append(decimal128.New(int64(v.Array()[1]), v.Array()[0]))
		case *array.Decimal256Builder:
			b.Append(v)
		}
	}
	return nil
}

// wideUnscaled reads the unscaled values of an integer or decimal array as
// 256-bit integers.
func wideUnscaled(arr arrow.Array) func(int) decimal256.Num {
	switch a := arr.(type) {
	case *array.Int16:
		return func(i int) decimal256.Num { return decimal256.FromI64(int64(a.Value(i))) }
	case *array.Int32:
		return func(i int) decimal256.Num { return decimal256.FromI64(int64(a.Value(i))) }
	case *array.Int64:
		return func(i int) decimal256.Num { return decimal256.FromI64(a.Value(i)) }
	case *array.Decimal128:
		return func(i int) decimal256.Num { return decimal256.FromDecimal128(a.Value(i)) }
	}
	a := arr.(*array.Decimal256)
	return a.Value
}
