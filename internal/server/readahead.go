package server

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/jeroenrinzema/psql-wire/codes"
	psqlerr "github.com/jeroenrinzema/psql-wire/errors"

	"auger/internal/exec"
)

// readAhead runs an operator's Next on a goroutine of its own, one batch
// ahead of the writer, so that reading the sources and writing rows to the
// client overlap on two cores instead of taking turns.
type readAhead struct {
	batches chan readResult
	cancel  context.CancelFunc
	stopped chan struct{} // closed by stop: nobody takes batches any more
	done    chan struct{} // closed when the reading goroutine has ended
}

// readResult is one call of Next: a batch or an error (io.EOF at the end).
type readResult struct {
	batch arrow.RecordBatch
	err   error
}

// startReadAhead starts reading op. The caller takes batches with next and
// calls stop before closing op.
func startReadAhead(ctx context.Context, op exec.Operator, log *slog.Logger) *readAhead {
	ctx, cancel := context.WithCancel(ctx)
	r := &readAhead{batches: make(chan readResult, 1), cancel: cancel, stopped: make(chan struct{}), done: make(chan struct{})}
	go r.run(ctx, op, log)
	return r
}

func (r *readAhead) run(ctx context.Context, op exec.Operator, log *slog.Logger) {
	defer close(r.done)
	defer close(r.batches)
	for {
		b, err := nextRecovered(ctx, op, log)
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

// nextRecovered is op.Next with a panic turned into an internal error of
// the statement, as the handler's own recover does.
func nextRecovered(ctx context.Context, op exec.Operator, log *slog.Logger) (b arrow.RecordBatch, err error) {
	defer func() {
		if p := recover(); p != nil {
			log.Error("panic while reading a statement's rows", "panic", p, "stack", string(debug.Stack()))
			b, err = nil, psqlerr.WithCode(fmt.Errorf("internal error: %v", p), codes.Internal)
		}
	}()
	return op.Next(ctx)
}

// next is the next result of Next. It must not be called after an error.
func (r *readAhead) next() (arrow.RecordBatch, error) {
	res := <-r.batches
	return res.batch, res.err
}

// stop ends the reading and releases the batches read ahead; the operator
// is no longer in use when it returns.
func (r *readAhead) stop() {
	close(r.stopped)
	r.cancel()
	for res := range r.batches {
		if res.batch != nil {
			res.batch.Release()
		}
	}
	<-r.done
}
