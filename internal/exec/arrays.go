package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/types"
)

// Arrays are Arrow lists, one level per dimension (see internal/types).
// The array functions see each array value as its shape and its elements:
// the length of each dimension and the positions of its elements, in
// row-major order, in the innermost values array. They build their
// results the same way, as shapes and positions into one source array.

// arrayValue is one array read from a list array.
type arrayValue struct {
	dims      []int   // one length per dimension; none for an empty array
	positions []int64 // the elements, as rows of the leaf array
}

// arrayColumn reads the arrays of a list column.
type arrayColumn struct {
	list *array.List
	leaf arrow.Array // the values below every dimension
}

func newArrayColumn(arr arrow.Array) arrayColumn {
	l := arr.(*array.List)
	return arrayColumn{list: l, leaf: innermostValues(l)}
}

func innermostValues(l *array.List) arrow.Array {
	values := l.ListValues()
	for {
		inner, ok := values.(*array.List)
		if !ok {
			return values
		}
		values = inner.ListValues()
	}
}

// at reads the array of a row, which must not be NULL.
func (c arrayColumn) at(row int) arrayValue {
	_, positions := types.ArrayElements(c.list, row)
	out := arrayValue{dims: types.ArrayDims(c.list, row), positions: make([]int64, len(positions))}
	for i, p := range positions {
		out.positions[i] = int64(p)
	}
	return out
}

// arrayRows builds a column of arrays whose elements are taken from one
// source array (a position of -1 is a NULL element).
type arrayRows struct {
	typ       arrow.DataType // the list type built, one level per dimension
	source    arrow.Array
	valid     []bool
	dims      [][]int
	positions []int64
}

func newArrayRows(typ arrow.DataType, source arrow.Array) *arrayRows {
	return &arrayRows{typ: typ, source: source}
}

func (b *arrayRows) appendNull() {
	b.valid = append(b.valid, false)
	b.dims = append(b.dims, nil)
}

// append adds an array of the given shape; an array without elements is
// the empty array whatever dims says.
func (b *arrayRows) append(dims []int, positions []int64) {
	if len(positions) == 0 {
		dims = nil
	}
	b.valid = append(b.valid, true)
	b.dims = append(b.dims, dims)
	b.positions = append(b.positions, positions...)
}

// build makes the list array; the caller releases it.
func (b *arrayRows) build(ctx context.Context) (arrow.Array, error) {
	values, err := takeColumn(ctx, b.source, b.positions)
	if err != nil {
		return nil, err
	}
	defer values.Release()
	_, depth := types.ArrayElement(b.typ)
	data := values.Data()
	data.Retain()
	for level := depth - 1; level >= 0; level-- {
		next := b.level(level, data)
		data.Release()
		data = next
	}
	defer data.Release()
	return array.MakeFromData(data), nil
}

// level makes the lists of one dimension over child, the lists of the
// next: each row has as many lists at this level as the product of its
// outer dimensions, each as long as its dimension at this level.
func (b *arrayRows) level(level int, child arrow.ArrayData) arrow.ArrayData {
	offsets := []int32{0}
	for _, dims := range b.dims {
		lists, length := 1, 0
		if level > 0 {
			lists = 0
		}
		if len(dims) > level {
			lists, length = 1, dims[level]
			for _, d := range dims[:level] {
				lists *= d
			}
		}
		for i := 0; i < lists; i++ {
			offsets = append(offsets, offsets[len(offsets)-1]+int32(length))
		}
	}
	typ := b.typ
	for i := 0; i < level; i++ {
		typ = typ.(*arrow.ListType).Elem()
	}
	buffers := []*memory.Buffer{nil, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(offsets))}
	nulls := 0
	if level == 0 {
		buffers[0], nulls = validityBitmap(b.valid)
	}
	return array.NewData(typ, len(offsets)-1, buffers, []arrow.ArrayData{child}, nulls, 0)
}

// validityBitmap packs validity flags into an Arrow bitmap; nil when all
// are valid.
func validityBitmap(valid []bool) (*memory.Buffer, int) {
	nulls := 0
	bits := make([]byte, (len(valid)+7)/8)
	for i, v := range valid {
		if v {
			bits[i/8] |= 1 << (i % 8)
		} else {
			nulls++
		}
	}
	if nulls == 0 {
		return nil, 0
	}
	return memory.NewBufferBytes(bits), nulls
}
