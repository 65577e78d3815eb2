package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/types"
)

// ZoneDependentCast tells whether a cast reads or writes a timestamptz as
// a wall-clock time of the session's zone: between timestamptz and date,
// timestamp, time or text. Such a cast cannot be computed before the
// statement knows its session.
func ZoneDependentCast(from, to arrow.DataType) bool {
	if isTimestamptz(from) == isTimestamptz(to) {
		return false
	}
	other := from
	if isTimestamptz(from) {
		other = to
	}
	switch other.ID() {
	case arrow.DATE32, arrow.TIMESTAMP, arrow.TIME64, arrow.STRING:
		return true
	}
	return false
}

// evalZonedCast computes a zone-dependent cast in the session's zone.
func evalZonedCast(ctx context.Context, n *expr.Cast, batch arrow.RecordBatch) (compute.Datum, error) {
	args, err := evalArgs(ctx, []expr.Expr{n.Arg}, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(args)
	k := &KernelContext{Mem: compute.GetAllocator(ctx), Rows: int(batch.NumRows()), Result: n.To, Session: SessionOf(ctx)}
	var out arrow.Array
	if isTimestamptz(n.To) {
		out, err = castToTimestamptz(k, args[0])
	} else {
		out, err = castFromTimestamptz(k, args[0])
	}
	if err != nil {
		return nil, err
	}
	defer out.Release()
	return compute.NewDatum(out), nil
}

// castToTimestamptz reads dates (at midnight), timestamps and text as
// wall-clock times of the session's zone.
func castToTimestamptz(k *KernelContext, col arrow.Array) (arrow.Array, error) {
	loc := k.zone()
	if texts, ok := col.(*array.String); ok {
		return strict(timestampBuilder(k), k, []arrow.Array{col}, func(i int) (arrow.Timestamp, error) {
			s, err := types.ParseLiteralStyled(k.Result, texts.Value(i), k.Session.TextStyle())
			if err != nil {
				return 0, err
			}
			return s.(*scalar.Timestamp).Value, nil
		})
	}
	at := dateOrTimestampMicros(col)
	return strict(timestampBuilder(k), k, []arrow.Array{col}, func(i int) (arrow.Timestamp, error) {
		return arrow.Timestamp(instantMicros(loc, at(i))), nil
	})
}

// castFromTimestamptz gives a timestamptz's wall-clock time in the
// session's zone as a date, a timestamp, a time of day or text.
func castFromTimestamptz(k *KernelContext, col arrow.Array) (arrow.Array, error) {
	loc, at := k.zone(), micros(col)
	args := []arrow.Array{col}
	switch k.Result.ID() {
	case arrow.DATE32:
		return strict(dateBuilder(k), k, args, func(i int) (arrow.Date32, error) {
			return wallDate(wallMicros(loc, at(i))), nil
		})
	case arrow.TIME64:
		b := array.NewTime64Builder(k.Mem, timeType.(*arrow.Time64Type))
		return strict(b, k, args, func(i int) (arrow.Time64, error) {
			return arrow.Time64(floorMod(wallMicros(loc, at(i)), microsPerDay)), nil
		})
	case arrow.STRING:
		return strict(stringBuilder(k), k, args, func(i int) (string, error) { return types.FormatStyled(col, i, k.Session.TextStyle()), nil })
	}
	return strict(timestampBuilder(k), k, args, func(i int) (arrow.Timestamp, error) {
		return arrow.Timestamp(wallMicros(loc, at(i))), nil
	})
}

// wallDate is the date of a wall-clock time; the infinities stay infinite.
func wallDate(wall int64) arrow.Date32 {
	switch arrow.Timestamp(wall) {
	case types.TimestampInfinity:
		return types.DateInfinity
	case types.TimestampNegInfinity:
		return types.DateNegInfinity
	}
	return arrow.Date32(floorDiv64(wall, microsPerDay))
}

// dateOrTimestampMicros reads dates and timestamps as microseconds, the
// infinite dates as the infinite timestamps.
func dateOrTimestampMicros(col arrow.Array) func(int) int64 {
	if d, ok := col.(*array.Date32); ok {
		return func(i int) int64 {
			switch d.Value(i) {
			case types.DateInfinity:
				return int64(types.TimestampInfinity)
			case types.DateNegInfinity:
				return int64(types.TimestampNegInfinity)
			}
			return int64(d.Value(i)) * microsPerDay
		}
	}
	return micros(col)
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv64(a, b)*b }
