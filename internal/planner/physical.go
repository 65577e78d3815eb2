package planner

import (
	"context"
	"fmt"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/expr"
)

// Build turns an optimised plan into running operators. Scans start here:
// a source that cannot be reached fails the statement now. Under a context
// from Analysis.Context, each operator counts what it does.
func Build(ctx context.Context, n Node) (exec.Operator, error) {
	op, err := build(ctx, n)
	if err != nil {
		return nil, err
	}
	return observe(ctx, n, op), nil
}

func build(ctx context.Context, n Node) (exec.Operator, error) {
	if op, ok, err := buildQueryShape(ctx, n); ok {
		return op, err
	}
	switch t := n.(type) {
	case *Scan:
		if _, remote := t.Table.(catalog.RemoteTable); remote {
			return readAhead(t.Table.Scan(ctx, t.Request()))
		}
		return t.Table.Scan(ctx, t.Request())
	case *RemoteQuery:
		return readAhead(t.Source.RunRemote(ctx, t.Statement))
	case OneRow:
		return &exec.OneRow{}, nil
	case *Join:
		if op, ok, err := buildKeyedJoin(ctx, t); ok {
			return op, err
		}
	}
	children := n.Children()
	inputs := make([]exec.Operator, len(children))
	for i, c := range children {
		op, err := Build(ctx, c)
		if err != nil {
			closeAll(inputs[:i])
			return nil, err
		}
		inputs[i] = op
	}
	switch t := n.(type) {
	case *Filter:
		return exec.NewFilter(inputs[0], t.Cond), nil
	case *Project:
		return exec.NewProject(inputs[0], t.Exprs, t.Schema()), nil
	case *Limit:
		return exec.NewLimit(inputs[0], t.Offset, t.Count), nil
	case *Aggregate:
		return buildAggregate(t, inputs[0]), nil
	case *Join:
		return buildJoin(t, inputs[0], inputs[1]), nil
	case *Union:
		return exec.NewUnion(inputs, t.Schema()), nil
	case *SetOp:
		return exec.NewSetOp(inputs[0], inputs[1], t.Op == "INTERSECT", t.All), nil
	case *Window:
		return buildWindow(ctx, t, inputs[0]), nil
	case *ProjectSet:
		return buildProjectSet(t, inputs[0]), nil
	case *Sort:
		return exec.NewSort(inputs[0], execSortKeys(t.Keys)), nil
	case *TopN:
		return exec.NewTopN(inputs[0], execSortKeys(t.Keys), t.Offset, t.Count), nil
	}
	closeAll(inputs)
	return nil, fmt.Errorf("no operator for plan node %T", n)
}

// buildAggregate builds the hash aggregate of an Aggregate.
func buildAggregate(a *Aggregate, input exec.Operator) *exec.HashAggregate {
	aggs := make([]exec.AggSpec, len(a.Aggs))
	for i, c := range a.Aggs {
		aggs[i] = exec.AggSpec{Func: c.Func, Arg: c.Arg, Distinct: c.Distinct, Sep: c.Sep, Filter: c.Filter,
			OrderBy: execSortKeys(c.OrderBy), Grouping: c.Grouping, Typ: c.Typ}
	}
	op := exec.NewHashAggregate(input, a.Groups, aggs, a.Schema())
	if a.GroupingSets != nil {
		op = op.WithGroupingSets(a.GroupingSets)
	}
	return op
}

func execSortKeys(keys []SortKey) []exec.SortKey {
	out := make([]exec.SortKey, len(keys))
	for i, k := range keys {
		out[i] = exec.SortKey{Expr: k.Expr, Desc: k.Desc, NullsFirst: k.NullsFirst}
	}
	return out
}

func closeAll(ops []exec.Operator) {
	for _, op := range ops {
		op.Close()
	}
}

// buildJoin splits a join condition into equal keys (left expression =
// right expression) for hashing and a residual checked on each pair.
func buildJoin(j *Join, left, right exec.Operator) exec.Operator {
	width := j.Left.Schema().NumFields()
	var lkeys, rkeys, residual []expr.Expr
	if j.Cond != nil {
		for _, c := range expr.Conjuncts(j.Cond) {
			if l, r, ok := equiKey(c, width); ok {
				lkeys, rkeys = append(lkeys, l), append(rkeys, r)
			} else {
				residual = append(residual, c)
			}
		}
	}
	var rest expr.Expr
	if len(residual) > 0 {
		rest = expr.Conjoin(residual)
	}
	return exec.NewHashJoin(left, right, j.Kind, lkeys, rkeys, rest, j.Schema())
}

// equiKey recognises left = right with each side reading one input.
func equiKey(c expr.Expr, width int) (expr.Expr, expr.Expr, bool) {
	cmp, ok := c.(*expr.Compare)
	if !ok || cmp.Op != expr.Eq {
		return nil, nil, false
	}
	ll, lr := side(cmp.Left, width)
	rl, rr := side(cmp.Right, width)
	switch {
	case ll && !lr && rr && !rl:
		return cmp.Left, shifted(cmp.Right, width), true
	case rl && !rr && lr && !ll:
		return cmp.Right, shifted(cmp.Left, width), true
	}
	return nil, nil, false
}

// readAhead decodes a remote result's next batch while the operators above
// work on the current one (a remote server streams as fast as it is read;
// Parquet readers decode ahead on their own). The reader's counts stay
// visible to EXPLAIN ANALYZE.
func readAhead(op exec.Operator, err error) (exec.Operator, error) {
	if err != nil {
		return nil, err
	}
	ahead := exec.NewReadAhead(op)
	if stats, ok := op.(catalog.StatsReporter); ok {
		return statsReadAhead{ReadAhead: ahead, StatsReporter: stats}, nil
	}
	return ahead, nil
}

// statsReadAhead is a ReadAhead over a reader that counts its work.
type statsReadAhead struct {
	*exec.ReadAhead
	catalog.StatsReporter
}
