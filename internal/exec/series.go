package exec

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

func zeroStep() error {
	return sqlstate.New("22023", "step size cannot equal zero")
}

// newSeries is generate_series(start, stop [, step]) for each row: no row
// when an argument is NULL. A timestamptz series steps in zone loc.
func newSeries(args []arrow.Array, typ arrow.DataType, loc *time.Location) (setGenerator, error) {
	switch {
	case typ.ID() == arrow.INT32 || typ.ID() == arrow.INT64:
		return newIntSeries(args, typ)
	case typ.ID() == arrow.TIMESTAMP:
		return newTimeSeries(args, typ, loc)
	case typ == types.Numeric:
		return newNumericSeries(args)
	}
	return nil, fmt.Errorf("generate_series of %s", typ)
}

// int64s reads an integer column as int64s.
func int64s(arr arrow.Array) func(i int) int64 {
	switch a := arr.(type) {
	case *array.Int32:
		return func(i int) int64 { return int64(a.Value(i)) }
	case *array.Int64:
		return a.Value
	}
	return func(int) int64 { return 0 }
}

// intSeries is generate_series over integers.
type intSeries struct {
	typ    arrow.DataType
	starts []int64
	steps  []int64
	counts []int
}

func newIntSeries(args []arrow.Array, typ arrow.DataType) (*intSeries, error) {
	rows := args[0].Len()
	s := &intSeries{typ: typ, starts: make([]int64, rows), steps: make([]int64, rows), counts: make([]int, rows)}
	start, stop := int64s(args[0]), int64s(args[1])
	for r := 0; r < rows; r++ {
		if anyNull(args, r) {
			continue
		}
		step := int64(1)
		if len(args) > 2 {
			step = int64s(args[2])(r)
		}
		if step == 0 {
			return nil, zeroStep()
		}
		s.starts[r], s.steps[r] = start(r), step
		s.counts[r] = intSeriesLength(start(r), stop(r), step)
	}
	return s, nil
}

// intSeriesLength counts start, start+step, ... up to stop without
// overflowing.
func intSeriesLength(start, stop, step int64) int {
	switch {
	case step > 0 && stop >= start:
		return int((uint64(stop)-uint64(start))/uint64(step)) + 1
	case step < 0 && stop <= start:
		return int((uint64(start)-uint64(stop))/(uint64(-(step+1))+1)) + 1
	}
	return 0
}

func (s *intSeries) count(r int) int { return s.counts[r] }

func (s *intSeries) values(_ context.Context, spans []span) (arrow.Array, error) {
	b := array.NewBuilder(memory.DefaultAllocator, s.typ)
	defer b.Release()
	for _, sp := range spans {
		for k := sp.from; k < sp.to; k++ {
			v := s.starts[sp.row] + int64(k)*s.steps[sp.row]
			if s.typ.ID() == arrow.INT32 {
				b.(*array.Int32Builder).Append(int32(v))
			} else {
				b.(*array.Int64Builder).Append(v)
			}
		}
	}
	return b.NewArray(), nil
}

func (s *intSeries) release() {}

// numericSeries is generate_series over exact numbers: each value after
// the first has the larger of the start's and the step's scales, as
// PostgreSQL's numeric addition gives it.
type numericSeries struct {
	starts, steps []types.Decimal
	counts        []int
}

func newNumericSeries(args []arrow.Array) (*numericSeries, error) {
	rows := args[0].Len()
	s := &numericSeries{starts: make([]types.Decimal, rows), steps: make([]types.Decimal, rows), counts: make([]int, rows)}
	readers := make([]func(int) types.Decimal, len(args))
	for i, a := range args {
		read, err := decimalReader(a)
		if err != nil {
			return nil, err
		}
		readers[i] = read
	}
	for r := 0; r < rows; r++ {
		if anyNull(args, r) {
			continue
		}
		step := types.Decimal{Unscaled: big.NewInt(1)}
		if len(args) > 2 {
			step = readers[2](r)
		}
		if step.Unscaled.Sign() == 0 {
			return nil, zeroStep()
		}
		s.starts[r], s.steps[r] = readers[0](r), step
		s.counts[r] = numericSeriesLength(s.starts[r], readers[1](r), step)
	}
	return s, nil
}

func numericSeriesLength(start, stop, step types.Decimal) int {
	q := new(big.Rat).Quo(new(big.Rat).Sub(ratOf(stop), ratOf(start)), ratOf(step))
	if q.Sign() < 0 {
		return 0
	}
	return int(new(big.Int).Quo(q.Num(), q.Denom()).Int64()) + 1
}

func (s *numericSeries) count(r int) int { return s.counts[r] }

func (s *numericSeries) values(_ context.Context, spans []span) (arrow.Array, error) {
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	for _, sp := range spans {
		start, step := s.starts[sp.row], s.steps[sp.row]
		for k := sp.from; k < sp.to; k++ {
			v := start
			if k > 0 {
				v = types.AddDecimal(start, types.MulDecimal(step, types.Decimal{Unscaled: big.NewInt(int64(k))}))
			}
			b.Append(v.String())
		}
	}
	storage := b.NewArray()
	defer storage.Release()
	return array.NewExtensionArrayWithStorage(types.Numeric, storage), nil
}

func (s *numericSeries) release() {}

// timeSeries is generate_series over timestamps with an interval step,
// each value the previous plus the step (so a month after January 31 is
// the last of February, and the next the 29th of March). A step of a
// fixed length is a number of microseconds, and its values are computed
// as they are read; a step of months (or, for timestamptz, of days, which
// a daylight-saving change lengthens or shortens) is walked once per row.
type timeSeries struct {
	typ    arrow.DataType
	fixed  *intSeries // the rows with a step of a fixed length
	walked [][]int64  // the values of the rows stepped by months
}

func newTimeSeries(args []arrow.Array, typ arrow.DataType, loc *time.Location) (*timeSeries, error) {
	rows := args[0].Len()
	s := &timeSeries{typ: typ, walked: make([][]int64, rows),
		fixed: &intSeries{starts: make([]int64, rows), steps: make([]int64, rows), counts: make([]int, rows)}}
	starts, stops := args[0].(*array.Timestamp), args[1].(*array.Timestamp)
	steps := args[2].(*array.MonthDayNanoInterval)
	zoned := isTimestamptz(typ)
	for r := 0; r < rows; r++ {
		if anyNull(args, r) {
			continue
		}
		step := steps.Value(r)
		if intervalCompare(step, arrow.MonthDayNanoInterval{}) == 0 {
			return nil, zeroStep()
		}
		start, stop := int64(starts.Value(r)), int64(stops.Value(r))
		if step.Months == 0 && (step.Days == 0 || !zoned) {
			micros := int64(step.Days)*microsPerDay + step.Nanoseconds/1000
			s.fixed.starts[r], s.fixed.steps[r] = start, micros
			s.fixed.counts[r] = intSeriesLength(start, stop, micros)
			continue
		}
		next := func(v int64) int64 { return addInterval(time.UnixMicro(v).UTC(), step, 1).UnixMicro() }
		if zoned {
			next = func(v int64) int64 { return addIntervalInZone(loc, v, step, 1) }
		}
		s.walked[r] = walk(start, stop, intervalCompare(step, arrow.MonthDayNanoInterval{}) > 0, next)
	}
	return s, nil
}

// walk lists start, next(start), ... up to stop (down to it unless up).
func walk(start, stop int64, up bool, next func(int64) int64) []int64 {
	var out []int64
	for v := start; ; v = next(v) {
		if (up && v > stop) || (!up && v < stop) {
			return out
		}
		out = append(out, v)
	}
}

func (s *timeSeries) count(r int) int { return s.fixed.counts[r] + len(s.walked[r]) }

func (s *timeSeries) values(_ context.Context, spans []span) (arrow.Array, error) {
	b := array.NewTimestampBuilder(memory.DefaultAllocator, s.typ.(*arrow.TimestampType))
	defer b.Release()
	for _, sp := range spans {
		for k := sp.from; k < sp.to; k++ {
			if s.walked[sp.row] != nil {
				b.Append(arrow.Timestamp(s.walked[sp.row][k]))
			} else {
				b.Append(arrow.Timestamp(s.fixed.starts[sp.row] + int64(k)*s.fixed.steps[sp.row]))
			}
		}
	}
	return b.NewArray(), nil
}

func (s *timeSeries) release() {}

// subscripts is generate_subscripts(array, dim [, reverse]): the valid
// subscripts of one dimension, descending with reverse.
type subscripts struct {
	lengths []int
	reverse []bool
}

func newSubscripts(args []arrow.Array) (*subscripts, error) {
	col := newArrayColumn(args[0])
	dims := args[1].(*array.Int32)
	s := &subscripts{lengths: make([]int, col.list.Len()), reverse: make([]bool, col.list.Len())}
	for r := range s.lengths {
		if col.list.IsNull(r) || dims.IsNull(r) {
			continue
		}
		v, d := col.at(r), int(dims.Value(r))
		if d >= 1 && d <= len(v.dims) {
			s.lengths[r] = v.dims[d-1]
		}
		if len(args) > 2 && args[2].IsValid(r) {
			s.reverse[r] = args[2].(*array.Boolean).Value(r)
		}
	}
	return s, nil
}

func (s *subscripts) count(r int) int { return s.lengths[r] }

func (s *subscripts) values(_ context.Context, spans []span) (arrow.Array, error) {
	b := array.NewInt32Builder(memory.DefaultAllocator)
	defer b.Release()
	for _, sp := range spans {
		for k := sp.from; k < sp.to; k++ {
			if s.reverse[sp.row] {
				b.Append(int32(s.lengths[sp.row] - k))
			} else {
				b.Append(int32(k + 1))
			}
		}
	}
	return b.NewArray(), nil
}

func (s *subscripts) release() {}
