package engine

import (
	"context"
	"errors"
	"io"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/sqlstate"
)

// reshape turns a batch of the query into one the writer takes; the
// caller releases both.
type reshape func(arrow.RecordBatch) (arrow.RecordBatch, error)

// fill streams every batch of op into w and commits; on any error,
// cancellation included, it aborts, so that nothing of the rows remains.
func fill(ctx context.Context, op exec.Operator, w catalog.TableWriter, shape reshape, log func(error)) (int64, error) {
	err := copyBatches(ctx, op, w, shape)
	var rows int64
	if err == nil {
		rows, err = w.Commit(ctx)
	}
	if err != nil {
		if aerr := w.Abort(context.WithoutCancel(ctx)); aerr != nil {
			log(aerr)
		}
		return 0, err
	}
	return rows, nil
}

func copyBatches(ctx context.Context, op exec.Operator, w catalog.TableWriter, shape reshape) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, err := op.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		out, err := shape(b)
		b.Release()
		if err != nil {
			return err
		}
		err = w.Write(ctx, out)
		out.Release()
		if err != nil {
			return err
		}
	}
}

// notice leaves a NOTICE for the client of the running statement.
func (s *Session) notice(e *sqlstate.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settings.notify("NOTICE", e)
}

// logAbort logs a writer's failure to clean up after a failed write.
func (s *Session) logAbort(target writeTarget) func(error) {
	return func(err error) {
		if s.engine.Log != nil {
			s.engine.Log.Warn("aborting a write failed", "table", target.schema.String()+"."+target.name, "err", err)
		}
	}
}

// noRows is the empty result of a statement that writes.
func noRows() (exec.Operator, error) { return rowsOperator(arrow.NewSchema(nil, nil), nil) }
