package exec

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// boolAccumulator is bool_and (every value true; also every) or bool_or
// (any value true); NULL for a group without values.
type boolAccumulator struct {
	and       bool
	acc, seen []bool
}

// Resize implements Accumulator.
func (a *boolAccumulator) Resize(n int) { a.acc, a.seen = resized(a.acc, n), resized(a.seen, n) }

// Update implements Accumulator.
func (a *boolAccumulator) Update(groups []int32, values arrow.Array) error {
	bools := values.(*array.Boolean)
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		v := bools.Value(r)
		switch {
		case !a.seen[g]:
			a.acc[g], a.seen[g] = v, true
		case a.and:
			a.acc[g] = a.acc[g] && v
		default:
			a.acc[g] = a.acc[g] || v
		}
	}
	return nil
}

// Result implements Accumulator.
func (a *boolAccumulator) Result() (arrow.Array, error) {
	b := array.NewBooleanBuilder(memory.DefaultAllocator)
	defer b.Release()
	b.AppendValues(a.acc, a.seen)
	return b.NewArray(), nil
}

// Size implements Accumulator.
func (a *boolAccumulator) Size() int64 { return sizeOf(a.acc) + sizeOf(a.seen) }

// newBitAccumulator returns bit_and, bit_or or bit_xor over an integer
// type; the result has the argument's type.
func newBitAccumulator(arg arrow.DataType, fn string) (Accumulator, error) {
	switch arg.ID() {
	case arrow.INT16:
		return newBitwise[int16](arg, fn), nil
	case arrow.INT32:
		return newBitwise[int32](arg, fn), nil
	case arrow.INT64:
		return newBitwise[int64](arg, fn), nil
	}
	return nil, unsupportedArgument(fn, arg)
}

// bitwiseAccumulator folds a group's integers with one bitwise operator.
type bitwiseAccumulator[T int16 | int32 | int64] struct {
	typ     arrow.DataType
	combine func(a, b T) T
	acc     []T
	seen    []bool
}

func newBitwise[T int16 | int32 | int64](typ arrow.DataType, fn string) *bitwiseAccumulator[T] {
	combine := map[string]func(a, b T) T{
		"bit_and": func(a, b T) T { return a & b },
		"bit_or":  func(a, b T) T { return a | b },
		"bit_xor": func(a, b T) T { return a ^ b },
	}[fn]
	return &bitwiseAccumulator[T]{typ: typ, combine: combine}
}

// Resize implements Accumulator.
func (a *bitwiseAccumulator[T]) Resize(n int) { a.acc, a.seen = resized(a.acc, n), resized(a.seen, n) }

// Update implements Accumulator.
func (a *bitwiseAccumulator[T]) Update(groups []int32, values arrow.Array) error {
	vals := arrow.GetValues[T](values.Data(), 1)
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		if !a.seen[g] {
			a.acc[g], a.seen[g] = vals[r], true
			continue
		}
		a.acc[g] = a.combine(a.acc[g], vals[r])
	}
	return nil
}

// Result implements Accumulator.
func (a *bitwiseAccumulator[T]) Result() (arrow.Array, error) {
	return fixedArray(a.typ, a.acc, a.seen), nil
}

// Size implements Accumulator.
func (a *bitwiseAccumulator[T]) Size() int64 { return sizeOf(a.acc) + sizeOf(a.seen) }

// stringAggAccumulator is string_agg: a group's non-NULL values in the
// order they arrive, the delimiter between them; NULL for none.
type stringAggAccumulator struct {
	sep   string
	parts [][]byte
	seen  []bool
	bytes int64
}

// Resize implements Accumulator.
func (a *stringAggAccumulator) Resize(n int) {
	a.parts, a.seen = resized(a.parts, n), resized(a.seen, n)
}

// Update implements Accumulator.
func (a *stringAggAccumulator) Update(groups []int32, values arrow.Array) error {
	texts := values.(*array.String)
	nulls := nullsOf(values)
	for r, g := range groups {
		if nulls.null(r) {
			continue
		}
		before := cap(a.parts[g])
		if a.seen[g] {
			a.parts[g] = append(a.parts[g], a.sep...)
		}
		a.parts[g] = append(a.parts[g], texts.Value(r)...)
		a.seen[g] = true
		a.bytes += int64(cap(a.parts[g]) - before)
	}
	return nil
}

// Result implements Accumulator.
func (a *stringAggAccumulator) Result() (arrow.Array, error) {
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	for g, p := range a.parts {
		if a.seen[g] {
			b.BinaryBuilder.Append(p)
		} else {
			b.AppendNull()
		}
	}
	return b.NewArray(), nil
}

// Size implements Accumulator.
func (a *stringAggAccumulator) Size() int64 { return sizeOf(a.parts) + sizeOf(a.seen) + a.bytes }

func (a *stringAggAccumulator) orderSensitive() bool { return true }
