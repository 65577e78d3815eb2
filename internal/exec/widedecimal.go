package exec

import (
	"context"
	"math/bits"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/decimal256"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
)

// wideProduct tells whether n multiplies two Decimal256 values into a
// Decimal256 whose scale is the sum of theirs, which evalWideProduct
// computes.
func wideProduct(n *expr.Arith) bool {
	res, ok := n.Typ.(*arrow.Decimal256Type)
	l, okL := n.Left.Type().(*arrow.Decimal256Type)
	r, okR := n.Right.Type().(*arrow.Decimal256Type)
	return n.Op == expr.Mul && ok && okL && okR && res.Scale == l.Scale+r.Scale
}

// evalWideProduct multiplies Decimal256 values (the products of decimals
// past 38 digits) with one 64×64-bit multiplication where both unscaled
// values fit 64 bits, as prices and rates do, and 256-bit multiplication
// otherwise. The planner's precision leaves no room for overflow.
func evalWideProduct(ctx context.Context, n *expr.Arith, batch arrow.RecordBatch) (compute.Datum, error) {
	operands, err := operandArrays(ctx, n, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(operands)
	left, right := operands[0].(*array.Decimal256), operands[1].(*array.Decimal256)
	b := array.NewDecimal256Builder(memory.DefaultAllocator, n.Typ.(*arrow.Decimal256Type))
	defer b.Release()
	b.Reserve(left.Len())
	for i := 0; i < left.Len(); i++ {
		if left.IsNull(i) || right.IsNull(i) {
			b.AppendNull()
			continue
		}
		b.UnsafeAppend(product256(left.Value(i), right.Value(i)))
	}
	out := b.NewArray()
	defer out.Release()
	return compute.NewDatum(out), nil
}

// product256 is a × b.
func product256(a, b decimal256.Num) decimal256.Num {
	x, okA := asInt64(a)
	y, okB := asInt64(b)
	if !okA || !okB {
		return a.Mul(b)
	}
	negative := (x < 0) != (y < 0)
	hi, lo := bits.Mul64(absUint64(x), absUint64(y))
	p := decimal256.New(0, 0, hi, lo)
	if negative {
		p = p.Negate()
	}
	return p
}

// asInt64 is the value of a when it fits 64 bits.
func asInt64(a decimal256.Num) (int64, bool) {
	w := a.Array()
	sign := uint64(int64(w[0]) >> 63)
	return int64(w[0]), w[1] == sign && w[2] == sign && w[3] == sign
}

func absUint64(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}
