package exec

import (
	"math"
	"math/big"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/types"
)

// The variance and standard deviation aggregates, computed as PostgreSQL
// computes them: over floats with the Youngs-Cramer algorithm in double
// precision (float8_accum), over integers and numerics from exact sums of
// the values and of their squares, divided with numeric division's result
// scale and, for the standard deviation, square-rooted at that scale.

// moments says which of the aggregates a call computes.
type moments struct {
	sample   bool // divide by N - 1 (var_samp, stddev_samp), else by N
	variance bool // the variance, else its square root
}

var momentFuncs = map[string]moments{
	"stddev": {sample: true}, "stddev_samp": {sample: true}, "stddev_pop": {},
	"variance": {sample: true, variance: true}, "var_samp": {sample: true, variance: true},
	"var_pop": {variance: true},
}

// newMomentsAccumulator returns one of the variance aggregates over arg:
// double precision for floats, numeric for integers and numerics.
func newMomentsAccumulator(arg arrow.DataType, fn string) (Accumulator, error) {
	kind := momentFuncs[fn]
	switch arg.ID() {
	case arrow.FLOAT32, arrow.FLOAT64:
		return &floatMomentsAccumulator{final: kind.ofFloats}, nil
	case arrow.INT16, arrow.INT32, arrow.INT64, arrow.DECIMAL128, arrow.DECIMAL256:
		return &exactMomentsAccumulator{kind: kind}, nil
	}
	if arg == types.Numeric {
		return &exactMomentsAccumulator{kind: kind}, nil
	}
	return nil, unsupportedArgument(fn, arg)
}

// floatMoments is float8_accum's state: the count, the sum and the sum of
// squared differences from the mean.
type floatMoments struct{ n, sx, sxx float64 }

// add takes in one value as float8_accum does, failing when finite values
// overflow.
func (m *floatMoments) add(v float64) error {
	prevN, prevSx := m.n, m.sx
	m.n++
	m.sx += v
	if prevN == 0 {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			m.sxx = math.NaN()
		}
		return nil
	}
	tmp := v*m.n - m.sx
	m.sxx += tmp * tmp / (m.n * prevN)
	if math.IsInf(m.sx, 0) || math.IsInf(m.sxx, 0) {
		if !math.IsInf(prevSx, 0) && !math.IsInf(v, 0) {
			return floatOverflow()
		}
		m.sxx = math.NaN()
	}
	return nil
}

// floatAvg is float8_avg: the sum over the count, NULL for no values.
func floatAvg(m floatMoments) (float64, bool) {
	if m.n == 0 {
		return 0, false
	}
	return m.sx / m.n, true
}

// ofFloats is the final step of float8_var_samp, float8_var_pop,
// float8_stddev_samp and float8_stddev_pop.
func (k moments) ofFloats(m floatMoments) (float64, bool) {
	divisor := m.n
	if k.sample {
		divisor--
	}
	if divisor <= 0 {
		return 0, false
	}
	v := m.sxx / divisor
	if !k.variance {
		v = math.Sqrt(v)
	}
	return v, true
}

// floatMomentsAccumulator is avg, a variance or a standard deviation of
// real or double precision values, in double precision.
type floatMomentsAccumulator struct {
	final   func(floatMoments) (float64, bool)
	moments []floatMoments
}

// Resize implements Accumulator.
func (a *floatMomentsAccumulator) Resize(n int) { a.moments = resized(a.moments, n) }

// Update implements Accumulator.
func (a *floatMomentsAccumulator) Update(groups []int32, values arrow.Array) error {
	if values.DataType().ID() == arrow.FLOAT32 {
		return updateFloatMoments(a.moments, groups, values, arrow.GetValues[float32](values.Data(), 1))
	}
	return updateFloatMoments(a.moments, groups, values, arrow.GetValues[float64](values.Data(), 1))
}

func updateFloatMoments[T float32 | float64](states []floatMoments, groups []int32, values arrow.Array, vals []T) error {
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		if err := states[g].add(float64(vals[r])); err != nil {
			return err
		}
	}
	return nil
}

// Result implements Accumulator.
func (a *floatMomentsAccumulator) Result() (arrow.Array, error) {
	out := make([]float64, len(a.moments))
	valid := make([]bool, len(a.moments))
	for g, m := range a.moments {
		out[g], valid[g] = a.final(m)
	}
	return fixedArray(arrow.PrimitiveTypes.Float64, out, valid), nil
}

// Size implements Accumulator.
func (a *floatMomentsAccumulator) Size() int64 { return sizeOf(a.moments) }

func (a *floatMomentsAccumulator) orderSensitive() bool { return true }

// exactMoments is numeric_stddev_internal's input: the count and the
// exact sums of the values and of their squares, unscaled at scale and
// twice scale (the largest scale of the values).
type exactMoments struct {
	n           int64
	scale       int32
	sumX, sumX2 big.Int
}

// add takes in one value, unscaled / 10^scale.
func (m *exactMoments) add(unscaled *big.Int, scale int32, square *big.Int) {
	if scale > m.scale {
		m.sumX.Mul(&m.sumX, pow10(int64(scale-m.scale)))
		m.sumX2.Mul(&m.sumX2, pow10(2*int64(scale-m.scale)))
		m.scale = scale
	}
	if scale < m.scale {
		unscaled = new(big.Int).Mul(unscaled, pow10(int64(m.scale-scale)))
	}
	m.n++
	m.sumX.Add(&m.sumX, unscaled)
	m.sumX2.Add(&m.sumX2, square.Mul(unscaled, unscaled))
}

// result is numeric_stddev_internal: NULL without enough values, 0 when
// the numerator N·Σx² − (Σx)² is not positive, else that over N·(N−1)
// (or N²) with numeric division's scale, square-rooted at the same scale
// for a standard deviation.
func (k moments) result(m *exactMoments) (string, bool) {
	if m == nil || (k.sample && m.n <= 1) {
		return "", false
	}
	n := big.NewInt(m.n)
	numerator := new(big.Int).Mul(n, &m.sumX2)
	numerator.Sub(numerator, new(big.Int).Mul(&m.sumX, &m.sumX))
	if numerator.Sign() <= 0 {
		return "0", true
	}
	denominator := new(big.Int).Mul(n, n)
	if k.sample {
		denominator.Mul(n, big.NewInt(m.n-1))
	}
	v := types.DivDecimal(types.Decimal{Unscaled: numerator, Scale: 2 * m.scale}, types.Decimal{Unscaled: denominator})
	if !k.variance {
		v = sqrtAtScale(v)
	}
	return v.String(), true
}

// sqrtAtScale is the square root of a non-negative decimal at its scale,
// rounded half away from zero.
func sqrtAtScale(d types.Decimal) types.Decimal {
	radicand := new(big.Int).Mul(d.Unscaled, pow10(int64(d.Scale)))
	root := new(big.Int).Sqrt(radicand)
	// Round up when (root + ½)² ≤ radicand, that is (2·root + 1)² ≤ 4·radicand.
	twice := new(big.Int).Lsh(root, 1)
	twice.Add(twice, big.NewInt(1))
	if twice.Mul(twice, twice).Cmp(new(big.Int).Lsh(radicand, 2)) <= 0 {
		root.Add(root, big.NewInt(1))
	}
	return types.Decimal{Unscaled: root, Scale: d.Scale}
}

// exactMomentsAccumulator is a variance or standard deviation of integers
// or numerics, as numeric.
type exactMomentsAccumulator struct {
	kind    moments
	moments []*exactMoments
	bytes   int64
}

// Resize implements Accumulator.
func (a *exactMomentsAccumulator) Resize(n int) { a.moments = resized(a.moments, n) }

// Update implements Accumulator.
func (a *exactMomentsAccumulator) Update(groups []int32, values arrow.Array) error {
	read, err := exactReader(values)
	if err != nil {
		return err
	}
	square := new(big.Int)
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		m := a.moments[g]
		if m == nil {
			m = &exactMoments{}
			a.moments[g] = m
		}
		before := m.bytes()
		v := read(r)
		m.add(v.Unscaled, v.Scale, square)
		a.bytes += m.bytes() - before
	}
	return nil
}

func (m *exactMoments) bytes() int64 {
	return int64(len(m.sumX.Bits())+len(m.sumX2.Bits()))*8 + 80
}

// Result implements Accumulator.
func (a *exactMomentsAccumulator) Result() (arrow.Array, error) {
	texts := make([]string, len(a.moments))
	valid := make([]bool, len(a.moments))
	for g, m := range a.moments {
		texts[g], valid[g] = a.kind.result(m)
	}
	return numericArray(texts, valid), nil
}

// Size implements Accumulator.
func (a *exactMomentsAccumulator) Size() int64 { return sizeOf(a.moments) + a.bytes }
