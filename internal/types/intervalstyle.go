package types

import (
	"fmt"
	"strconv"
	"strings"
)

// intervalFields are an interval's fields as PostgreSQL's interval2itm
// splits it: each carries the sign of the part it comes from.
type intervalFields struct {
	year, mon, day, hour, min, sec, micros int64
}

func splitInterval(months, days int32, micros int64) intervalFields {
	return intervalFields{year: int64(months / 12), mon: int64(months % 12), day: int64(days),
		hour: micros / 3_600_000_000, min: micros / 60_000_000 % 60, sec: micros / 1_000_000 % 60,
		micros: micros % 1_000_000}
}

// formatInterval is EncodeInterval in the session's IntervalStyle.
func (s Style) formatInterval(months, days int32, micros int64) string {
	f := splitInterval(months, days, micros)
	switch s.Intervals {
	case VerboseIntervals:
		return f.verbose()
	case SQLStandardIntervals:
		return f.sqlStandard()
	case ISO8601Intervals:
		return f.iso8601()
	}
	return postgresInterval(months, days, micros)
}

// postgresInterval renders an interval in the postgres style: "1 year 2
// mons 3 days 04:05:06.5", "-1 mons +2 days", "00:00:00". A positive part
// after a negative one gets a "+".
func postgresInterval(months, days int32, micros int64) string {
	var parts []string
	negativeBefore := false
	unit := func(n int64, singular, plural string) {
		if n == 0 {
			return
		}
		name, sign := plural, ""
		if n == 1 {
			name = singular
		}
		if negativeBefore && n > 0 {
			sign = "+"
		}
		parts = append(parts, sign+strconv.FormatInt(n, 10)+" "+name)
		negativeBefore = n < 0
	}
	unit(int64(months/12), "year", "years")
	unit(int64(months%12), "mon", "mons")
	unit(int64(days), "day", "days")
	if micros != 0 || len(parts) == 0 {
		clock := formatClock(micros)
		if micros > 0 && negativeBefore {
			clock = "+" + clock
		}
		parts = append(parts, clock)
	}
	return strings.Join(parts, " ")
}

// verbose is the postgres_verbose style: "@ 1 year 2 mons 3 hours 4.5
// secs", the sign of the first field given by a trailing "ago" and the
// others' relative to it.
func (f intervalFields) verbose() string {
	out := "@"
	zero, before := true, false
	part := func(v int64, unit string) {
		if v == 0 {
			return
		}
		if zero {
			before, v = v < 0, abs64(v)
		} else if before {
			v = -v
		}
		out += " " + strconv.FormatInt(v, 10) + " " + unit
		if v != 1 {
			out += "s"
		}
		zero = false
	}
	part(f.year, "year")
	part(f.mon, "mon")
	part(f.day, "day")
	part(f.hour, "hour")
	part(f.min, "min")
	if f.sec != 0 || f.micros != 0 {
		out += " "
		if f.sec < 0 || (f.sec == 0 && f.micros < 0) {
			if zero {
				before = true
			} else if !before {
				out += "-"
			}
		} else if before {
			out += "-"
		}
		out += seconds(f.sec, f.micros, false) + " sec"
		if abs64(f.sec) != 1 || f.micros != 0 {
			out += "s"
		}
		zero = false
	}
	if zero {
		out += " 0"
	}
	if before {
		out += " ago"
	}
	return out
}

// sqlStandard is the sql_standard style: "1-2" for years and months,
// "3 4:05:06" for days and time, one leading sign; an interval mixing
// signs or both kinds of field is written "+1-2 +3 +4:05:06".
func (f intervalFields) sqlStandard() string {
	fields := []int64{f.year, f.mon, f.day, f.hour, f.min, f.sec, f.micros}
	negative, positive := false, false
	for _, v := range fields {
		negative, positive = negative || v < 0, positive || v > 0
	}
	yearMonth := f.year != 0 || f.mon != 0
	dayTime := f.day != 0 || f.hour != 0 || f.min != 0 || f.sec != 0 || f.micros != 0
	standard := !(negative && positive) && !(yearMonth && dayTime)
	sign := ""
	if negative && standard {
		sign = "-"
		f = intervalFields{-f.year, -f.mon, -f.day, -f.hour, -f.min, -f.sec, -f.micros}
	}
	clock := fmt.Sprintf("%d:%02d:", f.hour, abs64(f.min)) + seconds(f.sec, f.micros, true)
	switch {
	case !negative && !positive:
		return "0"
	case !standard:
		return fmt.Sprintf("%c%d-%d %c%d %c%d:%02d:", signOf(f.year < 0 || f.mon < 0), abs64(f.year), abs64(f.mon),
			signOf(f.day < 0), abs64(f.day), signOf(f.hour < 0 || f.min < 0 || f.sec < 0 || f.micros < 0),
			abs64(f.hour), abs64(f.min)) + seconds(f.sec, f.micros, true)
	case yearMonth:
		return sign + fmt.Sprintf("%d-%d", f.year, f.mon)
	case f.day != 0:
		return sign + fmt.Sprintf("%d ", f.day) + clock
	}
	return sign + clock
}

// iso8601 is the iso_8601 style: P1Y2M3DT4H5M6.5S, PT0S for zero.
func (f intervalFields) iso8601() string {
	if f == (intervalFields{}) {
		return "PT0S"
	}
	out := "P"
	part := func(v int64, unit string) {
		if v != 0 {
			out += strconv.FormatInt(v, 10) + unit
		}
	}
	part(f.year, "Y")
	part(f.mon, "M")
	part(f.day, "D")
	if f.hour != 0 || f.min != 0 || f.sec != 0 || f.micros != 0 {
		out += "T"
	}
	part(f.hour, "H")
	part(f.min, "M")
	if f.sec != 0 || f.micros != 0 {
		if f.sec < 0 || f.micros < 0 {
			out += "-"
		}
		out += seconds(f.sec, f.micros, false) + "S"
	}
	return out
}

// seconds is AppendSeconds: the seconds and their fraction without sign
// or trailing zeros, two digits at least when fill is set.
func seconds(sec, micros int64, fill bool) string {
	out := strconv.FormatInt(abs64(sec), 10)
	if fill && len(out) < 2 {
		out = "0" + out
	}
	if micros != 0 {
		out += strings.TrimRight(fmt.Sprintf(".%06d", abs64(micros)), "0")
	}
	return out
}

func signOf(negative bool) byte {
	if negative {
		return '-'
	}
	return '+'
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
