package engine

import (
	"context"
	"errors"
	"log/slog"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/exec"
)

// query is one run of a statement: the context its operators run under
// until its root operator closes, with what they share (the memory budget,
// a spill space of its own), the session's statement_timeout and its
// time zone.
type query struct {
	text   string
	ctx    context.Context
	cancel context.CancelCauseFunc
	budget *exec.Budget
	space  *exec.SpillSpace
	log    *slog.Logger
}

// startQuery starts a run of the statement under ctx.
func (st *Statement) startQuery(ctx context.Context) *query {
	q := &query{text: st.Text, budget: st.budget, space: exec.NewSpillSpace(""), log: slog.New(slog.DiscardHandler)}
	if st.engine != nil {
		q.space = exec.NewSpillSpace(st.engine.SpillDir)
		if st.engine.Log != nil {
			q.log = st.engine.Log
		}
	}
	ctx, q.cancel = context.WithCancelCause(ctx)
	if st.session != nil {
		ctx = exec.WithSession(ctx, st.session.state(st.session.Zone(), st.Text))
		ctx = catalog.WithSessionNames(ctx, st.session.names())
		ctx = catalog.WithSettings(ctx, st.session.Settings)
		if timeout := st.session.StatementTimeout(); timeout > 0 {
			var stop context.CancelFunc
			ctx, stop = context.WithTimeoutCause(ctx, timeout, errStatementTimeout)
			cancel := q.cancel
			q.cancel = func(cause error) { cancel(cause); stop() }
		}
	}
	q.ctx = exec.WithSpillSpace(exec.WithBudget(ctx, q.budget), q.space)
	return q
}

// failure is the error a query reports: the reason it was stopped, when
// its context ended for one of the engine's (statement_timeout), else err.
func (q *query) failure(err error) error {
	if q.ctx.Err() != nil && errors.Is(context.Cause(q.ctx), errStatementTimeout) {
		return errStatementTimeout
	}
	return err
}

// root wraps the statement's root operator so that closing it ends the
// query.
func (q *query) root(op exec.Operator) exec.Operator { return &queryRoot{Operator: op, query: q} }

// end stops the query, removes its spill space and logs what it used;
// the budget's use is the gateway's, after this query gave its share back.
func (q *query) end() error {
	q.cancel(nil)
	err := q.space.Remove()
	var used int64
	if q.budget != nil {
		used = q.budget.Used()
	}
	q.log.Debug("query finished", "statement", q.text, "spilled", exec.FormatBytes(q.space.Written()),
		"memory_reserved", exec.FormatBytes(used))
	return err
}

type queryRoot struct {
	exec.Operator
	query *query
}

// Next implements exec.Operator. The operators run under the query's
// context; the end of ctx cancels it too.
func (r *queryRoot) Next(ctx context.Context) (arrow.RecordBatch, error) {
	stop := context.AfterFunc(ctx, func() { r.query.cancel(context.Cause(ctx)) })
	defer stop()
	b, err := r.Operator.Next(r.query.ctx)
	if err != nil {
		return nil, r.query.failure(err)
	}
	return b, nil
}

// Close implements exec.Operator: it closes the operators, then ends the
// query.
func (r *queryRoot) Close() error {
	return errors.Join(r.Operator.Close(), r.query.end())
}
