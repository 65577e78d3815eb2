package exec

import (
	"math"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
)

const (
	microsPerDay = int64(24 * time.Hour / time.Microsecond)
	microsPerSec = int64(time.Second / time.Microsecond)
)

var (
	dateType        = arrow.FixedWidthTypes.Date32
	timeType        = arrow.FixedWidthTypes.Time64us
	timestampType   = &arrow.TimestampType{Unit: arrow.Microsecond}
	timestamptzType = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	intervalType    = arrow.FixedWidthTypes.MonthDayNanoInterval
)

// temporalOperators are + - * / on dates, times, timestamps and
// intervals, typed as PostgreSQL types them: date ± integer is a date,
// date - date an integer, date ± interval a timestamp, timestamp -
// timestamp an interval.
var temporalOperators = []*Overload{
	op("+", params(tDate, tInt4), returns(dateType), dateAddDays(0, 1, 1)),
	op("+", params(tInt4, tDate), returns(dateType), dateAddDays(1, 0, 1)),
	op("-", params(tDate, tInt4), returns(dateType), dateAddDays(0, 1, -1)),
	op("-", params(tDate, tDate), returns(int4), dateDiffKernel),
	op("+", params(tDate, tTime), returns(timestampType), dateAddTime(0, 1)),
	op("+", params(tTime, tDate), returns(timestampType), dateAddTime(1, 0)),
	op("+", params(tDate, tInterval), returns(timestampType), addIntervalKernel(0, 1, 1)),
	op("+", params(tInterval, tDate), returns(timestampType), addIntervalKernel(1, 0, 1)),
	op("-", params(tDate, tInterval), returns(timestampType), addIntervalKernel(0, 1, -1)),
	op("+", params(tTimestamp, tInterval), returns(timestampType), addIntervalKernel(0, 1, 1)),
	op("+", params(tInterval, tTimestamp), returns(timestampType), addIntervalKernel(1, 0, 1)),
	op("-", params(tTimestamp, tInterval), returns(timestampType), addIntervalKernel(0, 1, -1)),
	withVolatility(Stable, op("+", params(tTimestamptz, tInterval), sameAsFirst, zonedAddIntervalKernel(0, 1, 1))),
	withVolatility(Stable, op("+", params(tInterval, tTimestamptz), sameAsSecond, zonedAddIntervalKernel(1, 0, 1))),
	withVolatility(Stable, op("-", params(tTimestamptz, tInterval), sameAsFirst, zonedAddIntervalKernel(0, 1, -1))),
	op("-", params(tTimestamp, tTimestamp), returns(intervalType), timestampDiffKernel),
	op("-", params(tTimestamptz, tTimestamptz), returns(intervalType), timestampDiffKernel),
	op("+", params(tTime, tInterval), returns(timeType), timeAddInterval(1)),
	op("-", params(tTime, tInterval), returns(timeType), timeAddInterval(-1)),
	op("-", params(tTime, tTime), returns(intervalType), timeDiffKernel),
	op("+", params(tInterval, tInterval), returns(intervalType), intervalAdd(1)),
	op("-", params(tInterval, tInterval), returns(intervalType), intervalAdd(-1)),
	op("-", params(tInterval), returns(intervalType), intervalNegate),
	op("*", params(tInterval, tFloat8), returns(intervalType), intervalScale(0, 1, false)),
	op("*", params(tFloat8, tInterval), returns(intervalType), intervalScale(1, 0, false)),
	op("/", params(tInterval, tFloat8), returns(intervalType), intervalScale(0, 1, true)),
}

// dateAddDays is date ± days; d and n are the argument positions of the
// date and the number of days.
func dateAddDays(d, n int, sign int64) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		dates, days := args[d].(*array.Date32), intAt(args[n])
		return strict(dateBuilder(k), k, args, func(i int) (arrow.Date32, error) {
			v := int64(dates.Value(i)) + sign*days(i)
			if v < math.MinInt32 || v > math.MaxInt32 {
				return 0, sqlstate.New(sqlstate.DatetimeFieldOverflow, "date out of range")
			}
			return arrow.Date32(v), nil
		})
	}
}

func dateDiffKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	a, b := args[0].(*array.Date32), args[1].(*array.Date32)
	return strict(int32Builder(k), k, args, func(i int) (int32, error) { return int32(a.Value(i) - b.Value(i)), nil })
}

// micros reads a date, timestamp or timestamptz column as microseconds
// since 2000-01-01's Unix epoch counterpart (1970-01-01 00:00 UTC).
func micros(a arrow.Array) func(i int) int64 {
	if d, ok := a.(*array.Date32); ok {
		return func(i int) int64 { return int64(d.Value(i)) * microsPerDay }
	}
	ts := a.(*array.Timestamp)
	return func(i int) int64 { return int64(ts.Value(i)) }
}

func dateAddTime(d, t int) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		days, clock := micros(args[d]), args[t].(*array.Time64)
		return strict(timestampBuilder(k), k, args, func(i int) (arrow.Timestamp, error) {
			return arrow.Timestamp(days(i) + int64(clock.Value(i))), nil
		})
	}
}

// addIntervalKernel is a date, timestamp or timestamptz ± an interval, as
// addInterval adds; ts and iv are the operands' positions.
func addIntervalKernel(ts, iv int, sign int64) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		at, ivs := micros(args[ts]), args[iv].(*array.MonthDayNanoInterval)
		return strict(timestampBuilder(k), k, args, func(i int) (arrow.Timestamp, error) {
			t := time.UnixMicro(at(i)).UTC()
			return arrow.Timestamp(addInterval(t, ivs.Value(i), sign).UnixMicro()), nil
		})
	}
}

// zonedAddIntervalKernel is a timestamptz ± an interval as PostgreSQL
// adds them: months and days to the wall-clock time in the session's
// zone (a day may have 23 or 25 hours), the time part to the instant.
func zonedAddIntervalKernel(ts, iv int, sign int64) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		at, ivs, loc := micros(args[ts]), args[iv].(*array.MonthDayNanoInterval), k.zone()
		return strict(timestampBuilder(k), k, args, func(i int) (arrow.Timestamp, error) {
			return arrow.Timestamp(addIntervalInZone(loc, at(i), ivs.Value(i), sign)), nil
		})
	}
}

// addIntervalInZone adds an interval to a timestamptz as
// zonedAddIntervalKernel does; the infinities stay infinite.
func addIntervalInZone(loc *time.Location, at int64, v arrow.MonthDayNanoInterval, sign int64) int64 {
	if !finite(at) {
		return at
	}
	wall := time.UnixMicro(wallMicros(loc, at)).UTC()
	moved := addInterval(wall, arrow.MonthDayNanoInterval{Months: v.Months, Days: v.Days}, sign)
	return instantMicros(loc, moved.UnixMicro()) + sign*v.Nanoseconds/1000
}

// addInterval adds months (keeping the day within the new month, as
// PostgreSQL does: January 31 plus a month is February's last day), then
// days, then the time part.
func addInterval(t time.Time, iv arrow.MonthDayNanoInterval, sign int64) time.Time {
	if iv.Months != 0 {
		t = addMonths(t, int(sign)*int(iv.Months))
	}
	t = t.AddDate(0, 0, int(sign)*int(iv.Days))
	return t.Add(time.Duration(sign * iv.Nanoseconds))
}

// addMonths moves a time by whole months, clamping the day to the new
// month's length.
func addMonths(t time.Time, months int) time.Time {
	m := int(t.Month()) - 1 + months
	year := t.Year() + floorDiv(m, 12)
	month := time.Month(m - floorDiv(m, 12)*12 + 1)
	day := min(t.Day(), daysIn(year, month))
	return time.Date(year, month, day, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// timestampDiffKernel is timestamp - timestamp: days and a time part, as
// PostgreSQL's timestamp_mi gives them (not justified into months).
func timestampDiffKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	a, b := micros(args[0]), micros(args[1])
	return strict(intervalBuilder(k), k, args, func(i int) (arrow.MonthDayNanoInterval, error) {
		diff := a(i) - b(i)
		return arrow.MonthDayNanoInterval{Days: int32(diff / microsPerDay), Nanoseconds: diff % microsPerDay * 1000}, nil
	})
}

// timeAddInterval is time ± interval: the interval's time part, modulo a day.
func timeAddInterval(sign int64) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		clock, ivs := args[0].(*array.Time64), args[1].(*array.MonthDayNanoInterval)
		b := array.NewTime64Builder(k.Mem, timeType.(*arrow.Time64Type))
		return strict(b, k, args, func(i int) (arrow.Time64, error) {
			v := (int64(clock.Value(i)) + sign*ivs.Value(i).Nanoseconds/1000) % microsPerDay
			if v < 0 {
				v += microsPerDay
			}
			return arrow.Time64(v), nil
		})
	}
}

func timeDiffKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	a, b := args[0].(*array.Time64), args[1].(*array.Time64)
	return strict(intervalBuilder(k), k, args, func(i int) (arrow.MonthDayNanoInterval, error) {
		return arrow.MonthDayNanoInterval{Nanoseconds: int64(a.Value(i)-b.Value(i)) * 1000}, nil
	})
}

func intervalAdd(sign int32) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		a, b := args[0].(*array.MonthDayNanoInterval), args[1].(*array.MonthDayNanoInterval)
		return strict(intervalBuilder(k), k, args, func(i int) (arrow.MonthDayNanoInterval, error) {
			x, y := a.Value(i), b.Value(i)
			return arrow.MonthDayNanoInterval{Months: x.Months + sign*y.Months, Days: x.Days + sign*y.Days,
				Nanoseconds: x.Nanoseconds + int64(sign)*y.Nanoseconds}, nil
		})
	}
}

func intervalNegate(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	a := args[0].(*array.MonthDayNanoInterval)
	return strict(intervalBuilder(k), k, args, func(i int) (arrow.MonthDayNanoInterval, error) {
		x := a.Value(i)
		return arrow.MonthDayNanoInterval{Months: -x.Months, Days: -x.Days, Nanoseconds: -x.Nanoseconds}, nil
	})
}

// intervalScale is interval * float8 (or / when divide), with
// PostgreSQL's cascade of fractional months into days and fractional days
// into time (a month counting 30 days).
func intervalScale(iv, f int, divide bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		ivs, factors := args[iv].(*array.MonthDayNanoInterval), floatAt(args[f])
		return strict(intervalBuilder(k), k, args, func(i int) (arrow.MonthDayNanoInterval, error) {
			factor := factors[i]
			scale := func(x float64) float64 { return x * factor }
			if divide {
				if factor == 0 {
					return arrow.MonthDayNanoInterval{}, divisionByZero()
				}
				scale = func(x float64) float64 { return x / factor }
			}
			return scaleInterval(ivs.Value(i), scale)
		})
	}
}

func scaleInterval(v arrow.MonthDayNanoInterval, scale func(float64) float64) (arrow.MonthDayNanoInterval, error) {
	months, days := scale(float64(v.Months)), scale(float64(v.Days))
	if math.IsNaN(months) || math.Abs(months) > math.MaxInt32 || math.IsNaN(days) || math.Abs(days) > math.MaxInt32 {
		return v, sqlstate.New(sqlstate.DatetimeFieldOverflow, "interval out of range")
	}
	out := arrow.MonthDayNanoInterval{Months: int32(months), Days: int32(days)}
	monthDays := tsRound((months - float64(out.Months)) * 30)
	secs := tsRound((days - float64(out.Days) + monthDays - float64(int32(monthDays))) * 86400)
	if math.Abs(secs) >= 86400 {
		out.Days += int32(secs / 86400)
		secs -= float64(int32(secs/86400)) * 86400
	}
	out.Days += int32(monthDays)
	t := math.RoundToEven(scale(float64(v.Nanoseconds/1000)) + secs*float64(microsPerSec))
	if math.IsNaN(t) || math.Abs(t) >= math.MaxInt64 {
		return v, sqlstate.New(sqlstate.DatetimeFieldOverflow, "interval out of range")
	}
	out.Nanoseconds = int64(t) * 1000
	return out, nil
}
