package exec

import (
	"math"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// inRange is PostgreSQL's in_range support function for a RANGE frame
// offset: it tells whether the ORDER BY key of row val is at most (less)
// or at least (!less) the key of row base minus (sub) or plus the offset.
// Both keys are non-NULL. A negative offset fails when first used.
type inRange func(val, base int, sub, less bool) (bool, error)

// newInRange builds the test for an ORDER BY key column and a one-value
// offset array of the type the planner chose for it.
func newInRange(key, offset arrow.Array) (inRange, error) {
	switch key.(type) {
	case *array.Int16, *array.Int32, *array.Int64:
		return intInRange(key, offset)
	case *array.Float32, *array.Float64:
		return floatInRange(key, offset)
	case *array.Decimal128, *array.Decimal256, *types.NumericArray:
		return decimalInRange(key, offset)
	case *array.Date32, *array.Timestamp, *array.Time64:
		return temporalInRange(key, offset)
	case *array.MonthDayNanoInterval:
		return intervalInRange(key.(*array.MonthDayNanoInterval), offset)
	}
	return nil, sqlstate.New(sqlstate.FeatureNotSupported, "RANGE with offset PRECEDING/FOLLOWING is not supported for column type %s",
		types.PostgresName(key.DataType()))
}

// failing is the test of a negative offset: PostgreSQL fails only when it
// compares two keys.
func failing(val, base int, sub, less bool) (bool, error) { return false, errFrameSize }

func intValues(arr arrow.Array) func(i int) int64 {
	switch a := arr.(type) {
	case *array.Int16:
		return func(i int) int64 { return int64(a.Value(i)) }
	case *array.Int32:
		return func(i int) int64 { return int64(a.Value(i)) }
	case *array.Int64:
		return a.Value
	}
	return nil
}

func intInRange(key, offset arrow.Array) (inRange, error) {
	keys, off := intValues(key), intValues(offset)
	if off == nil {
		return nil, errOffsetType(key, offset)
	}
	n := off(0)
	if n < 0 {
		return failing, nil
	}
	return func(val, base int, sub, less bool) (bool, error) {
		delta := n
		if sub {
			delta = -n
		}
		sum, ok := addWithin(keys(base), delta)
		if !ok {
			// The true sum lies beyond every key: above when adding.
			return sub != less, nil
		}
		if less {
			return keys(val) <= sum, nil
		}
		return keys(val) >= sum, nil
	}, nil
}

func floatReader(arr arrow.Array) func(i int) float64 {
	switch a := arr.(type) {
	case *array.Float32:
		return func(i int) float64 { return float64(a.Value(i)) }
	case *array.Float64:
		return a.Value
	}
	return nil
}

// floatInRange follows in_range_float8_float8: NaN sorts above every
// number, and an infinite offset from an infinite key reaches every row.
func floatInRange(key, offset arrow.Array) (inRange, error) {
	keys, off := floatReader(key), floatReader(offset)
	if off == nil {
		return nil, errOffsetType(key, offset)
	}
	n := off(0)
	if math.IsNaN(n) || n < 0 {
		return failing, nil
	}
	return func(val, base int, sub, less bool) (bool, error) {
		v, b := keys(val), keys(base)
		switch {
		case math.IsNaN(v) && math.IsNaN(b):
			return true, nil
		case math.IsNaN(v):
			return !less, nil
		case math.IsNaN(b):
			return less, nil
		case math.IsInf(n, 1) && math.IsInf(b, 0) && (sub == (b > 0)):
			return true, nil
		}
		sum := b + n
		if sub {
			sum = b - n
		}
		if less {
			return v <= sum, nil
		}
		return v >= sum, nil
	}, nil
}

// decimalInRange compares exact numbers exactly.
func decimalInRange(key, offset arrow.Array) (inRange, error) {
	keys, err := decimalReader(key)
	if err != nil {
		return nil, err
	}
	read, err := decimalReader(offset)
	if err != nil {
		return nil, errOffsetType(key, offset)
	}
	n := read(0)
	if n.Unscaled.Sign() < 0 {
		return failing, nil
	}
	return func(val, base int, sub, less bool) (bool, error) {
		sum := types.AddDecimal(keys(base), n)
		if sub {
			sum = types.SubDecimal(keys(base), n)
		}
		c := types.SubDecimal(keys(val), sum).Unscaled.Sign()
		if less {
			return c <= 0, nil
		}
		return c >= 0, nil
	}, nil
}

// temporalInRange moves dates and timestamps by an interval as timestamp
// + interval does, and times by the interval's time part, as
// in_range_time_interval does.
func temporalInRange(key, offset arrow.Array) (inRange, error) {
	ivs, ok := offset.(*array.MonthDayNanoInterval)
	if !ok {
		return nil, errOffsetType(key, offset)
	}
	iv := ivs.Value(0)
	micros := temporalMicros(key)
	if _, isTime := key.(*array.Time64); isTime {
		if iv.Nanoseconds < 0 {
			return failing, nil
		}
		step := iv.Nanoseconds / 1000
		return compareMoved(micros, func(base int64, sign int64) int64 { return base + sign*step }), nil
	}
	if intervalNegative(iv) {
		return failing, nil
	}
	return compareMoved(micros, func(base int64, sign int64) int64 {
		return addInterval(time.UnixMicro(base).UTC(), iv, sign).UnixMicro()
	}), nil
}

// intervalInRange moves intervals by an interval, field by field, and
// compares them as PostgreSQL compares intervals (a month is 30 days).
func intervalInRange(key *array.MonthDayNanoInterval, offset arrow.Array) (inRange, error) {
	ivs, ok := offset.(*array.MonthDayNanoInterval)
	if !ok {
		return nil, errOffsetType(key, offset)
	}
	n := ivs.Value(0)
	if intervalNegative(n) {
		return failing, nil
	}
	return func(val, base int, sub, less bool) (bool, error) {
		sign := int32(1)
		if sub {
			sign = -1
		}
		b := key.Value(base)
		sum := arrow.MonthDayNanoInterval{Months: b.Months + sign*n.Months, Days: b.Days + sign*n.Days,
			Nanoseconds: b.Nanoseconds + int64(sign)*n.Nanoseconds}
		c := intervalCompare(key.Value(val), sum)
		if less {
			return c <= 0, nil
		}
		return c >= 0, nil
	}, nil
}

// compareMoved compares a key with the base key moved by move.
func compareMoved(micros func(int) int64, move func(base, sign int64) int64) inRange {
	return func(val, base int, sub, less bool) (bool, error) {
		sign := int64(1)
		if sub {
			sign = -1
		}
		sum := move(micros(base), sign)
		if less {
			return micros(val) <= sum, nil
		}
		return micros(val) >= sum, nil
	}
}

// temporalMicros reads dates (at midnight), timestamps and times as
// microseconds.
func temporalMicros(arr arrow.Array) func(i int) int64 {
	switch a := arr.(type) {
	case *array.Date32:
		return func(i int) int64 { return int64(a.Value(i)) * microsPerDay }
	case *array.Timestamp:
		return func(i int) int64 { return int64(a.Value(i)) }
	case *array.Time64:
		return func(i int) int64 { return int64(a.Value(i)) }
	}
	return nil
}

func errOffsetType(key, offset arrow.Array) error {
	return sqlstate.New(sqlstate.FeatureNotSupported, "RANGE with offset PRECEDING/FOLLOWING is not supported for column type %s and offset type %s",
		types.PostgresName(key.DataType()), types.PostgresName(offset.DataType()))
}
