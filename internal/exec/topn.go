package exec

import (
	"context"
	"errors"
	"io"
	"sort"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/sqlstate"
)

// TopN yields what a Sort followed by a Limit yields (ORDER BY ... LIMIT
// count OFFSET offset), ties in input order included, while holding only
// offset+count rows: each input batch is sorted, cut to the rows that can
// still be among the first offset+count (those before the last row kept so
// far), and merged with the rows kept. The rows kept are accounted against
// the query's memory budget; when it has no room for them, the TopN goes
// on as a Sort, which can spill, under a Limit.
type TopN struct {
	input         Operator
	layout        *sortLayout
	offset, count int64
	mem           *Reservation
	kept          arrow.RecordBatch // keyed and sorted; nil while empty
	output        runSource
	fallback      Operator // the Sort and Limit it became; it owns the input
}

// NewTopN returns a TopN over input that skips offset rows and yields at
// most count (count >= 0).
func NewTopN(input Operator, keys []SortKey, offset, count int64) *TopN {
	return &TopN{input: input, layout: newSortLayout(input.Schema(), keys), offset: offset, count: count}
}

// Schema implements Operator.
func (t *TopN) Schema() *arrow.Schema { return t.input.Schema() }

// Close implements Operator.
func (t *TopN) Close() error {
	if t.output != nil {
		t.output.close()
		t.output = nil
	}
	if t.kept != nil {
		t.kept.Release()
		t.kept = nil
	}
	if t.mem != nil {
		t.mem.Release()
	}
	if t.fallback != nil {
		return t.fallback.Close()
	}
	return t.input.Close()
}

// Next implements Operator.
func (t *TopN) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if t.output == nil && t.fallback == nil {
		if err := t.consume(ctx); err != nil {
			return nil, err
		}
	}
	if t.fallback != nil {
		return t.fallback.Next(ctx)
	}
	b, err := t.output.next(ctx)
	if err != nil {
		return nil, err
	}
	return t.layout.rows(b), nil
}

func (t *TopN) keep() int64 { return t.offset + t.count }

func (t *TopN) consume(ctx context.Context) error {
	t.mem = BudgetOf(ctx).Reserve("sort")
	for t.keep() > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, err := t.input.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		err = t.add(ctx, b)
		b.Release()
		if sqlstate.Code(err) == sqlstate.OutOfMemory {
			t.becomeSort()
			return nil
		}
		if err != nil {
			return err
		}
	}
	t.output = &memoryRun{}
	if t.kept != nil && t.kept.NumRows() > t.offset {
		t.output = newMemoryRun(t.kept.NewSlice(t.offset, t.kept.NumRows()), sortBatchRows)
	}
	return nil
}

// add merges the rows of one input batch that can be among the first into
// the rows kept.
func (t *TopN) add(ctx context.Context, b arrow.RecordBatch) error {
	keyed, err := t.layout.sortBatch(ctx, b)
	if err != nil {
		return err
	}
	candidates, err := t.cut(keyed)
	if candidates == nil || err != nil {
		return err
	}
	sources := []runSource{newMemoryRun(candidates, int(t.keep()))}
	if t.kept != nil {
		sources = append([]runSource{newMemoryRun(t.kept, int(t.keep()))}, sources...)
		t.kept = nil
	}
	m := newMerge(t.layout, sources, int(t.keep()))
	defer m.close()
	first, err := m.next(ctx)
	if err != nil {
		return err
	}
	t.kept = first
	t.mem.Release()
	return t.mem.Grow(batchBytes(first))
}

// cut keeps the rows of a sorted keyed batch (which it takes) that sort
// before the last row kept, at most offset+count of them, as a copy that
// shares no buffer with the input; nil when none is left.
func (t *TopN) cut(keyed arrow.RecordBatch) (arrow.RecordBatch, error) {
	n := min(keyed.NumRows(), t.keep())
	if t.kept != nil && t.kept.NumRows() == t.keep() {
		last, lastRow := t.layout.keyColumns(t.kept), int(t.kept.NumRows()-1)
		cols := t.layout.keyColumns(keyed)
		// A row equal to the last one kept comes later in the input: it loses.
		n = int64(sort.Search(int(n), func(i int) bool {
			return compareRows(t.layout.keys, cols, i, last, lastRow) >= 0
		}))
	}
	defer keyed.Release()
	if n == 0 {
		return nil, nil
	}
	slice := keyed.NewSlice(0, n)
	defer slice.Release()
	return compactBatch(slice)
}

// becomeSort hands the rows kept so far, which are the first of what was
// read, and the rest of the input over to a Sort under a Limit.
func (t *TopN) becomeSort() {
	input := &prepended{first: t.layout.rows(t.kept), rest: t.input}
	t.kept = nil
	t.mem.Release()
	t.fallback = NewLimit(NewSort(input, t.layout.keys), t.offset, t.count)
}

// prepended yields one batch before the batches of another operator.
type prepended struct {
	first arrow.RecordBatch // nil once yielded
	rest  Operator
}

func (p *prepended) Schema() *arrow.Schema { return p.rest.Schema() }

func (p *prepended) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if p.first != nil {
		b := p.first
		p.first = nil
		return b, nil
	}
	return p.rest.Next(ctx)
}

func (p *prepended) Close() error {
	if p.first != nil {
		p.first.Release()
		p.first = nil
	}
	return p.rest.Close()
}
