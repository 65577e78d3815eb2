package engine

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/planner"
	"auger/internal/sql"
)

// sourceQuery is the query of a write statement, bound and optimised when
// the statement is planned.
type sourceQuery struct {
	logical, optimized planner.Node
	params             []arrow.DataType
	opts               planner.Options
}

// bindSource binds and optimises the query whose rows a statement writes.
func (p *planning) bindSource(ctx context.Context, q sql.Query) (*sourceQuery, error) {
	b := &planner.Binder{Catalog: p.cat(), Schema: p.schema, Path: p.path,
		Database: p.session.database(), Params: planner.NewParameters(p.paramTypes)}
	opts := p.optimizer
	logical, err := b.BindQuery(planner.WithOptions(exec.WithSession(ctx, p.session.state(p.zone, q.Text())), opts), q)
	if err != nil {
		return nil, err
	}
	params, err := b.Params.Types()
	if err != nil {
		return nil, err
	}
	return &sourceQuery{logical: logical, optimized: planner.Optimize(logical, opts), params: params, opts: opts}, nil
}

// schema is the query's result columns.
func (q *sourceQuery) schema() *arrow.Schema { return q.logical.Schema() }

// plan is the optimised plan with the statement's parameter values bound.
func (q *sourceQuery) plan(values []scalar.Scalar) (planner.Node, error) {
	if len(values) == 0 {
		return q.optimized, nil
	}
	bound, err := planner.BindValues(q.logical, values)
	if err != nil {
		return nil, err
	}
	return planner.Optimize(bound, q.opts), nil
}

// operator starts a plan of the query.
func (q *sourceQuery) operator(ctx context.Context, plan planner.Node) (exec.Operator, error) {
	ctx = planner.WithOptions(ctx, q.opts)
	resolved, err := planner.ResolveSubqueries(ctx, plan)
	if err != nil {
		return nil, err
	}
	return planner.Build(ctx, resolved)
}

// remoteOn is the plan as one statement for the target plugin's server,
// when the plugin runs whole statements, the plan reads only that server
// and pushdown is on.
func (q *sourceQuery) remoteOn(target catalog.Plugin, plan planner.Node) (catalog.RemoteStatementRunner, catalog.RemoteStatement, bool) {
	runner, ok := target.(catalog.RemoteStatementRunner)
	if !ok || q.opts.NoPushdown {
		return nil, catalog.RemoteStatement{}, false
	}
	rq, ok := planner.AsRemoteQuery(plan)
	if !ok || rq.Source.RemoteServer() != runner.RemoteServer() {
		return nil, catalog.RemoteStatement{}, false
	}
	return runner, rq.Statement, true
}
