package exec

import (
	"math"
	"math/big"
	"math/rand"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"

	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

var float8 = arrow.PrimitiveTypes.Float64

// mathFunctions are PostgreSQL's mathematical functions over integers,
// double precision (computed by the C library, as PostgreSQL computes
// them) and numeric (exact, with PostgreSQL's result scales).
var mathFunctions = concatLists(
	[]*Overload{
		fn("abs", params(tInt2), sameAsFirst, intAbsKernel),
		fn("abs", params(tInt4), sameAsFirst, intAbsKernel),
		fn("abs", params(tInt8), sameAsFirst, intAbsKernel),
		fn("abs", params(tFloat4), sameAsFirst, computeKernel("abs_unchecked")),
		fn("abs", params(tFloat8), sameAsFirst, computeKernel("abs_unchecked")),
		fn("abs", params(tNumeric), sameAsFirst, numericMap(absDecimal)),
		fn("round", params(tFloat8), returns(float8), floatMap(math.RoundToEven, nil)),
		fn("trunc", params(tFloat8), returns(float8), computeKernel("trunc")),
		fn("floor", params(tFloat8), returns(float8), computeKernel("floor")),
		fn("sign", params(tFloat8), returns(float8), floatMap(floatSign, nil)),
		fn("sqrt", params(tFloat8), returns(float8), floatMap(math.Sqrt, checkSqrt)),
		fn("cbrt", params(tFloat8), returns(float8), libmMap(cCbrt, checkFinite)),
		fn("exp", params(tFloat8), returns(float8), floatKernel(floatExp)),
		fn("ln", params(tFloat8), returns(float8), libmMap(cLog, checkLog(1))),
		fn("log", params(tFloat8), returns(float8), libmMap(cLog10, checkLog(1))),
		fn("log10", params(tFloat8), returns(float8), libmMap(cLog10, checkLog(1))),
		fn("power", params(tFloat8, tFloat8), returns(float8), floatPowKernel),
		fn("pow", params(tFloat8, tFloat8), returns(float8), floatPowKernel),
		fn("pi", nil, returns(float8), piKernel),
		fn("degrees", params(tFloat8), returns(float8), floatMap(func(x float64) float64 { return x / radiansPerDegree }, checkFinite)),
		fn("radians", params(tFloat8), returns(float8), floatMap(func(x float64) float64 { return x * radiansPerDegree }, checkFinite)),
		fn("sin", params(tFloat8), returns(float8), libmMap(cSin, trigDomain(math.Inf(1)))),
		fn("cos", params(tFloat8), returns(float8), libmMap(cCos, trigDomain(math.Inf(1)))),
		fn("tan", params(tFloat8), returns(float8), libmMap(cTan, trigDomain(math.Inf(1)))),
		fn("cot", params(tFloat8), returns(float8), floatKernel(floatCot)),
		fn("asin", params(tFloat8), returns(float8), libmMap(cAsin, trigDomain(1))),
		fn("acos", params(tFloat8), returns(float8), libmMap(cAcos, trigDomain(1))),
		fn("atan", params(tFloat8), returns(float8), libmMap(cAtan, nil)),
		fn("atan2", params(tFloat8, tFloat8), returns(float8), atan2Kernel),
		fn("sinh", params(tFloat8), returns(float8), libmMap(cSinh, nil)),
		fn("cosh", params(tFloat8), returns(float8), libmMap(cCosh, nil)),
		fn("tanh", params(tFloat8), returns(float8), libmMap(cTanh, nil)),
		fn("asinh", params(tFloat8), returns(float8), libmMap(cAsinh, nil)),
		fn("acosh", params(tFloat8), returns(float8), libmMap(cAcosh, checkAcosh)),
		fn("atanh", params(tFloat8), returns(float8), libmMap(cAtanh, checkAtanh)),
		fn("mod", params(tInt2, tInt2), sameAsFirst, intArithKernel(expr.Mod)),
		fn("mod", params(tInt4, tInt4), sameAsFirst, intArithKernel(expr.Mod)),
		fn("mod", params(tInt8, tInt8), sameAsFirst, intArithKernel(expr.Mod)),
		fn("gcd", params(tInt4, tInt4), sameAsFirst, gcdKernel(false)),
		fn("gcd", params(tInt8, tInt8), sameAsFirst, gcdKernel(false)),
		fn("lcm", params(tInt4, tInt4), sameAsFirst, gcdKernel(true)),
		fn("lcm", params(tInt8, tInt8), sameAsFirst, gcdKernel(true)),
		fn("width_bucket", params(tFloat8, tFloat8, tFloat8, tInt4), returns(int4), floatWidthBucket),
		withVolatility(Volatile, fn("random", nil, returns(float8), randomKernel)),
		withVolatility(Volatile, fn("setseed", params(tFloat8), returns(types.Void), setseedKernel)),
	},
	aliases([]string{"ceil", "ceiling"}, fn("", params(tFloat8), returns(float8), computeKernel("ceil"))),
	numericFunctions,
)

// radiansPerDegree is PostgreSQL's RADIANS_PER_DEGREE.
const radiansPerDegree = 0.0174532925199432957692

func overflow() error {
	return sqlstate.New(sqlstate.NumericValueOutOfRange, "value out of range: overflow")
}
func underflow() error {
	return sqlstate.New(sqlstate.NumericValueOutOfRange, "value out of range: underflow")
}

// floatCheck is PostgreSQL's check of one result r of a double precision
// function of x.
type floatCheck func(x, r float64) error

// floatKernel is a double precision function of one argument computed row
// by row, with its own checks.
func floatKernel(f func(x float64) (float64, error)) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		x := floatAt(args[0])
		return strict(float64Builder(k), k, args, func(i int) (float64, error) { return f(x[i]) })
	}
}

// floatMap is a double precision function computed in Go.
func floatMap(f func(float64) float64, check floatCheck) Kernel {
	return floatColumn(func(in []float64) []float64 {
		out := make([]float64, len(in))
		for i, x := range in {
			out[i] = f(x)
		}
		return out
	}, check)
}

// libmMap is a double precision function computed by the C library.
func libmMap(f libmFunc, check floatCheck) Kernel {
	return floatColumn(func(in []float64) []float64 { return libmApply(f, in) }, check)
}

// floatColumn computes a whole column with f, then checks every non-NULL
// row's result.
func floatColumn(f func([]float64) []float64, check floatCheck) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		in := floatAt(args[0])
		out := f(in)
		return strict(float64Builder(k), k, args, func(i int) (float64, error) {
			if check != nil {
				if err := check(in[i], out[i]); err != nil {
					return 0, err
				}
			}
			return out[i], nil
		})
	}
}

// computeKernel is a function arrow-go's compute package computes
// exactly as PostgreSQL does (IEEE floor, ceil, trunc and abs).
func computeKernel(name string) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		datums := make([]compute.Datum, len(args))
		for i, a := range args {
			datums[i] = compute.NewDatum(a)
			defer datums[i].Release()
		}
		out, err := compute.CallFunction(k.context(), name, nil, datums...)
		if err != nil {
			return nil, err
		}
		defer out.Release()
		return out.(*compute.ArrayDatum).MakeArray(), nil
	}
}

func floatSign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// checkFinite fails where a finite argument gave an infinite or vanishing
// result.
func checkFinite(x, r float64) error {
	switch {
	case math.IsInf(r, 0) && !math.IsInf(x, 0):
		return overflow()
	case r == 0 && x != 0:
		return underflow()
	}
	return nil
}

func checkSqrt(x, r float64) error {
	if x < 0 {
		return sqlstate.New(sqlstate.InvalidArgumentForPower, "cannot take square root of a negative number")
	}
	return checkFinite(x, r)
}

// checkLog is the check of ln and log10; one is the argument whose
// logarithm is zero.
func checkLog(one float64) floatCheck {
	return func(x, r float64) error {
		switch {
		case x == 0:
			return sqlstate.New(sqlstate.InvalidArgumentForLogarithm, "cannot take logarithm of zero")
		case x < 0:
			return sqlstate.New(sqlstate.InvalidArgumentForLogarithm, "cannot take logarithm of a negative number")
		case math.IsInf(r, 0) && !math.IsInf(x, 0):
			return overflow()
		case r == 0 && x != one:
			return underflow()
		}
		return nil
	}
}

// trigDomain fails for arguments beyond limit in magnitude (the infinite
// ones for sin, cos and tan; beyond 1 for asin and acos).
func trigDomain(limit float64) floatCheck {
	return func(x, r float64) error {
		if !math.IsNaN(x) && (math.Abs(x) > limit || math.IsInf(x, 0)) {
			return sqlstate.New(sqlstate.NumericValueOutOfRange, "input is out of range")
		}
		if math.IsInf(r, 0) {
			return overflow()
		}
		return nil
	}
}

func checkAcosh(x, _ float64) error {
	if x < 1 {
		return sqlstate.New(sqlstate.NumericValueOutOfRange, "input is out of range")
	}
	return nil
}

func checkAtanh(x, _ float64) error {
	if x < -1 || x > 1 {
		return sqlstate.New(sqlstate.NumericValueOutOfRange, "input is out of range")
	}
	return nil
}

// floatExp is exp(x) with PostgreSQL's overflow and underflow errors.
func floatExp(x float64) (float64, error) {
	switch {
	case math.IsNaN(x):
		return x, nil
	case math.IsInf(x, 1):
		return x, nil
	case math.IsInf(x, -1):
		return 0, nil
	}
	r := libmApply(cExp, []float64{x})[0]
	switch {
	case math.IsInf(r, 0):
		return 0, overflow()
	case r == 0:
		return 0, underflow()
	}
	return r, nil
}

func floatCot(x float64) (float64, error) {
	if math.IsInf(x, 0) {
		return 0, sqlstate.New(sqlstate.NumericValueOutOfRange, "input is out of range")
	}
	return 1 / libmApply(cTan, []float64{x})[0], nil
}

func atan2Kernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	out := libmAtan2(floatAt(args[0]), floatAt(args[1]))
	return strict(float64Builder(k), k, args, func(i int) (float64, error) { return out[i], nil })
}

func piKernel(k *KernelContext, _ []arrow.Array) (arrow.Array, error) {
	return strict(float64Builder(k), k, nil, func(int) (float64, error) { return math.Pi, nil })
}

// floatPowKernel is power(x, y) for double precision, with PostgreSQL's
// treatment of NaN, infinities and its domain errors.
func floatPowKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	x, y := floatAt(args[0]), floatAt(args[1])
	pow := libmPow(x, y)
	return strict(float64Builder(k), k, args, func(i int) (float64, error) {
		return floatPow(x[i], y[i], pow[i])
	})
}

// floatPow checks the C library's pow(x, y) = r as PostgreSQL's dpow does.
func floatPow(x, y, r float64) (float64, error) {
	switch {
	case math.IsNaN(x):
		if math.IsNaN(y) || y != 0 {
			return math.NaN(), nil
		}
		return 1, nil
	case math.IsNaN(y):
		if x != 1 {
			return math.NaN(), nil
		}
		return 1, nil
	case x == 0 && y < 0:
		return 0, sqlstate.New(sqlstate.InvalidArgumentForPower, "zero raised to a negative power is undefined")
	case x < 0 && math.Floor(y) != y:
		return 0, sqlstate.New(sqlstate.InvalidArgumentForPower, "a negative number raised to a non-integer power yields a complex result")
	case math.IsInf(y, 0) || math.IsInf(x, 0):
		return math.Pow(x, y), nil
	case math.IsInf(r, 0):
		return 0, overflow()
	case r == 0 && x != 0:
		return 0, underflow()
	}
	return r, nil
}

// intAbsKernel is abs of an integer, with its type's overflow error.
func intAbsKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	switch a := args[0].(type) {
	case *array.Int16:
		return strict(array.NewInt16Builder(k.Mem), k, args, func(i int) (int16, error) { return absOf(a.Value(i), "smallint") })
	case *array.Int32:
		return strict(int32Builder(k), k, args, func(i int) (int32, error) { return absOf(a.Value(i), "integer") })
	}
	a := args[0].(*array.Int64)
	return strict(int64Builder(k), k, args, func(i int) (int64, error) { return absOf(a.Value(i), "bigint") })
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

// intArithKernel is an arithmetic operator as a function (mod).
func intArithKernel(op expr.ArithOp) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		return integerArith(k.context(), op, args[0], args[1])
	}
}

// gcdKernel is gcd, or lcm, of two integers: never negative, with the
// type's range error when the result does not fit.
func gcdKernel(lcm bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		a, b := intAt(args[0]), intAt(args[1])
		if args[0].DataType().ID() == arrow.INT32 {
			limit := big.NewInt(math.MaxInt32)
			return strict(int32Builder(k), k, args, func(i int) (int32, error) {
				v, err := gcdOrLcm(a(i), b(i), lcm, limit, "integer")
				return int32(v), err
			})
		}
		limit := big.NewInt(math.MaxInt64)
		return strict(int64Builder(k), k, args, func(i int) (int64, error) { return gcdOrLcm(a(i), b(i), lcm, limit, "bigint") })
	}
}

func gcdOrLcm(a, b int64, lcm bool, limit *big.Int, name string) (int64, error) {
	x, y := big.NewInt(a), big.NewInt(b)
	g := new(big.Int).GCD(nil, nil, new(big.Int).Abs(x), new(big.Int).Abs(y))
	v := g
	if lcm {
		if a == 0 || b == 0 {
			return 0, nil
		}
		v = new(big.Int).Abs(new(big.Int).Mul(new(big.Int).Quo(x, g), y))
	}
	if v.Cmp(limit) > 0 {
		return 0, sqlstate.New(sqlstate.NumericValueOutOfRange, "%s out of range", name)
	}
	return v.Int64(), nil
}

// floatWidthBucket is width_bucket(operand, low, high, count) for double
// precision: the bucket of count equal ones between the bounds, 0 below
// and count+1 above.
func floatWidthBucket(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	x, lo, hi, count := floatAt(args[0]), floatAt(args[1]), floatAt(args[2]), intAt(args[3])
	return strict(int32Builder(k), k, args, func(i int) (int32, error) {
		return widthBucket(x[i], lo[i], hi[i], int32(count(i)))
	})
}

func bucketError(msg string) error {
	return sqlstate.New(sqlstate.InvalidArgumentForWidthBucket, "%s", msg)
}

func widthBucket(x, lo, hi float64, count int32) (int32, error) {
	switch {
	case count <= 0:
		return 0, bucketError("count must be greater than zero")
	case math.IsNaN(x) || math.IsNaN(lo) || math.IsNaN(hi):
		return 0, bucketError("operand, lower bound, and upper bound cannot be NaN")
	case math.IsInf(lo, 0) || math.IsInf(hi, 0):
		return 0, bucketError("lower and upper bounds must be finite")
	case lo == hi:
		return 0, bucketError("lower bound cannot equal upper bound")
	}
	below, above := x < lo, x >= hi
	offset, width := x-lo, hi-lo
	if lo > hi {
		below, above = x > lo, x <= hi
		offset, width = lo-x, lo-hi
	}
	switch {
	case below:
		return 0, nil
	case above:
		if count == math.MaxInt32 {
			return 0, sqlstate.New(sqlstate.NumericValueOutOfRange, "integer out of range")
		}
		return count + 1, nil
	}
	q := offset / width
	if math.IsInf(width, 0) {
		q = (offset / 2) / (width / 2)
	}
	return min(int32(float64(count)*q), count-1) + 1, nil
}

// randomSource is the generator of random() and setseed(), shared by
// every session.
var randomSource = struct {
	sync.Mutex
	*rand.Rand
}{Rand: rand.New(rand.NewSource(rand.Int63()))}

func randomKernel(k *KernelContext, _ []arrow.Array) (arrow.Array, error) {
	randomSource.Lock()
	defer randomSource.Unlock()
	return strict(float64Builder(k), k, nil, func(int) (float64, error) { return randomSource.Float64(), nil })
}

// setseedKernel seeds random() with a value in [-1, 1].
func setseedKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	seeds := floatAt(args[0])
	b := stringBuilder(k)
	defer b.Release()
	for i := 0; i < k.Rows; i++ {
		if args[0].IsNull(i) {
			b.AppendNull()
			continue
		}
		s := seeds[i]
		if s < -1 || s > 1 || math.IsNaN(s) {
			return nil, sqlstate.New(sqlstate.InvalidParameterValue, "setseed parameter %s is out of allowed range [-1,1]", types.FormatFloat(s, 64))
		}
		randomSource.Lock()
		randomSource.Seed(int64(s * math.MaxInt32))
		randomSource.Unlock()
		b.Append("")
	}
	storage := b.NewArray()
	defer storage.Release()
	return array.NewExtensionArrayWithStorage(types.Void, storage), nil
}
