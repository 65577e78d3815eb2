package exec

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/decimal256"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/types"
)

// newExtremeAccumulator returns min (or, largest, max) over arg, in the
// order ORDER BY uses. Between equal values the later one wins, as
// PostgreSQL's *_larger and *_smaller functions keep their second
// argument: max(1.0, 1.00) is 1.00.
func newExtremeAccumulator(arg arrow.DataType, largest bool) (Accumulator, error) {
	switch arg.ID() {
	case arrow.INT16:
		return &orderedExtreme[int16]{typ: arg, largest: largest}, nil
	case arrow.INT32, arrow.DATE32:
		return &orderedExtreme[int32]{typ: arg, largest: largest}, nil
	case arrow.INT64, arrow.TIMESTAMP, arrow.TIME64, arrow.DATE64:
		return &orderedExtreme[int64]{typ: arg, largest: largest}, nil
	case arrow.UINT32:
		return &orderedExtreme[uint32]{typ: arg, largest: largest}, nil
	case arrow.FLOAT32:
		return &orderedExtreme[float32]{typ: arg, largest: largest}, nil
	case arrow.FLOAT64:
		return &orderedExtreme[float64]{typ: arg, largest: largest}, nil
	case arrow.DECIMAL128:
		return newFixedExtreme(arg, largest, decimal128.Num.Less), nil
	case arrow.DECIMAL256:
		return newFixedExtreme(arg, largest, decimal256.Num.Less), nil
	case arrow.INTERVAL_MONTH_DAY_NANO:
		return newFixedExtreme(arg, largest, intervalLess), nil
	case arrow.STRING:
		return &stringExtreme{largest: largest}, nil
	}
	if arg == types.Numeric {
		return &numericExtreme{largest: largest}, nil
	}
	return nil, unsupportedArgument(map[bool]string{true: "max", false: "min"}[largest], arg)
}

// replaces tells whether v takes the place of the best value so far:
// for max when v is not below it, for min when it is not above it.
func replaces[T any](largest bool, less func(a, b T) bool, v, best T) bool {
	if largest {
		return !less(v, best)
	}
	return !less(best, v)
}

// orderedExtreme is min or max of integers, dates, times and floats
// (NaN above every other float, equal to itself).
type orderedExtreme[T int16 | int32 | int64 | uint32 | float32 | float64] struct {
	typ     arrow.DataType
	largest bool
	best    []T
	seen    []bool
}

// Resize implements Accumulator.
func (a *orderedExtreme[T]) Resize(n int) { a.best, a.seen = resized(a.best, n), resized(a.seen, n) }

// Update implements Accumulator.
func (a *orderedExtreme[T]) Update(groups []int32, values arrow.Array) error {
	vals := arrow.GetValues[T](values.Data(), 1)
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		v, best := vals[r], a.best[g]
		nanV, nanBest := v != v, best != best // only floats can be NaN
		var take bool
		if a.largest {
			take = nanV || (!nanBest && v >= best)
		} else {
			take = nanBest || (!nanV && v <= best)
		}
		if take || !a.seen[g] {
			a.best[g], a.seen[g] = v, true
		}
	}
	return nil
}

// Result implements Accumulator.
func (a *orderedExtreme[T]) Result() (arrow.Array, error) {
	return fixedArray(a.typ, a.best, a.seen), nil
}

// Size implements Accumulator.
func (a *orderedExtreme[T]) Size() int64 { return sizeOf(a.best) + sizeOf(a.seen) }

// fixedExtreme is min or max of decimals and intervals.
type fixedExtreme[T arrow.FixedWidthType] struct {
	typ     arrow.DataType
	largest bool
	less    func(a, b T) bool
	best    []T
	seen    []bool
}

func newFixedExtreme[T arrow.FixedWidthType](typ arrow.DataType, largest bool, less func(a, b T) bool) *fixedExtreme[T] {
	return &fixedExtreme[T]{typ: typ, largest: largest, less: less}
}

// Resize implements Accumulator.
func (a *fixedExtreme[T]) Resize(n int) { a.best, a.seen = resized(a.best, n), resized(a.seen, n) }

// Update implements Accumulator.
func (a *fixedExtreme[T]) Update(groups []int32, values arrow.Array) error {
	vals := arrow.GetValues[T](values.Data(), 1)
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		if v := vals[r]; !a.seen[g] || replaces(a.largest, a.less, v, a.best[g]) {
			a.best[g], a.seen[g] = v, true
		}
	}
	return nil
}

// Result implements Accumulator.
func (a *fixedExtreme[T]) Result() (arrow.Array, error) {
	return fixedArray(a.typ, a.best, a.seen), nil
}

// Size implements Accumulator.
func (a *fixedExtreme[T]) Size() int64 { return sizeOf(a.best) + sizeOf(a.seen) }

// stringExtreme is min or max of text, in byte order (the "C" collation).
type stringExtreme struct {
	largest bool
	best    []string
	seen    []bool
	bytes   int64
}

// Resize implements Accumulator.
func (a *stringExtreme) Resize(n int) { a.best, a.seen = resized(a.best, n), resized(a.seen, n) }

// Update implements Accumulator.
func (a *stringExtreme) Update(groups []int32, values arrow.Array) error {
	texts := values.(*array.String)
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		v := texts.Value(r)
		if a.seen[g] && (v == a.best[g] || (v > a.best[g]) != a.largest) {
			continue
		}
		a.bytes += int64(len(v) - len(a.best[g]))
		a.best[g], a.seen[g] = strings.Clone(v), true
	}
	return nil
}

// Result implements Accumulator.
func (a *stringExtreme) Result() (arrow.Array, error) {
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	b.AppendValues(a.best, a.seen)
	return b.NewArray(), nil
}

// Size implements Accumulator.
func (a *stringExtreme) Size() int64 { return sizeOf(a.best) + sizeOf(a.seen) + a.bytes }

// numericExtreme is min or max of unconstrained numerics, by value; it
// keeps the text of the value it picked, scale included.
type numericExtreme struct {
	largest bool
	best    []types.Decimal
	texts   []string
	seen    []bool
	bytes   int64
}

// Resize implements Accumulator.
func (a *numericExtreme) Resize(n int) {
	a.best, a.texts, a.seen = resized(a.best, n), resized(a.texts, n), resized(a.seen, n)
}

// Update implements Accumulator.
func (a *numericExtreme) Update(groups []int32, values arrow.Array) error {
	texts := values.(*types.NumericArray).Storage().(*array.String)
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		text := texts.Value(r)
		v, err := types.ParseDecimal(text)
		if err != nil {
			return err
		}
		if a.seen[g] && !replaces(a.largest, decimalLess, v, a.best[g]) {
			continue
		}
		a.bytes += int64(len(text) - len(a.texts[g]))
		a.best[g], a.texts[g], a.seen[g] = v, strings.Clone(text), true
	}
	return nil
}

// decimalLess orders exact decimals by value.
func decimalLess(a, b types.Decimal) bool {
	return types.SubDecimal(a, b).Unscaled.Sign() < 0
}

// Result implements Accumulator.
func (a *numericExtreme) Result() (arrow.Array, error) { return numericArray(a.texts, a.seen), nil }

// Size implements Accumulator.
func (a *numericExtreme) Size() int64 {
	return sizeOf(a.best) + sizeOf(a.texts) + sizeOf(a.seen) + 2*a.bytes
}
