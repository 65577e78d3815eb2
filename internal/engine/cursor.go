package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/exec"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// cursorSet holds a session's open cursors (DECLARE ... CURSOR) by name.
type cursorSet struct {
	mu   sync.Mutex
	open map[string]*cursor
}

// cursor is a running query whose rows FETCH reads in portions.
type cursor struct {
	schema *arrow.Schema
	op     exec.Operator
	rest   arrow.RecordBatch // the rows of the last batch not fetched yet; nil if none
	hold   bool              // WITH HOLD: kept when the transaction block ends
	ended  bool              // the query has given its last row
	fresh  bool              // declared in the open transaction block
}

func (cs *cursorSet) get(name string) (*cursor, error) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	c := cs.open[name]
	if c == nil {
		return nil, sqlstate.New(sqlstate.InvalidCursorName, "cursor %q does not exist", name)
	}
	return c, nil
}

func (cs *cursorSet) add(name string, c *cursor) error {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.open[name] != nil {
		return sqlstate.New(sqlstate.DuplicateCursor, "cursor %q already exists", name)
	}
	if cs.open == nil {
		cs.open = map[string]*cursor{}
	}
	cs.open[name] = c
	return nil
}

// close closes the named cursor, or every cursor for "".
func (cs *cursorSet) close(name string) error {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if name == "" {
		cs.closeWhere(func(*cursor) bool { return true })
		return nil
	}
	c := cs.open[name]
	if c == nil {
		return sqlstate.New(sqlstate.InvalidCursorName, "cursor %q does not exist", name)
	}
	delete(cs.open, name)
	return c.close()
}

// endBlock closes the cursors a transaction block's end closes: those
// declared without WITH HOLD, and on rollback those the block declared.
func (cs *cursorSet) endBlock(rollback bool) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cs.closeWhere(func(c *cursor) bool { return !c.hold || rollback && c.fresh })
	for _, c := range cs.open {
		c.fresh = false
	}
}

func (cs *cursorSet) closeWhere(which func(*cursor) bool) {
	for name, c := range cs.open {
		if which(c) {
			c.close()
			delete(cs.open, name)
		}
	}
}

func (c *cursor) close() error {
	if c.rest != nil {
		c.rest.Release()
		c.rest = nil
	}
	return c.op.Close()
}

// CloseCursors closes every cursor of the session; the server calls it
// when the connection ends.
func (s *Session) CloseCursors() { s.cursors.close("") }

// planDeclareCursor plans DECLARE: the query is planned now and starts
// when the statement runs; its rows wait for FETCH.
func (p *planning) planDeclareCursor(ctx context.Context, d *sql.DeclareCursor) (*Statement, error) {
	inner, err := p.planQuery(ctx, d.Query)
	if err != nil {
		return nil, err
	}
	session := p.session
	st := &Statement{Text: d.Text(), Tag: "DECLARE CURSOR"}
	st.run = func(ctx context.Context, _ []scalar.Scalar) (exec.Operator, error) {
		if !d.Hold && session.TransactionStatus() == 'I' {
			return nil, sqlstate.New(sqlstate.NoActiveSQLTransaction, "DECLARE CURSOR can only be used in transaction blocks")
		}
		if _, err := session.cursors.get(d.Name); err == nil {
			return nil, sqlstate.New(sqlstate.DuplicateCursor, "cursor %q already exists", d.Name)
		}
		inner.budget, inner.engine, inner.session = st.budget, st.engine, st.session
		// The cursor's query outlives this statement: FETCH reads it later.
		op, err := inner.Run(context.WithoutCancel(ctx), nil)
		if err != nil {
			return nil, err
		}
		c := &cursor{schema: inner.Columns, op: op, hold: d.Hold, fresh: session.TransactionStatus() != 'I'}
		if err := session.cursors.add(d.Name, c); err != nil {
			op.Close()
			return nil, err
		}
		return rowsOperator(arrow.NewSchema(nil, nil), nil)
	}
	return st, nil
}

// planFetch plans FETCH and MOVE over a cursor declared before.
func (p *planning) planFetch(f *sql.Fetch) (*Statement, error) {
	c, err := p.session.cursors.get(f.Name)
	if err != nil {
		return nil, err
	}
	verb := "FETCH"
	st := &Statement{Text: f.Text(), Columns: c.schema}
	if f.Move {
		verb, st.Columns = "MOVE", nil
	}
	st.Tag = verb + " 0"
	st.run = func(context.Context, []scalar.Scalar) (exec.Operator, error) {
		return &fetchOperator{cursor: c, left: f.Count, move: f.Move,
			done: func(n int64) { st.Tag = fmt.Sprintf("%s %d", verb, n) }}, nil
	}
	return st, nil
}

// planCloseCursor plans CLOSE name and CLOSE ALL.
func (p *planning) planCloseCursor(c *sql.CloseCursor) (*Statement, error) {
	session, tag := p.session, "CLOSE CURSOR"
	if c.Name == "" {
		tag = "CLOSE CURSOR ALL"
	}
	return &Statement{Text: c.Text(), Tag: tag,
		run: func(context.Context, []scalar.Scalar) (exec.Operator, error) {
			if err := session.cursors.close(c.Name); err != nil {
				return nil, err
			}
			return rowsOperator(arrow.NewSchema(nil, nil), nil)
		}}, nil
}

// closingCursors makes a transaction statement close the cursors the
// end of a block closes, when it leaves the session outside a block.
func (p *planning) closingCursors(st *Statement, err error) (*Statement, error) {
	if err != nil {
		return nil, err
	}
	session, run := p.session, st.run
	st.run = func(ctx context.Context, values []scalar.Scalar) (exec.Operator, error) {
		op, err := run(ctx, values)
		if session.TransactionStatus() == 'I' {
			session.cursors.endBlock(st.Tag == "ROLLBACK")
		}
		return op, err
	}
	return st, nil
}

// fetchOperator reads up to left rows (all when negative) of a cursor,
// keeping the rest of a batch for the next FETCH. For MOVE it skips them
// and yields none. done gets the number of rows read.
type fetchOperator struct {
	cursor *cursor
	left   int64
	move   bool
	n      int64
	done   func(n int64)
}

func (f *fetchOperator) Schema() *arrow.Schema { return f.cursor.schema }

func (f *fetchOperator) Next(ctx context.Context) (arrow.RecordBatch, error) {
	for {
		batch, err := f.next(ctx)
		if err != nil {
			f.done(f.n)
			return nil, err
		}
		f.n += batch.NumRows()
		if !f.move {
			return batch, nil
		}
		batch.Release()
	}
}

// next takes the next portion of the cursor's rows, io.EOF at the end
// of the portion or of the rows.
func (f *fetchOperator) next(ctx context.Context) (arrow.RecordBatch, error) {
	c := f.cursor
	if f.left == 0 || c.rest == nil && c.ended {
		return nil, io.EOF
	}
	batch := c.rest
	c.rest = nil
	if batch == nil {
		var err error
		if batch, err = c.op.Next(ctx); err != nil {
			c.ended = errors.Is(err, io.EOF)
			return nil, err
		}
	}
	if f.left > 0 && batch.NumRows() > f.left {
		c.rest = batch.NewSlice(f.left, batch.NumRows())
		head := batch.NewSlice(0, f.left)
		batch.Release()
		batch = head
	}
	if f.left > 0 {
		f.left -= batch.NumRows()
	}
	return batch, nil
}

func (f *fetchOperator) Close() error {
	f.done(f.n)
	return nil
}

var _ exec.Operator = (*fetchOperator)(nil)
