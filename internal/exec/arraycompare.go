package exec

import (
	"cmp"
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
)

// arrayKeyColumn orders the non-NULL arrays of a list column (against
// those of another of the same type) as PostgreSQL's array_cmp does:
// element by element in row-major order (a NULL element after every
// value), then the one with fewer elements first, then by the lengths of
// the dimensions. Equal arrays compare 0, NULL elements in the same places
// included.
type arrayKeyColumn struct {
	col   arrayColumn
	leaf  keyColumn
	cache map[int]arrayValue
}

func newArrayKeyColumn(l *array.List) *arrayKeyColumn {
	col := newArrayColumn(l)
	return &arrayKeyColumn{col: col, leaf: newKeyColumn(col.leaf), cache: map[int]arrayValue{}}
}

// IsNull implements keyColumn.
func (c *arrayKeyColumn) IsNull(i int) bool { return c.col.list.IsNull(i) }

func (c *arrayKeyColumn) value(row int) arrayValue {
	v, ok := c.cache[row]
	if !ok {
		v = c.col.at(row)
		c.cache[row] = v
	}
	return v
}

func (c *arrayKeyColumn) compare(i int, other keyColumn, j int) int {
	o := other.(*arrayKeyColumn)
	return compareArrays(c.value(i), c.leaf, o.value(j), o.leaf)
}

// compareArrays is array_cmp over two arrays whose elements are rows of
// the leaf columns aLeaf and bLeaf.
func compareArrays(a arrayValue, aLeaf keyColumn, b arrayValue, bLeaf keyColumn) int {
	for k := 0; k < min(len(a.positions), len(b.positions)); k++ {
		p, q := int(a.positions[k]), int(b.positions[k])
		np, nq := aLeaf.IsNull(p), bLeaf.IsNull(q)
		switch {
		case np && nq:
			continue
		case np:
			return 1
		case nq:
			return -1
		}
		if c := aLeaf.compare(p, bLeaf, q); c != 0 {
			return c
		}
	}
	if c := cmp.Compare(len(a.positions), len(b.positions)); c != 0 {
		return c
	}
	if c := cmp.Compare(len(a.dims), len(b.dims)); c != 0 {
		return c
	}
	for k := range a.dims {
		if c := cmp.Compare(a.dims[k], b.dims[k]); c != 0 {
			return c
		}
	}
	return 0
}

// evalArrayCompare compares arrays with array_cmp's order; the two sides
// may have different dimensions (an array of more dimensions is greater
// when the elements are equal).
func evalArrayCompare(ctx context.Context, n *expr.Compare, batch arrow.RecordBatch) (compute.Datum, error) {
	args, err := evalArgs(ctx, []expr.Expr{n.Left, n.Right}, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(args)
	cols, source, bases, err := arrayColumns(args)
	if err != nil {
		return nil, err
	}
	defer source.Release()
	elements := newKeyColumn(source)
	b := array.NewBooleanBuilder(memory.DefaultAllocator)
	defer b.Release()
	for r := 0; r < args[0].Len(); r++ {
		if cols[0].list.IsNull(r) || cols[1].list.IsNull(r) {
			b.AppendNull()
			continue
		}
		x, y := cols[0].at(r), cols[1].at(r)
		x.positions, y.positions = offsetPositions(x.positions, bases[0]), offsetPositions(y.positions, bases[1])
		b.Append(holds(n.Op, compareArrays(x, elements, y, elements)))
	}
	out := b.NewArray()
	defer out.Release()
	return compute.NewDatum(out), nil
}
