package exec

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/expr"
)

// A keyed batch is a batch of rows with its evaluated sort keys appended
// as extra columns, so that slicing, taking, concatenating and spilling
// keep rows and keys together. sortLayout describes it.
type sortLayout struct {
	keys  []SortKey
	data  *arrow.Schema // the rows' own columns
	keyed *arrow.Schema // those, then one column per key; nil until known
}

func newSortLayout(data *arrow.Schema, keys []SortKey) *sortLayout {
	return &sortLayout{keys: keys, data: data}
}

// withKeys appends a batch's evaluated keys to it. The first batch fixes
// the key columns' types.
func (l *sortLayout) withKeys(b arrow.RecordBatch, keys []arrow.Array) (arrow.RecordBatch, error) {
	if l.keyed == nil {
		fields := slices.Clone(l.data.Fields())
		for i, k := range keys {
			fields = append(fields, arrow.Field{Name: fmt.Sprintf("sort key %d", i+1), Type: k.DataType(), Nullable: true})
		}
		l.keyed = arrow.NewSchema(fields, nil)
	}
	cols := append(slices.Clone(b.Columns()), keys...)
	for i, c := range cols {
		if want := l.keyed.Field(i).Type; !arrow.TypeEqual(c.DataType(), want) {
			return nil, fmt.Errorf("sort: column %d is %s in one batch and %s in another", i+1, c.DataType(), want)
		}
	}
	return array.NewRecordBatch(l.keyed, cols, b.NumRows()), nil
}

// width is the number of the rows' own columns.
func (l *sortLayout) width() int { return l.data.NumFields() }

// keyColumns wraps the key columns of a keyed batch for comparisons.
func (l *sortLayout) keyColumns(b arrow.RecordBatch) []keyColumn {
	return sortKeyColumns(b.Columns()[l.width():])
}

// rows strips the keys off a keyed batch (which it releases).
func (l *sortLayout) rows(b arrow.RecordBatch) arrow.RecordBatch {
	out := array.NewRecordBatch(l.data, b.Columns()[:l.width()], b.NumRows())
	b.Release()
	return out
}

// sortBatch evaluates the keys over one input batch and orders its rows
// (stably), returning a keyed batch.
func (l *sortLayout) sortBatch(ctx context.Context, b arrow.RecordBatch) (arrow.RecordBatch, error) {
	exprs := make([]expr.Expr, len(l.keys))
	for i, k := range l.keys {
		exprs[i] = k.Expr
	}
	keys, err := evalArgs(ctx, exprs, b)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(keys)
	keyed, err := l.withKeys(b, keys)
	if err != nil {
		return nil, err
	}
	cols := sortKeyColumns(keys)
	order := make([]int64, b.NumRows())
	for i := range order {
		order[i] = int64(i)
	}
	slices.SortStableFunc(order, func(x, y int64) int { return compareRows(l.keys, cols, int(x), cols, int(y)) })
	if slices.IsSorted(order) {
		return keyed, nil
	}
	defer keyed.Release()
	return takeRows(ctx, keyed, order)
}

// runSource yields the keyed batches of one sorted run in order; the
// caller releases each. next returns io.EOF after the last.
type runSource interface {
	next(ctx context.Context) (arrow.RecordBatch, error)
	close()
}

// memoryRun is a sorted run held in memory, one keyed batch, yielded in
// slices of at most chunkRows rows.
type memoryRun struct {
	batch     arrow.RecordBatch
	offset    int64
	chunkRows int64
}

func newMemoryRun(b arrow.RecordBatch, chunkRows int) *memoryRun {
	return &memoryRun{batch: b, chunkRows: int64(chunkRows)}
}

func (r *memoryRun) next(ctx context.Context) (arrow.RecordBatch, error) {
	if r.batch == nil || r.offset >= r.batch.NumRows() {
		r.close()
		return nil, io.EOF
	}
	end := min(r.offset+r.chunkRows, r.batch.NumRows())
	if r.offset == 0 && end == r.batch.NumRows() {
		b := r.batch
		r.batch = nil
		return b, nil
	}
	out := r.batch.NewSlice(r.offset, end)
	r.offset = end
	return out, nil
}

func (r *memoryRun) close() {
	if r.batch != nil {
		r.batch.Release()
		r.batch = nil
	}
}

// writeRun drains a run source into a new file of the spill space.
func writeRun(ctx context.Context, space *SpillSpace, layout *sortLayout, src runSource) (*spillFile, error) {
	defer src.close()
	w, err := newSpillWriter(space, "sort-run", layout.keyed)
	if err != nil {
		return nil, err
	}
	for {
		b, err := src.next(ctx)
		if errors.Is(err, io.EOF) {
			return w.finish()
		}
		if err == nil {
			err = w.write(b)
			b.Release()
		}
		if err != nil {
			w.abort()
			return nil, err
		}
	}
}

// fileRun reads a spilled run back.
type fileRun struct{ r *spillReader }

func (r fileRun) next(ctx context.Context) (arrow.RecordBatch, error) { return r.r.next(ctx) }
func (r fileRun) close()                                              { r.r.close() }

// compactBatch copies a batch (a slice, say) into buffers of its own size.
func compactBatch(b arrow.RecordBatch) (arrow.RecordBatch, error) {
	cols := make([]arrow.Array, b.NumCols())
	defer releaseArrays(cols)
	for i, c := range b.Columns() {
		arr, err := concat([]arrow.Array{c}, nil)
		if err != nil {
			return nil, err
		}
		cols[i] = arr
	}
	return array.NewRecordBatch(b.Schema(), cols, b.NumRows()), nil
}
