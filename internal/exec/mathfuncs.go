package exec

import (
	"math"
	"math/big"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/sqlstate"
)

// mathFunc computes abs, round, ceil, floor, sqrt and power over arrays
// already of the types the planner chose.
func mathFunc(name string, args []arrow.Array, result arrow.DataType) (arrow.Array, error) {
	switch a := args[0].(type) {
	case *array.Float64:
		return floatMath(name, a, args, result)
	case *array.Float32:
		return floatMath(name, a, args, result)
	case *array.Decimal128:
		return decimalMath(name, a, args, result)
	case *array.Int16, *array.Int32, *array.Int64:
		return intAbs(args[0])
	}
	return nil, sqlstate.New(sqlstate.UndefinedFunction, "function %s(%s) does not exist", name, args[0].DataType())
}

// floatValues reads a float column of either width.
type floatValues interface {
	arrow.Array
	Value(int) float64
}

type float32Values struct{ *array.Float32 }

func (f float32Values) Value(i int) float64 { return float64(f.Float32.Value(i)) }

func floatMath(name string, first arrow.Array, args []arrow.Array, result arrow.DataType) (arrow.Array, error) {
	var x floatValues
	if f, ok := first.(*array.Float32); ok {
		x = float32Values{f}
	} else {
		x = first.(*array.Float64)
	}
	b := array.NewBuilder(memory.DefaultAllocator, result)
	defer b.Release()
	for i := 0; i < x.Len(); i++ {
		if anyNull(args, i) {
			b.AppendNull()
			continue
		}
		v, err := floatOp(name, x.Value(i), args, i)
		if err != nil {
			return nil, err
		}
		if fb, ok := b.(*array.Float32Builder); ok {
			fb.Append(float32(v))
		} else {
			b.(*array.Float64Builder).Append(v)
		}
	}
	return b.NewArray(), nil
}

func anyNull(args []arrow.Array, i int) bool {
	for _, a := range args {
		if a.IsNull(i) {
			return true
		}
	}
	return false
}

func floatOp(name string, v float64, args []arrow.Array, i int) (float64, error) {
	switch name {
	case "abs":
		return math.Abs(v), nil
	case "round":
		return math.RoundToEven(v), nil
	case "ceil":
		return math.Ceil(v), nil
	case "floor":
		return math.Floor(v), nil
	case "sqrt":
		if v < 0 {
			return 0, sqlstate.New("2201F", "cannot take square root of a negative number")
		}
		return math.Sqrt(v), nil
	}
	e := args[1].(*array.Float64).Value(i)
	if v == 0 && e < 0 {
		return 0, sqlstate.New("2201F", "zero raised to a negative power is undefined")
	}
	return math.Pow(v, e), nil
}

// decimalMath is abs, round, ceil and floor of numerics, exactly.
func decimalMath(name string, x *array.Decimal128, args []arrow.Array, result arrow.DataType) (arrow.Array, error) {
	scale := x.DataType().(*arrow.Decimal128Type).Scale
	target := result.(*arrow.Decimal128Type)
	b := array.NewDecimal128Builder(memory.DefaultAllocator, target)
	defer b.Release()
	for i := 0; i < x.Len(); i++ {
		if anyNull(args, i) {
			b.AppendNull()
			continue
		}
		places := int64(target.Scale)
		if len(args) > 1 {
			places = intAt(args[1], i)
		}
		v := new(big.Rat).SetFrac(x.Value(i).BigInt(), pow10(int64(scale)))
		b.Append(decimal128.FromBigInt(decimalOp(name, v, places, int64(target.Scale))))
	}
	return b.NewArray(), nil
}

func intAt(a arrow.Array, i int) int64 {
	switch v := a.(type) {
	case *array.Int32:
		return int64(v.Value(i))
	case *array.Int64:
		return v.Value(i)
	}
	return 0
}

func pow10(n int64) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(n), nil) }

// decimalOp applies one operation to an exact value and returns it
// unscaled at the result's scale. round goes half away from zero, at
// places digits (negative: left of the point).
func decimalOp(name string, v *big.Rat, places, resultScale int64) *big.Int {
	switch name {
	case "abs":
		v.Abs(v)
	case "ceil", "floor":
		q, m := new(big.Int).QuoRem(v.Num(), v.Denom(), new(big.Int))
		if m.Sign() != 0 && (name == "ceil") == (v.Sign() > 0) {
			q.Add(q, big.NewInt(int64(v.Sign())))
		}
		v.SetInt(q)
	case "round":
		unit := new(big.Rat).SetFrac(big.NewInt(1), pow10(max(places, 0)))
		if places < 0 {
			unit.SetInt(pow10(-places))
		}
		steps := new(big.Rat).Quo(v, unit)
		q, m := new(big.Int).QuoRem(steps.Num(), steps.Denom(), new(big.Int))
		if new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2)).Cmp(steps.Denom()) >= 0 {
			q.Add(q, big.NewInt(int64(steps.Sign())))
		}
		v.Mul(new(big.Rat).SetInt(q), unit)
	}
	scaled := new(big.Rat).Mul(v, new(big.Rat).SetInt(pow10(resultScale)))
	return new(big.Int).Quo(scaled.Num(), scaled.Denom())
}

// intAbs is abs of an integer, with its type's overflow error.
func intAbs(a arrow.Array) (arrow.Array, error) {
	b := array.NewBuilder(memory.DefaultAllocator, a.DataType())
	defer b.Release()
	for i := 0; i < a.Len(); i++ {
		if a.IsNull(i) {
			b.AppendNull()
			continue
		}
		if err := appendAbs(b, a, i); err != nil {
			return nil, err
		}
	}
	return b.NewArray(), nil
}

func appendAbs(b array.Builder, a arrow.Array, i int) error {
	switch v := a.(type) {
	case *array.Int16:
		x, err := absOf(v.Value(i), "smallint")
		b.(*array.Int16Builder).Append(x)
		return err
	case *array.Int32:
		x, err := absOf(v.Value(i), "integer")
		b.(*array.Int32Builder).Append(x)
		return err
	}
	x, err := absOf(a.(*array.Int64).Value(i), "bigint")
	b.(*array.Int64Builder).Append(x)
	return err
}

func absOf[T signed](v T, name string) (T, error) {
	if v >= 0 {
		return v, nil
	}
	if -v < 0 {
		return 0, sqlstate.New(sqlstate.NumericValueOutOfRange, "%s out of range", name)
	}
	return -v, nil
}
