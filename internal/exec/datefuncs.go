package exec

import (
	"math/big"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/expr"
	"auger/internal/types"
)

// dateFunctions are extract and date_part, date_trunc, age, the make_*
// constructors, justify_*, isfinite, the clock, to_char and its inverses.
// Times with a time zone are read in the session's zone, UTC.
var dateFunctions = concatLists(
	[]*Overload{
		fn("extract", params(tText, tTimestamp), returns(types.Numeric), extractKernel(timestampFields("timestamp without time zone"), false)),
		fn("extract", params(tText, tDate), returns(types.Numeric), extractKernel(dateFields, false)),
		fn("extract", params(tText, tTime), returns(types.Numeric), extractKernel(timeFields, false)),
		fn("extract", params(tText, tInterval), returns(types.Numeric), extractKernel(intervalFields, false)),
		fn("date_part", params(tText, tTimestamp), returns(float8), extractKernel(timestampFields("timestamp without time zone"), true)),
		fn("date_part", params(tText, tDate), returns(float8), extractKernel(timestampFields("timestamp without time zone"), true)),
		fn("date_part", params(tText, tTime), returns(float8), extractKernel(timeFields, true)),
		fn("date_part", params(tText, tInterval), returns(float8), extractKernel(intervalFields, true)),
		fn("date_trunc", params(tText, tTimestamp), returns(timestampType), truncKernel("timestamp without time zone")),
		fn("date_trunc", params(tText, tInterval), returns(intervalType), intervalTruncKernel),
		fn("age", params(tTimestamp, tTimestamp), returns(intervalType), ageKernel),
		inlined("age", params(tTimestamp), returns(intervalType), ageSinceToday),
		inlined("age", params(tTimestamptz), returns(intervalType), ageSinceToday),
		fn("make_date", params(tInt4, tInt4, tInt4), returns(dateType), makeDateKernel),
		fn("make_time", params(tInt4, tInt4, tFloat8), returns(timeType), makeTimeKernel),
		fn("make_timestamp", params(tInt4, tInt4, tInt4, tInt4, tInt4, tFloat8), returns(timestampType), makeTimestampKernel),
		fn("justify_days", params(tInterval), returns(intervalType), intervalMap(justifyDays)),
		fn("justify_hours", params(tInterval), returns(intervalType), intervalMap(justifyHours)),
		fn("justify_interval", params(tInterval), returns(intervalType), intervalMap(justifyInterval)),
		fn("to_timestamp", params(tFloat8), returns(timestamptzType), epochToTimestampKernel),
		withVolatility(Volatile, fn("clock_timestamp", nil, returns(timestamptzType), clockKernel(true))),
	},
	makeIntervalOverloads(),
	isfiniteOverloads,
	statementClock,
	toCharFunctions,
	zonedFunctions,
)

func sameAsSecond(args []arrow.DataType) arrow.DataType { return args[1] }

// isfiniteOverloads tell whether a date or timestamp is not one of the
// infinities; intervals are always finite.
var isfiniteOverloads = func() []*Overload {
	var out []*Overload
	for _, t := range []SQLType{tDate, tTimestamp, tTimestamptz, tInterval} {
		out = append(out, fn("isfinite", params(t), returns(bool_), func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
			if args[0].DataType().ID() == arrow.INTERVAL_MONTH_DAY_NANO {
				return strict(boolBuilder(k), k, args, func(int) (bool, error) { return true, nil })
			}
			at := dateOrTimestampMicros(args[0])
			return strict(boolBuilder(k), k, args, func(i int) (bool, error) { return finite(at(i)), nil })
		}))
	}
	return out
}()

// statementClock are the functions of the statement's time: fixed for a
// whole statement, as PostgreSQL's are (current_timestamp and the others
// are the names of the SQL keywords).
var statementClock = concatLists(
	aliases([]string{"now", "current_timestamp", "statement_timestamp", "transaction_timestamp"},
		withVolatility(Stable, fn("", nil, returns(timestamptzType), clockKernel(false)))),
	[]*Overload{
		withVolatility(Stable, fn("localtimestamp", nil, returns(timestampType), clockKernel(false))),
		withVolatility(Stable, fn("current_date", nil, returns(dateType), clockKernel(false))),
		withVolatility(Stable, fn("localtime", nil, returns(timeType), clockKernel(false))),
	},
)

// clockKernel gives the statement's time (the wall clock's when live) in
// the result's type.
func clockKernel(live bool) Kernel {
	return func(k *KernelContext, _ []arrow.Array) (arrow.Array, error) {
		at := k.Now
		if live {
			at = time.Now()
		}
		if !isTimestamptz(k.Result) {
			at = time.UnixMicro(wallMicros(k.zone(), at.UnixMicro())).UTC()
		}
		switch k.Result.ID() {
		case arrow.DATE32:
			return strict(dateBuilder(k), k, nil, func(int) (arrow.Date32, error) { return arrow.Date32FromTime(at), nil })
		case arrow.TIME64:
			b := array.NewTime64Builder(k.Mem, timeType.(*arrow.Time64Type))
			day := at.Truncate(24 * time.Hour)
			return strict(b, k, nil, func(int) (arrow.Time64, error) { return arrow.Time64(at.Sub(day).Microseconds()), nil })
		}
		return strict(timestampBuilder(k), k, nil, func(int) (arrow.Timestamp, error) { return arrow.Timestamp(at.UnixMicro()), nil })
	}
}

// brokenTime is a timestamp taken apart, as PostgreSQL's struct pg_tm
// holds it: the astronomical year (0 is 1 BC), months and days from 1.
type brokenTime struct {
	year, month, day, hour, minute, second int
	usec                                   int64
	t                                      time.Time
}

func breakMicros(micros int64) brokenTime {
	t := time.UnixMicro(micros).UTC()
	usec := micros % microsPerSec
	if usec < 0 {
		usec += microsPerSec
	}
	return brokenTime{t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute(), t.Second(), usec, t}
}

// julianDay is the Julian day number of the date, PostgreSQL's date2j.
func (b brokenTime) julianDay() int64 {
	day := time.Date(b.year, time.Month(b.month), b.day, 0, 0, 0, 0, time.UTC)
	return day.Unix()/86400 + 2440588
}

func (b brokenTime) yearDay() int { return b.t.YearDay() }

func (b brokenTime) isoYearWeek() (int, int) { return b.t.ISOWeek() }

func (b brokenTime) weekday() int { return int(b.t.Weekday()) }

// microsOfSecond is the seconds field with its fraction, in microseconds.
func (b brokenTime) microsOfSecond() int64 { return int64(b.second)*microsPerSec + b.usec }

func intDecimal(v int64) types.Decimal { return types.Decimal{Unscaled: big.NewInt(v)} }

func scaledDecimal(v int64, scale int32) types.Decimal {
	return types.Decimal{Unscaled: big.NewInt(v), Scale: scale}
}

// bcYear is how extract shows a year: there is no year 0, 1 BC is -1.
func bcYear(y int) int64 {
	if y > 0 {
		return int64(y)
	}
	return int64(y) - 1
}

func decade(y int) int64 {
	if y >= 0 {
		return int64(y / 10)
	}
	return -int64((8 - (y - 1)) / 10)
}

func century(y int) int64 {
	if y > 0 {
		return int64((y + 99) / 100)
	}
	return -int64((99 - (y - 1)) / 100)
}

func millennium(y int) int64 {
	if y > 0 {
		return int64((y + 999) / 1000)
	}
	return -int64((999 - (y - 1)) / 1000)
}

// calendarField is one of the fields a date has; ok is false for others.
func calendarField(b brokenTime, u dateUnit) (int64, bool) {
	switch u {
	case unitDay:
		return int64(b.day), true
	case unitMonth:
		return int64(b.month), true
	case unitQuarter:
		return int64((b.month-1)/3 + 1), true
	case unitWeek:
		_, w := b.isoYearWeek()
		return int64(w), true
	case unitYear:
		return bcYear(b.year), true
	case unitDecade:
		return decade(b.year), true
	case unitCentury:
		return century(b.year), true
	case unitMillennium:
		return millennium(b.year), true
	case unitISOYear:
		y, _ := b.isoYearWeek()
		return bcYear(y), true
	case unitDOW:
		return int64(b.weekday()), true
	case unitISODOW:
		return int64((b.weekday()+6)%7 + 1), true
	case unitDOY:
		return int64(b.yearDay()), true
	}
	return 0, false
}

// clockField is one of the fields a time of day has.
func clockField(hour, minute int, micros int64, u dateUnit) (types.Decimal, float64, bool) {
	switch u {
	case unitMicrosecond:
		return intDecimal(micros), float64(micros), true
	case unitMillisecond:
		return scaledDecimal(micros, 3), float64(micros/microsPerSec)*1000 + float64(micros%microsPerSec)/1000, true
	case unitSecond:
		return scaledDecimal(micros, 6), float64(micros/microsPerSec) + float64(micros%microsPerSec)/1e6, true
	case unitMinute:
		return intDecimal(int64(minute)), float64(minute), true
	case unitHour:
		return intDecimal(int64(hour)), float64(hour), true
	}
	return types.Decimal{}, 0, false
}

// fieldReader gives a field of row i: its numeric value (extract) and
// its double precision value (date_part).
type fieldReader func(i int, field string) (types.Decimal, float64, error)

// fieldsOf makes the field reader of a column.
type fieldsOf func(col arrow.Array) fieldReader

// extractKernel is extract (numeric) or, when float, date_part.
func extractKernel(fields fieldsOf, float bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		return extractRows(k, args, fields(args[1]), float)
	}
}

// extractRows is extract (numeric) or, when float, date_part of every
// row, each field read by read.
func extractRows(k *KernelContext, args []arrow.Array, read fieldReader, float bool) (arrow.Array, error) {
	names := textAt(args[0])
	if float {
		return strict(float64Builder(k), k, args, func(i int) (float64, error) {
			_, v, err := read(i, names.Value(i))
			return v, err
		})
	}
	return strict(newDecimalBuilder(k), k, args, func(i int) (types.Decimal, error) {
		d, _, err := read(i, names.Value(i))
		return d, err
	})
}

// timestampFields reads the fields of timestamps (or dates read as
// timestamps); zonedExtractKernel adds timestamptz's zone fields.
func timestampFields(typeName string) fieldsOf {
	return func(col arrow.Array) fieldReader {
		at := micros(col)
		return func(i int, field string) (types.Decimal, float64, error) {
			u := extractUnit(field)
			if u == unitEpoch {
				return scaledDecimal(at(i), 6), float64(at(i)) / 1e6, nil
			}
			b := breakMicros(at(i))
			if d, f, ok := clockField(b.hour, b.minute, b.microsOfSecond(), u); ok {
				return d, f, nil
			}
			if v, ok := calendarField(b, u); ok {
				return intDecimal(v), float64(v), nil
			}
			switch {
			case u == unitJulian:
				return julianOf(b)
			}
			return types.Decimal{}, 0, unitError(field, u, typeName)
		}
	}
}

// julianOf is the Julian day with the time of day as its fraction.
func julianOf(b brokenTime) (types.Decimal, float64, error) {
	dayMicros := int64((b.hour*60+b.minute)*60+b.second)*microsPerSec + b.usec
	fraction := types.DivDecimal(intDecimal(dayMicros), intDecimal(microsPerDay))
	j := b.julianDay()
	secs := float64((b.hour*60+b.minute)*60+b.second) + float64(b.usec)/1e6
	return types.AddDecimal(intDecimal(j), fraction), float64(j) + secs/86400, nil
}

// dateFields reads the fields of dates: extract has no time fields for them.
func dateFields(col arrow.Array) fieldReader {
	dates := col.(*array.Date32)
	return func(i int, field string) (types.Decimal, float64, error) {
		u := extractUnit(field)
		days := int64(dates.Value(i))
		b := breakMicros(days * microsPerDay)
		if v, ok := calendarField(b, u); ok {
			return intDecimal(v), float64(v), nil
		}
		switch u {
		case unitJulian:
			return intDecimal(b.julianDay()), float64(b.julianDay()), nil
		case unitEpoch:
			return intDecimal(days * 86400), float64(days * 86400), nil
		}
		return types.Decimal{}, 0, unitError(field, u, "date")
	}
}

// timeFields reads the fields of times of day.
func timeFields(col arrow.Array) fieldReader {
	times := col.(*array.Time64)
	return func(i int, field string) (types.Decimal, float64, error) {
		u := extractUnit(field)
		v := int64(times.Value(i))
		if u == unitEpoch {
			return scaledDecimal(v, 6), float64(v) / 1e6, nil
		}
		hour, minute := v/(3600*microsPerSec), v/(60*microsPerSec)%60
		if d, f, ok := clockField(int(hour), int(minute), v%(60*microsPerSec), u); ok {
			return d, f, nil
		}
		return types.Decimal{}, 0, unitError(field, u, "time without time zone")
	}
}

// intervalParts is an interval taken apart as PostgreSQL's interval2itm
// does (C division: every part carries the interval's sign).
type intervalParts struct {
	years, months, days, hours, minutes int64
	micros                              int64 // the seconds field, in microseconds
}

func splitInterval(v arrow.MonthDayNanoInterval) intervalParts {
	t := v.Nanoseconds / 1000
	hours := t / (3600 * microsPerSec)
	t -= hours * 3600 * microsPerSec
	minutes := t / (60 * microsPerSec)
	return intervalParts{int64(v.Months / 12), int64(v.Months % 12), int64(v.Days), hours, minutes, t - minutes*60*microsPerSec}
}

// intervalFields reads the fields of intervals.
func intervalFields(col arrow.Array) fieldReader {
	ivs := col.(*array.MonthDayNanoInterval)
	return func(i int, field string) (types.Decimal, float64, error) {
		u := extractUnit(field)
		v := ivs.Value(i)
		p := splitInterval(v)
		if d, f, ok := clockField(int(p.hours), int(p.minutes), p.micros, u); ok {
			return d, f, nil
		}
		var n int64
		switch u {
		case unitDay:
			n = p.days
		case unitMonth:
			n = p.months
		case unitQuarter:
			n = p.months/3 + 1
		case unitYear:
			n = p.years
		case unitDecade:
			n = p.years / 10
		case unitCentury:
			n = p.years / 100
		case unitMillennium:
			n = p.years / 1000
		case unitEpoch:
			return intervalEpoch(v)
		default:
			return types.Decimal{}, 0, unitError(field, u, "interval")
		}
		return intDecimal(n), float64(n), nil
	}
}

// intervalEpoch is an interval in seconds, a year counting 365.25 days
// and a month 30.
func intervalEpoch(v arrow.MonthDayNanoInterval) (types.Decimal, float64, error) {
	months, days, t := int64(v.Months), int64(v.Days), v.Nanoseconds/1000
	secs := (1461*(months/12) + 120*(months%12) + 4*days) * (86400 / 4)
	f := float64(t)/1e6 + 365.25*86400*float64(months/12) + 30*86400*float64(months%12) + 86400*float64(days)
	return scaledDecimal(secs*microsPerSec+t, 6), f, nil
}

// ageSinceToday is age(x), which PostgreSQL defines as
// age(current_date, x), current_date read as x's type.
func ageSinceToday(args []expr.Expr) (expr.Expr, error) {
	today, err := ResolveFunction("current_date", nil)
	if err != nil {
		return nil, err
	}
	midnight := &expr.Cast{Arg: &expr.Func{Name: "current_date", Typ: today.Result, Overload: today.Overload}, To: args[0].Type()}
	both := []CallArg{{Type: args[0].Type()}, {Type: args[0].Type()}}
	res, err := ResolveFunction("age", both)
	if err != nil {
		return nil, err
	}
	return &expr.Func{Name: "age", Args: []expr.Expr{midnight, args[0]}, Typ: res.Result, Overload: res.Overload}, nil
}
