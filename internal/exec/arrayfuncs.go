package exec

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// arrayFunc computes an array function over evaluated arguments (arrays
// of the batch's length) into a column of type result.
type arrayFunc func(ctx context.Context, args []arrow.Array, result arrow.DataType) (arrow.Array, error)

// arrayFuncs are the array functions and operators, by the name the
// planner gives them.
var arrayFuncs = map[string]arrayFunc{
	"array":           makeArrays,
	"array_length":    dimensionFunc(func(dims []int, d int) int { return dims[d] }),
	"array_upper":     dimensionFunc(func(dims []int, d int) int { return dims[d] }),
	"array_lower":     dimensionFunc(func([]int, int) int { return 1 }),
	"array_ndims":     shapeFunc(func(v arrayValue) (int, bool) { return len(v.dims), len(v.dims) > 0 }),
	"cardinality":     shapeFunc(func(v arrayValue) (int, bool) { return len(v.positions), true }),
	"array_dims":      arrayDims,
	"array_position":  arrayPosition,
	"array_positions": arrayPositions,
	"array_remove":    arrayRemove,
	"array_replace":   arrayReplace,
	"array_append":    arrayAppend,
	"array_prepend":   arrayPrepend,
	"array_cat":       arrayCat,
	"array_to_string": arrayToString,
	"string_to_array": stringToArray,
	"array_contains":  arrayContains,
	"array_overlap":   arrayOverlap,
}

// makeArrays is ARRAY[...]: of its element arguments, or, when they are
// arrays themselves, of one more dimension over them. NULL sub-arrays
// count as empty ones; sub-arrays must all have the same shape.
func makeArrays(ctx context.Context, args []arrow.Array, result arrow.DataType) (arrow.Array, error) {
	rows := args[0].Len()
	if !types.IsArray(args[0].DataType()) {
		source, err := concat(args, args[0].DataType())
		if err != nil {
			return nil, err
		}
		defer source.Release()
		b := newArrayRows(result, source)
		for r := 0; r < rows; r++ {
			positions := make([]int64, len(args))
			for k := range args {
				positions[k] = int64(k*rows + r)
			}
			b.append([]int{len(args)}, positions)
		}
		return b.build(ctx)
	}
	cols, source, bases, err := arrayColumns(args)
	if err != nil {
		return nil, err
	}
	defer source.Release()
	b := newArrayRows(result, source)
	for r := 0; r < rows; r++ {
		dims, positions, err := stackArrays(cols, bases, r)
		if err != nil {
			return nil, err
		}
		b.append(dims, positions)
	}
	return b.build(ctx)
}

// stackArrays lays the sub-arrays of one row side by side as one array of
// one more dimension.
func stackArrays(cols []arrayColumn, bases []int64, r int) ([]int, []int64, error) {
	values := make([]arrayValue, len(cols))
	empty := 0
	for k, c := range cols {
		if c.list.IsValid(r) {
			values[k] = c.at(r)
		}
		if len(values[k].positions) == 0 {
			empty++
		}
	}
	switch {
	case empty == len(cols):
		return nil, nil, nil
	case empty > 0:
		return nil, nil, mismatchedSubArrays()
	}
	var positions []int64
	for k, v := range values {
		if !equalDims(v.dims, values[0].dims) {
			return nil, nil, mismatchedSubArrays()
		}
		positions = append(positions, offsetPositions(v.positions, bases[k])...)
	}
	return append([]int{len(cols)}, values[0].dims...), positions, nil
}

func mismatchedSubArrays() error {
	return sqlstate.New(sqlstate.ArraySubscriptError, "multidimensional arrays must have array expressions with matching dimensions")
}

func equalDims(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func offsetPositions(ps []int64, base int64) []int64 {
	out := make([]int64, len(ps))
	for i, p := range ps {
		out[i] = p
		if p >= 0 {
			out[i] = p + base
		}
	}
	return out
}

// arrayColumns reads list columns of one type and joins their leaf values
// into one source array; bases[k] is where column k's leaf starts in it.
// The caller releases source.
func arrayColumns(args []arrow.Array) ([]arrayColumn, arrow.Array, []int64, error) {
	cols := make([]arrayColumn, len(args))
	leaves := make([]arrow.Array, len(args))
	bases := make([]int64, len(args))
	next := int64(0)
	for k, a := range args {
		cols[k] = newArrayColumn(a)
		leaves[k] = cols[k].leaf
		bases[k] = next
		next += int64(cols[k].leaf.Len())
	}
	source, err := concat(leaves, leaves[0].DataType())
	return cols, source, bases, err
}

// intColumn builds an int4 column from values; ok false is NULL.
func intColumn(rows int, value func(r int) (int, bool)) arrow.Array {
	b := array.NewInt32Builder(memory.DefaultAllocator)
	defer b.Release()
	for r := 0; r < rows; r++ {
		if v, ok := value(r); ok {
			b.Append(int32(v))
		} else {
			b.AppendNull()
		}
	}
	return b.NewArray()
}

// shapeFunc is a function of an array's shape: NULL for a NULL array or
// when f says so.
func shapeFunc(f func(arrayValue) (int, bool)) arrayFunc {
	return func(_ context.Context, args []arrow.Array, _ arrow.DataType) (arrow.Array, error) {
		col := newArrayColumn(args[0])
		return intColumn(args[0].Len(), func(r int) (int, bool) {
			if col.list.IsNull(r) {
				return 0, false
			}
			return f(col.at(r))
		}), nil
	}
}

// dimensionFunc is array_length, array_lower or array_upper: f of the
// array's shape and a 0-based dimension, NULL for a dimension it does not
// have.
func dimensionFunc(f func(dims []int, d int) int) arrayFunc {
	return func(_ context.Context, args []arrow.Array, _ arrow.DataType) (arrow.Array, error) {
		col := newArrayColumn(args[0])
		dims := args[1].(*array.Int32)
		return intColumn(args[0].Len(), func(r int) (int, bool) {
			if col.list.IsNull(r) || dims.IsNull(r) {
				return 0, false
			}
			v, d := col.at(r), int(dims.Value(r))-1
			if d < 0 || d >= len(v.dims) {
				return 0, false
			}
			return f(v.dims, d), true
		}), nil
	}
}

// arrayDims is array_dims: "[1:2][1:3]", NULL for an empty array.
func arrayDims(_ context.Context, args []arrow.Array, _ arrow.DataType) (arrow.Array, error) {
	col := newArrayColumn(args[0])
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	for r := 0; r < args[0].Len(); r++ {
		if col.list.IsNull(r) {
			b.AppendNull()
			continue
		}
		v := col.at(r)
		if len(v.dims) == 0 {
			b.AppendNull()
			continue
		}
		text := ""
		for _, d := range v.dims {
			text += fmt.Sprintf("[1:%d]", d)
		}
		b.Append(text)
	}
	return b.NewArray(), nil
}
