package engine

import (
	"context"
	"errors"
	"log/slog"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/exec"
)

// query is one run of a statement: the resources its operators share
// (the memory budget, a spill space of its own) until its root operator
// closes.
type query struct {
	text   string
	budget *exec.Budget
	space  *exec.SpillSpace
	log    *slog.Logger
}

// startQuery gives a run of the statement its budget and spill space.
func (st *Statement) startQuery(ctx context.Context) (context.Context, *query) {
	q := &query{text: st.Text, budget: st.budget, space: exec.NewSpillSpace(""), log: slog.New(slog.DiscardHandler)}
	if st.engine != nil {
		q.space = exec.NewSpillSpace(st.engine.SpillDir)
		if st.engine.Log != nil {
			q.log = st.engine.Log
		}
	}
	return q.attach(ctx), q
}

// attach gives a context the query's budget and spill space, which the
// operators find in the context of each Next.
func (q *query) attach(ctx context.Context) context.Context {
	return exec.WithSpillSpace(exec.WithBudget(ctx, q.budget), q.space)
}

// root wraps the statement's root operator so that closing it ends the
// query.
func (q *query) root(op exec.Operator) exec.Operator { return &queryRoot{Operator: op, query: q} }

// end removes the query's spill space and logs what the query used; the
// budget's use is the gateway's, after this query gave its share back.
func (q *query) end() error {
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

// Next implements exec.Operator: the operators run with the query's
// budget and spill space.
func (r *queryRoot) Next(ctx context.Context) (arrow.RecordBatch, error) {
	return r.Operator.Next(r.query.attach(ctx))
}

// Close implements exec.Operator: it closes the operators, then ends the
// query.
func (r *queryRoot) Close() error {
	return errors.Join(r.Operator.Close(), r.query.end())
}
