package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/expr"
)

// DistinctOn keeps the first row of each run of rows with equal keys (NULLs
// equal): over input sorted by the keys first, that is SELECT DISTINCT ON's
// one row per distinct key.
type DistinctOn struct {
	input   Operator
	keys    []expr.Expr
	last    string // the key of the last row passed on
	started bool
}

// NewDistinctOn returns the operator over sorted input.
func NewDistinctOn(input Operator, keys []expr.Expr) *DistinctOn {
	return &DistinctOn{input: input, keys: keys}
}

// Schema implements Operator.
func (d *DistinctOn) Schema() *arrow.Schema { return d.input.Schema() }

// Close implements Operator.
func (d *DistinctOn) Close() error { return d.input.Close() }

// Next implements Operator.
func (d *DistinctOn) Next(ctx context.Context) (arrow.RecordBatch, error) {
	for {
		b, err := d.input.Next(ctx)
		if err != nil {
			return nil, err
		}
		out, err := d.firsts(ctx, b)
		b.Release()
		if err != nil || out.NumRows() > 0 {
			return out, err
		}
		out.Release()
	}
}

// firsts keeps the rows of a batch that start a new key.
func (d *DistinctOn) firsts(ctx context.Context, b arrow.RecordBatch) (arrow.RecordBatch, error) {
	keys, err := evalArgs(ctx, d.keys, b)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(keys)
	var rows []int64
	for r := 0; r < int(b.NumRows()); r++ {
		k := outerKey(keys, r)
		if !d.started || k != d.last {
			rows = append(rows, int64(r))
			d.started, d.last = true, k
		}
	}
	return takeRows(ctx, b, rows)
}
