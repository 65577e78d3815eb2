package parquet

import (
	"context"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// Bounds on what decoded batches a reader holds before they are read: the
// row group being read may run headDepth batches ahead of the reader; the
// ones after it decode ahead while all queues together hold less than
// aheadBytes (and each may overshoot by the batch it is decoding).
const (
	headDepth  = 1
	aheadBytes = 32 << 20
)

// pipeline is the flow control between a reader and its workers.
type pipeline struct {
	mu      sync.Mutex
	cond    *sync.Cond
	queued  int64      // bytes of the batches in all queues
	head    *groupTask // the task the reader is reading
	ahead   bool       // whether the reader last had to wait for a batch
	stopped bool
}

func newPipeline() *pipeline {
	p := &pipeline{}
	p.cond = sync.NewCond(&p.mu)
	return p
}

// wait blocks a worker about to decode a batch of a task while the task
// is too far ahead of the reader. It fails once the reader has stopped.
// Waiting before decoding rather than after keeps a waiting worker from
// holding a batch of its own.
func (p *pipeline) wait(t *groupTask) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	for !p.stopped && p.full(t) {
		p.cond.Wait()
	}
	if p.stopped {
		return errStopped
	}
	return nil
}

// put queues a decoded batch of a task.
func (p *pipeline) put(ctx context.Context, t *groupTask, b arrow.RecordBatch) error {
	size := batchBytes(b)
	p.mu.Lock()
	p.queued += size
	p.mu.Unlock()
	select {
	case t.queue <- queued{b, size}:
		return nil
	case <-ctx.Done():
		b.Release()
		return ctx.Err()
	}
}

func (p *pipeline) full(t *groupTask) bool {
	if t == p.head {
		return len(t.queue) >= headDepth
	}
	return !p.ahead || p.queued >= aheadBytes
}

// take returns the next batch of the task, waiting for it; nil when the
// task is done. Row groups after the head decode ahead only while the
// reader finds the head's queue empty: when the reader is the slower one
// (a client receiving rows), decoding ahead would only hold memory.
func (p *pipeline) take(ctx context.Context, t *groupTask) (arrow.RecordBatch, error) {
	p.mu.Lock()
	// a new head's queue is often empty because it was held back, which
	// says nothing about who is slower
	sameHead := p.head == t
	p.head = t
	p.cond.Broadcast()
	p.mu.Unlock()
	empty := len(t.queue) == 0
	select {
	case q, ok := <-t.queue:
		if !ok {
			return nil, t.err
		}
		p.mu.Lock()
		p.queued -= q.size
		if sameHead {
			p.ahead = empty
		}
		p.cond.Broadcast()
		p.mu.Unlock()
		return q.batch, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// stop wakes every waiting worker for good.
func (p *pipeline) stop() {
	p.mu.Lock()
	p.stopped = true
	p.cond.Broadcast()
	p.mu.Unlock()
}

// batchBytes is the size of a batch's buffers.
func batchBytes(b arrow.RecordBatch) int64 {
	var n int64
	for _, c := range b.Columns() {
		n += dataBytes(c.Data())
	}
	return n
}

func dataBytes(d arrow.ArrayData) int64 {
	var n int64
	for _, b := range d.Buffers() {
		if b != nil {
			n += int64(b.Len())
		}
	}
	for _, c := range d.Children() {
		n += dataBytes(c)
	}
	if dict, ok := d.Dictionary().(*array.Data); ok && dict != nil {
		n += dataBytes(dict)
	}
	return n
}
