package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// rollbackTimeout bounds the ROLLBACK after a failure, which runs even when
// the statement's context is done.
const rollbackTimeout = 10 * time.Second

// errAborted ends a COPY whose writer was aborted.
var errAborted = errors.New("write aborted")

// copyWriter is a catalog.TableWriter that streams batches into one COPY
// running in a transaction on one pooled connection. The COPY runs in its
// own goroutine and pulls the batches through a channel holding at most
// one, so a load holds a few batches whatever its size.
type copyWriter struct {
	plugin  *Plugin
	conn    *pgxpool.Conn
	tx      pgx.Tx
	columns *arrow.Schema
	batches chan arrow.RecordBatch
	abort   chan struct{}
	done    chan struct{} // closed when the COPY has returned
	rows    int64
	err     error // the COPY's error, read after done
	once    sync.Once
	ended   bool // committed or rolled back
}

// startCopy opens the transaction, runs ddl in it when there is one, and
// starts the COPY into the columns of schema.name.
func (p *Plugin) startCopy(ctx context.Context, schema, name string, names []string, columns *arrow.Schema, ddl string) (*copyWriter, error) {
	pool, err := p.connect(ctx)
	if err != nil {
		return nil, err
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, p.remoteError(err)
	}
	// The connection's cached descriptions may tell column types of a table
	// dropped and created again since: COPY reads them.
	if err := conn.Conn().DeallocateAll(ctx); err != nil {
		conn.Release()
		return nil, p.remoteError(err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		conn.Release()
		return nil, p.remoteError(err)
	}
	w := &copyWriter{plugin: p, conn: conn, tx: tx, columns: columns,
		batches: make(chan arrow.RecordBatch, 1), abort: make(chan struct{}), done: make(chan struct{})}
	if ddl != "" {
		if _, err := tx.Exec(ctx, ddl); err != nil {
			w.rollback()
			return nil, p.writeError(err)
		}
	}
	src := &batchSource{batches: w.batches, abort: w.abort}
	go func() {
		defer close(w.done)
		w.rows, w.err = tx.CopyFrom(ctx, pgx.Identifier{schema, name}, names, src)
		src.release()
	}()
	return w, nil
}

// Write implements catalog.TableWriter: it hands the batch to the COPY,
// waiting while the previous one is still being sent.
func (w *copyWriter) Write(ctx context.Context, batch arrow.RecordBatch) error {
	if err := checkBatch(w.columns, batch.Schema()); err != nil {
		return err
	}
	batch.Retain()
	select {
	case w.batches <- batch:
		return nil
	case <-w.done:
		batch.Release()
		return w.copyError()
	case <-ctx.Done():
		batch.Release()
		return w.plugin.remoteError(ctx.Err())
	}
}

// copyError is the COPY's error once it has returned early.
func (w *copyWriter) copyError() error {
	if w.err == nil {
		return fmt.Errorf("plugin %q: the COPY ended before its rows", w.plugin.name)
	}
	return w.plugin.writeError(w.err)
}

// Commit implements catalog.TableWriter: it ends the COPY and commits.
func (w *copyWriter) Commit(ctx context.Context) (int64, error) {
	if w.ended {
		return 0, errors.New("write already ended")
	}
	w.once.Do(func() { close(w.batches) })
	w.wait()
	if w.err != nil {
		w.rollback()
		return 0, w.plugin.writeError(w.err)
	}
	err := w.tx.Commit(ctx)
	w.ended = true
	w.conn.Release()
	if err != nil {
		return 0, w.plugin.writeError(err)
	}
	return w.rows, nil
}

// Abort implements catalog.TableWriter: the COPY fails and the
// transaction rolls back, taking the new table with it.
func (w *copyWriter) Abort(context.Context) error {
	if w.ended {
		return nil
	}
	close(w.abort)
	w.wait()
	w.rollback()
	return nil
}

// wait waits for the COPY to return and releases the batches it did not
// take.
func (w *copyWriter) wait() {
	<-w.done
	for {
		select {
		case b, ok := <-w.batches:
			if !ok {
				return
			}
			b.Release()
		default:
			return
		}
	}
}

// rollback ends the transaction and gives the connection back.
func (w *copyWriter) rollback() {
	ctx, cancel := context.WithTimeout(context.Background(), rollbackTimeout)
	defer cancel()
	if err := w.tx.Rollback(ctx); err != nil && !w.conn.Conn().IsClosed() {
		// A connection in an unknown state must not serve another statement.
		w.conn.Conn().Close(ctx)
	}
	w.ended = true
	w.conn.Release()
}

// checkBatch verifies that a batch's columns can be encoded into the
// target's: the same PostgreSQL type, as the engine casts them.
func checkBatch(target, got *arrow.Schema) error {
	if got.NumFields() != target.NumFields() {
		return &sqlstate.Error{Code: sqlstate.DatatypeMismatch,
			Message: fmt.Sprintf("the rows have %d columns where the table takes %d", got.NumFields(), target.NumFields())}
	}
	for i, f := range target.Fields() {
		g := got.Field(i).Type
		if arrow.TypeEqual(f.Type, g) || types.WireOID(f.Type) == types.WireOID(g) {
			continue
		}
		return &sqlstate.Error{Code: sqlstate.DatatypeMismatch,
			Message: fmt.Sprintf("column %q is of type %s but expression is of type %s", f.Name,
				types.FormatType(types.FieldOID(f), -1), types.PostgresName(g)),
			Hint: "You will need to rewrite or cast the expression."}
	}
	return nil
}
