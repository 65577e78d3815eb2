package exec

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/expr"
)

// WindowFunc is one function a Window computes for every row.
type WindowFunc struct {
	// Name is a window function (row_number, rank, dense_rank,
	// percent_rank, cume_dist, ntile, lag, lead, first_value, last_value,
	// nth_value) or an aggregate (count, sum, avg, min, max, bool_and,
	// bool_or, string_agg).
	Name string
	// Args are over the Window's input: none for count(*) and the
	// ranking functions; lag and lead always have three (value, integer
	// offset, default of the value's type); ntile's and nth_value's
	// integer arguments are int32.
	Args  []expr.Expr
	Sep   string         // string_agg's delimiter
	Frame WindowFrame    // read by the aggregates and first_value, last_value, nth_value
	Typ   arrow.DataType // the result type
}

// String renders the call for EXPLAIN.
func (f WindowFunc) String() string {
	args := make([]string, len(f.Args))
	for i, a := range f.Args {
		args[i] = a.String()
	}
	if f.Name == "count" && len(args) == 0 {
		args = []string{"*"}
	}
	return f.Name + "(" + strings.Join(args, ", ") + ")"
}

// FrameDependent tells whether the function's value depends on its frame.
func (f WindowFunc) FrameDependent() bool {
	switch f.Name {
	case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead":
		return false
	}
	return true
}

// Window computes window functions that share a partitioning and an
// ordering. It reads all of its input, holding it in memory reserved from
// the query's budget, orders the rows by the partition keys and then the
// order keys, and yields them in that order, each followed by one value
// per function.
type Window struct {
	input       Operator
	partition   []expr.Expr
	order       []SortKey
	funcs       []WindowFunc
	schema      *arrow.Schema
	reservation *Reservation
	output      []arrow.RecordBatch
	done        bool
}

// NewWindow returns a Window over input that reserves its memory from
// budget (nil: unlimited); schema is the input's columns followed by one
// column per function.
func NewWindow(input Operator, partition []expr.Expr, order []SortKey, funcs []WindowFunc, schema *arrow.Schema, budget *Budget) *Window {
	return &Window{input: input, partition: partition, order: order, funcs: funcs, schema: schema,
		reservation: budget.Reserve("window")}
}

// Schema implements Operator.
func (w *Window) Schema() *arrow.Schema { return w.schema }

// Close implements Operator.
func (w *Window) Close() error {
	for _, b := range w.output {
		b.Release()
	}
	w.output = nil
	w.reservation.Release()
	return w.input.Close()
}

// Next implements Operator: the first call reads the whole input.
func (w *Window) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if !w.done {
		w.done = true
		if err := w.run(ctx); err != nil {
			return nil, err
		}
	}
	if len(w.output) == 0 {
		return nil, io.EOF
	}
	b := w.output[0]
	w.output = w.output[1:]
	return b, nil
}

// run computes every function and slices the result into w.output.
func (w *Window) run(ctx context.Context) error {
	if err := w.checkFrames(ctx); err != nil {
		return err
	}
	all, err := w.drain(ctx)
	if err != nil {
		return err
	}
	if all.NumRows() == 0 {
		all.Release()
		return nil
	}
	sorted, keys, err := w.sortRows(ctx, all)
	w.reservation.Shrink(batchBytes(all))
	all.Release()
	if err != nil {
		return err
	}
	defer sorted.Release()
	results, err := w.compute(ctx, sorted, keys)
	w.reservation.Shrink(arraysBytes(keys))
	releaseArrays(keys)
	if err != nil {
		return err
	}
	defer releaseArrays(results)
	cols := append(append([]arrow.Array{}, sorted.Columns()...), results...)
	out := array.NewRecordBatch(w.schema, cols, sorted.NumRows())
	defer out.Release()
	for start := int64(0); start < out.NumRows(); start += sortBatchRows {
		w.output = append(w.output, out.NewSlice(start, min(start+sortBatchRows, out.NumRows())))
	}
	return nil
}

// checkFrames evaluates the frame offsets before any row is read, so that
// a NULL or negative offset fails as in PostgreSQL, with rows or without.
func (w *Window) checkFrames(ctx context.Context) error {
	in := frameInput{ctx: ctx}
	for _, f := range w.funcs {
		if !f.FrameDependent() {
			continue
		}
		for i, b := range []FrameBound{f.Frame.Start, f.Frame.End} {
			offset, err := frameOffset(in, f.Frame.Mode, b, i == 0)
			if err != nil {
				return err
			}
			if offset != nil {
				offset.Release()
			}
		}
	}
	return nil
}

// drain reads the whole input into one batch, reserving its memory.
func (w *Window) drain(ctx context.Context) (arrow.RecordBatch, error) {
	var batches []arrow.RecordBatch
	release := func() {
		for _, b := range batches {
			b.Release()
		}
		batches = nil
	}
	defer release()
	held := int64(0)
	for {
		b, err := w.input.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		batches = append(batches, b)
		size := batchBytes(b)
		if err := w.reservation.Grow(size); err != nil {
			return nil, err
		}
		held += size
	}
	all, err := concatRows(w.input.Schema(), batches)
	if err != nil {
		return nil, err
	}
	if err := w.reservation.Grow(batchBytes(all)); err != nil {
		all.Release()
		return nil, err
	}
	release()
	w.reservation.Shrink(held)
	return all, nil
}

// concatRows joins batches of one schema into one.
func concatRows(schema *arrow.Schema, batches []arrow.RecordBatch) (arrow.RecordBatch, error) {
	cols := make([]arrow.Array, schema.NumFields())
	defer releaseArrays(cols)
	rows := int64(0)
	for _, b := range batches {
		rows += b.NumRows()
	}
	for c := range cols {
		parts := make([]arrow.Array, len(batches))
		for i, b := range batches {
			parts[i] = b.Column(c)
		}
		arr, err := concat(parts, schema.Field(c).Type)
		if err != nil {
			return nil, err
		}
		cols[c] = arr
	}
	return array.NewRecordBatch(schema, cols, rows), nil
}

// sortRows orders the rows by partition keys, then order keys (stably),
// and returns them with the key columns in that order.
func (w *Window) sortRows(ctx context.Context, all arrow.RecordBatch) (arrow.RecordBatch, []arrow.Array, error) {
	keyExprs := slices.Clone(w.partition)
	sortKeys := make([]SortKey, 0, len(w.partition)+len(w.order))
	for _, p := range w.partition {
		sortKeys = append(sortKeys, SortKey{Expr: p})
	}
	for _, o := range w.order {
		keyExprs = append(keyExprs, o.Expr)
		sortKeys = append(sortKeys, o)
	}
	keys, err := evalArgs(ctx, keyExprs, all)
	if err != nil {
		return nil, nil, err
	}
	defer releaseArrays(keys)
	order := sortedOrder(keys, sortKeys, int(all.NumRows()))
	sorted, err := takeAllRows(ctx, all, order)
	if err != nil {
		return nil, nil, err
	}
	sortedKeys := make([]arrow.Array, len(keys))
	for i, k := range keys {
		if sortedKeys[i], err = takeColumn(ctx, k, order); err != nil {
			sorted.Release()
			releaseArrays(sortedKeys)
			return nil, nil, err
		}
	}
	if err := w.reservation.Grow(batchBytes(sorted) + arraysBytes(sortedKeys)); err != nil {
		sorted.Release()
		releaseArrays(sortedKeys)
		return nil, nil, err
	}
	return sorted, sortedKeys, nil
}

// takeAllRows reorders a batch, column by column (see takeColumn).
func takeAllRows(ctx context.Context, b arrow.RecordBatch, order []int64) (arrow.RecordBatch, error) {
	cols := make([]arrow.Array, 0, b.NumCols())
	defer func() { releaseArrays(cols) }()
	for _, c := range b.Columns() {
		taken, err := takeColumn(ctx, c, order)
		if err != nil {
			return nil, err
		}
		cols = append(cols, taken)
	}
	return array.NewRecordBatch(b.Schema(), cols, int64(len(order))), nil
}

// takeColumn picks rows of an array (NULL for a negative position). The
// compute kernels cannot take 16-byte intervals, so those are taken as
// fixed-size binary values of their width.
func takeColumn(ctx context.Context, arr arrow.Array, positions []int64) (arrow.Array, error) {
	if arr.DataType().ID() != arrow.INTERVAL_MONTH_DAY_NANO {
		return takeArray(ctx, arr, positions)
	}
	d := arr.Data()
	asBinary := array.NewData(&arrow.FixedSizeBinaryType{ByteWidth: arrow.MonthDayNanoIntervalSizeBytes},
		d.Len(), d.Buffers(), nil, d.NullN(), d.Offset())
	defer asBinary.Release()
	binary := array.MakeFromData(asBinary)
	defer binary.Release()
	taken, err := takeArray(ctx, binary, positions)
	if err != nil {
		return nil, err
	}
	defer taken.Release()
	t := taken.Data()
	back := array.NewData(arr.DataType(), t.Len(), t.Buffers(), nil, t.NullN(), t.Offset())
	defer back.Release()
	return array.MakeFromData(back), nil
}

// sortedOrder returns the row positions ordered by the keys, equal rows
// in input order.
func sortedOrder(keys []arrow.Array, sortKeys []SortKey, rows int) []int64 {
	compares := make([]func(i, j int) int, len(keys))
	for k, arr := range keys {
		compares[k] = keyCompare(arr, sortKeys[k])
	}
	order := make([]int64, rows)
	for i := range order {
		order[i] = int64(i)
	}
	slices.SortStableFunc(order, func(a, b int64) int {
		for _, c := range compares {
			if r := c(int(a), int(b)); r != 0 {
				return r
			}
		}
		return 0
	})
	return order
}

// compute finds the partitions and peer groups of the sorted rows and
// evaluates every function over them.
func (w *Window) compute(ctx context.Context, sorted arrow.RecordBatch, keys []arrow.Array) ([]arrow.Array, error) {
	partKeys, orderKeys := keys[:len(w.partition)], keys[len(w.partition):]
	rows := int(sorted.NumRows())
	parts := splitRows(rows, partKeys, orderKeys, w.order)
	in := frameInput{ctx: ctx}
	if len(orderKeys) == 1 {
		in.key, in.keyOrder = orderKeys[0], w.order[0]
	}
	results := make([]arrow.Array, 0, len(w.funcs))
	for _, f := range w.funcs {
		arr, err := w.evaluate(ctx, f, sorted, parts, in)
		if err != nil {
			releaseArrays(results)
			return nil, err
		}
		results = append(results, arr)
		if err := w.reservation.Grow(arrayBytes(arr.Data())); err != nil {
			releaseArrays(results)
			return nil, err
		}
	}
	return results, nil
}

// evaluate computes one function over every partition.
func (w *Window) evaluate(ctx context.Context, f WindowFunc, sorted arrow.RecordBatch, parts []windowPartition, in frameInput) (arrow.Array, error) {
	args, err := evalArgs(ctx, f.Args, sorted)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(args)
	if err := w.reservation.Grow(arraysBytes(args)); err != nil {
		return nil, err
	}
	defer w.reservation.Shrink(arraysBytes(args))
	ev, err := newEvaluator(f, args, in)
	if err != nil {
		return nil, err
	}
	defer ev.release()
	for _, p := range parts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := ev.partition(p); err != nil {
			return nil, err
		}
	}
	return ev.finish(ctx)
}

// splitRows finds the partitions (rows equal on the partition keys) and
// peer groups (rows of a partition equal on the order keys) of sorted rows.
func splitRows(rows int, partKeys, orderKeys []arrow.Array, order []SortKey) []windowPartition {
	samePart := sameRows(partKeys, nil)
	samePeers := sameRows(orderKeys, order)
	layout := &windowRows{group: make([]int, rows)}
	var parts []windowPartition
	for i := 0; i < rows; i++ {
		newPart := i == 0 || !samePart(i-1, i)
		if newPart || !samePeers(i-1, i) {
			layout.groupStart = append(layout.groupStart, i)
		}
		layout.group[i] = len(layout.groupStart) - 1
		if newPart {
			if len(parts) > 0 {
				parts[len(parts)-1].end = i
				parts[len(parts)-1].endGroup = layout.group[i]
			}
			parts = append(parts, windowPartition{rows: layout, start: i, firstGroup: layout.group[i]})
		}
	}
	layout.groupStart = append(layout.groupStart, rows)
	parts[len(parts)-1].end = rows
	parts[len(parts)-1].endGroup = len(layout.groupStart) - 1
	return parts
}

// sameRows tells whether two rows are equal on every key column (NULLs
// equal to each other), in the order the keys sort by.
func sameRows(keys []arrow.Array, order []SortKey) func(i, j int) bool {
	compares := make([]func(i, j int) int, len(keys))
	for k, arr := range keys {
		key := SortKey{}
		if order != nil {
			key = order[k]
		}
		compares[k] = keyCompare(arr, key)
	}
	return func(i, j int) bool {
		for _, c := range compares {
			if c(i, j) != 0 {
				return false
			}
		}
		return true
	}
}

// frameInput is what frames need besides their definition: the one ORDER
// BY key (for RANGE offsets) and a context to evaluate the offsets in.
type frameInput struct {
	ctx      context.Context
	key      arrow.Array
	keyOrder SortKey
}

// oneRow is a batch of one row and no columns, to evaluate constants over.
var oneRow = array.NewRecordBatch(emptySchema, nil, 1)

// constant evaluates a constant expression into an array of one value.
func (in frameInput) constant(e expr.Expr) (arrow.Array, error) {
	d, err := Eval(in.ctx, e, oneRow)
	if err != nil {
		return nil, err
	}
	defer d.Release()
	return datumToArray(d, 1)
}

// batchBytes is the memory a batch's buffers take.
func batchBytes(b arrow.RecordBatch) int64 { return arraysBytes(b.Columns()) }

func arraysBytes(arrs []arrow.Array) int64 {
	total := int64(0)
	for _, a := range arrs {
		total += arrayBytes(a.Data())
	}
	return total
}

// arrayBytes is the memory an array's buffers take, its children's included.
func arrayBytes(d arrow.ArrayData) int64 {
	total := int64(0)
	for _, buf := range d.Buffers() {
		if buf != nil {
			total += int64(buf.Len())
		}
	}
	for _, child := range d.Children() {
		total += arrayBytes(child)
	}
	return total
}
