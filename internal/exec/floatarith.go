package exec

import (
	"context"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"

	"auger/internal/expr"
	"auger/internal/sqlstate"
)

// evalFloatArith computes real and double precision arithmetic with
// arrow's kernels and raises the range errors PostgreSQL raises where IEEE
// arithmetic goes on: an infinite result of finite operands is an
// overflow, a zero product or quotient of non-zero finite operands an
// underflow (22003).
func evalFloatArith(ctx context.Context, n *expr.Arith, batch arrow.RecordBatch) (compute.Datum, error) {
	operands, err := operandArrays(ctx, n, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(operands)
	left, right := compute.NewDatum(operands[0]), compute.NewDatum(operands[1])
	defer left.Release()
	defer right.Release()
	out, err := compute.CallFunction(ctx, arithFuncs[n.Op], nil, left, right)
	if err != nil {
		return nil, arithError(err, n.Typ)
	}
	if !arrow.TypeEqual(out.(compute.ArrayLikeDatum).Type(), n.Typ) {
		cast, err := compute.CastDatum(ctx, out, compute.SafeCastOptions(n.Typ))
		out.Release()
		if err != nil {
			return nil, arithError(err, n.Typ)
		}
		out = cast
	}
	result := out.(*compute.ArrayDatum).MakeArray()
	defer result.Release()
	if err := checkFloatRange(n.Op, floatValues(operands[0]), floatValues(operands[1]), floatValues(result), result); err != nil {
		out.Release()
		return nil, err
	}
	return out, nil
}

// floatValues reads a float array's values as float64.
func floatValues(a arrow.Array) func(i int) float64 {
	switch v := a.(type) {
	case *array.Float32:
		return func(i int) float64 { return float64(v.Value(i)) }
	case *array.Float64:
		return v.Value
	}
	return func(int) float64 { return 1 } // not a float: never out of range
}

// checkFloatRange applies PostgreSQL's checks (float.h's float_overflow
// and float_underflow conditions) to each non-NULL result.
func checkFloatRange(op expr.ArithOp, l, r, out func(int) float64, result arrow.Array) error {
	for i := 0; i < result.Len(); i++ {
		if result.IsNull(i) {
			continue
		}
		a, b, v := l(i), r(i), out(i)
		if math.IsInf(v, 0) && !math.IsInf(a, 0) && !math.IsInf(b, 0) {
			return sqlstate.New(sqlstate.NumericValueOutOfRange, "value out of range: overflow")
		}
		if v == 0 && underflows(op, a, b) {
			return sqlstate.New(sqlstate.NumericValueOutOfRange, "value out of range: underflow")
		}
	}
	return nil
}

// underflows tells whether a zero result of a op b is an underflow.
func underflows(op expr.ArithOp, a, b float64) bool {
	switch op {
	case expr.Mul:
		return a != 0 && b != 0
	case expr.Div:
		return a != 0 && !math.IsInf(b, 0)
	}
	return false
}
