package exec

import (
	"math"
	"math/big"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// numericFunctions are the numeric overloads of the mathematical
// functions: exact, with the result scales PostgreSQL 15 gives.
var numericFunctions = concatLists(
	[]*Overload{
		fn("round", params(tNumeric), integral, numericMap(func(d types.Decimal) (types.Decimal, error) { return roundAt(d, 0), nil })),
		fn("round", params(tNumeric, tInt4), returns(types.Numeric), numericAtPlaces(roundAt)),
		fn("trunc", params(tNumeric), integral, numericMap(func(d types.Decimal) (types.Decimal, error) { return truncAt(d, 0), nil })),
		fn("trunc", params(tNumeric, tInt4), returns(types.Numeric), numericAtPlaces(truncAt)),
		fn("floor", params(tNumeric), integral, numericMap(towards(-1))),
		fn("sign", params(tNumeric), signResult, numericMap(signDecimal)),
		fn("mod", params(tNumeric, tNumeric), modResult, numericBinary(modDecimal)),
		fn("div", params(tNumeric, tNumeric), returns(types.Numeric), numericBinary(divDecimal)),
		fn("gcd", params(tNumeric, tNumeric), returns(types.Numeric), numericBinary(gcdDecimal(false))),
		fn("lcm", params(tNumeric, tNumeric), returns(types.Numeric), numericBinary(gcdDecimal(true))),
		fn("sqrt", params(tNumeric), returns(types.Numeric), numericMap(sqrtDecimal)),
		fn("exp", params(tNumeric), returns(types.Numeric), numericMap(expDecimal)),
		fn("ln", params(tNumeric), returns(types.Numeric), numericMap(lnDecimal)),
		fn("log", params(tNumeric), returns(types.Numeric), numericMap(log10Decimal)),
		fn("log10", params(tNumeric), returns(types.Numeric), numericMap(log10Decimal)),
		fn("log", params(tNumeric, tNumeric), returns(types.Numeric), numericBinary(logDecimal)),
		fn("width_bucket", params(tNumeric, tNumeric, tNumeric, tInt4), returns(int4), numericWidthBucket),
	},
	aliases([]string{"power", "pow"}, fn("", params(tNumeric, tNumeric), returns(types.Numeric), numericBinary(powerDecimal))),
	aliases([]string{"ceil", "ceiling"}, fn("", params(tNumeric), integral, numericMap(towards(1)))),
)

// The limits of PostgreSQL's numeric scales.
const (
	minSigDigits    = 16   // NUMERIC_MIN_SIG_DIGITS
	maxDisplayScale = 1000 // NUMERIC_MAX_DISPLAY_SCALE
	maxResultScale  = 2000 // NUMERIC_MAX_RESULT_SCALE
)

// integral is the type of a numeric rounded to an integer: a decimal of
// scale 0 with room for one more digit, the unconstrained numeric beyond
// 38 digits.
func integral(args []arrow.DataType) arrow.DataType {
	d, ok := args[0].(*arrow.Decimal128Type)
	if !ok || d.Precision-d.Scale+1 > 38 {
		return types.Numeric
	}
	return &arrow.Decimal128Type{Precision: d.Precision - d.Scale + 1, Scale: 0}
}

func signResult(args []arrow.DataType) arrow.DataType {
	if _, ok := args[0].(*arrow.Decimal128Type); ok {
		return &arrow.Decimal128Type{Precision: 1, Scale: 0}
	}
	return types.Numeric
}

// modResult keeps the larger scale; the remainder is no larger than the
// divisor.
func modResult(args []arrow.DataType) arrow.DataType {
	a, okA := args[0].(*arrow.Decimal128Type)
	b, okB := args[1].(*arrow.Decimal128Type)
	if !okA || !okB {
		return types.Numeric
	}
	scale := max(a.Scale, b.Scale)
	return &arrow.Decimal128Type{Precision: min(max(a.Precision-a.Scale, b.Precision-b.Scale)+scale, 38), Scale: scale}
}

// decimalBuilder builds a numeric column: decimals of the result's type,
// or the unconstrained numeric's texts.
type decimalBuilder struct {
	dec   *array.Decimal128Builder
	texts *array.StringBuilder
}

func newDecimalBuilder(k *KernelContext) *decimalBuilder {
	if t, ok := k.Result.(*arrow.Decimal128Type); ok {
		return &decimalBuilder{dec: array.NewDecimal128Builder(k.Mem, t)}
	}
	return &decimalBuilder{texts: stringBuilder(k)}
}

// Append adds a value already at the result type's scale (or any scale
// for the unconstrained numeric).
func (b *decimalBuilder) Append(d types.Decimal) {
	if b.dec != nil {
		b.dec.Append(decimal128.FromBigInt(d.Unscaled))
		return
	}
	b.texts.Append(d.String())
}

func (b *decimalBuilder) AppendNull() {
	if b.dec != nil {
		b.dec.AppendNull()
	} else {
		b.texts.AppendNull()
	}
}

func (b *decimalBuilder) Reserve(n int) {
	if b.dec != nil {
		b.dec.Reserve(n)
	} else {
		b.texts.Reserve(n)
	}
}

func (b *decimalBuilder) NewArray() arrow.Array {
	if b.dec != nil {
		return b.dec.NewArray()
	}
	storage := b.texts.NewArray()
	defer storage.Release()
	return array.NewExtensionArrayWithStorage(types.Numeric, storage)
}

func (b *decimalBuilder) Release() {
	if b.dec != nil {
		b.dec.Release()
	} else {
		b.texts.Release()
	}
}

// numericMap is a numeric function of one numeric.
func numericMap(f func(types.Decimal) (types.Decimal, error)) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		x, err := decimalReader(args[0])
		if err != nil {
			return nil, err
		}
		return strict(newDecimalBuilder(k), k, args, func(i int) (types.Decimal, error) { return f(x(i)) })
	}
}

// numericBinary is a numeric function of two numerics.
func numericBinary(f func(a, b types.Decimal) (types.Decimal, error)) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		a, err := decimalReader(args[0])
		if err != nil {
			return nil, err
		}
		b, err := decimalReader(args[1])
		if err != nil {
			return nil, err
		}
		return strict(newDecimalBuilder(k), k, args, func(i int) (types.Decimal, error) { return f(a(i), b(i)) })
	}
}

// numericAtPlaces is round or trunc of a numeric at a number of decimal
// places (negative: left of the point).
func numericAtPlaces(f func(types.Decimal, int) types.Decimal) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		x, err := decimalReader(args[0])
		if err != nil {
			return nil, err
		}
		places := intAt(args[1])
		return strict(newDecimalBuilder(k), k, args, func(i int) (types.Decimal, error) {
			p := min(max(places(i), -maxResultScale), maxResultScale)
			return f(x(i), int(p)), nil
		})
	}
}

func ratOf(d types.Decimal) *big.Rat {
	return new(big.Rat).SetFrac(d.Unscaled, pow10(int64(d.Scale)))
}

func pow10(n int64) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(n), nil) }

// roundAt rounds half away from zero at places decimals; the result shows
// max(places, 0) decimals.
func roundAt(d types.Decimal, places int) types.Decimal {
	return atPlaces(d, places, func(q, r, unit *big.Int, neg bool) {
		if new(big.Int).Mul(new(big.Int).Abs(r), big.NewInt(2)).Cmp(unit) >= 0 {
			q.Add(q, big.NewInt(map[bool]int64{false: 1, true: -1}[neg]))
		}
	})
}

// truncAt cuts towards zero at places decimals.
func truncAt(d types.Decimal, places int) types.Decimal {
	return atPlaces(d, places, func(*big.Int, *big.Int, *big.Int, bool) {})
}

// atPlaces divides d into units of 10^-places, adjusts the truncated
// quotient with adjust, and writes it with max(places, 0) decimals.
func atPlaces(d types.Decimal, places int, adjust func(q, r, unit *big.Int, neg bool)) types.Decimal {
	shift := int64(d.Scale) - int64(places)
	if shift <= 0 {
		return rescale(d, int32(max(places, 0)))
	}
	unit := pow10(shift)
	q, r := new(big.Int).QuoRem(d.Unscaled, unit, new(big.Int))
	adjust(q, r, unit, d.Unscaled.Sign() < 0)
	if places < 0 {
		return types.Decimal{Unscaled: q.Mul(q, pow10(int64(-places))), Scale: 0}
	}
	return types.Decimal{Unscaled: q, Scale: int32(places)}
}

// rescale writes d with more decimals.
func rescale(d types.Decimal, scale int32) types.Decimal {
	if scale <= d.Scale {
		return d
	}
	return types.Decimal{Unscaled: new(big.Int).Mul(d.Unscaled, pow10(int64(scale-d.Scale))), Scale: scale}
}

// towards is ceil (dir 1) or floor (dir -1).
func towards(dir int) func(types.Decimal) (types.Decimal, error) {
	return func(d types.Decimal) (types.Decimal, error) {
		return atPlaces(d, 0, func(q, r, _ *big.Int, _ bool) {
			if r.Sign() == dir {
				q.Add(q, big.NewInt(int64(dir)))
			}
		}), nil
	}
}

func absDecimal(d types.Decimal) (types.Decimal, error) {
	return types.Decimal{Unscaled: new(big.Int).Abs(d.Unscaled), Scale: d.Scale}, nil
}

func signDecimal(d types.Decimal) (types.Decimal, error) {
	return types.Decimal{Unscaled: big.NewInt(int64(d.Unscaled.Sign()))}, nil
}

func divisionByZero() error { return sqlstate.New(sqlstate.DivisionByZero, "division by zero") }

func modDecimal(a, b types.Decimal) (types.Decimal, error) {
	if b.Unscaled.Sign() == 0 {
		return types.Decimal{}, divisionByZero()
	}
	return types.ModDecimal(a, b), nil
}

// divDecimal is div(a, b): the quotient truncated to an integer.
func divDecimal(a, b types.Decimal) (types.Decimal, error) {
	if b.Unscaled.Sign() == 0 {
		return types.Decimal{}, divisionByZero()
	}
	q := new(big.Rat).Quo(ratOf(a), ratOf(b))
	return types.Decimal{Unscaled: new(big.Int).Quo(q.Num(), q.Denom())}, nil
}

// gcdDecimal is gcd (or lcm) of two numerics, at the larger scale.
func gcdDecimal(lcm bool) func(a, b types.Decimal) (types.Decimal, error) {
	return func(a, b types.Decimal) (types.Decimal, error) {
		s := max(a.Scale, b.Scale)
		x, y := rescale(a, s).Unscaled, rescale(b, s).Unscaled
		g := new(big.Int).GCD(nil, nil, new(big.Int).Abs(x), new(big.Int).Abs(y))
		if !lcm {
			return types.Decimal{Unscaled: g, Scale: s}, nil
		}
		if x.Sign() == 0 || y.Sign() == 0 {
			return types.Decimal{Unscaled: new(big.Int), Scale: s}, nil
		}
		l := new(big.Int).Abs(new(big.Int).Mul(new(big.Int).Quo(x, g), y))
		return types.Decimal{Unscaled: l, Scale: s}, nil
	}
}

// nbaseDigits are a value's base-10000 digits as PostgreSQL's NumericVar
// holds them: the weight of the first and the digits, without leading or
// trailing zero digits (zero has none, and weight 0).
func nbaseDigits(d types.Decimal) (weight int, digits []int64) {
	s := new(big.Int).Abs(d.Unscaled).String()
	scale := int(d.Scale)
	for len(s) <= scale {
		s = "0" + s
	}
	intPart, frac := s[:len(s)-scale], s[len(s)-scale:]
	for len(intPart)%4 != 0 {
		intPart = "0" + intPart
	}
	for len(frac)%4 != 0 {
		frac += "0"
	}
	all := intPart + frac
	weight = len(intPart)/4 - 1
	for i := 0; i < len(all); i += 4 {
		var v int64
		for _, c := range all[i : i+4] {
			v = v*10 + int64(c-'0')
		}
		digits = append(digits, v)
	}
	for len(digits) > 0 && digits[0] == 0 {
		digits, weight = digits[1:], weight-1
	}
	for len(digits) > 0 && digits[len(digits)-1] == 0 {
		digits = digits[:len(digits)-1]
	}
	if len(digits) == 0 {
		weight = 0
	}
	return weight, digits
}

// clampScale bounds a result scale as PostgreSQL does: at least every
// input's display scale and 0, at most 1000.
func clampScale(rscale int, inputs ...types.Decimal) int32 {
	for _, d := range inputs {
		rscale = max(rscale, int(d.Scale))
	}
	return int32(min(max(rscale, 0), maxDisplayScale))
}

// sqrtDecimal is the square root with at least 16 significant digits and
// no fewer decimals than the argument, rounded half away from zero.
func sqrtDecimal(d types.Decimal) (types.Decimal, error) {
	if d.Unscaled.Sign() < 0 {
		return types.Decimal{}, sqlstate.New(sqlstate.InvalidArgumentForPower, "cannot take square root of a negative number")
	}
	weight, _ := nbaseDigits(d)
	rscale := clampScale(minSigDigits-((weight+1)*4/2-1), d)
	k := max(int64(rscale)+1, int64(d.Scale+1)/2)
	n := new(big.Int).Mul(d.Unscaled, pow10(2*k-int64(d.Scale)))
	root := new(big.Int).Sqrt(n)
	return roundAt(types.Decimal{Unscaled: root, Scale: int32(k)}, int(rscale)), nil
}

// estimateLnWeight is PostgreSQL's estimate_ln_dweight: the decimal weight
// of ln(d), which sets the scale of logarithms.
func estimateLnWeight(d types.Decimal) int {
	if d.Unscaled.Sign() <= 0 {
		return 0
	}
	r := ratOf(d)
	if r.Cmp(big.NewRat(9, 10)) >= 0 && r.Cmp(big.NewRat(11, 10)) <= 0 {
		x := new(big.Rat).Sub(r, big.NewRat(1, 1))
		if x.Sign() == 0 {
			return 0
		}
		xd := types.RoundDecimal(x, d.Scale)
		w, digits := nbaseDigits(xd)
		return w*4 + int(math.Log10(float64(digits[0])))
	}
	w, digits := nbaseDigits(d)
	v, dweight := float64(digits[0]), w*4
	if len(digits) > 1 {
		v = v*10000 + float64(digits[1])
		dweight -= 4
	}
	ln := math.Log(v) + float64(dweight)*2.302585092994046
	return int(math.Log10(math.Abs(ln)))
}

func logOfZero() error {
	return sqlstate.New(sqlstate.InvalidArgumentForLogarithm, "cannot take logarithm of zero")
}

func checkLogArgument(d types.Decimal) error {
	switch d.Unscaled.Sign() {
	case 0:
		return logOfZero()
	case -1:
		return sqlstate.New(sqlstate.InvalidArgumentForLogarithm, "cannot take logarithm of a negative number")
	}
	return nil
}

// lnDecimal is the natural logarithm with at least 16 significant digits.
func lnDecimal(d types.Decimal) (types.Decimal, error) {
	if err := checkLogArgument(d); err != nil {
		return types.Decimal{}, err
	}
	rscale := clampScale(minSigDigits-estimateLnWeight(d), d)
	return roundFloat(bigLn(ratOf(d), precisionFor(int(rscale)+30)), rscale), nil
}

func log10Decimal(d types.Decimal) (types.Decimal, error) {
	return logDecimal(types.Decimal{Unscaled: big.NewInt(10)}, d)
}

// logDecimal is log(base, x), with the scale PostgreSQL's log_var picks.
func logDecimal(base, x types.Decimal) (types.Decimal, error) {
	if err := checkLogArgument(base); err != nil {
		return types.Decimal{}, err
	}
	if err := checkLogArgument(x); err != nil {
		return types.Decimal{}, err
	}
	if ratOf(base).Cmp(big.NewRat(1, 1)) == 0 {
		return types.Decimal{}, divisionByZero()
	}
	resultWeight := estimateLnWeight(x) - estimateLnWeight(base)
	rscale := clampScale(minSigDigits-resultWeight, base, x)
	prec := precisionFor(int(rscale) + max(resultWeight, 0) + 30)
	q := new(big.Float).SetPrec(prec).Quo(bigLn(ratOf(x), prec), bigLn(ratOf(base), prec))
	return roundFloat(q, rscale), nil
}

// expDecimal is e raised to d with at least 16 significant digits.
func expDecimal(d types.Decimal) (types.Decimal, error) {
	v, _ := ratOf(d).Float64()
	w := min(max(v*0.434294481903252, -maxResultScale), maxResultScale)
	rscale := clampScale(minSigDigits-int(w), d)
	if math.Abs(v) >= 3*maxResultScale {
		if v > 0 {
			return types.Decimal{}, sqlstate.New(sqlstate.NumericValueOutOfRange, "value overflows numeric format")
		}
		return types.Decimal{Unscaled: new(big.Int), Scale: rscale}, nil
	}
	prec := precisionFor(int(rscale) + max(int(w), 0) + 30)
	return roundFloat(bigExp(new(big.Float).SetPrec(prec).SetRat(ratOf(d))), rscale), nil
}

// powerDecimal is power(a, b) on numerics, with PostgreSQL 15's scales:
// integer exponents exactly (at least 16 decimals, no fewer than a's),
// other exponents through exp(b * ln(a)).
func powerDecimal(a, b types.Decimal) (types.Decimal, error) {
	if a.Unscaled.Sign() == 0 && b.Unscaled.Sign() < 0 {
		return types.Decimal{}, sqlstate.New(sqlstate.InvalidArgumentForPower, "zero raised to a negative power is undefined")
	}
	rb := ratOf(b)
	if rb.IsInt() && rb.Num().IsInt64() && rb.Num().Int64() >= math.MinInt32 && rb.Num().Int64() <= math.MaxInt32 {
		return integerPower(a, rb.Num().Int64())
	}
	if a.Unscaled.Sign() == 0 {
		return types.Decimal{Unscaled: new(big.Int), Scale: minSigDigits}, nil
	}
	if a.Unscaled.Sign() < 0 {
		return types.Decimal{}, sqlstate.New(sqlstate.InvalidArgumentForPower,
			"a negative number raised to a non-integer power yields a complex result")
	}
	lnWeight := estimateLnWeight(a)
	localScale := int32(max(8-lnWeight, 0))
	prec := precisionFor(int(localScale) + 40)
	lnA := types.RoundDecimal(floatRat(bigLn(ratOf(a), prec)), localScale)
	estimate := mustFloat(types.RoundDecimal(new(big.Rat).Mul(ratOf(lnA), rb), localScale))
	if math.Abs(estimate) > 3.01*maxResultScale {
		if estimate > 0 {
			return types.Decimal{}, sqlstate.New(sqlstate.NumericValueOutOfRange, "value overflows numeric format")
		}
		return types.Decimal{Unscaled: new(big.Int), Scale: maxDisplayScale}, nil
	}
	w := estimate * 0.434294481903252
	rscale := clampScale(minSigDigits-int(w), a, b)
	prec = precisionFor(int(rscale) + max(int(w), 0) + 30)
	exponent := new(big.Float).SetPrec(prec).Mul(bigLn(ratOf(a), prec), new(big.Float).SetPrec(prec).SetRat(rb))
	return roundFloat(bigExp(exponent), rscale), nil
}

// integerPower is a^n for an integer n, exact, rounded to PostgreSQL 15's
// scale for integer exponents.
func integerPower(a types.Decimal, n int64) (types.Decimal, error) {
	rscale := clampScale(minSigDigits, a)
	if n == 0 {
		return rescale(types.Decimal{Unscaled: big.NewInt(1)}, rscale), nil
	}
	if a.Unscaled.Sign() == 0 {
		return types.Decimal{Unscaled: new(big.Int), Scale: rscale}, nil
	}
	weight := float64(n) * math.Log10(math.Abs(mustFloat(a)))
	switch {
	case weight > 3*32767*4:
		return types.Decimal{}, sqlstate.New(sqlstate.NumericValueOutOfRange, "value overflows numeric format")
	case weight+1 < -float64(rscale):
		return types.Decimal{Unscaled: new(big.Int), Scale: rscale}, nil
	}
	p := new(big.Rat).SetInt(new(big.Int).Exp(a.Unscaled, big.NewInt(abs64(n)), nil))
	p.Quo(p, new(big.Rat).SetInt(pow10(int64(a.Scale)*abs64(n))))
	if n < 0 {
		p.Inv(p)
	}
	return types.RoundDecimal(p, rscale), nil
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

func mustFloat(d types.Decimal) float64 {
	f, _ := ratOf(d).Float64()
	return f
}

// numericWidthBucket is width_bucket on numerics, computed exactly.
func numericWidthBucket(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	readers := make([]func(int) types.Decimal, 3)
	for j := range readers {
		r, err := decimalReader(args[j])
		if err != nil {
			return nil, err
		}
		readers[j] = r
	}
	count := intAt(args[3])
	return strict(int32Builder(k), k, args, func(i int) (int32, error) {
		return exactWidthBucket(ratOf(readers[0](i)), ratOf(readers[1](i)), ratOf(readers[2](i)), count(i))
	})
}

func exactWidthBucket(x, lo, hi *big.Rat, count int64) (int32, error) {
	switch c := lo.Cmp(hi); {
	case count <= 0:
		return 0, bucketError("count must be greater than zero")
	case c == 0:
		return 0, bucketError("lower bound cannot equal upper bound")
	case c > 0:
		lo, hi = new(big.Rat).Neg(lo), new(big.Rat).Neg(hi)
		x = new(big.Rat).Neg(x)
	}
	switch {
	case x.Cmp(lo) < 0:
		return 0, nil
	case x.Cmp(hi) >= 0:
		if count >= math.MaxInt32 {
			return 0, sqlstate.New(sqlstate.NumericValueOutOfRange, "integer out of range")
		}
		return int32(count) + 1, nil
	}
	q := new(big.Rat).Mul(new(big.Rat).Sub(x, lo), new(big.Rat).SetInt64(count))
	q.Quo(q, new(big.Rat).Sub(hi, lo))
	return int32(new(big.Int).Quo(q.Num(), q.Denom()).Int64()) + 1, nil
}
