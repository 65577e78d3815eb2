package exec

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/expr"
)

// AggSpec is one aggregate a HashAggregate computes.
type AggSpec struct {
	Func     string    // count, sum, avg, min, max, string_agg, bool_and, ..., or grouping
	Arg      expr.Expr // nil for count(*) and grouping()
	Distinct bool
	Sep      string    // string_agg's delimiter
	Filter   expr.Expr // FILTER (WHERE ...): the rows the aggregate reads; nil for all
	OrderBy  []SortKey // ORDER BY inside the call: the order the rows reach the aggregate in
	Grouping []int     // grouping()'s arguments, as positions among the group expressions
	Typ      arrow.DataType
}

// HashAggregate groups its input by the values of its group expressions
// (NULLs form one group) and yields one row per group: the group values,
// then the aggregates. Without group expressions it yields one row, also
// for an empty input.
//
// It streams: each batch's rows are hashed on their group values to group
// numbers, and every aggregate folds the batch into its per-group state a
// column at a time, so the memory held grows with the groups, not the
// rows. That memory is reserved from the query's budget; past it the
// aggregate keeps the groups it holds and writes the rows of new groups
// to disk, to aggregate them afterwards (see aggSpill), or, when it
// cannot, fails with SQLSTATE 53200.
//
// With grouping sets (GROUPING SETS, ROLLUP, CUBE) it groups the input by
// each set at once; a set's rows have NULL for the group expressions the
// set leaves out.
type HashAggregate struct {
	input  Operator
	groups []expr.Expr
	aggs   []AggSpec
	sets   [][]int // positions of the group expressions each grouping set groups by
	schema *arrow.Schema

	state    []*groupingSet // nil until the first Next
	memory   *Reservation
	output   []arrow.RecordBatch
	done     bool
	spill    *aggSpill   // the rows of new groups on disk, once the budget is spent
	depth    int         // how many spilling aggregates split the input of this one
	ownSpace *SpillSpace // the spill space it made, without a query's
}

// aggregateBatchRows is the most rows one output batch holds.
const aggregateBatchRows = 65536

// NewHashAggregate returns a HashAggregate over input whose output has
// schema (group columns, then aggregates).
func NewHashAggregate(input Operator, groups []expr.Expr, aggs []AggSpec, schema *arrow.Schema) *HashAggregate {
	all := make([]int, len(groups))
	for i := range all {
		all[i] = i
	}
	return &HashAggregate{input: input, groups: groups, aggs: aggs, sets: [][]int{all}, schema: schema}
}

// WithGroupingSets makes the aggregate group by each of sets (positions of
// group expressions) instead of by all its group expressions together.
func (h *HashAggregate) WithGroupingSets(sets [][]int) *HashAggregate {
	h.sets = sets
	return h
}

// Schema implements Operator.
func (h *HashAggregate) Schema() *arrow.Schema { return h.schema }

// Close implements Operator: it gives back the memory held and removes the
// spilled files, also after an error or a cancellation.
func (h *HashAggregate) Close() error {
	for _, b := range h.output {
		b.Release()
	}
	h.output = nil
	h.releaseState()
	h.state = nil
	if h.spill != nil {
		h.spill.close()
	}
	var err error
	if h.ownSpace != nil {
		err = h.ownSpace.Remove()
	}
	return errors.Join(err, h.input.Close())
}

// releaseState gives back the groups held and their memory.
func (h *HashAggregate) releaseState() {
	for _, s := range h.state {
		s.release()
	}
	h.state = h.state[:0]
	if h.memory != nil {
		h.memory.Release()
	}
}

// Next implements Operator. Without aggregates and with one grouping set
// (DISTINCT, UNION) each batch yields the rows of the groups it opens;
// otherwise the first call reads the whole input.
func (h *HashAggregate) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if h.state == nil {
		if err := h.start(ctx); err != nil {
			return nil, err
		}
	}
	if h.distinctOnly() {
		return h.nextDistinct(ctx)
	}
	if !h.done {
		if err := h.consumeAll(ctx); err != nil {
			return nil, err
		}
		if err := h.finish(ctx); err != nil {
			return nil, err
		}
		h.done = true
		if err := h.endSpilledInput(); err != nil {
			return nil, err
		}
	}
	if len(h.output) == 0 {
		if h.spill != nil {
			return h.spill.next(ctx)
		}
		return nil, io.EOF
	}
	b := h.output[0]
	h.output = h.output[1:]
	return b, nil
}

// start builds the state of every grouping set and reserves its memory.
func (h *HashAggregate) start(ctx context.Context) error {
	h.memory = BudgetOf(ctx).Reserve("hash aggregate")
	h.state = make([]*groupingSet, 0, len(h.sets))
	for _, cols := range h.sets {
		s, err := newGroupingSet(cols, h.aggs, !h.distinctOnly())
		if err != nil {
			return err
		}
		h.state = append(h.state, s)
	}
	return nil
}

func (h *HashAggregate) distinctOnly() bool {
	return len(h.aggs) == 0 && len(h.sets) == 1 && len(h.sets[0]) == len(h.groups) && len(h.groups) > 0
}

// consumeAll folds every input batch into the grouping sets.
func (h *HashAggregate) consumeAll(ctx context.Context) error {
	for {
		b, err := h.input.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		err = h.consumeChunks(ctx, b)
		b.Release()
		if err != nil {
			return err
		}
	}
}

// aggregateChunkRows is the most rows an aggregate under a memory limit
// folds before it checks the budget again: what one chunk adds beyond
// the budget is all it may hold unreserved when it starts to spill.
const aggregateChunkRows = 1024

// consumeChunks folds a batch, in chunks under a memory limit.
func (h *HashAggregate) consumeChunks(ctx context.Context, b arrow.RecordBatch) error {
	if h.memory.budget.Limit() <= 0 || b.NumRows() <= aggregateChunkRows {
		_, err := h.consume(ctx, b)
		return err
	}
	for start := int64(0); start < b.NumRows(); start += aggregateChunkRows {
		chunk := b.NewSlice(start, min(start+aggregateChunkRows, b.NumRows()))
		_, err := h.consume(ctx, chunk)
		chunk.Release()
		if err != nil {
			return err
		}
	}
	return nil
}

// consume folds one batch into every grouping set and accounts for the
// memory the state has grown by. It tells how many groups the batch opened
// in the first set.
func (h *HashAggregate) consume(ctx context.Context, b arrow.RecordBatch) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	in, err := h.evaluate(ctx, b)
	if err != nil {
		return 0, err
	}
	defer in.release()
	if h.spill != nil {
		return 0, h.consumeFrozen(ctx, b, in)
	}
	opened := 0
	for i, s := range h.state {
		n, err := s.consume(ctx, in)
		if err != nil {
			return 0, err
		}
		if i == 0 {
			opened = n
		}
	}
	return opened, h.account(ctx)
}

// account grows the reservation to the memory the state holds now. An
// aggregate that can spill does so (see aggSpill) once that would leave
// less than an eighth of the budget free, which it leaves to the groups
// it holds to grow in; any other fails with SQLSTATE 53200 past the
// budget.
func (h *HashAggregate) account(ctx context.Context) error {
	var held int64
	for _, s := range h.state {
		held += s.size()
	}
	if h.spill != nil {
		held -= h.spill.unreserved
	}
	need := held - h.memory.Held()
	if need < 0 {
		h.memory.Shrink(-need)
		return nil
	}
	room := h.memory.budget.Limit() / 8
	switch {
	case h.spill != nil:
		return h.growFrozen(need, room)
	case !h.canSpill():
		return h.memory.Grow(need)
	case h.memory.TryGrow(need + room):
		h.memory.Shrink(room)
		return nil
	}
	h.startSpill(ctx)
	if !h.memory.TryGrow(need) {
		h.spill.unreserved, h.spill.frozenUnreserved = need, need
	}
	return nil
}

// growFrozen grows the reservation of a spilling aggregate's groups held
// by need bytes: within the budget when it can, else, by up to room in
// all, beyond it; further, it fails with SQLSTATE 53200.
func (h *HashAggregate) growFrozen(need, room int64) error {
	if h.memory.TryGrow(need) {
		return nil
	}
	if h.spill.unreserved+need > room+h.spill.frozenUnreserved {
		return h.memory.Grow(need)
	}
	h.spill.unreserved += need
	return nil
}

// endSpilledInput, once the input has ended and the groups held are
// built, gives back their memory and completes the spilled files.
func (h *HashAggregate) endSpilledInput() error {
	if h.spill == nil {
		return nil
	}
	h.releaseState()
	return h.spill.endInput()
}

// nextDistinct yields the rows of the groups each input batch opens.
func (h *HashAggregate) nextDistinct(ctx context.Context) (arrow.RecordBatch, error) {
	if h.done {
		return h.spill.next(ctx)
	}
	for {
		b, err := h.input.Next(ctx)
		if errors.Is(err, io.EOF) && h.spill != nil {
			h.done = true
			if err := h.endSpilledInput(); err != nil {
				return nil, err
			}
			return h.spill.next(ctx)
		}
		if err != nil {
			return nil, err
		}
		opened, err := h.consume(ctx, b)
		b.Release()
		if err != nil {
			return nil, err
		}
		if opened > 0 {
			cols := h.state[0].takeNewGroups()
			out := array.NewRecordBatch(h.schema, cols, int64(opened))
			releaseArrays(cols)
			return out, nil
		}
	}
}

// finish builds the output batches of every grouping set.
func (h *HashAggregate) finish(ctx context.Context) error {
	for _, s := range h.state {
		cols, rows, err := s.results(ctx, h.groups)
		if err != nil {
			return err
		}
		if err := h.checkTypes(cols); err != nil {
			releaseArrays(cols)
			return err
		}
		batch := array.NewRecordBatch(h.schema, cols, int64(rows))
		releaseArrays(cols)
		for start := int64(0); start < batch.NumRows(); start += aggregateBatchRows {
			h.output = append(h.output, batch.NewSlice(start, min(start+aggregateBatchRows, batch.NumRows())))
		}
		batch.Release()
	}
	return nil
}

// checkTypes makes sure the columns built have the planned types.
func (h *HashAggregate) checkTypes(cols []arrow.Array) error {
	for i, c := range cols {
		if want := h.schema.Field(i).Type; !arrow.TypeEqual(c.DataType(), want) {
			return fmt.Errorf("hash aggregate: column %s is %s, planned as %s", h.schema.Field(i).Name, c.DataType(), want)
		}
	}
	return nil
}

// batchInputs are the values one batch gives the aggregation: each group
// expression's, and each aggregate's argument, FILTER and ORDER BY keys
// (nil where an aggregate has none).
type batchInputs struct {
	rows      int
	groups    []arrow.Array
	args      []arrow.Array
	filters   []arrow.Array
	orderKeys [][]arrow.Array
}

// evaluate computes the inputs of one batch.
func (h *HashAggregate) evaluate(ctx context.Context, b arrow.RecordBatch) (*batchInputs, error) {
	in := &batchInputs{rows: int(b.NumRows()), args: make([]arrow.Array, len(h.aggs)),
		filters: make([]arrow.Array, len(h.aggs)), orderKeys: make([][]arrow.Array, len(h.aggs))}
	var err error
	if in.groups, err = evalArgs(ctx, h.groups, b); err != nil {
		return nil, err
	}
	for i, a := range h.aggs {
		if in.args[i], err = evalOptional(ctx, a.Arg, b); err != nil {
			break
		}
		if in.filters[i], err = evalOptional(ctx, a.Filter, b); err != nil {
			break
		}
		if h.state[0].aggs[i].ordered == nil {
			continue
		}
		keys := make([]expr.Expr, len(a.OrderBy))
		for k, o := range a.OrderBy {
			keys[k] = o.Expr
		}
		if in.orderKeys[i], err = evalArgs(ctx, keys, b); err != nil {
			break
		}
	}
	if err != nil {
		in.release()
		return nil, err
	}
	return in, nil
}

// evalOptional evaluates e over a batch; nil for no expression.
func evalOptional(ctx context.Context, e expr.Expr, b arrow.RecordBatch) (arrow.Array, error) {
	if e == nil {
		return nil, nil
	}
	arrs, err := evalArgs(ctx, []expr.Expr{e}, b)
	if err != nil {
		return nil, err
	}
	return arrs[0], nil
}

// pick takes some rows of the aggregates' inputs (not of the group
// values, which it leaves out).
func (in *batchInputs) pick(ctx context.Context, rows []int64) (*batchInputs, error) {
	out := &batchInputs{rows: len(rows), args: make([]arrow.Array, len(in.args)),
		filters: make([]arrow.Array, len(in.filters)), orderKeys: make([][]arrow.Array, len(in.orderKeys))}
	take := func(arr arrow.Array) (arrow.Array, error) {
		if arr == nil {
			return nil, nil
		}
		return takeArray(ctx, arr, rows)
	}
	var err error
	for i := range in.args {
		if out.args[i], err = take(in.args[i]); err == nil {
			out.filters[i], err = take(in.filters[i])
		}
		for _, key := range in.orderKeys[i] {
			if err != nil {
				break
			}
			var taken arrow.Array
			taken, err = take(key)
			out.orderKeys[i] = append(out.orderKeys[i], taken)
		}
		if err != nil {
			out.release()
			return nil, err
		}
	}
	return out, nil
}

func (in *batchInputs) release() {
	releaseArrays(in.groups)
	releaseArrays(in.args)
	releaseArrays(in.filters)
	for _, keys := range in.orderKeys {
		releaseArrays(keys)
	}
}
