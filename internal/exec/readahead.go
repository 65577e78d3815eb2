package exec

import (
	"context"
	"io"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/sqlstate"
)

// ReadAhead runs its input's Next on a goroutine of its own, one batch
// ahead of its reader, so that a source's reading (a PostgreSQL result
// decoded into batches) overlaps with the work above it and the writing
// to the client. It holds at most two batches more than its input.
type ReadAhead struct {
	input   Operator
	batches chan readResult
	cancel  context.CancelFunc
	stopped chan struct{} // closed by Close: nobody takes batches any more
	done    chan struct{} // closed when the reading goroutine has ended
	last    error         // the error that ended the reading
}

// readResult is one call of Next: a batch or an error (io.EOF at the end).
type readResult struct {
	batch arrow.RecordBatch
	err   error
}

// NewReadAhead reads input ahead from the first call of Next on.
func NewReadAhead(input Operator) *ReadAhead { return &ReadAhead{input: input} }

// Schema implements Operator.
func (r *ReadAhead) Schema() *arrow.Schema { return r.input.Schema() }

// Next implements Operator. The reading runs under the context of the
// first call, the query's.
func (r *ReadAhead) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if r.batches == nil {
		r.start(ctx)
	}
	res, ok := <-r.batches
	if !ok {
		if r.last != nil {
			return nil, r.last
		}
		return nil, io.EOF
	}
	if res.err != nil {
		r.last = res.err
	}
	return res.batch, res.err
}

func (r *ReadAhead) start(ctx context.Context) {
	ctx, r.cancel = context.WithCancel(ctx)
	r.batches, r.stopped, r.done = make(chan readResult, 1), make(chan struct{}), make(chan struct{})
	go r.run(ctx)
}

func (r *ReadAhead) run(ctx context.Context) {
	defer close(r.done)
	defer close(r.batches)
	for {
		b, err := r.nextRecovered(ctx)
		select {
		case r.batches <- readResult{batch: b, err: err}:
		case <-r.stopped:
			if b != nil {
				b.Release()
			}
			return
		}
		if err != nil {
			return
		}
	}
}

// nextRecovered is the input's Next with a panic turned into an internal
// error of the statement, as the server's own recover does for the rest.
func (r *ReadAhead) nextRecovered(ctx context.Context) (b arrow.RecordBatch, err error) {
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, sqlstate.New(sqlstate.InternalError, "internal error: %v", p)
		}
	}()
	return r.input.Next(ctx)
}

// Close implements Operator: it ends the reading, releases the batches
// read ahead and closes the input.
func (r *ReadAhead) Close() error {
	if r.batches != nil {
		close(r.stopped)
		r.cancel()
		for res := range r.batches {
			if res.batch != nil {
				res.batch.Release()
			}
		}
		<-r.done
	}
	return r.input.Close()
}
