package planner

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/exec"
	"auger/internal/expr"
)

// WindowFunc is one window function a Window computes (the executor's
// description: name, arguments over the Window's input, frame, type).
type WindowFunc = exec.WindowFunc

// Window computes window functions that share a partitioning and an
// ordering: its rows are its input's, ordered by PartitionBy then OrderBy,
// each followed by one column per function.
type Window struct {
	Input       Node
	PartitionBy []expr.Expr
	OrderBy     []SortKey
	Funcs       []WindowFunc
}

// Schema implements Node. A function that yields its argument's values
// (first_value, lag, ...) of a column keeps that column's PostgreSQL type
// (a varchar stays varchar).
func (w *Window) Schema() *arrow.Schema {
	input := w.Input.Schema()
	fields := append([]arrow.Field{}, input.Fields()...)
	for _, f := range w.Funcs {
		field := arrow.Field{Name: f.String(), Type: f.Typ, Nullable: true}
		if c, ok := valueColumn(f); ok {
			field.Metadata = input.Field(c).Metadata
		}
		fields = append(fields, field)
	}
	return arrow.NewSchema(fields, nil)
}

// valueColumn is the input column whose values a function yields as they
// are: the value of first_value, last_value, nth_value, lag and lead
// (whose default takes the value's type when it can, as PostgreSQL
// resolves the common type of its arguments).
func valueColumn(f WindowFunc) (int, bool) {
	switch f.Name {
	case "first_value", "last_value", "nth_value", "lag", "lead":
		c, ok := f.Args[0].(*expr.Column)
		if ok {
			return c.Index, true
		}
	}
	return 0, false
}

// Children implements Node.
func (w *Window) Children() []Node { return []Node{w.Input} }

// WithChildren implements Node.
func (w *Window) WithChildren(c ...Node) Node {
	return &Window{Input: c[0], PartitionBy: w.PartitionBy, OrderBy: w.OrderBy, Funcs: w.Funcs}
}

// Describe implements Node: the partition and order keys, and each
// function with its frame when its value depends on one.
func (w *Window) Describe() string {
	parts := make([]string, len(w.PartitionBy))
	for i, p := range w.PartitionBy {
		parts[i] = p.String()
	}
	keys := make([]string, len(w.OrderBy))
	for i, k := range w.OrderBy {
		keys[i] = k.String()
	}
	funcs := make([]string, len(w.Funcs))
	for i, f := range w.Funcs {
		funcs[i] = f.String()
		if f.FrameDependent() {
			funcs[i] += " " + f.Frame.String()
		}
	}
	return fmt.Sprintf("Window partition=[%s] order=[%s] funcs=[%s]",
		strings.Join(parts, ", "), strings.Join(keys, ", "), strings.Join(funcs, ", "))
}

// buildWindow makes the executor's Window, which reserves its memory from
// the query's budget.
func buildWindow(ctx context.Context, w *Window, input exec.Operator) exec.Operator {
	keys := make([]exec.SortKey, len(w.OrderBy))
	for i, k := range w.OrderBy {
		keys[i] = exec.SortKey{Expr: k.Expr, Desc: k.Desc, NullsFirst: k.NullsFirst}
	}
	return exec.NewWindow(input, w.PartitionBy, keys, w.Funcs, w.Schema(), exec.BudgetOf(ctx))
}

// mapExprs rewrites the expressions of a Window: keys, arguments and
// frame offsets.
func (w *Window) mapExprs(f func(expr.Expr) (expr.Expr, error)) (Node, error) {
	c := *w
	var err error
	c.PartitionBy = make([]expr.Expr, len(w.PartitionBy))
	for i, p := range w.PartitionBy {
		if c.PartitionBy[i], err = f(p); err != nil {
			return nil, err
		}
	}
	c.OrderBy = append([]SortKey{}, w.OrderBy...)
	for i := range c.OrderBy {
		if c.OrderBy[i].Expr, err = f(w.OrderBy[i].Expr); err != nil {
			return nil, err
		}
	}
	c.Funcs = make([]WindowFunc, len(w.Funcs))
	for i, fn := range w.Funcs {
		if c.Funcs[i], err = mapFuncExprs(fn, f); err != nil {
			return nil, err
		}
	}
	return &c, nil
}

// mapFuncExprs rewrites a function's arguments and frame offsets.
func mapFuncExprs(fn WindowFunc, f func(expr.Expr) (expr.Expr, error)) (WindowFunc, error) {
	args := make([]expr.Expr, len(fn.Args))
	for i, a := range fn.Args {
		var err error
		if args[i], err = f(a); err != nil {
			return fn, err
		}
	}
	fn.Args = args
	for _, b := range []*exec.FrameBound{&fn.Frame.Start, &fn.Frame.End} {
		if b.Offset != nil {
			offset, err := f(b.Offset)
			if err != nil {
				return fn, err
			}
			b.Offset = offset
		}
	}
	return fn, nil
}
