package postgres

import (
	"math"
	"math/big"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/jackc/pgx/v5/pgtype"

	"auger/internal/types"
)

// batchSource is the pgx.CopyFromSource of a copyWriter: the rows of the
// batches received from the channel, each value converted to what pgx
// encodes for its column.
type batchSource struct {
	batches <-chan arrow.RecordBatch
	abort   <-chan struct{}
	batch   arrow.RecordBatch
	values  []func(row int) any
	row     int
	out     []any
	err     error
}

// Next implements pgx.CopyFromSource.
func (s *batchSource) Next() bool {
	for s.batch == nil || s.row+1 >= int(s.batch.NumRows()) {
		if !s.nextBatch() {
			return false
		}
	}
	s.row++
	return true
}

// nextBatch releases the current batch and waits for the next one.
func (s *batchSource) nextBatch() bool {
	s.release()
	select {
	case b, ok := <-s.batches:
		if !ok {
			return false
		}
		s.batch, s.row = b, -1
		s.values = make([]func(int) any, b.NumCols())
		for i, col := range b.Columns() {
			s.values[i] = valueOf(col)
		}
		s.out = make([]any, b.NumCols())
		return true
	case <-s.abort:
		s.err = errAborted
		return false
	}
}

// release lets go of the current batch.
func (s *batchSource) release() {
	if s.batch != nil {
		s.batch.Release()
		s.batch = nil
	}
}

// Values implements pgx.CopyFromSource.
func (s *batchSource) Values() ([]any, error) {
	for i, v := range s.values {
		s.out[i] = v(s.row)
	}
	return s.out, nil
}

// Err implements pgx.CopyFromSource.
func (s *batchSource) Err() error { return s.err }

// valueOf returns the function giving a column's value at a row as pgx
// encodes it in binary format (nil for NULL): the direction opposite to
// the decoders'.
func valueOf(col arrow.Array) func(row int) any {
	v := nonNull(col)
	return func(row int) any {
		if col.IsNull(row) {
			return nil
		}
		return v(row)
	}
}

// nonNull is valueOf for rows known not to be NULL. The common types of a
// load have their own conversions; the others take the wire's (lists as
// arrays, ...).
func nonNull(col arrow.Array) func(row int) any {
	switch a := col.(type) {
	case *array.Int16:
		return func(i int) any { return a.Value(i) }
	case *array.Int32:
		return func(i int) any { return a.Value(i) }
	case *array.Int64:
		return func(i int) any { return a.Value(i) }
	case *array.Float64:
		return func(i int) any { return a.Value(i) }
	case *array.String:
		return func(i int) any { return a.Value(i) }
	case *array.Uint64:
		return func(i int) any { return pgtype.Numeric{Int: new(big.Int).SetUint64(a.Value(i)), Valid: true} }
	case *array.Date32:
		return func(i int) any { return dateValue(a.Value(i)) }
	case *array.Time64:
		// 24:00:00 is a time of day of its own, not midnight.
		if a.DataType().(*arrow.Time64Type).Unit == arrow.Microsecond {
			return func(i int) any { return pgtype.Time{Microseconds: int64(a.Value(i)), Valid: true} }
		}
	case *array.Timestamp:
		return timestampValue(a)
	case *array.Decimal128:
		exp := -a.DataType().(*arrow.Decimal128Type).Scale
		return func(i int) any { return pgtype.Numeric{Int: a.Value(i).BigInt(), Exp: exp, Valid: true} }
	case *extensions.JSONArray:
		return func(i int) any { return a.Storage().(*array.String).Value(i) }
	case array.ExtensionArray:
		if s, ok := a.Storage().(*array.String); ok && !isNumeric(a) {
			return func(i int) any { return s.Value(i) }
		}
	}
	return func(i int) any { return types.NewCell(col, i, types.Style{}).Native() }
}

func isNumeric(a arrow.Array) bool {
	_, ok := a.(*types.NumericArray)
	return ok
}

// dateValue is a date, PostgreSQL's infinities included.
func dateValue(d arrow.Date32) pgtype.Date {
	switch int32(d) {
	case math.MaxInt32:
		return pgtype.Date{InfinityModifier: pgtype.Infinity, Valid: true}
	case math.MinInt32:
		return pgtype.Date{InfinityModifier: pgtype.NegativeInfinity, Valid: true}
	}
	return pgtype.Date{Time: time.Unix(int64(d)*86400, 0).UTC(), Valid: true}
}

// timestampValue converts timestamps of any unit, the infinities included,
// to pgtype's timestamptz (for a time zone) or timestamp values.
func timestampValue(a *array.Timestamp) func(int) any {
	dt := a.DataType().(*arrow.TimestampType)
	zoned := dt.TimeZone != ""
	return func(i int) any {
		v := a.Value(i)
		var inf pgtype.InfinityModifier
		var t time.Time
		switch int64(v) {
		case math.MaxInt64:
			inf = pgtype.Infinity
		case math.MinInt64:
			inf = pgtype.NegativeInfinity
		default:
			t = v.ToTime(dt.Unit)
		}
		if zoned {
			return pgtype.Timestamptz{Time: t, InfinityModifier: inf, Valid: true}
		}
		return pgtype.Timestamp{Time: t, InfinityModifier: inf, Valid: true}
	}
}
