package types

import (
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/jackc/pgx/v5/pgtype"
)

// wireArray is an array value on its way to the wire in binary format:
// pgtype's array codec asks it for its dimensions and its elements in
// row-major order, each the Native value of its cell.
type wireArray struct {
	dims      []pgtype.ArrayDimension
	leaf      arrow.Array // the innermost values
	positions []int       // the array's elements, as rows of leaf
	loc       *time.Location
}

var _ pgtype.ArrayGetter = (*wireArray)(nil)

func newWireArray(a *array.List, row int, loc *time.Location) *wireArray {
	w := &wireArray{dims: []pgtype.ArrayDimension{}, loc: loc}
	w.leaf, w.positions = ArrayElements(a, row)
	if len(w.positions) == 0 {
		return w
	}
	for _, n := range ArrayDims(a, row) {
		w.dims = append(w.dims, pgtype.ArrayDimension{Length: int32(n), LowerBound: 1})
	}
	return w
}

// Dimensions implements pgtype.ArrayGetter.
func (w *wireArray) Dimensions() []pgtype.ArrayDimension { return w.dims }

// Index implements pgtype.ArrayGetter: nil for a NULL element.
func (w *wireArray) Index(i int) any {
	p := w.positions[i]
	if w.leaf.IsNull(p) {
		return nil
	}
	return NewCell(w.leaf, p, DefaultStyle(w.loc)).Native()
}

// IndexType implements pgtype.ArrayGetter: a value of the elements' Go
// type, or nil when every element is NULL.
func (w *wireArray) IndexType() any {
	for i := range w.positions {
		if v := w.Index(i); v != nil {
			return v
		}
	}
	return nil
}

// ArrayElements lists the elements of the array at row, at every depth, in
// row-major order: the innermost values array and the element positions
// in it.
func ArrayElements(a *array.List, row int) (arrow.Array, []int) {
	var positions []int
	var leaf arrow.Array
	var walk func(l *array.List, r int)
	walk = func(l *array.List, r int) {
		start, end := l.ValueOffsets(r)
		inner, nested := l.ListValues().(*array.List)
		if !nested {
			leaf = l.ListValues()
			for i := start; i < end; i++ {
				positions = append(positions, int(i))
			}
			return
		}
		for i := int(start); i < int(end); i++ {
			if inner.IsValid(i) {
				walk(inner, i)
			}
		}
	}
	walk(a, row)
	if leaf == nil {
		leaf = innermost(a)
	}
	return leaf, positions
}

// innermost is the values array below every level of a nested list.
func innermost(a *array.List) arrow.Array {
	values := a.ListValues()
	for {
		inner, ok := values.(*array.List)
		if !ok {
			return values
		}
		values = inner.ListValues()
	}
}

// ArrayDims is the length of each dimension of the array at row: one per
// level of its type, from the length of the first sub-array at each level
// (PostgreSQL's arrays are rectangular). An array without elements has no
// dimensions.
func ArrayDims(a *array.List, row int) []int {
	if ArrayLen(a, row) == 0 {
		return nil
	}
	var dims []int
	l, r := a, row
	for {
		start, end := l.ValueOffsets(r)
		dims = append(dims, int(end-start))
		inner, ok := l.ListValues().(*array.List)
		if !ok {
			return dims
		}
		l, r = inner, int(start)
	}
}
