package exec

import (
	"context"
	"fmt"
	"math/big"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// exactOps compute PostgreSQL's numeric operators on exact decimals; b is
// not zero for division and modulo.
var exactOps = map[expr.ArithOp]func(a, b types.Decimal) types.Decimal{
	expr.Add: types.AddDecimal, expr.Sub: types.SubDecimal, expr.Mul: types.MulDecimal,
	expr.Div: types.DivDecimal, expr.Mod: types.ModDecimal,
}

// evalExactArith computes an arithmetic expression whose result is the
// unconstrained numeric, value by value in exact decimals of any
// precision: operands may be integers, decimals or numerics.
func evalExactArith(ctx context.Context, n *expr.Arith, batch arrow.RecordBatch) (compute.Datum, error) {
	args, err := evalArgs(ctx, []expr.Expr{n.Left, n.Right}, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(args)
	left, err := decimalReader(args[0])
	if err != nil {
		return nil, err
	}
	right, err := decimalReader(args[1])
	if err != nil {
		return nil, err
	}
	op := exactOps[n.Op]
	out := array.NewStringBuilder(memory.DefaultAllocator)
	defer out.Release()
	for i := 0; i < args[0].Len(); i++ {
		if args[0].IsNull(i) || args[1].IsNull(i) {
			out.AppendNull()
			continue
		}
		b := right(i)
		if b.Unscaled.Sign() == 0 && (n.Op == expr.Div || n.Op == expr.Mod) {
			return nil, sqlstate.New(sqlstate.DivisionByZero, "division by zero")
		}
		out.Append(op(left(i), b).String())
	}
	return numericDatum(out)
}

// numericDatum wraps the decimal texts of a builder as a Numeric array.
func numericDatum(texts *array.StringBuilder) (compute.Datum, error) {
	storage := texts.NewArray()
	defer storage.Release()
	res := array.NewExtensionArrayWithStorage(types.Numeric, storage)
	defer res.Release()
	return compute.NewDatum(res), nil
}

// decimalReader reads the values of an integer, decimal or numeric array
// as exact decimals.
func decimalReader(arr arrow.Array) (func(i int) types.Decimal, error) {
	switch a := arr.(type) {
	case *array.Int16:
		return func(i int) types.Decimal { return types.Decimal{Unscaled: big.NewInt(int64(a.Value(i)))} }, nil
	case *array.Int32:
		return func(i int) types.Decimal { return types.Decimal{Unscaled: big.NewInt(int64(a.Value(i)))} }, nil
	case *array.Int64:
		return func(i int) types.Decimal { return types.Decimal{Unscaled: big.NewInt(a.Value(i))} }, nil
	case *array.Decimal128:
		scale := a.DataType().(*arrow.Decimal128Type).Scale
		return func(i int) types.Decimal { return types.Decimal{Unscaled: a.Value(i).BigInt(), Scale: scale} }, nil
	case *array.Decimal256:
		scale := a.DataType().(*arrow.Decimal256Type).Scale
		return func(i int) types.Decimal { return types.Decimal{Unscaled: a.Value(i).BigInt(), Scale: scale} }, nil
	case *types.NumericArray:
		texts := a.Storage().(*array.String)
		return func(i int) types.Decimal {
			d, err := types.ParseDecimal(texts.Value(i))
			if err != nil {
				return types.Decimal{Unscaled: new(big.Int)}
			}
			return d
		}, nil
	}
	return nil, fmt.Errorf("%s is not an exact number", arr.DataType())
}
