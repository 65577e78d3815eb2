package parquet

import (
	"context"
	"errors"
	"io"
	"runtime"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/catalog"
	"auger/internal/plugins/s3"
)

// reader streams the row groups of a table's files in order while
// decoding several of them at once: it keeps up to one more row group in
// flight than there are cores, each decoded by its own goroutine into its
// own queue, and hands out the queues' batches one row group after the
// other (see pipeline for what bounds the memory held).
//
// With a limit, it starts only the row groups needed to reach it (the
// footers tell how many rows each holds), and stops those still decoding
// once it is reached.
type reader struct {
	table  *table
	files  []FileInfo // the table's files the scan reads
	req    catalog.ScanRequest
	schema *arrow.Schema
	stats  *scanStats
	ctx    context.Context // the workers'; canceled by stop
	cancel context.CancelFunc
	pipe   *pipeline
	wg     sync.WaitGroup

	remaining int64 // rows still wanted, -1 for all
	scheduled int64 // rows of the row groups started
	next      int   // index of the next file to open
	current   *parquetFile
	leaves    []int // the current file's leaf columns
	groups    []int // the current file's row groups not yet started
	inflight  []*groupTask
	stopped   bool
	pruned    pruneCounts // the row groups chosen and skipped so far
}

var (
	_ catalog.BatchReader   = (*reader)(nil)
	_ catalog.StatsReporter = (*reader)(nil)
)

func newReader(ctx context.Context, t *table, req catalog.ScanRequest, schema *arrow.Schema, files []FileInfo) *reader {
	wctx, cancel := context.WithCancel(ctx)
	return &reader{table: t, files: files, req: req, schema: schema, stats: &scanStats{}, ctx: wctx, cancel: cancel,
		pipe: newPipeline(), remaining: req.Limit}
}

// Schema implements catalog.BatchReader.
func (r *reader) Schema() *arrow.Schema { return r.schema }

// ScanStats implements catalog.StatsReporter: the row groups chosen, and
// the bytes and requests their reading took.
func (r *reader) ScanStats() catalog.ScanStats {
	io := r.stats.snapshot()
	return r.pruned.scanStats().Add(catalog.ScanStats{BytesRead: io.BytesRead, Requests: io.Requests})
}

// Next implements catalog.BatchReader.
func (r *reader) Next(ctx context.Context) (arrow.RecordBatch, error) {
	for {
		if r.remaining == 0 || r.stopped {
			r.stop()
			return nil, io.EOF
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := r.start(ctx); err != nil {
			return nil, err
		}
		if len(r.inflight) == 0 {
			r.stop()
			return nil, io.EOF
		}
		b, err := r.pipe.take(ctx, r.inflight[0])
		if err != nil {
			return nil, err
		}
		if b == nil {
			r.inflight = r.inflight[1:]
			continue
		}
		return r.limit(b), nil
	}
}

// maxInFlight is how many row groups are decoding or waiting to be read.
func maxInFlight() int { return max(2, runtime.GOMAXPROCS(0)) }

// start starts row groups until enough are in flight, opening the next
// file when the current one has no more.
func (r *reader) start(ctx context.Context) error {
	for len(r.inflight) < maxInFlight() && (r.req.Limit < 0 || r.scheduled < r.req.Limit) {
		if len(r.groups) == 0 {
			if r.next >= len(r.files) {
				return nil
			}
			if err := r.openNext(ctx); err != nil {
				return err
			}
			continue
		}
		g := r.groups[0]
		r.groups = r.groups[1:]
		t := newGroupTask(r.current, g, r.leaves)
		r.scheduled += t.rows
		r.inflight = append(r.inflight, t)
		r.current.retain()
		r.wg.Add(1)
		go r.decode(t)
	}
	return nil
}

func (r *reader) openNext(ctx context.Context) error {
	r.dropCurrent()
	info := r.files[r.next]
	r.next++
	batch := int64(batchRows)
	if r.req.Limit >= 0 {
		batch = max(1, min(batch, r.req.Limit))
	}
	pf, err := r.table.open(ctx, info, r.stats, batch)
	if err != nil {
		return err
	}
	r.current = pf
	r.leaves = pf.leafColumns(r.fileColumns(pf))
	choice := chooseRowGroups(pf, r.table.fileFilters(pf, r.req.Filters))
	r.pruned.add(choice)
	r.groups = choice.groups
	return nil
}

func (r *reader) dropCurrent() {
	if r.current != nil {
		r.current.release()
		r.current = nil
	}
}

func (r *reader) limit(b arrow.RecordBatch) arrow.RecordBatch {
	if r.remaining < 0 {
		return b
	}
	if b.NumRows() > r.remaining {
		s := b.NewSlice(0, r.remaining)
		b.Release()
		b = s
	}
	r.remaining -= b.NumRows()
	return b
}

// stop cancels the row groups in flight, waits for their workers and
// drops what they decoded. The reader then yields io.EOF.
func (r *reader) stop() {
	if r.stopped {
		return
	}
	r.stopped = true
	r.cancel()
	r.pipe.stop()
	r.wg.Wait()
	for _, t := range r.inflight {
		t.drain()
	}
	r.inflight = nil
	r.dropCurrent()
}

// Close implements catalog.BatchReader.
func (r *reader) Close() error {
	r.stop()
	return nil
}

// decode is a worker: it decodes one row group into its task's queue.
func (r *reader) decode(t *groupTask) {
	defer r.wg.Done()
	defer t.file.release()
	err := r.decodeGroup(t)
	if r.ctx.Err() != nil {
		err = r.ctx.Err()
	}
	t.finish(err)
}

func (r *reader) decodeGroup(t *groupTask) error {
	if err := r.pipe.wait(t); err != nil {
		return err
	}
	if len(t.leaves) == 0 {
		empty := array.NewRecordBatch(arrow.NewSchema(nil, nil), nil, t.rows)
		defer empty.Release()
		b, err := r.logical(empty, t.file)
		if err != nil {
			return err
		}
		return r.pipe.put(r.ctx, t, b)
	}
	if p, ok := t.file.f.(prefetcher); ok {
		defer p.Prefetch(r.ctx, chunkRanges(t.file, t.group, t.leaves))()
	}
	rows, err := t.file.fr.GetRecordReader(r.ctx, t.leaves, []int{t.group})
	if err != nil {
		return corrupt(t.file.info.Path, err)
	}
	defer rows.Release()
	for rows.Next() {
		b, err := r.logical(rows.RecordBatch(), t.file)
		if err != nil {
			return err
		}
		if err := r.pipe.put(r.ctx, t, b); err != nil {
			return err
		}
		if err := r.pipe.wait(t); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil && !errors.Is(err, io.EOF) {
		return corrupt(t.file.info.Path, err)
	}
	return nil
}

// fileColumns are the indexes in a file of the requested columns it
// holds (not the implicit ones, nor those it lacks), in the requested
// order.
func (r *reader) fileColumns(pf *parquetFile) []int {
	var out []int
	for _, c := range r.req.Columns {
		if c >= r.table.schema.NumFields() {
			continue
		}
		if i := fileIndex(r.table.schema, pf.schema, c); i >= 0 {
			out = append(out, i)
		}
	}
	return out
}

// logical gives a batch read by pqarrow from a file the served schema:
// the file's columns in the table's types, NULLs for those it lacks, and
// the file's implicit columns; the record reader owns its batch, the new
// one retains the columns it shares.
func (r *reader) logical(b arrow.RecordBatch, pf *parquetFile) (arrow.RecordBatch, error) {
	width := r.table.schema.NumFields()
	cols := make([]arrow.Array, 0, len(r.req.Columns))
	defer func() { releaseAll(cols) }()
	next := 0
	var values []*string
	for _, c := range r.req.Columns {
		if c >= width {
			if values == nil {
				values = r.table.implicitValues(pf.info.Path, len(r.table.implicit))
			}
			cols = append(cols, constantColumn(values[c-width], b.NumRows()))
			continue
		}
		var col arrow.Array
		var fileType arrow.DataType
		if i := fileIndex(r.table.schema, pf.schema, c); i >= 0 {
			col, fileType = b.Column(next), pf.schema.Field(i).Type
			next++
		}
		out, err := fileColumn(r.ctx, col, fileType, r.table.schema.Field(c).Type, b.NumRows())
		if err != nil {
			return nil, corrupt(pf.info.Path, err)
		}
		cols = append(cols, out)
	}
	return array.NewRecordBatch(r.schema, cols, b.NumRows()), nil
}

func releaseAll(cols []arrow.Array) {
	for _, c := range cols {
		c.Release()
	}
}

// chunkRanges are the byte ranges of some column chunks of a row group.
func chunkRanges(p *parquetFile, group int, leaves []int) []s3.Range {
	rg := p.pf.MetaData().RowGroup(group)
	var out []s3.Range
	for _, leaf := range leaves {
		col, err := rg.ColumnChunk(leaf)
		if err != nil {
			continue
		}
		start := col.DataPageOffset()
		if col.HasDictionaryPage() && col.DictionaryPageOffset() > 0 && start > col.DictionaryPageOffset() {
			start = col.DictionaryPageOffset()
		}
		out = append(out, s3.Range{Off: start, Len: col.TotalCompressedSize()})
	}
	return out
}

// groupTask is one row group being decoded: its batches wait in a queue
// until the reader reaches it.
type groupTask struct {
	file   *parquetFile
	group  int
	leaves []int
	rows   int64
	queue  chan queued
	err    error // set before queue is closed
}

type queued struct {
	batch arrow.RecordBatch
	size  int64
}

func newGroupTask(f *parquetFile, group int, leaves []int) *groupTask {
	rows := f.pf.MetaData().RowGroup(group).NumRows()
	batch := max(1, f.fr.Props.BatchSize)
	// room for every batch of the group, so that a worker never blocks on
	// the queue itself (the pipeline decides when it waits)
	return &groupTask{file: f, group: group, leaves: leaves, rows: rows, queue: make(chan queued, rows/batch+2)}
}

func (t *groupTask) finish(err error) {
	t.err = err
	close(t.queue)
}

// drain releases what a stopped task left in its queue.
func (t *groupTask) drain() {
	for q := range t.queue {
		q.batch.Release()
	}
}

// errStopped is what a worker of a stopped reader ends with.
var errStopped = errors.New("scan stopped")
