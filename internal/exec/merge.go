package exec

import (
	"container/heap"
	"context"
	"errors"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// merge combines sorted runs into one sorted run. Each call yields a keyed
// batch of up to chunkRows rows, taking at every step the smallest current
// row of the sources, and on ties the row of the earliest source, so that
// merging the runs of a stable sort keeps it stable. It holds one batch
// per source at a time.
type merge struct {
	layout    *sortLayout
	chunkRows int
	cursors   cursorHeap // the sources that still have rows
	all       []*mergeCursor
	started   bool
}

// mergeCursor is a source's place in the merge.
type mergeCursor struct {
	src   runSource
	order int               // the source's position among the runs
	batch arrow.RecordBatch // its current keyed batch; nil once it is done
	cols  []keyColumn
	row   int
	seg   int // its segment in the chunk being built, -1 for none
}

// newMerge merges sources, given in input order; it owns them.
func newMerge(layout *sortLayout, sources []runSource, chunkRows int) *merge {
	m := &merge{layout: layout, chunkRows: chunkRows}
	for i, s := range sources {
		m.all = append(m.all, &mergeCursor{src: s, order: i, seg: -1})
	}
	m.cursors = cursorHeap{keys: layout.keys}
	return m
}

func (m *merge) start(ctx context.Context) error {
	m.started = true
	for _, c := range m.all {
		if err := m.layout.advance(ctx, c); err != nil {
			return err
		}
		if c.batch != nil {
			m.cursors.items = append(m.cursors.items, c)
		}
	}
	heap.Init(&m.cursors)
	return nil
}

// advance moves a cursor to its source's next batch that has rows.
func (l *sortLayout) advance(ctx context.Context, c *mergeCursor) error {
	if c.batch != nil {
		c.batch.Release()
		c.batch, c.cols = nil, nil
	}
	for {
		b, err := c.src.next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if b.NumRows() > 0 {
			c.batch, c.cols, c.row = b, l.keyColumns(b), 0
			return nil
		}
		b.Release()
	}
}

// segment is the rows [start, end) of one batch that a chunk takes.
type segment struct {
	batch      arrow.RecordBatch // retained for the chunk
	start, end int
}

// mergePick is one output row: a row of a segment.
type mergePick struct{ seg, row int }

func (m *merge) next(ctx context.Context) (arrow.RecordBatch, error) {
	if !m.started {
		if err := m.start(ctx); err != nil {
			return nil, err
		}
	}
	if len(m.cursors.items) == 0 {
		return nil, io.EOF
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var segs []segment
	defer func() {
		for _, s := range segs {
			s.batch.Release()
		}
		for _, c := range m.all {
			c.seg = -1
		}
	}()
	picks := make([]mergePick, 0, m.chunkRows)
	for len(picks) < m.chunkRows && len(m.cursors.items) > 0 {
		c := m.cursors.items[0]
		if c.seg < 0 {
			c.batch.Retain()
			c.seg, segs = len(segs), append(segs, segment{batch: c.batch, start: c.row, end: c.row})
		}
		picks = append(picks, mergePick{seg: c.seg, row: c.row})
		segs[c.seg].end = c.row + 1
		if err := m.step(ctx, c); err != nil {
			return nil, err
		}
	}
	return assemble(ctx, m.layout.keyed, segs, picks)
}

// step moves the smallest cursor past its current row.
func (m *merge) step(ctx context.Context, c *mergeCursor) error {
	c.row++
	if c.row < int(c.batch.NumRows()) {
		heap.Fix(&m.cursors, 0)
		return nil
	}
	c.seg = -1 // its next batch starts a new segment
	if err := m.layout.advance(ctx, c); err != nil {
		return err
	}
	if c.batch == nil {
		heap.Pop(&m.cursors)
	} else {
		heap.Fix(&m.cursors, 0)
	}
	return nil
}

// assemble builds a chunk's rows from its segments: a slice when it comes
// from one, else the segments laid end to end and taken in pick order.
func assemble(ctx context.Context, schema *arrow.Schema, segs []segment, picks []mergePick) (arrow.RecordBatch, error) {
	if len(segs) == 1 {
		return segs[0].batch.NewSlice(int64(segs[0].start), int64(segs[0].end)), nil
	}
	offsets := make([]int, len(segs))
	rows := 0
	for i, s := range segs {
		offsets[i] = rows
		rows += s.end - s.start
	}
	cols := make([]arrow.Array, schema.NumFields())
	defer releaseArrays(cols)
	for c := range cols {
		parts := make([]arrow.Array, len(segs))
		for i, s := range segs {
			parts[i] = array.NewSlice(s.batch.Column(c), int64(s.start), int64(s.end))
		}
		arr, err := concat(parts, nil)
		releaseArrays(parts)
		if err != nil {
			return nil, err
		}
		cols[c] = arr
	}
	laid := array.NewRecordBatch(schema, cols, int64(rows))
	defer laid.Release()
	order := make([]int64, len(picks))
	for i, p := range picks {
		order[i] = int64(offsets[p.seg] + p.row - segs[p.seg].start)
	}
	return takeRows(ctx, laid, order)
}

func (m *merge) close() {
	for _, c := range m.all {
		if c.batch != nil {
			c.batch.Release()
			c.batch = nil
		}
		c.src.close()
	}
	m.cursors.items = nil
}

// cursorHeap orders cursors by their current rows, then by source order.
type cursorHeap struct {
	keys  []SortKey
	items []*mergeCursor
}

func (h *cursorHeap) Len() int { return len(h.items) }

func (h *cursorHeap) Less(i, j int) bool {
	a, b := h.items[i], h.items[j]
	if c := compareRows(h.keys, a.cols, a.row, b.cols, b.row); c != 0 {
		return c < 0
	}
	return a.order < b.order
}

func (h *cursorHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }

func (h *cursorHeap) Push(x any) { h.items = append(h.items, x.(*mergeCursor)) }

func (h *cursorHeap) Pop() any {
	last := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return last
}
