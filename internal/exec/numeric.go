package exec

import (
	"context"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
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

// castToNumeric converts integers, decimals, floats and text to the
// unconstrained numeric.
func castToNumeric(arr arrow.Array) (compute.Datum, error) {
	out := array.NewStringBuilder(memory.DefaultAllocator)
	defer out.Release()
	text, err := numericTexts(arr)
	if err != nil {
		return nil, err
	}
	for i := 0; i < arr.Len(); i++ {
		if arr.IsNull(i) {
			out.AppendNull()
			continue
		}
		s, err := text(i)
		if err != nil {
			return nil, err
		}
		out.Append(s)
	}
	return numericDatum(out)
}

// numericTexts renders the values of an array as numeric texts.
func numericTexts(arr arrow.Array) (func(i int) (string, error), error) {
	switch a := arr.(type) {
	case *array.Float64:
		return func(i int) (string, error) { return floatAsNumeric(a.Value(i), 15) }, nil
	case *array.Float32:
		return func(i int) (string, error) { return floatAsNumeric(float64(a.Value(i)), 6) }, nil
	case *array.String:
		return func(i int) (string, error) {
			s, err := types.CanonicalNumeric(strings.TrimSpace(a.Value(i)))
			if err != nil {
				return "", sqlstate.New(sqlstate.InvalidTextRepresentation, "invalid input syntax for type numeric: %q", a.Value(i))
			}
			return s, nil
		}, nil
	}
	read, err := decimalReader(arr)
	if err != nil {
		return nil, err
	}
	return func(i int) (string, error) { return read(i).String(), nil }, nil
}

// floatAsNumeric is PostgreSQL's float to numeric: the value printed with
// the type's reliable significant digits (15 for double precision, 6 for
// real), then read exactly.
func floatAsNumeric(f float64, digits int) (string, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "", sqlstate.New(sqlstate.FeatureNotSupported, "cannot convert %s to numeric yet", types.FormatFloat(f, 64))
	}
	return types.CanonicalNumeric(strconv.FormatFloat(f, 'g', digits, 64))
}

// castFromNumeric converts the unconstrained numeric to floats, decimals,
// integers (rounding half away from zero, with PostgreSQL's range errors)
// and text.
func castFromNumeric(arr *types.NumericArray, to arrow.DataType) (compute.Datum, error) {
	texts := arr.Storage().(*array.String)
	if to.ID() == arrow.STRING {
		return compute.NewDatum(texts), nil
	}
	b := array.NewBuilder(memory.DefaultAllocator, to)
	defer b.Release()
	for i := 0; i < arr.Len(); i++ {
		if arr.IsNull(i) {
			b.AppendNull()
			continue
		}
		if err := appendNumeric(b, texts.Value(i)); err != nil {
			return nil, err
		}
	}
	out := b.NewArray()
	defer out.Release()
	return compute.NewDatum(out), nil
}

// appendNumeric appends one numeric text to a float, decimal or integer
// builder.
func appendNumeric(b array.Builder, text string) error {
	switch b := b.(type) {
	case *array.Float64Builder:
		f, err := strconv.ParseFloat(text, 64)
		b.Append(f)
		return err
	case *array.Float32Builder:
		f, err := strconv.ParseFloat(text, 32)
		b.Append(float32(f))
		return err
	case *array.Decimal128Builder:
		t := b.Type().(*arrow.Decimal128Type)
		v, err := roundedDecimal(text, t.Scale, t.Precision)
		if err != nil {
			return err
		}
		b.Append(decimal128.FromBigInt(v))
		return nil
	}
	v, err := roundedDecimal(text, 0, 19)
	if err != nil || !v.IsInt64() {
		return sqlstate.New(sqlstate.NumericValueOutOfRange, "%s out of range", outOfRangeName(b.Type()))
	}
	return appendInteger(b, v.Int64())
}

// roundedDecimal reads a numeric text at a scale, rounding half away from
// zero, and checks it has at most precision digits.
func roundedDecimal(text string, scale, precision int32) (*big.Int, error) {
	r, ok := new(big.Rat).SetString(text)
	if !ok {
		return nil, fmt.Errorf("invalid numeric %q", text)
	}
	v := types.RoundDecimal(r, scale).Unscaled
	if len(new(big.Int).Abs(v).String()) > int(precision) {
		e := sqlstate.New(sqlstate.NumericValueOutOfRange, "numeric field overflow")
		e.Detail = fmt.Sprintf("A field with precision %d, scale %d must round to an absolute value less than 10^%d.",
			precision, scale, precision-scale)
		return nil, e
	}
	return v, nil
}

// appendInteger appends v to an integer builder, with PostgreSQL's range
// error when it does not fit.
func appendInteger(b array.Builder, v int64) error {
	outOfRange := sqlstate.New(sqlstate.NumericValueOutOfRange, "%s out of range", outOfRangeName(b.Type()))
	switch b := b.(type) {
	case *array.Int16Builder:
		if v < math.MinInt16 || v > math.MaxInt16 {
			return outOfRange
		}
		b.Append(int16(v))
	case *array.Int32Builder:
		if v < math.MinInt32 || v > math.MaxInt32 {
			return outOfRange
		}
		b.Append(int32(v))
	case *array.Int64Builder:
		b.Append(v)
	default:
		return fmt.Errorf("cannot convert numeric to %s", b.Type())
	}
	return nil
}

// castNumeric is a cast to or from the unconstrained numeric.
func castNumeric(d compute.Datum, to arrow.DataType, rows int) (compute.Datum, error) {
	arr, err := datumToArray(d, rows)
	if err != nil {
		return nil, err
	}
	defer arr.Release()
	if from, ok := arr.(*types.NumericArray); ok {
		if to == types.Numeric {
			return compute.NewDatum(arr), nil
		}
		return castFromNumeric(from, to)
	}
	return castToNumeric(arr)
}
