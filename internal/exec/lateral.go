package exec

import (
	"context"
	"errors"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
)

// Lateral joins each input row with the rows its inner plan yields for the
// row's outer values (a LATERAL subquery): inner rows are kept per distinct
// outer values, so a repeated combination runs once. With keepUnmatched
// (LEFT JOIN LATERAL) a row the inner plan yields nothing for is kept once,
// with NULLs on the right.
type Lateral struct {
	input         Operator
	outer         []expr.Expr
	inner         InnerPlan
	keepUnmatched bool
	schema        *arrow.Schema // the input's columns, then the inner plan's
	innerSchema   *arrow.Schema
	cache         map[string]arrow.RecordBatch
	memory        *Reservation
}

// NewLateral returns the join of input with inner, whose rows have
// innerSchema.
func NewLateral(ctx context.Context, input Operator, outer []expr.Expr, inner InnerPlan, innerSchema *arrow.Schema, keepUnmatched bool, schema *arrow.Schema) *Lateral {
	return &Lateral{input: input, outer: outer, inner: inner, innerSchema: innerSchema, keepUnmatched: keepUnmatched,
		schema: schema, cache: map[string]arrow.RecordBatch{}, memory: BudgetOf(ctx).Reserve("lateral join")}
}

// Schema implements Operator.
func (l *Lateral) Schema() *arrow.Schema { return l.schema }

// Close implements Operator.
func (l *Lateral) Close() error {
	for _, b := range l.cache {
		b.Release()
	}
	l.cache = nil
	l.memory.Release()
	return l.input.Close()
}

// Next implements Operator.
func (l *Lateral) Next(ctx context.Context) (arrow.RecordBatch, error) {
	for {
		b, err := l.input.Next(ctx)
		if err != nil {
			return nil, err
		}
		out, err := l.join(ctx, b)
		b.Release()
		if err != nil || out.NumRows() > 0 {
			return out, err
		}
		out.Release()
	}
}

// join pairs the rows of one input batch with their inner rows.
func (l *Lateral) join(ctx context.Context, b arrow.RecordBatch) (arrow.RecordBatch, error) {
	outer, err := evalArgs(ctx, l.outer, b)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(outer)
	var lpos []int64
	var pieces []arrow.RecordBatch
	for r := 0; r < int(b.NumRows()); r++ {
		rows, err := l.rowsFor(ctx, outer, r)
		if err != nil {
			return nil, err
		}
		n := int(rows.NumRows())
		if n == 0 && l.keepUnmatched {
			rows, n = nil, 1
		}
		for i := 0; i < n; i++ {
			lpos = append(lpos, int64(r))
		}
		if n > 0 {
			pieces = append(pieces, rows)
		}
	}
	return l.assemble(ctx, b, lpos, pieces)
}

// rowsFor returns the inner rows for row r's outer values.
func (l *Lateral) rowsFor(ctx context.Context, outer []arrow.Array, r int) (arrow.RecordBatch, error) {
	key := outerKey(outer, r)
	if rows, ok := l.cache[key]; ok {
		return rows, nil
	}
	values, err := rowScalars(outer, r)
	if err != nil {
		return nil, err
	}
	op, err := l.inner(ctx, values)
	if err != nil {
		return nil, err
	}
	var batches []arrow.RecordBatch
	defer func() {
		for _, x := range batches {
			x.Release()
		}
	}()
	for {
		x, err := op.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			op.Close()
			return nil, err
		}
		batches = append(batches, x)
	}
	op.Close()
	rows, _, err := concatBatches(l.innerSchema, batches, nil)
	if err != nil {
		return nil, err
	}
	if err := l.memory.Grow(batchBytes(rows) + int64(len(key))); err != nil {
		rows.Release()
		return nil, err
	}
	l.cache[key] = rows
	return rows, nil
}

// assemble builds the output: left rows at lpos, beside the inner pieces
// laid end to end (a nil piece is one row of NULLs).
func (l *Lateral) assemble(ctx context.Context, b arrow.RecordBatch, lpos []int64, pieces []arrow.RecordBatch) (arrow.RecordBatch, error) {
	cols := make([]arrow.Array, 0, l.schema.NumFields())
	defer func() { releaseArrays(cols) }()
	for c := 0; c < int(b.NumCols()); c++ {
		arr, err := takeArray(ctx, b.Column(c), lpos)
		if err != nil {
			return nil, err
		}
		cols = append(cols, arr)
	}
	for c, f := range l.innerSchema.Fields() {
		parts := make([]arrow.Array, len(pieces))
		for i, p := range pieces {
			if p == nil {
				parts[i] = array.MakeArrayOfNull(memory.DefaultAllocator, f.Type, 1)
			} else {
				parts[i] = p.Column(c)
				parts[i].Retain()
			}
		}
		arr, err := concat(parts, f.Type)
		releaseArrays(parts)
		if err != nil {
			return nil, err
		}
		cols = append(cols, arr)
	}
	return array.NewRecordBatch(l.schema, cols, int64(len(lpos))), nil
}
