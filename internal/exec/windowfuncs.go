package exec

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/sqlstate"
)

// windowRows describes the sorted input of a Window: the peer group of
// each row (groups numbered across partitions, in row order) and where
// each group starts.
type windowRows struct {
	group      []int
	groupStart []int // one entry per group, and the row count at the end
}

// groupEnd is the position just past group g's last row.
func (r *windowRows) groupEnd(g int) int { return r.groupStart[g+1] }

// windowPartition is one partition of the sorted rows: rows [start, end),
// peer groups [firstGroup, endGroup).
type windowPartition struct {
	rows                 *windowRows
	start, end           int
	firstGroup, endGroup int
}

// windowEvaluator computes one window function, partition after partition
// in row order, and then yields its values for all rows.
type windowEvaluator interface {
	partition(p windowPartition) error
	finish(ctx context.Context) (arrow.Array, error)
	release()
}

// newEvaluator builds the evaluator of one function over its arguments
// (evaluated over the sorted rows).
func newEvaluator(f WindowFunc, args []arrow.Array, in frameInput) (windowEvaluator, error) {
	switch f.Name {
	case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist":
		return &rankEvaluator{name: f.Name, out: array.NewBuilder(memory.DefaultAllocator, f.Typ)}, nil
	case "ntile":
		return &ntileEvaluator{buckets: args[0].(*array.Int32), out: array.NewInt32Builder(memory.DefaultAllocator)}, nil
	case "lag", "lead":
		return &shiftEvaluator{name: f.Name, value: args[0], offset: args[1].(*array.Int32), fallback: args[2]}, nil
	case "first_value", "last_value", "nth_value":
		frame, err := newFrameCursor(in, f.Frame)
		if err != nil {
			return nil, err
		}
		v := &frameValueEvaluator{name: f.Name, value: args[0], frame: frame}
		if f.Name == "nth_value" {
			v.nth = args[1].(*array.Int32)
		}
		return v, nil
	}
	return newAggregateEvaluator(f, args, in)
}

// rankEvaluator numbers rows: row_number, rank, dense_rank, and the
// relative ranks percent_rank and cume_dist.
type rankEvaluator struct {
	name string
	out  array.Builder
}

func (r *rankEvaluator) partition(p windowPartition) error {
	rows := float64(p.end - p.start)
	for i := p.start; i < p.end; i++ {
		g := p.rows.group[i]
		rank := int64(p.rows.groupStart[g] - p.start + 1)
		switch r.name {
		case "row_number":
			r.out.(*array.Int64Builder).Append(int64(i - p.start + 1))
		case "rank":
			r.out.(*array.Int64Builder).Append(rank)
		case "dense_rank":
			r.out.(*array.Int64Builder).Append(int64(g - p.firstGroup + 1))
		case "percent_rank":
			pr := 0.0
			if rows > 1 {
				pr = float64(rank-1) / (rows - 1)
			}
			r.out.(*array.Float64Builder).Append(pr)
		case "cume_dist":
			r.out.(*array.Float64Builder).Append(float64(p.rows.groupEnd(g)-p.start) / rows)
		}
	}
	return nil
}

func (r *rankEvaluator) finish(context.Context) (arrow.Array, error) { return r.out.NewArray(), nil }
func (r *rankEvaluator) release()                                    { r.out.Release() }

// ntileEvaluator deals a partition's rows into buckets as PostgreSQL's
// ntile does: the first buckets get one row more when they cannot all be
// equal. A NULL bucket count gives NULL, and is asked again at the next row.
type ntileEvaluator struct {
	buckets *array.Int32
	out     *array.Int32Builder
}

func (n *ntileEvaluator) partition(p windowPartition) error {
	total := int64(p.end - p.start)
	var bucket, inBucket, boundary, remainder int64
	for i := p.start; i < p.end; i++ {
		if bucket == 0 {
			if n.buckets.IsNull(i) {
				n.out.AppendNull()
				continue
			}
			count := int64(n.buckets.Value(i))
			if count <= 0 {
				return sqlstate.New("22014", "argument of ntile must be greater than zero")
			}
			bucket, boundary, remainder = 1, total/count, total%count
			if boundary <= 0 {
				boundary, remainder = 1, 0
			} else if remainder != 0 {
				boundary++
			}
		}
		inBucket++
		if inBucket > boundary {
			if remainder != 0 && bucket == remainder {
				remainder = 0
				boundary--
			}
			bucket++
			inBucket = 1
		}
		n.out.Append(int32(bucket))
	}
	return nil
}

func (n *ntileEvaluator) finish(context.Context) (arrow.Array, error) { return n.out.NewArray(), nil }
func (n *ntileEvaluator) release()                                    { n.out.Release() }

// shiftEvaluator is lag and lead: the value offset rows before (after)
// the current one in its partition, or the default (evaluated at the
// current row) past the partition's ends. A NULL offset gives NULL; a
// negative one looks the other way.
type shiftEvaluator struct {
	name      string // lag or lead
	value     arrow.Array
	offset    *array.Int32
	fallback  arrow.Array
	positions []int64 // into value followed by fallback; -1 for NULL
}

func (s *shiftEvaluator) partition(p windowPartition) error {
	n := s.value.Len()
	for i := p.start; i < p.end; i++ {
		if s.offset.IsNull(i) {
			s.positions = append(s.positions, -1)
			continue
		}
		step := int64(s.offset.Value(i))
		if s.name == "lag" {
			step = -step
		}
		target := int64(i) + step
		if target < int64(p.start) || target >= int64(p.end) {
			target = int64(n + i)
		}
		s.positions = append(s.positions, target)
	}
	return nil
}

func (s *shiftEvaluator) finish(ctx context.Context) (arrow.Array, error) {
	both, err := array.Concatenate([]arrow.Array{s.value, s.fallback}, memory.DefaultAllocator)
	if err != nil {
		return nil, fmt.Errorf("%s default: %w", s.name, err)
	}
	defer both.Release()
	return takeColumn(ctx, both, s.positions)
}

func (s *shiftEvaluator) release() {}

// frameValueEvaluator is first_value, last_value and nth_value: the value
// at a row of the current row's frame, NULL when the frame has no such row.
type frameValueEvaluator struct {
	name      string
	value     arrow.Array
	nth       *array.Int32
	frame     *frameCursor
	spans     []rowSpan
	positions []int64
}

func (v *frameValueEvaluator) partition(p windowPartition) error {
	v.frame.reset(p)
	for i := p.start; i < p.end; i++ {
		start, end, err := v.frame.bounds(i)
		if err != nil {
			return err
		}
		v.spans = v.frame.spans(i, start, end, v.spans)
		pos, err := v.pick(i)
		if err != nil {
			return err
		}
		v.positions = append(v.positions, pos)
	}
	return nil
}

// pick finds the row of the frame's spans the function reads, or -1.
func (v *frameValueEvaluator) pick(i int) (int64, error) {
	if len(v.spans) == 0 {
		return -1, nil
	}
	switch v.name {
	case "first_value":
		return int64(v.spans[0].from), nil
	case "last_value":
		return int64(v.spans[len(v.spans)-1].to - 1), nil
	}
	if v.nth.IsNull(i) {
		return -1, nil
	}
	n := int(v.nth.Value(i))
	if n <= 0 {
		return 0, sqlstate.New("22016", "argument of nth_value must be greater than zero")
	}
	for _, s := range v.spans {
		if n <= s.to-s.from {
			return int64(s.from + n - 1), nil
		}
		n -= s.to - s.from
	}
	return -1, nil
}

func (v *frameValueEvaluator) finish(ctx context.Context) (arrow.Array, error) {
	return takeColumn(ctx, v.value, v.positions)
}

func (v *frameValueEvaluator) release() {}
