package exec

import (
	"context"
	"errors"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// RecursiveStep starts the recursive term of WITH RECURSIVE over the rows
// the previous step produced (its working table).
type RecursiveStep func(ctx context.Context, working arrow.RecordBatch) (Operator, error)

// RecursiveUnion evaluates WITH RECURSIVE: the anchor's rows, then the
// recursive term's over them, then over those, until a step yields no new
// rows. With distinct (UNION), rows already produced are dropped.
type RecursiveUnion struct {
	current  Operator // the anchor, then the running step
	step     RecursiveStep
	distinct bool
	schema   *arrow.Schema
	seen     map[string]bool
	produced []arrow.RecordBatch // this step's new rows: the next working table
	memory   *Reservation
}

// NewRecursiveUnion returns the operator; schema is the anchor's.
func NewRecursiveUnion(ctx context.Context, anchor Operator, step RecursiveStep, distinct bool, schema *arrow.Schema) *RecursiveUnion {
	return &RecursiveUnion{current: anchor, step: step, distinct: distinct, schema: schema, seen: map[string]bool{},
		memory: BudgetOf(ctx).Reserve("recursive query")}
}

// Schema implements Operator.
func (u *RecursiveUnion) Schema() *arrow.Schema { return u.schema }

// Close implements Operator.
func (u *RecursiveUnion) Close() error {
	for _, b := range u.produced {
		b.Release()
	}
	u.produced = nil
	u.memory.Release()
	if u.current == nil {
		return nil
	}
	return u.current.Close()
}

// Next implements Operator.
func (u *RecursiveUnion) Next(ctx context.Context) (arrow.RecordBatch, error) {
	for u.current != nil {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b, err := u.current.Next(ctx)
		if errors.Is(err, io.EOF) {
			if err := u.nextStep(ctx); err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		out, err := u.newRows(ctx, b)
		b.Release()
		if err != nil {
			return nil, err
		}
		if out.NumRows() == 0 {
			out.Release()
			continue
		}
		if err := u.memory.Grow(batchBytes(out)); err != nil {
			out.Release()
			return nil, err
		}
		out.Retain()
		u.produced = append(u.produced, out)
		return out, nil
	}
	return nil, io.EOF
}

// nextStep starts the recursive term over the rows the last step made, or
// ends when it made none.
func (u *RecursiveUnion) nextStep(ctx context.Context) error {
	u.current.Close()
	u.current = nil
	if len(u.produced) == 0 {
		return nil
	}
	working, _, err := concatBatches(u.schema, u.produced, nil)
	for _, b := range u.produced {
		u.memory.Shrink(batchBytes(b))
		b.Release()
	}
	u.produced = nil
	if err != nil {
		return err
	}
	defer working.Release()
	op, err := u.step(ctx, working)
	if err != nil {
		return err
	}
	u.current = op
	return nil
}

// newRows relabels a batch with the union's schema and, for UNION, keeps
// only rows not produced before.
func (u *RecursiveUnion) newRows(ctx context.Context, b arrow.RecordBatch) (arrow.RecordBatch, error) {
	relabeled := array.NewRecordBatch(u.schema, b.Columns(), b.NumRows())
	if !u.distinct {
		return relabeled, nil
	}
	defer relabeled.Release()
	var rows []int64
	for r := 0; r < int(b.NumRows()); r++ {
		k := rowKey(b, r)
		if !u.seen[k] {
			u.seen[k] = true
			rows = append(rows, int64(r))
			if err := u.memory.Grow(int64(len(k)) + 16); err != nil {
				return nil, err
			}
		}
	}
	return takeRows(ctx, relabeled, rows)
}
