package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/types"
)

// heldMemory holds the values the array accumulators keep between
// batches: copies the garbage collector frees with the accumulator, which
// has no release of its own. Size reports them to the budget.
var heldMemory = memory.NewGoAllocator()

// arrayAggAccumulator is array_agg: each group's values, NULLs included,
// in the order they arrive, as one array, or as an array of one more
// dimension when the values are arrays themselves (which must then all
// have the same dimensions); NULL for a group without rows.
type arrayAggAccumulator struct {
	typ       arrow.DataType // the result, an array of the values' type
	chunks    []arrow.Array  // a copy of the values of each Update
	total     int64          // the values in chunks
	positions [][]int64      // per group, its values' positions in the chunks laid end to end
	bytes     int64
}

func newArrayAggAccumulator(result arrow.DataType) *arrayAggAccumulator {
	return &arrayAggAccumulator{typ: result}
}

// Resize implements Accumulator.
func (a *arrayAggAccumulator) Resize(n int) { a.positions = resized(a.positions, n) }

// Update implements Accumulator.
func (a *arrayAggAccumulator) Update(groups []int32, values arrow.Array) error {
	held, err := array.Concatenate([]arrow.Array{values}, heldMemory)
	if err != nil {
		return err
	}
	a.chunks = append(a.chunks, held)
	a.bytes += arrayBytes(held.Data()) + 8*int64(len(groups))
	for r, g := range groups {
		a.positions[g] = append(a.positions[g], a.total+int64(r))
	}
	a.total += int64(values.Len())
	return nil
}

// Result implements Accumulator.
func (a *arrayAggAccumulator) Result() (arrow.Array, error) {
	elem := a.typ.(*arrow.ListType).Elem()
	source, err := concat(a.chunks, elem)
	if err != nil {
		return nil, err
	}
	defer source.Release()
	if !types.IsArray(elem) {
		b := newArrayRows(a.typ, source)
		for _, p := range a.positions {
			if len(p) == 0 {
				b.appendNull()
			} else {
				b.append([]int{len(p)}, p)
			}
		}
		return b.build(context.Background())
	}
	col := newArrayColumn(source)
	b := newArrayRows(a.typ, col.leaf)
	for _, p := range a.positions {
		if len(p) == 0 {
			b.appendNull()
			continue
		}
		dims, positions, err := stackRowsAt(col, p)
		if err != nil {
			return nil, err
		}
		b.append(dims, positions)
	}
	return b.build(context.Background())
}

// Size implements Accumulator.
func (a *arrayAggAccumulator) Size() int64 { return a.bytes + sizeOf(a.positions) }

func (a *arrayAggAccumulator) orderSensitive() bool { return true }

func (a *arrayAggAccumulator) takesNulls() bool { return true }

// arrayExtreme is min or max of arrays, in array order (see
// arrayKeyColumn); between equal arrays the later one wins, as for the
// other types.
type arrayExtreme struct {
	typ     arrow.DataType
	largest bool
	best    []arrow.Array // per group, a one-row copy of its best array; nil for none
	bytes   int64
}

// Resize implements Accumulator.
func (a *arrayExtreme) Resize(n int) { a.best = resized(a.best, n) }

// Update implements Accumulator: each group's best row of the batch, then
// against the group's best so far.
func (a *arrayExtreme) Update(groups []int32, values arrow.Array) error {
	batch := newKeyColumn(values)
	winner := map[int32]int{}
	for r, g := range groups {
		if values.IsNull(r) {
			continue
		}
		if w, ok := winner[g]; !ok || a.replaces(batch.compare(r, batch, w)) {
			winner[g] = r
		}
	}
	for g, r := range winner {
		if a.best[g] != nil {
			if !a.replaces(batch.compare(r, newKeyColumn(a.best[g]), 0)) {
				continue
			}
			a.bytes -= arrayBytes(a.best[g].Data())
		}
		row := array.NewSlice(values, int64(r), int64(r+1))
		held, err := array.Concatenate([]arrow.Array{row}, heldMemory)
		row.Release()
		if err != nil {
			return err
		}
		a.best[g] = held
		a.bytes += arrayBytes(held.Data())
	}
	return nil
}

// replaces tells whether a value comparing c with the best so far takes
// its place.
func (a *arrayExtreme) replaces(c int) bool {
	if a.largest {
		return c >= 0
	}
	return c <= 0
}

// Result implements Accumulator.
func (a *arrayExtreme) Result() (arrow.Array, error) {
	parts := make([]arrow.Array, len(a.best))
	for g, b := range a.best {
		parts[g] = b
		if b == nil {
			parts[g] = array.MakeArrayOfNull(heldMemory, a.typ, 1)
		}
	}
	return concat(parts, a.typ)
}

// Size implements Accumulator.
func (a *arrayExtreme) Size() int64 { return a.bytes + sizeOf(a.best) }
