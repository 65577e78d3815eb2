package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
)

// evalSubscript evaluates a[i][j] (one element) or a[i:j] (a sub-array).
func evalSubscript(ctx context.Context, s *expr.Subscript, batch arrow.RecordBatch) (compute.Datum, error) {
	exprs := []expr.Expr{s.Arg}
	for _, i := range s.Indexes {
		exprs = append(exprs, boundOrNull(i.Lower), boundOrNull(i.Upper))
	}
	args, err := evalArgs(ctx, exprs, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(args)
	col := newArrayColumn(args[0])
	bounds := make([]subscriptBounds, len(s.Indexes))
	for k, i := range s.Indexes {
		bounds[k] = subscriptBounds{lower: intsOrNil(args[1+2*k], i.Lower), upper: intsOrNil(args[2+2*k], i.Upper)}
	}
	var out arrow.Array
	if s.Slice {
		out, err = sliceArrays(ctx, col, bounds, s.Typ)
	} else {
		out, err = pickElements(ctx, col, bounds)
	}
	if err != nil {
		return nil, err
	}
	defer out.Release()
	return compute.NewDatum(out), nil
}

// boundOrNull stands an absent bound by a placeholder evaluated and then
// ignored.
func boundOrNull(e expr.Expr) expr.Expr {
	if e == nil {
		return &expr.Literal{Value: nullInt32}
	}
	return e
}

func intsOrNil(arr arrow.Array, e expr.Expr) *array.Int32 {
	if e == nil {
		return nil
	}
	return arr.(*array.Int32)
}

// subscriptBounds are one subscript's evaluated bounds; nil is an open
// bound.
type subscriptBounds struct {
	lower, upper *array.Int32
}

// pickElements reads one element per row; NULL for a NULL array or index,
// an index out of range, or a count of indexes other than the dimensions.
func pickElements(ctx context.Context, col arrayColumn, bounds []subscriptBounds) (arrow.Array, error) {
	positions := make([]int64, col.list.Len())
	for r := range positions {
		positions[r] = elementAt(col, bounds, r)
	}
	return takeColumn(ctx, col.leaf, positions)
}

func elementAt(col arrayColumn, bounds []subscriptBounds, r int) int64 {
	if col.list.IsNull(r) {
		return -1
	}
	v := col.at(r)
	if len(v.dims) != len(bounds) {
		return -1
	}
	flat := 0
	for k, b := range bounds {
		if b.upper.IsNull(r) {
			return -1
		}
		i := int(b.upper.Value(r))
		if i < 1 || i > v.dims[k] {
			return -1
		}
		flat = flat*v.dims[k] + i - 1
	}
	return v.positions[flat]
}

// sliceArrays reads a sub-array per row: each dimension's range clamped to
// the array's bounds, dimensions without a subscript whole; NULL when a
// given bound is NULL.
func sliceArrays(ctx context.Context, col arrayColumn, bounds []subscriptBounds, typ arrow.DataType) (arrow.Array, error) {
	b := newArrayRows(typ, col.leaf)
	for r := 0; r < col.list.Len(); r++ {
		if col.list.IsNull(r) || anyBoundNull(bounds, r) {
			b.appendNull()
			continue
		}
		v := col.at(r)
		if len(bounds) > len(v.dims) {
			b.append(nil, nil)
			continue
		}
		lows, highs := make([]int, len(v.dims)), make([]int, len(v.dims))
		for k, d := range v.dims {
			lows[k], highs[k] = 1, d
			if k < len(bounds) {
				if bounds[k].lower != nil {
					lows[k] = max(1, int(bounds[k].lower.Value(r)))
				}
				if bounds[k].upper != nil {
					highs[k] = min(d, int(bounds[k].upper.Value(r)))
				}
			}
		}
		dims, positions := subBox(v, lows, highs)
		b.append(dims, positions)
	}
	return b.build(ctx)
}

func anyBoundNull(bounds []subscriptBounds, r int) bool {
	for _, b := range bounds {
		if (b.lower != nil && b.lower.IsNull(r)) || (b.upper != nil && b.upper.IsNull(r)) {
			return true
		}
	}
	return false
}

// subBox lists the elements of v within [lows, highs] (1-based, inclusive)
// in row-major order; nothing when a range is empty.
func subBox(v arrayValue, lows, highs []int) ([]int, []int64) {
	dims := make([]int, len(lows))
	for k := range lows {
		if highs[k] < lows[k] {
			return nil, nil
		}
		dims[k] = highs[k] - lows[k] + 1
	}
	var positions []int64
	index := append([]int{}, lows...)
	for {
		flat := 0
		for k, i := range index {
			flat = flat*v.dims[k] + i - 1
		}
		positions = append(positions, v.positions[flat])
		k := len(index) - 1
		for k >= 0 && index[k] == highs[k] {
			index[k] = lows[k]
			k--
		}
		if k < 0 {
			return dims, positions
		}
		index[k]++
	}
}

// evalAnyAll evaluates x op ANY (array) and x op ALL (array) with SQL's
// three-valued logic.
func evalAnyAll(ctx context.Context, a *expr.AnyAll, batch arrow.RecordBatch) (compute.Datum, error) {
	args, err := evalArgs(ctx, []expr.Expr{a.Right, a.Left}, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(args)
	s, err := newElementSpace(args[0], args[1])
	if err != nil {
		return nil, err
	}
	defer s.release()
	b := array.NewBooleanBuilder(memory.DefaultAllocator)
	defer b.Release()
	for r := 0; r < args[0].Len(); r++ {
		if s.col.list.IsNull(r) {
			b.AppendNull()
			continue
		}
		result, known := quantified(s, a, s.col.at(r).positions, s.value(0, r))
		if known {
			b.Append(result)
		} else {
			b.AppendNull()
		}
	}
	out := b.NewArray()
	defer out.Release()
	return compute.NewDatum(out), nil
}

// quantified compares x with each element: ANY is true at the first true
// comparison, ALL false at the first false one; a NULL comparison on the
// way makes the answer NULL when no such comparison comes.
func quantified(s *elementSpace, a *expr.AnyAll, elements []int64, x int64) (result, known bool) {
	sawNull := false
	for _, p := range elements {
		if s.all.IsNull(int(p)) || s.all.IsNull(int(x)) {
			sawNull = true
			continue
		}
		if holds(a.Op, s.compare(int(x), int(p))) != a.All {
			return !a.All, true
		}
	}
	return a.All, !sawNull
}
