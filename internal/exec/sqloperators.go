package exec

import (
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/types"
)

// operatorOverloads are the operators that are not comparisons or the
// arithmetic of numbers: || on text, ^ |/ ||/ @ on numbers, the bitwise
// & | # ~ << >> on integers.
var operatorOverloads = concatLists(
	[]*Overload{
		op("||", params(tText, tText), returns(text), textConcat),
		withVolatility(Stable, op("||", params(tText, tAnyNonArray), returns(text), textConcat)),
		withVolatility(Stable, op("||", params(tAnyNonArray, tText), returns(text), textConcat)),
		op("||", params(tBytea, tBytea), returns(arrow.BinaryTypes.Binary), byteaConcat),
		op("^", params(tFloat8, tFloat8), returns(float8), floatPowKernel),
		op("^", params(tNumeric, tNumeric), returns(types.Numeric), numericBinary(powerDecimal)),
		op("|/", params(tFloat8), returns(float8), floatMap(math.Sqrt, checkSqrt)),
		op("||/", params(tFloat8), returns(float8), libmMap(cCbrt, checkFinite)),
		op("@", params(tInt2), sameAsFirst, intAbsKernel),
		op("@", params(tInt4), sameAsFirst, intAbsKernel),
		op("@", params(tInt8), sameAsFirst, intAbsKernel),
		op("@", params(tFloat4), sameAsFirst, computeKernel("abs_unchecked")),
		op("@", params(tFloat8), sameAsFirst, computeKernel("abs_unchecked")),
		op("@", params(tNumeric), sameAsFirst, numericMap(absDecimal)),
	},
	bitwiseOperators(tInt2), bitwiseOperators(tInt4), bitwiseOperators(tInt8),
)

// bitwiseOperators are & | # ~ << >> on one integer type (the shift count
// is an integer).
func bitwiseOperators(t SQLType) []*Overload {
	return []*Overload{
		op("&", params(t, t), sameAsFirst, bitwise(func(a, b int64) int64 { return a & b })),
		op("|", params(t, t), sameAsFirst, bitwise(func(a, b int64) int64 { return a | b })),
		op("#", params(t, t), sameAsFirst, bitwise(func(a, b int64) int64 { return a ^ b })),
		op("~", params(t), sameAsFirst, bitwise(func(a, _ int64) int64 { return ^a })),
		op("<<", params(t, tInt4), sameAsFirst, shift(true)),
		op(">>", params(t, tInt4), sameAsFirst, shift(false)),
	}
}

// textConcat is ||: the text of both operands, NULL when either is.
func textConcat(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	style := k.Session.TextStyle()
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		return styledText(args[0], i, style) + styledText(args[1], i, style), nil
	})
}

func byteaConcat(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	a, b := args[0].(*array.Binary), args[1].(*array.Binary)
	builder := array.NewBinaryBuilder(k.Mem, arrow.BinaryTypes.Binary)
	return strict(builder, k, args, func(i int) ([]byte, error) {
		return append(append([]byte{}, a.Value(i)...), b.Value(i)...), nil
	})
}

// bitwise applies an operation to integers of one width; the result is
// narrowed back to it.
func bitwise(f func(a, b int64) int64) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		a := intAt(args[0])
		b := a
		if len(args) > 1 {
			b = intAt(args[1])
		}
		return narrowInts(k, args, func(i int) int64 { return f(a(i), b(i)) })
	}
}

// shift is << (left) and >>, with the shift count taken modulo the word
// size as the C operators PostgreSQL uses do on its platforms.
func shift(left bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		a, n := intAt(args[0]), intAt(args[1])
		width := uint(31)
		if args[0].DataType().ID() == arrow.INT64 {
			width = 63
		}
		return narrowInts(k, args, func(i int) int64 {
			count := uint(n(i)) & width
			if left {
				if width == 31 {
					return int64(int32(a(i)) << count)
				}
				return a(i) << count
			}
			return a(i) >> count
		})
	}
}

// narrowInts builds a column of the first argument's integer type.
func narrowInts(k *KernelContext, args []arrow.Array, f func(i int) int64) (arrow.Array, error) {
	switch args[0].DataType().ID() {
	case arrow.INT16:
		return strict(array.NewInt16Builder(k.Mem), k, args, func(i int) (int16, error) { return int16(f(i)), nil })
	case arrow.INT32:
		return strict(int32Builder(k), k, args, func(i int) (int32, error) { return int32(f(i)), nil })
	}
	return strict(int64Builder(k), k, args, func(i int) (int64, error) { return f(i), nil })
}
