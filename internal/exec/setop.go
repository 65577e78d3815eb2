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
// copies as the operation allows (one without ALL). NULLs compare equal.
// Its tables of rows are accounted against the query's memory budget.
type SetOp struct {
	left, right Operator
	intersect   bool
	all         bool
	counts      map[string]int // right rows not yet used up
	emitted     map[string]bool
	built       bool
	mem         *Reservation
}

// setEntryBytes is roughly what a table entry of a SetOp takes beyond its
// row's encoding.
const setEntryBytes = 64

// NewSetOp returns INTERSECT (intersect true) or EXCEPT of left and right.
func NewSetOp(left, right Operator, intersect, all bool) *SetOp {
	return &SetOp{left: left, right: right, intersect: intersect, all: all}
}

// Schema implements Operator.
func (s *SetOp) Schema() *arrow.Schema { return s.left.Schema() }

// Close implements Operator.
func (s *SetOp) Close() error {
	s.counts, s.emitted = nil, nil
	if s.mem != nil {
		s.mem.Release()
	}
	return errors.Join(s.left.Close(), s.right.Close())
}

// Next implements Operator.
func (s *SetOp) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if !s.built {
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
	s.built, s.counts, s.emitted = true, map[string]int{}, map[string]bool{}
	s.mem = BudgetOf(ctx).Reserve(strings.ToLower(s.name()))
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
		err = s.count(b)
		b.Release()
		if err != nil {
			return err
		}
	}
}

func (s *SetOp) name() string {
	if s.intersect {
		return "INTERSECT"
	}
	return "EXCEPT"
}

// count adds a right batch's rows to the counts.
func (s *SetOp) count(b arrow.RecordBatch) error {
	var grown int64
	for r := 0; r < int(b.NumRows()); r++ {
		k := rowKey(b, r)
		if _, seen := s.counts[k]; !seen {
			grown += setEntryBytes + int64(len(k))
		}
		s.counts[k]++
	}
	return s.mem.Grow(grown)
}

// keep picks the rows of a left batch the operation lets through.
func (s *SetOp) keep(b arrow.RecordBatch) ([]int64, error) {
	var rows []int64
	var grown int64
	for r := 0; r < int(b.NumRows()); r++ {
		k := rowKey(b, r)
		if s.take(k) {
			rows = append(rows, int64(r))
			if !s.all {
				grown += setEntryBytes + int64(len(k))
			}
		}
	}
	return rows, s.mem.Grow(grown)
}

func (s *SetOp) take(k string) bool {
	if !s.all {
		if s.emitted[k] || (s.counts[k] > 0) != s.intersect {
			return false
		}
		s.emitted[k] = true
		return true
	}
	if s.counts[k] > 0 {
		s.counts[k]--
		return s.intersect
	}
	return !s.intersect
}

// rowKey encodes a whole row, NULLs included, for set comparisons.
func rowKey(b arrow.RecordBatch, r int) string {
	var key []byte
	for _, c := range b.Columns() {
		key = appendKey(key, c, r)
	}
	return string(key)
}
