// Package exec runs physical plans as pipelines of operators that pull Arrow
// record batches from their inputs: scans from the plugins, then filter,
// project and limit. Each operator streams; none holds more than a batch.
package exec

import (
	"context"
	"errors"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"

	"auger/internal/expr"
)

// Operator is one step of a running query. Next returns io.EOF after the
// last batch; the caller releases every batch it receives.
type Operator interface {
	Schema() *arrow.Schema
	Next(ctx context.Context) (arrow.RecordBatch, error)
	Close() error
}

// Filter keeps the rows for which a boolean expression is true (not false,
// not NULL).
type Filter struct {
	input Operator
	cond  expr.Expr
}

// NewFilter returns a Filter over input.
func NewFilter(input Operator, cond expr.Expr) *Filter {
	return &Filter{input: input, cond: cond}
}

// Schema implements Operator.
func (f *Filter) Schema() *arrow.Schema { return f.input.Schema() }

// Close implements Operator.
func (f *Filter) Close() error { return f.input.Close() }

// Next implements Operator; it skips batches that keep no row.
func (f *Filter) Next(ctx context.Context) (arrow.RecordBatch, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		batch, err := f.input.Next(ctx)
		if err != nil {
			return nil, err
		}
		out, err := f.apply(ctx, batch)
		batch.Release()
		if err != nil {
			return nil, err
		}
		if out.NumRows() > 0 {
			return out, nil
		}
		out.Release()
	}
}

func (f *Filter) apply(ctx context.Context, batch arrow.RecordBatch) (arrow.RecordBatch, error) {
	mask, err := Eval(ctx, f.cond, batch)
	if err != nil {
		return nil, err
	}
	defer mask.Release()
	maskArr, err := datumToArray(mask, int(batch.NumRows()))
	if err != nil {
		return nil, err
	}
	defer maskArr.Release()
	return compute.FilterRecordBatch(ctx, batch, maskArr, compute.DefaultFilterOptions())
}

// Project computes one output column per expression.
type Project struct {
	input  Operator
	exprs  []expr.Expr
	schema *arrow.Schema
}

// NewProject returns a Project over input computing one column of schema
// per expression.
func NewProject(input Operator, exprs []expr.Expr, schema *arrow.Schema) *Project {
	return &Project{input: input, exprs: exprs, schema: schema}
}

// Schema implements Operator.
func (p *Project) Schema() *arrow.Schema { return p.schema }

// Close implements Operator.
func (p *Project) Close() error { return p.input.Close() }

// Next implements Operator.
func (p *Project) Next(ctx context.Context) (arrow.RecordBatch, error) {
	batch, err := p.input.Next(ctx)
	if err != nil {
		return nil, err
	}
	defer batch.Release()
	cols := make([]arrow.Array, 0, len(p.exprs))
	defer func() {
		for _, c := range cols {
			c.Release()
		}
	}()
	for _, e := range p.exprs {
		col, err := p.column(ctx, e, batch)
		if err != nil {
			return nil, err
		}
		cols = append(cols, col)
	}
	return array.NewRecordBatch(p.schema, cols, batch.NumRows()), nil
}

func (p *Project) column(ctx context.Context, e expr.Expr, batch arrow.RecordBatch) (arrow.Array, error) {
	if c, ok := e.(*expr.Column); ok {
		col := batch.Column(c.Index)
		col.Retain()
		return col, nil
	}
	d, err := Eval(ctx, e, batch)
	if err != nil {
		return nil, err
	}
	defer d.Release()
	return datumToArray(d, int(batch.NumRows()))
}

// Limit passes on at most count rows after skipping offset rows.
type Limit struct {
	input         Operator
	offset, count int64 // count < 0: no limit
}

// NewLimit returns a Limit over input.
func NewLimit(input Operator, offset, count int64) *Limit {
	return &Limit{input: input, offset: offset, count: count}
}

// Schema implements Operator.
func (l *Limit) Schema() *arrow.Schema { return l.input.Schema() }

// Close implements Operator.
func (l *Limit) Close() error { return l.input.Close() }

// Next implements Operator. It stops pulling from its input once the limit
// is reached.
func (l *Limit) Next(ctx context.Context) (arrow.RecordBatch, error) {
	for {
		if l.count == 0 {
			return nil, io.EOF
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		batch, err := l.input.Next(ctx)
		if err != nil {
			return nil, err
		}
		n := batch.NumRows()
		if l.offset >= n {
			l.offset -= n
			batch.Release()
			continue
		}
		end := n
		if l.count >= 0 && l.offset+l.count < n {
			end = l.offset + l.count
		}
		out := batch.NewSlice(l.offset, end)
		batch.Release()
		l.offset = 0
		if l.count > 0 {
			l.count -= out.NumRows()
		}
		return out, nil
	}
}

// OneRow yields a single row with no columns: the input of a SELECT without
// FROM.
type OneRow struct{ done bool }

var emptySchema = arrow.NewSchema(nil, nil)

// Schema implements Operator.
func (o *OneRow) Schema() *arrow.Schema { return emptySchema }

// Close implements Operator.
func (o *OneRow) Close() error { return nil }

// Next implements Operator.
func (o *OneRow) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if o.done {
		return nil, io.EOF
	}
	o.done = true
	return array.NewRecordBatch(emptySchema, nil, 1), nil
}

// Union yields the batches of its inputs one input after the other, under
// its own schema.
type Union struct {
	inputs []Operator
	schema *arrow.Schema
}

// NewUnion returns a Union of inputs whose columns have schema's types.
func NewUnion(inputs []Operator, schema *arrow.Schema) *Union {
	return &Union{inputs: inputs, schema: schema}
}

// Schema implements Operator.
func (u *Union) Schema() *arrow.Schema { return u.schema }

// Close implements Operator.
func (u *Union) Close() error {
	var errs []error
	for _, in := range u.inputs {
		errs = append(errs, in.Close())
	}
	return errors.Join(errs...)
}

// Next implements Operator.
func (u *Union) Next(ctx context.Context) (arrow.RecordBatch, error) {
	for len(u.inputs) > 0 {
		b, err := u.inputs[0].Next(ctx)
		if errors.Is(err, io.EOF) {
			u.inputs[0].Close()
			u.inputs = u.inputs[1:]
			continue
		}
		if err != nil {
			return nil, err
		}
		out := array.NewRecordBatch(u.schema, b.Columns(), b.NumRows())
		b.Release()
		return out, nil
	}
	return nil, io.EOF
}
