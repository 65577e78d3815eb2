package exec

import (
	"context"
	"encoding/binary"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// aggregator feeds one aggregate of one grouping set: it keeps the rows
// the call's FILTER lets through, drops the values DISTINCT has already
// met in a group, and, when the order the rows arrive in changes the
// result, holds them until the end to feed them in the call's order.
type aggregator struct {
	acc     Accumulator
	seen    *groupTable // with DISTINCT: the (group, value) pairs met so far
	key     []byte
	ordered *orderedRows // nil when rows go straight to the accumulator
	nulls   bool         // the accumulator takes NULLs as values: DISTINCT keeps one
}

func newAggregator(spec AggSpec, set []int) (*aggregator, error) {
	if spec.Func == "grouping" {
		return &aggregator{acc: newGroupingAccumulator(spec.Grouping, set)}, nil
	}
	acc, err := newAccumulator(spec)
	if err != nil {
		return nil, err
	}
	a := &aggregator{acc: acc}
	if t, ok := acc.(nullTaking); ok {
		a.nulls = t.takesNulls()
	}
	if spec.Distinct {
		a.seen = newGroupTable()
	}
	if sensitive, ok := acc.(orderSensitive); ok && sensitive.orderSensitive() && (spec.Distinct || len(spec.OrderBy) > 0) {
		a.ordered = &orderedRows{keys: spec.OrderBy}
	}
	return a, nil
}

// orderSensitive is implemented by the accumulators whose result depends
// on the order their rows arrive in (string_agg; sums and moments of
// floats, through their rounding). When the call fixes that order, with
// ORDER BY or with DISTINCT (which PostgreSQL feeds in sorted order), the
// aggregation holds their rows to feed them in it; other accumulators take
// rows as they come.
type orderSensitive interface {
	orderSensitive() bool
}

// nullTaking is implemented by the accumulators that take NULLs as values
// (array_agg): DISTINCT keeps one NULL for them, where it keeps none for
// the aggregates that skip NULLs.
type nullTaking interface {
	takesNulls() bool
}

// consume folds one batch's rows into the aggregate: row r belongs to
// group groups[r]; filter and keys are the call's FILTER and ORDER BY
// values (nil and none when it has them not).
func (a *aggregator) consume(ctx context.Context, groups []int32, values, filter arrow.Array, keys []arrow.Array) error {
	if rows := a.selected(groups, values, filter); rows != nil {
		picked, err := pickRows(ctx, groups, append([]arrow.Array{values}, keys...), rows)
		if err != nil {
			return err
		}
		defer releaseArrays(picked.arrays)
		groups, values, keys = picked.groups, picked.arrays[0], picked.arrays[1:]
	}
	if len(groups) == 0 {
		return nil
	}
	if a.ordered != nil {
		a.ordered.add(groups, values, keys)
		return nil
	}
	return a.acc.Update(groups, values)
}

// selected lists the rows FILTER and DISTINCT let through, or nil when
// the call has neither.
func (a *aggregator) selected(groups []int32, values, filter arrow.Array) []int32 {
	if filter == nil && a.seen == nil {
		return nil
	}
	rows := make([]int32, 0, len(groups))
	mask, _ := filter.(*array.Boolean)
	var write keyWriter
	if a.seen != nil {
		write = keyWriterFor(values)
	}
	for r, g := range groups {
		if filter != nil && (mask == nil || !mask.IsValid(r) || !mask.Value(r)) {
			continue
		}
		if a.seen != nil {
			if values.IsNull(r) && !a.nulls {
				continue
			}
			a.key = write(binary.LittleEndian.AppendUint32(a.key[:0], uint32(g)), r)
			if _, isNew := a.seen.insert(a.key); !isNew {
				continue
			}
		}
		rows = append(rows, int32(r))
	}
	return rows
}

// result is the aggregate of every group, after feeding the rows held.
func (a *aggregator) result(ctx context.Context) (arrow.Array, error) {
	if a.ordered != nil {
		if err := a.ordered.feed(ctx, a.acc); err != nil {
			return nil, err
		}
	}
	return a.acc.Result()
}

// size is the memory the aggregate's state holds, in bytes.
func (a *aggregator) size() int64 {
	n := a.acc.Size()
	if a.seen != nil {
		n += a.seen.size()
	}
	if a.ordered != nil {
		n += a.ordered.bytes
	}
	return n
}

func (a *aggregator) release() {
	if a.ordered != nil {
		a.ordered.release()
	}
}

// pickedRows are some rows of a batch: their groups and their values.
type pickedRows struct {
	groups []int32
	arrays []arrow.Array // nil where the input array was nil
}

// pickRows takes the given rows of groups and of each array.
func pickRows(ctx context.Context, groups []int32, arrays []arrow.Array, rows []int32) (pickedRows, error) {
	out := pickedRows{groups: make([]int32, len(rows)), arrays: make([]arrow.Array, len(arrays))}
	positions := make([]int64, len(rows))
	for i, r := range rows {
		out.groups[i], positions[i] = groups[r], int64(r)
	}
	for i, arr := range arrays {
		if arr == nil {
			continue
		}
		taken, err := takeArray(ctx, arr, positions)
		if err != nil {
			releaseArrays(out.arrays)
			return pickedRows{}, err
		}
		out.arrays[i] = taken
	}
	return out, nil
}

// orderedRows holds an aggregate's rows until the end of its input, to
// feed them in the order of its ORDER BY keys (or, without keys, of the
// values themselves); rows of equal keys keep their input order.
type orderedRows struct {
	keys   []SortKey
	groups []int32
	values []arrow.Array   // a chunk per batch
	keyed  [][]arrow.Array // per batch, the key values
	bytes  int64
}

func (o *orderedRows) add(groups []int32, values arrow.Array, keys []arrow.Array) {
	o.groups = append(o.groups, groups...)
	values.Retain()
	o.values = append(o.values, values)
	o.bytes += arrayBytes(values.Data()) + 4*int64(len(groups))
	for _, k := range keys {
		k.Retain()
		o.bytes += arrayBytes(k.Data())
	}
	o.keyed = append(o.keyed, keys)
}

// feed sorts the rows held and gives them to the accumulator.
func (o *orderedRows) feed(ctx context.Context, acc Accumulator) error {
	if len(o.values) == 0 {
		return nil
	}
	values, err := concat(o.values, nil)
	if err != nil {
		return err
	}
	defer values.Release()
	keys, order := []arrow.Array{values}, []SortKey{{}}
	if len(o.keys) > 0 {
		if keys, err = o.concatKeys(); err != nil {
			return err
		}
		defer releaseArrays(keys)
		order = o.keys
	}
	positions := sortedOrder(keys, order, values.Len())
	sorted, err := takeArray(ctx, values, positions)
	if err != nil {
		return err
	}
	defer sorted.Release()
	groups := make([]int32, len(positions))
	for i, p := range positions {
		groups[i] = o.groups[p]
	}
	return acc.Update(groups, sorted)
}

// concatKeys joins each ORDER BY key's chunks.
func (o *orderedRows) concatKeys() ([]arrow.Array, error) {
	out := make([]arrow.Array, len(o.keys))
	for k := range o.keys {
		parts := make([]arrow.Array, len(o.keyed))
		for i, chunk := range o.keyed {
			parts[i] = chunk[k]
		}
		arr, err := concat(parts, nil)
		if err != nil {
			releaseArrays(out)
			return nil, err
		}
		out[k] = arr
	}
	return out, nil
}

func (o *orderedRows) release() {
	releaseArrays(o.values)
	for _, keys := range o.keyed {
		releaseArrays(keys)
	}
	o.values, o.keyed, o.groups = nil, nil, nil
}

// takeArray picks rows of an array; a negative position gives NULL.
func takeArray(ctx context.Context, arr arrow.Array, positions []int64) (arrow.Array, error) {
	b := array.NewInt64Builder(memory.DefaultAllocator)
	defer b.Release()
	for _, p := range positions {
		if p < 0 {
			b.AppendNull()
		} else {
			b.Append(p)
		}
	}
	idx := b.NewArray()
	defer idx.Release()
	return takeValues(ctx, arr, idx)
}
