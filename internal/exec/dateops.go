package exec

import (
	"math"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
)

// truncKernel is date_trunc(field, timestamp or timestamptz): weeks start
// on Monday, decades, centuries and millennia as PostgreSQL counts them
// (the 21st century began in 2001).
func truncKernel(typeName string) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		names, at := textAt(args[0]), micros(args[1])
		return strict(timestampBuilder(k), k, args, func(i int) (arrow.Timestamp, error) {
			u := truncUnit(names.Value(i))
			t, ok := truncateTime(breakMicros(at(i)), u)
			if !ok {
				return 0, unitError(names.Value(i), u, typeName)
			}
			return arrow.Timestamp(t), nil
		})
	}
}

// truncateTime zeroes the fields below u and returns the microseconds.
func truncateTime(b brokenTime, u dateUnit) (int64, bool) {
	y, m, d := b.year, b.month, b.day
	clock := int64((b.hour*60+b.minute)*60+b.second)*microsPerSec + b.usec
	switch u {
	case unitWeek:
		monday := b.t.AddDate(0, 0, -((b.weekday() + 6) % 7))
		y, m, d, clock = monday.Year(), int(monday.Month()), monday.Day(), 0
	case unitMillennium, unitCentury, unitDecade, unitYear:
		y, m, d, clock = truncYear(y, u), 1, 1, 0
	case unitQuarter:
		m, d, clock = 3*((m-1)/3)+1, 1, 0
	case unitMonth:
		d, clock = 1, 0
	case unitDay:
		clock = 0
	case unitHour:
		clock -= clock % (3600 * microsPerSec)
	case unitMinute:
		clock -= clock % (60 * microsPerSec)
	case unitSecond:
		clock -= clock % microsPerSec
	case unitMillisecond:
		clock -= clock % 1000
	case unitMicrosecond:
	default:
		return 0, false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).UnixMicro() + clock, true
}

// truncYear is the first year of a year's decade, century or millennium.
func truncYear(y int, u dateUnit) int {
	switch u {
	case unitMillennium:
		if y > 0 {
			return ((y+999)/1000)*1000 - 999
		}
		return -((999-(y-1))/1000)*1000 + 1
	case unitCentury:
		if y > 0 {
			return ((y+99)/100)*100 - 99
		}
		return -((99-(y-1))/100)*100 + 1
	case unitDecade:
		if y > 0 {
			return (y / 10) * 10
		}
		return -((8 - (y - 1)) / 10) * 10
	}
	return y
}

// intervalTruncKernel is date_trunc(field, interval).
func intervalTruncKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	names, ivs := textAt(args[0]), args[1].(*array.MonthDayNanoInterval)
	return strict(intervalBuilder(k), k, args, func(i int) (arrow.MonthDayNanoInterval, error) {
		u := truncUnit(names.Value(i))
		p, ok := truncateParts(splitInterval(ivs.Value(i)), u)
		if !ok {
			err := unitError(names.Value(i), u, "interval")
			if u == unitWeek {
				err = err.WithDetail("Months usually have fractional weeks.")
			}
			return arrow.MonthDayNanoInterval{}, err
		}
		return p.interval(), nil
	})
}

// truncateParts zeroes an interval's fields below u, falling through
// from u to the seconds as PostgreSQL's interval_trunc does.
func truncateParts(p intervalParts, u dateUnit) (intervalParts, bool) {
	switch u {
	case unitMillisecond:
		p.micros = p.micros / 1000 * 1000
		return p, true
	case unitMicrosecond:
		return p, true
	}
	steps := []struct {
		unit dateUnit
		zero func()
	}{
		{unitMillennium, func() { p.years = p.years / 1000 * 1000 }},
		{unitCentury, func() { p.years = p.years / 100 * 100 }},
		{unitDecade, func() { p.years = p.years / 10 * 10 }},
		{unitYear, func() { p.months = 0 }},
		{unitQuarter, func() { p.months = 3 * (p.months / 3) }},
		{unitMonth, func() { p.days = 0 }},
		{unitDay, func() { p.hours = 0 }},
		{unitHour, func() { p.minutes = 0 }},
		{unitMinute, func() { p.micros %= microsPerSec }},
		{unitSecond, func() { p.micros -= p.micros % microsPerSec }},
	}
	found := false
	for _, s := range steps {
		found = found || s.unit == u
		if found {
			s.zero()
		}
	}
	return p, found
}

func (p intervalParts) interval() arrow.MonthDayNanoInterval {
	t := (p.hours*3600+p.minutes*60)*microsPerSec + p.micros
	return arrow.MonthDayNanoInterval{Months: int32(p.years*12 + p.months), Days: int32(p.days), Nanoseconds: t * 1000}
}

// ageKernel is age(a, b): a - b in years, months and days, as PostgreSQL
// subtracts field by field and borrows from the next larger field.
func ageKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	a, b := micros(args[0]), micros(args[1])
	return strict(intervalBuilder(k), k, args, func(i int) (arrow.MonthDayNanoInterval, error) {
		return age(a(i), b(i)), nil
	})
}

func age(x, y int64) arrow.MonthDayNanoInterval {
	t1, t2 := breakMicros(x), breakMicros(y)
	f := []int64{t1.usec - t2.usec, int64(t1.second - t2.second), int64(t1.minute - t2.minute),
		int64(t1.hour - t2.hour), int64(t1.day - t2.day), int64(t1.month - t2.month), int64(t1.year - t2.year)}
	negative := x < y
	if negative {
		for i := range f {
			f[i] = -f[i]
		}
	}
	limits := []int64{microsPerSec, 60, 60, 24}
	for i, l := range limits {
		for f[i] < 0 {
			f[i] += l
			f[i+1]--
		}
	}
	ref := t2
	if negative {
		ref = t1
	}
	for f[4] < 0 {
		f[4] += int64(daysIn(ref.year, time.Month(ref.month)))
		f[5]--
	}
	for f[5] < 0 {
		f[5] += 12
		f[6]--
	}
	if negative {
		for i := range f {
			f[i] = -f[i]
		}
	}
	clock := ((f[3]*60+f[2])*60+f[1])*microsPerSec + f[0]
	return arrow.MonthDayNanoInterval{Months: int32(f[6]*12 + f[5]), Days: int32(f[4]), Nanoseconds: clock * 1000}
}

// calendarDate checks a year (negative ones are BC, there is no year 0),
// month and day, and gives the date's midnight.
func calendarDate(year, month, day int64) (time.Time, error) {
	y := year
	if y < 0 {
		y++
	}
	bad := year == 0 || month < 1 || month > 12 || day < 1 || day > int64(daysIn(int(y), time.Month(max(month, 1))))
	if bad {
		return time.Time{}, sqlstate.New(sqlstate.DatetimeFieldOverflow, "date field value out of range: %d-%02d-%02d", year, month, day)
	}
	return time.Date(int(y), time.Month(month), int(day), 0, 0, 0, 0, time.UTC), nil
}

// clockMicros checks a time of day (24:00:00 is allowed) and gives its
// microseconds.
func clockMicros(hour, minute int64, sec float64) (int64, error) {
	if hour < 0 || minute < 0 || minute > 59 || math.IsNaN(sec) || sec < 0 || sec > 60 || hour > 24 ||
		hour == 24 && (minute > 0 || sec > 0) {
		secText := strconv.FormatFloat(sec, 'g', 6, 64)
		if len(secText) < 2 {
			secText = "0" + secText
		}
		return 0, sqlstate.New(sqlstate.DatetimeFieldOverflow, "time field value out of range: %d:%02d:%s", hour, minute, secText)
	}
	return (hour*60+minute)*60*microsPerSec + int64(math.RoundToEven(sec*1e6)), nil
}

func makeDateKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	y, m, d := intAt(args[0]), intAt(args[1]), intAt(args[2])
	return strict(dateBuilder(k), k, args, func(i int) (arrow.Date32, error) {
		t, err := calendarDate(y(i), m(i), d(i))
		return arrow.Date32FromTime(t), err
	})
}

func makeTimeKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	h, m, s := intAt(args[0]), intAt(args[1]), floatAt(args[2])
	b := array.NewTime64Builder(k.Mem, timeType.(*arrow.Time64Type))
	return strict(b, k, args, func(i int) (arrow.Time64, error) {
		v, err := clockMicros(h(i), m(i), s[i])
		if v > microsPerDay && err == nil {
			v = microsPerDay
		}
		return arrow.Time64(v), err
	})
}

// makeTimestampKernel is make_timestamp and make_timestamptz (in UTC).
func makeTimestampKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	parts := make([]func(int) int64, 5)
	for j := range parts {
		parts[j] = intAt(args[j])
	}
	secs := floatAt(args[5])
	return strict(timestampBuilder(k), k, args, func(i int) (arrow.Timestamp, error) {
		day, err := calendarDate(parts[0](i), parts[1](i), parts[2](i))
		if err != nil {
			return 0, err
		}
		clock, err := clockMicros(parts[3](i), parts[4](i), secs[i])
		return arrow.Timestamp(day.UnixMicro() + clock), err
	})
}

// makeIntervalOverloads is make_interval(years, months, weeks, days,
// hours, mins, secs), each argument defaulting to 0.
func makeIntervalOverloads() []*Overload {
	all := []SQLType{tInt4, tInt4, tInt4, tInt4, tInt4, tInt4, tFloat8}
	out := make([]*Overload, 0, len(all)+1)
	for n := 0; n <= len(all); n++ {
		o := fn("make_interval", all[:n], returns(intervalType), makeIntervalKernel)
		o.ParamNames = makeIntervalParams[:n]
		out = append(out, o)
	}
	return out
}

// makeIntervalParams are make_interval's parameter names, for calls that
// name their arguments.
var makeIntervalParams = []string{"years", "months", "weeks", "days", "hours", "mins", "secs"}

func makeIntervalKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	ints := make([]func(int) int64, min(len(args), 6))
	for j := range ints {
		ints[j] = intAt(args[j])
	}
	return strict(intervalBuilder(k), k, args, func(i int) (arrow.MonthDayNanoInterval, error) {
		v := make([]int64, 6)
		for j, f := range ints {
			v[j] = f(i)
		}
		secs := 0.0
		if len(args) == 7 {
			secs = floatAt(args[6])[i]
		}
		months, days := v[0]*12+v[1], v[2]*7+v[3]
		t := float64((v[4]*60+v[5])*60*microsPerSec) + math.RoundToEven(secs*1e6)
		if months > math.MaxInt32 || months < math.MinInt32 || days > math.MaxInt32 || days < math.MinInt32 ||
			math.IsNaN(t) || math.Abs(t) >= 9.2e18 {
			return arrow.MonthDayNanoInterval{}, sqlstate.New(sqlstate.DatetimeFieldOverflow, "interval out of range")
		}
		return arrow.MonthDayNanoInterval{Months: int32(months), Days: int32(days), Nanoseconds: int64(t) * 1000}, nil
	})
}

// intervalMap is a function of one interval.
func intervalMap(f func(arrow.MonthDayNanoInterval) arrow.MonthDayNanoInterval) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		ivs := args[0].(*array.MonthDayNanoInterval)
		return strict(intervalBuilder(k), k, args, func(i int) (arrow.MonthDayNanoInterval, error) {
			return f(ivs.Value(i)), nil
		})
	}
}

// justifyDays turns each 30 days into a month, keeping signs consistent.
func justifyDays(v arrow.MonthDayNanoInterval) arrow.MonthDayNanoInterval {
	whole := v.Days / 30
	v.Days -= whole * 30
	v.Months += whole
	switch {
	case v.Months > 0 && v.Days < 0:
		v.Days += 30
		v.Months--
	case v.Months < 0 && v.Days > 0:
		v.Days -= 30
		v.Months++
	}
	return v
}

// justifyHours turns each 24 hours into a day, keeping signs consistent.
func justifyHours(v arrow.MonthDayNanoInterval) arrow.MonthDayNanoInterval {
	t := v.Nanoseconds / 1000
	whole := t / microsPerDay
	t -= whole * microsPerDay
	v.Days += int32(whole)
	switch {
	case v.Days > 0 && t < 0:
		t += microsPerDay
		v.Days--
	case v.Days < 0 && t > 0:
		t -= microsPerDay
		v.Days++
	}
	v.Nanoseconds = t * 1000
	return v
}

// justifyInterval is justify_hours then justify_days, with every part
// given the same sign.
func justifyInterval(v arrow.MonthDayNanoInterval) arrow.MonthDayNanoInterval {
	t := v.Nanoseconds / 1000
	if v.Days > 0 && t > 0 || v.Days < 0 && t < 0 {
		whole := v.Days / 30
		v.Days -= whole * 30
		v.Months += whole
	}
	wholeDays := t / microsPerDay
	t -= wholeDays * microsPerDay
	v.Days += int32(wholeDays)
	whole := v.Days / 30
	v.Days -= whole * 30
	v.Months += whole
	switch {
	case v.Months > 0 && (v.Days < 0 || v.Days == 0 && t < 0):
		v.Days += 30
		v.Months--
	case v.Months < 0 && (v.Days > 0 || v.Days == 0 && t > 0):
		v.Days -= 30
		v.Months++
	}
	switch {
	case v.Days > 0 && t < 0:
		t += microsPerDay
		v.Days--
	case v.Days < 0 && t > 0:
		t -= microsPerDay
		v.Days++
	}
	v.Nanoseconds = t * 1000
	return v
}

// epochToTimestampKernel is to_timestamp(seconds since 1970).
func epochToTimestampKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	secs := floatAt(args[0])
	const postgresEpoch = 946684800
	return strict(timestampBuilder(k), k, args, func(i int) (arrow.Timestamp, error) {
		s := secs[i]
		switch {
		case math.IsNaN(s):
			return 0, sqlstate.New(sqlstate.DatetimeFieldOverflow, "timestamp cannot be NaN")
		case s < -210866803200 || s >= 9224318016000:
			return 0, sqlstate.New(sqlstate.DatetimeFieldOverflow, "timestamp out of range: \"%s\"", strconv.FormatFloat(s, 'g', 6, 64))
		}
		return arrow.Timestamp(int64(math.RoundToEven((s-postgresEpoch)*1e6)) + postgresEpoch*microsPerSec), nil
	})
}
