package exec

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
)

// SetOp computes INTERSECT or EXCEPT [ALL]: it counts the right input's
// rows, then streams the left input keeping, per distinct row, as many
// copies as the operation allows (one without ALL). Rows are told apart
// by the hash aggregation's row keys, so NULLs compare equal. The counts
// are reserved from the query's memory budget.
type SetOp struct {
	left, right Operator
	intersect   bool
	all         bool
	rows        *groupTable // numbers the distinct rows of both inputs
	keys        rowKeys
	ids         []int32
	counts      []int  // per distinct row: right rows not yet used up
	emitted     []bool // per distinct row: already kept once (without ALL)
	memory      *Reservation
}

// NewSetOp returns INTERSECT (intersect true) or EXCEPT of left and right.
func NewSetOp(left, right Operator, intersect, all bool) *SetOp {
	return &SetOp{left: left, right: right, intersect: intersect, all: all}
}

// Schema implements Operator.
func (s *SetOp) Schema() *arrow.Schema { return s.left.Schema() }

// Close implements Operator.
func (s *SetOp) Close() error {
	if s.memory != nil {
		s.memory.Release()
	}
	return errors.Join(s.left.Close(), s.right.Close())
}

// Next implements Operator.
func (s *SetOp) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if s.rows == nil {
		if err := s.countRight(ctx); err != nil {
			return nil, err
		}
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		b, err := s.left.Next(ctx)
		if err != nil {
			return nil, err
		}
		keep, err := s.keep(b)
		if err != nil {
			b.Release()
			return nil, err
		}
		out, err := takeRows(ctx, b, keep)
		b.Release()
		if err != nil {
			return nil, err
		}
		if out.NumRows() > 0 {
			return out, nil
		}
		out.Release()
	}
}

func (s *SetOp) countRight(ctx context.Context) error {
	s.rows, s.memory = newGroupTable(), BudgetOf(ctx).Reserve(strings.ToLower(s.name()))
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, err := s.right.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		err = s.number(b)
		b.Release()
		if err != nil {
			return err
		}
		for _, id := range s.ids {
			s.counts[id]++
		}
	}
}

func (s *SetOp) name() string {
	if s.intersect {
		return "INTERSECT"
	}
	return "EXCEPT"
}

// number gives every row of a batch its distinct row's id in s.ids.
func (s *SetOp) number(b arrow.RecordBatch) error {
	s.keys.encode(b.Columns(), int(b.NumRows()))
	s.ids, _ = s.rows.assign(&s.keys, s.ids)
	s.counts = resized(s.counts, s.rows.len())
	s.emitted = resized(s.emitted, s.rows.len())
	held := s.rows.size() + sizeOf(s.counts) + sizeOf(s.emitted) + int64(cap(s.keys.buf))
	return s.memory.Grow(held - s.memory.Held())
}

// keep picks the rows of a left batch the operation lets through.
func (s *SetOp) keep(b arrow.RecordBatch) ([]int64, error) {
	if err := s.number(b); err != nil {
		return nil, err
	}
	var rows []int64
	for r, id := range s.ids {
		if s.take(id) {
			rows = append(rows, int64(r))
		}
	}
	return rows, nil
}

func (s *SetOp) take(id int32) bool {
	if !s.all {
		if s.emitted[id] || (s.counts[id] > 0) != s.intersect {
			return false
		}
		s.emitted[id] = true
		return true
	}
	if s.counts[id] > 0 {
		s.counts[id]--
		return s.intersect
	}
	return !s.intersect
}
