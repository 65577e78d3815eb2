package exec

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/decimal256"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// newSumAccumulator returns sum over arg with PostgreSQL's result type:
// bigint for smallint and integer, numeric for bigint and numerics (exact),
// the float type itself for floats.
func newSumAccumulator(arg, result arrow.DataType) (Accumulator, error) {
	switch arg.ID() {
	case arrow.INT16:
		return &intSumAccumulator[int16]{result: result}, nil
	case arrow.INT32:
		return &intSumAccumulator[int32]{result: result}, nil
	case arrow.INT64:
		return &intSumAccumulator[int64]{result: result}, nil
	case arrow.DECIMAL128:
		return &decimalSumAccumulator{result: result}, nil
	case arrow.FLOAT32:
		return &floatSumAccumulator[float32]{result: result}, nil
	case arrow.FLOAT64:
		return &floatSumAccumulator[float64]{result: result}, nil
	case arrow.DECIMAL256:
		return &wideDecimalSumAccumulator{}, nil
	case arrow.INTERVAL_MONTH_DAY_NANO:
		return &intervalSumAccumulator{}, nil
	}
	if arg == types.Numeric {
		return &numericSumAccumulator{}, nil
	}
	return nil, unsupportedArgument("sum", arg)
}

// newAvgAccumulator returns avg over arg: numeric for integers and
// numerics, the exact sum divided as numeric division divides; double
// precision for floats; an interval for intervals.
func newAvgAccumulator(arg arrow.DataType) (Accumulator, error) {
	switch arg.ID() {
	case arrow.INT16:
		return &intSumAccumulator[int16]{avg: true}, nil
	case arrow.INT32:
		return &intSumAccumulator[int32]{avg: true}, nil
	case arrow.INT64:
		return &intSumAccumulator[int64]{avg: true}, nil
	case arrow.DECIMAL128:
		return &decimalSumAccumulator{avg: true}, nil
	case arrow.FLOAT32, arrow.FLOAT64:
		return &floatMomentsAccumulator{final: floatAvg}, nil
	case arrow.DECIMAL256:
		return &wideDecimalSumAccumulator{avg: true}, nil
	case arrow.INTERVAL_MONTH_DAY_NANO:
		return &intervalSumAccumulator{avg: true}, nil
	}
	if arg == types.Numeric {
		return &numericSumAccumulator{avg: true}, nil
	}
	return nil, unsupportedArgument("avg", arg)
}

// int128 is an exact sum of integers or of unscaled decimals, in two's
// complement.
type int128 struct {
	hi int64
	lo uint64
}

// addInt64 adds an integer; sums of int64 values cannot leave 128 bits.
func (s *int128) addInt64(v int64) {
	lo, carry := bits.Add64(s.lo, uint64(v), 0)
	s.hi += v>>63 + int64(carry)
	s.lo = lo
}

// add adds a 128-bit value and tells whether the sum overflowed.
func (s *int128) add(v decimal128.Num) bool {
	lo, carry := bits.Add64(s.lo, v.LowBits(), 0)
	hi := s.hi + v.HighBits() + int64(carry)
	overflow := (s.hi >= 0) == (v.HighBits() >= 0) && (hi >= 0) != (s.hi >= 0)
	s.hi, s.lo = hi, lo
	return overflow
}

func (s int128) num() decimal128.Num { return decimal128.New(s.hi, s.lo) }

// exactAverage is sum / count as PostgreSQL's avg divides: numeric
// division with its result scale.
func exactAverage(sum types.Decimal, count int64) string {
	return types.DivDecimal(sum, types.Decimal{Unscaled: big.NewInt(count)}).String()
}

// intSumAccumulator is sum or avg of integers, exactly.
type intSumAccumulator[T int16 | int32 | int64] struct {
	avg    bool
	result arrow.DataType // sum's: bigint or numeric
	sums   []int128
	counts []int64
}

// Resize implements Accumulator.
func (a *intSumAccumulator[T]) Resize(n int) {
	a.sums, a.counts = resized(a.sums, n), resized(a.counts, n)
}

// Update implements Accumulator.
func (a *intSumAccumulator[T]) Update(groups []int32, values arrow.Array) error {
	vals := arrow.GetValues[T](values.Data(), 1)
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		a.sums[g].addInt64(int64(vals[r]))
		a.counts[g]++
	}
	return nil
}

// Result implements Accumulator.
func (a *intSumAccumulator[T]) Result() (arrow.Array, error) {
	valid := make([]bool, len(a.counts))
	for g, c := range a.counts {
		valid[g] = c > 0
	}
	switch {
	case a.avg:
		texts := make([]string, len(a.sums))
		for g, s := range a.sums {
			if valid[g] {
				texts[g] = exactAverage(types.Decimal{Unscaled: s.num().BigInt()}, a.counts[g])
			}
		}
		return numericArray(texts, valid), nil
	case a.result.ID() == arrow.INT64:
		out := make([]int64, len(a.sums))
		for g, s := range a.sums {
			if s.hi != int64(s.lo)>>63 {
				return nil, sqlstate.New(sqlstate.NumericValueOutOfRange, "bigint out of range")
			}
			out[g] = int64(s.lo)
		}
		return fixedArray(a.result, out, valid), nil
	}
	out := make([]decimal128.Num, len(a.sums))
	for g, s := range a.sums {
		out[g] = s.num()
	}
	return fixedArray(a.result, out, valid), nil
}

// Size implements Accumulator.
func (a *intSumAccumulator[T]) Size() int64 { return sizeOf(a.sums) + sizeOf(a.counts) }

// decimalSumAccumulator is sum or avg of numeric(p, s) values held as
// Decimal128: the sum keeps the scale.
type decimalSumAccumulator struct {
	avg    bool
	result arrow.DataType // sum's: numeric(38, s)
	scale  int32
	sums   []int128
	counts []int64
}

// Resize implements Accumulator.
func (a *decimalSumAccumulator) Resize(n int) {
	a.sums, a.counts = resized(a.sums, n), resized(a.counts, n)
}

// Update implements Accumulator.
func (a *decimalSumAccumulator) Update(groups []int32, values arrow.Array) error {
	a.scale = values.DataType().(*arrow.Decimal128Type).Scale
	vals := arrow.GetValues[decimal128.Num](values.Data(), 1)
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		if a.sums[g].add(vals[r]) {
			return &sqlstate.Error{Code: sqlstate.NumericValueOutOfRange, Message: "numeric field overflow",
				Detail: "The sum needs more than 38 digits."}
		}
		a.counts[g]++
	}
	return nil
}

// Result implements Accumulator.
func (a *decimalSumAccumulator) Result() (arrow.Array, error) {
	valid := make([]bool, len(a.counts))
	for g, c := range a.counts {
		valid[g] = c > 0
	}
	if a.avg {
		texts := make([]string, len(a.sums))
		for g, s := range a.sums {
			if valid[g] {
				texts[g] = exactAverage(types.Decimal{Unscaled: s.num().BigInt(), Scale: a.scale}, a.counts[g])
			}
		}
		return numericArray(texts, valid), nil
	}
	out := make([]decimal128.Num, len(a.sums))
	for g, s := range a.sums {
		out[g] = s.num()
	}
	return fixedArray(a.result, out, valid), nil
}

// Size implements Accumulator.
func (a *decimalSumAccumulator) Size() int64 { return sizeOf(a.sums) + sizeOf(a.counts) }

// numericSumAccumulator is sum or avg of unconstrained numerics (and of
// numerics too wide for Decimal128), in exact decimals of any size: the
// sum has the largest scale of its inputs.
type numericSumAccumulator struct {
	avg    bool
	sums   []*types.Decimal
	counts []int64
	bytes  int64
}

// Resize implements Accumulator.
func (a *numericSumAccumulator) Resize(n int) {
	a.sums, a.counts = resized(a.sums, n), resized(a.counts, n)
}

// Update implements Accumulator.
func (a *numericSumAccumulator) Update(groups []int32, values arrow.Array) error {
	read, err := exactReader(values)
	if err != nil {
		return err
	}
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		a.counts[g]++
		v := read(r)
		if a.sums[g] == nil {
			a.sums[g] = &v
			a.bytes += decimalBytes(v)
			continue
		}
		before := decimalBytes(*a.sums[g])
		*a.sums[g] = types.AddDecimal(*a.sums[g], v)
		a.bytes += decimalBytes(*a.sums[g]) - before
	}
	return nil
}

// Result implements Accumulator.
func (a *numericSumAccumulator) Result() (arrow.Array, error) {
	texts := make([]string, len(a.sums))
	valid := make([]bool, len(a.sums))
	for g, s := range a.sums {
		switch {
		case s == nil:
		case a.avg:
			texts[g], valid[g] = exactAverage(*s, a.counts[g]), true
		default:
			texts[g], valid[g] = s.String(), true
		}
	}
	return numericArray(texts, valid), nil
}

// Size implements Accumulator.
func (a *numericSumAccumulator) Size() int64 {
	return sizeOf(a.sums) + sizeOf(a.counts) + a.bytes
}

// decimalBytes is the memory an exact decimal holds.
func decimalBytes(d types.Decimal) int64 { return int64(len(d.Unscaled.Bits()))*8 + 48 }

// exactReader reads integers, decimals and numerics as exact decimals.
func exactReader(arr arrow.Array) (func(i int) types.Decimal, error) {
	if a, ok := arr.(*array.Decimal256); ok {
		scale := a.DataType().(*arrow.Decimal256Type).Scale
		return func(i int) types.Decimal {
			return types.Decimal{Unscaled: decimal256.Num.BigInt(a.Value(i)), Scale: scale}
		}, nil
	}
	return decimalReader(arr)
}

// floatSumAccumulator is sum of real (added in real precision, as
// PostgreSQL's float4pl adds) or of double precision values. A finite sum
// of finite values that overflows fails, as in PostgreSQL.
type floatSumAccumulator[T float32 | float64] struct {
	result arrow.DataType
	sums   []T
	seen   []bool
}

// Resize implements Accumulator.
func (a *floatSumAccumulator[T]) Resize(n int) {
	a.sums, a.seen = resized(a.sums, n), resized(a.seen, n)
}

// Update implements Accumulator.
func (a *floatSumAccumulator[T]) Update(groups []int32, values arrow.Array) error {
	vals := arrow.GetValues[T](values.Data(), 1)
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		old, v := a.sums[g], vals[r]
		sum := old + v
		if math.IsInf(float64(sum), 0) && !math.IsInf(float64(old), 0) && !math.IsInf(float64(v), 0) {
			return floatOverflow()
		}
		a.sums[g], a.seen[g] = sum, true
	}
	return nil
}

// Result implements Accumulator.
func (a *floatSumAccumulator[T]) Result() (arrow.Array, error) {
	return fixedArray(a.result, a.sums, a.seen), nil
}

// Size implements Accumulator.
func (a *floatSumAccumulator[T]) Size() int64 { return sizeOf(a.sums) + sizeOf(a.seen) }

func (a *floatSumAccumulator[T]) orderSensitive() bool { return true }

// floatOverflow is PostgreSQL's error for a float result too large.
func floatOverflow() error {
	return sqlstate.New(sqlstate.NumericValueOutOfRange, "value out of range: overflow")
}

// wideDecimalSumAccumulator is sum or avg of numeric(p, s) values held as
// Decimal256 (products of decimals, mostly), in 256-bit sums; a group whose
// sum would leave 256 bits goes on in exact decimals of any size. The
// result is an unconstrained numeric with the inputs' scale.
type wideDecimalSumAccumulator struct {
	avg    bool
	scale  int32
	sums   []decimal256.Num
	wide   map[int32]*types.Decimal // groups past 256 bits
	counts []int64
}

// Resize implements Accumulator.
func (a *wideDecimalSumAccumulator) Resize(n int) {
	a.sums, a.counts = resized(a.sums, n), resized(a.counts, n)
}

// Update implements Accumulator.
func (a *wideDecimalSumAccumulator) Update(groups []int32, values arrow.Array) error {
	a.scale = values.DataType().(*arrow.Decimal256Type).Scale
	vals := arrow.GetValues[decimal256.Num](values.Data(), 1)
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		a.counts[g]++
		if w, ok := a.wide[g]; ok {
			*w = types.AddDecimal(*w, types.Decimal{Unscaled: vals[r].BigInt(), Scale: a.scale})
			continue
		}
		sum := a.sums[g].Add(vals[r])
		if a.sums[g].Sign() == vals[r].Sign() && sum.Sign() != vals[r].Sign() && vals[r].Sign() != 0 {
			a.overflow(g, vals[r])
			continue
		}
		a.sums[g] = sum
	}
	return nil
}

// overflow moves a group's sum to exact decimals of any size.
func (a *wideDecimalSumAccumulator) overflow(g int32, v decimal256.Num) {
	if a.wide == nil {
		a.wide = map[int32]*types.Decimal{}
	}
	sum := types.AddDecimal(types.Decimal{Unscaled: a.sums[g].BigInt(), Scale: a.scale},
		types.Decimal{Unscaled: v.BigInt(), Scale: a.scale})
	a.wide[g] = &sum
}

// Result implements Accumulator.
func (a *wideDecimalSumAccumulator) Result() (arrow.Array, error) {
	texts := make([]string, len(a.sums))
	valid := make([]bool, len(a.sums))
	for g := range a.sums {
		if a.counts[g] == 0 {
			continue
		}
		sum := types.Decimal{Unscaled: a.sums[g].BigInt(), Scale: a.scale}
		if w, ok := a.wide[int32(g)]; ok {
			sum = *w
		}
		texts[g], valid[g] = sum.String(), true
		if a.avg {
			texts[g] = exactAverage(sum, a.counts[g])
		}
	}
	return numericArray(texts, valid), nil
}

// Size implements Accumulator.
func (a *wideDecimalSumAccumulator) Size() int64 {
	return sizeOf(a.sums) + sizeOf(a.counts) + int64(len(a.wide))*64
}
