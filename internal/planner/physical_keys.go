package planner

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/expr"
)

// buildKeyedJoin builds a join on one key whose probe (left) side reads
// that key from a remote table's scan: the probe starts once the build
// side is read and, when the build side has few distinct keys, the scan
// asks the server for those keys only (key IN (...)). Only joins that drop
// unmatched probe rows qualify: inner, semi and right joins, and only with
// pushdown on. ok is false for any other join.
func buildKeyedJoin(ctx context.Context, j *Join) (op exec.Operator, ok bool, err error) {
	if OptionsOf(ctx).NoPushdown || (j.Kind != InnerJoin && j.Kind != SemiJoin && j.Kind != RightJoin) {
		return nil, false, nil
	}
	key, ok := probeKey(j)
	if !ok {
		return nil, false, nil
	}
	if _, ok := withKeyFilter(j.Left, key, nil); !ok {
		return nil, false, nil
	}
	right, err := Build(ctx, j.Right)
	if err != nil {
		return nil, true, err
	}
	left := exec.NewKeyedInput(j.Left.Schema(), func(_ context.Context, keys []scalar.Scalar) (exec.Operator, error) {
		plan := j.Left
		if len(keys) > 0 {
			if filtered, ok := withKeyFilter(j.Left, key, keys); ok {
				plan = filtered
				standIn(ctx, plan, j.Left)
			}
		}
		return Build(ctx, plan)
	})
	return buildJoin(j, left, right), true, nil
}

// probeKey is the left column of a join's only equal key, when it is a
// column of a type whose equality the engine and a server agree on.
func probeKey(j *Join) (int, bool) {
	if j.Cond == nil {
		return 0, false
	}
	width := j.Left.Schema().NumFields()
	key, found := -1, 0
	for _, c := range expr.Conjuncts(j.Cond) {
		l, r, ok := equiKey(c, width)
		if !ok {
			continue
		}
		found++
		if col, ok := l.(*expr.Column); ok && arrow.TypeEqual(l.Type(), r.Type()) && keyableType(l.Type()) {
			key = col.Index
		}
	}
	return key, found == 1 && key >= 0
}

// keyableType tells whether values of a type can be handed to a scan as
// key literals: integers, strings, dates and timestamps.
func keyableType(dt arrow.DataType) bool {
	switch dt.ID() {
	case arrow.INT16, arrow.INT32, arrow.INT64, arrow.STRING, arrow.DATE32, arrow.TIMESTAMP:
		return true
	}
	return false
}

// withKeyFilter adds `column IN keys` to the remote table scan that
// column comes from, through Filters and Projects that pass it on; ok is
// false when there is no such scan, or it has a limit, or the table does
// not take the filter exactly.
func withKeyFilter(n Node, column int, keys []scalar.Scalar) (Node, bool) {
	switch t := n.(type) {
	case *Scan:
		return keyFilteredScan(t, column, keys)
	case *Filter:
		in, ok := withKeyFilter(t.Input, column, keys)
		return &Filter{Input: in, Cond: t.Cond}, ok
	case *Project:
		c, ok := t.Exprs[column].(*expr.Column)
		if !ok {
			return n, false
		}
		in, ok := withKeyFilter(t.Input, c.Index, keys)
		return t.WithChildren(in), ok
	}
	return n, false
}

func keyFilteredScan(s *Scan, column int, keys []scalar.Scalar) (Node, bool) {
	if _, ok := s.Table.(catalog.RemoteTable); !ok || s.Limit >= 0 {
		return s, false
	}
	field := catalog.TableField(s.Table, s.Columns[column])
	list := make([]expr.Expr, len(keys))
	for i, k := range keys {
		list[i] = &expr.Literal{Value: k}
	}
	if len(list) == 0 {
		list = []expr.Expr{&expr.Literal{Value: scalar.MakeNullScalar(field.Type)}}
	}
	filter := &expr.InList{Arg: &expr.Column{Index: s.Columns[column], Name: field.Name, Typ: field.Type}, List: list}
	if s.Table.SupportsFilters([]expr.Expr{filter})[0] != catalog.Exact {
		return s, false
	}
	next := *s
	next.Filters = append(append([]expr.Expr(nil), s.Filters...), filter)
	next.Verdicts = append(append([]catalog.FilterVerdict(nil), s.Verdicts...), catalog.Exact)
	return &next, true
}
