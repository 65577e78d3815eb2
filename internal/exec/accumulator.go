package exec

import (
	"fmt"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// Accumulator is the running state of one aggregate function for every
// group of a hash aggregation. The aggregation numbers its groups densely
// from 0; it calls Resize when new groups appear and then Update with the
// rows of each batch, one column at a time. Rows whose value is NULL are
// skipped, as SQL's aggregates skip them (count(*) has no value and counts
// every row).
type Accumulator interface {
	// Resize makes room for groups 0..n-1; a new group starts empty.
	Resize(n int)
	// Update folds rows into their groups: row r of values belongs to
	// group groups[r]. values is nil for an aggregate without argument.
	Update(groups []int32, values arrow.Array) error
	// Result is the aggregate's value for every group, in group order.
	Result() (arrow.Array, error)
	// Size is the memory the state holds, in bytes.
	Size() int64
}

// newAccumulator returns the accumulator that computes spec over its
// argument's type.
func newAccumulator(spec AggSpec) (Accumulator, error) {
	var arg arrow.DataType
	if spec.Arg != nil {
		arg = spec.Arg.Type()
	}
	return accumulatorFor(spec.Func, spec.Sep, arg, spec.Typ)
}

// accumulatorFor returns the accumulator of aggregate fn over values of
// type arg (nil for count(*)) with the given result type. A new aggregate
// function is an Accumulator and a case here (and its result type in the
// planner's aggResultType).
func accumulatorFor(fn, sep string, arg, result arrow.DataType) (Accumulator, error) {
	switch fn {
	case "count":
		return &countAccumulator{star: arg == nil}, nil
	case "sum":
		return newSumAccumulator(arg, result)
	case "avg":
		return newAvgAccumulator(arg)
	case "min", "max":
		if types.IsArray(arg) {
			return &arrayExtreme{typ: arg, largest: fn == "max"}, nil
		}
		return newExtremeAccumulator(arg, fn == "max")
	case "bool_and", "bool_or":
		return &boolAccumulator{and: fn == "bool_and"}, nil
	case "bit_and", "bit_or", "bit_xor":
		return newBitAccumulator(arg, fn)
	case "string_agg":
		return &stringAggAccumulator{sep: sep}, nil
	case "array_agg":
		return newArrayAggAccumulator(result), nil
	case "json_agg", "jsonb_agg":
		return newJSONAggAccumulator(arg, result), nil
	case "json_object_agg", "jsonb_object_agg":
		return &jsonObjectAggAccumulator{result: result}, nil
	case "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop":
		return newMomentsAccumulator(arg, fn)
	}
	return nil, fmt.Errorf("unknown aggregate %s", fn)
}

// unsupportedArgument is the error for an aggregate over a type it has no
// accumulator for (the planner rejects these first).
func unsupportedArgument(fn string, arg arrow.DataType) error {
	return sqlstate.New(sqlstate.UndefinedFunction, "function %s(%s) does not exist", fn, types.PostgresName(arg))
}

// resized grows a state slice to n groups, new ones zero.
func resized[T any](s []T, n int) []T {
	if n <= len(s) {
		return s
	}
	return append(s, make([]T, n-len(s))...)
}

// nullMask reads an array's validity without a method call per row.
type nullMask struct {
	bits   []byte
	offset int
	any    bool
}

func nullsOf(arr arrow.Array) nullMask {
	return nullMask{bits: arr.NullBitmapBytes(), offset: arr.Data().Offset(), any: arr.NullN() > 0}
}

// null tells whether row r is NULL.
func (m nullMask) null(r int) bool {
	return m.any && (m.bits == nil || !bitutil.BitIsSet(m.bits, m.offset+r))
}

// sizeOf is the memory of a state slice, in bytes.
func sizeOf[T any](s []T) int64 {
	var zero T
	return int64(cap(s)) * int64(unsafe.Sizeof(zero))
}

// fixedArray builds an array of a fixed-width type from one value per
// group; valid (nil: every value) tells which are not NULL.
func fixedArray[T arrow.FixedWidthType](dt arrow.DataType, values []T, valid []bool) arrow.Array {
	n := len(values)
	data := memory.NewResizableBuffer(memory.DefaultAllocator)
	defer data.Release()
	data.Resize(len(arrow.GetBytes(values)))
	copy(data.Bytes(), arrow.GetBytes(values))
	var bitmap *memory.Buffer
	nulls := 0
	if valid != nil {
		bitmap = memory.NewResizableBuffer(memory.DefaultAllocator)
		defer bitmap.Release()
		bitmap.Resize(int(bitutil.BytesForBits(int64(n))))
		for i, ok := range valid[:n] {
			bitutil.SetBitTo(bitmap.Bytes(), i, ok)
			if !ok {
				nulls++
			}
		}
	}
	d := array.NewData(dt, n, []*memory.Buffer{bitmap, data}, nil, nulls, 0)
	defer d.Release()
	return array.MakeFromData(d)
}

// numericArray builds an unconstrained numeric array from decimal texts;
// valid tells which are not NULL.
func numericArray(texts []string, valid []bool) arrow.Array {
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	b.AppendValues(texts, valid)
	storage := b.NewArray()
	defer storage.Release()
	return array.NewExtensionArrayWithStorage(types.Numeric, storage)
}

// countAccumulator is count(*) (every row) or count(x) (rows where x is
// not NULL).
type countAccumulator struct {
	star   bool
	counts []int64
}

// Resize implements Accumulator.
func (c *countAccumulator) Resize(n int) { c.counts = resized(c.counts, n) }

// Update implements Accumulator.
func (c *countAccumulator) Update(groups []int32, values arrow.Array) error {
	if c.star || values.NullN() == 0 {
		for _, g := range groups {
			c.counts[g]++
		}
		return nil
	}
	for r, g := range groups {
		if values.IsValid(r) {
			c.counts[g]++
		}
	}
	return nil
}

// Result implements Accumulator.
func (c *countAccumulator) Result() (arrow.Array, error) {
	return fixedArray(arrow.PrimitiveTypes.Int64, c.counts, nil), nil
}

// Size implements Accumulator.
func (c *countAccumulator) Size() int64 { return sizeOf(c.counts) }

// groupingAccumulator is grouping(a, b, ...): for every group of one
// grouping set the same bit mask, a bit set for each argument the set
// leaves out (the first argument the highest bit).
type groupingAccumulator struct {
	mask   int32
	groups int
}

// newGroupingAccumulator computes grouping() of the group expressions at
// positions args for the grouping set holding the positions in set.
func newGroupingAccumulator(args, set []int) *groupingAccumulator {
	in := map[int]bool{}
	for _, s := range set {
		in[s] = true
	}
	var mask int32
	for _, a := range args {
		mask <<= 1
		if !in[a] {
			mask |= 1
		}
	}
	return &groupingAccumulator{mask: mask}
}

// Resize implements Accumulator.
func (g *groupingAccumulator) Resize(n int) { g.groups = max(g.groups, n) }

// Update implements Accumulator.
func (g *groupingAccumulator) Update([]int32, arrow.Array) error { return nil }

// Result implements Accumulator.
func (g *groupingAccumulator) Result() (arrow.Array, error) {
	values := make([]int32, g.groups)
	for i := range values {
		values[i] = g.mask
	}
	return fixedArray(arrow.PrimitiveTypes.Int32, values, nil), nil
}

// Size implements Accumulator.
func (g *groupingAccumulator) Size() int64 { return 0 }
