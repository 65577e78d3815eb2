package types

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
)

// intervalUnits maps PostgreSQL's interval unit words to months, days or
// microseconds per unit.
var intervalUnits = map[string]struct{ months, days, micros int64 }{
	"year": {12, 0, 0}, "years": {12, 0, 0}, "y": {12, 0, 0},
	"mon": {1, 0, 0}, "mons": {1, 0, 0}, "month": {1, 0, 0}, "months": {1, 0, 0},
	"week": {0, 7, 0}, "weeks": {0, 7, 0}, "w": {0, 7, 0},
	"day": {0, 1, 0}, "days": {0, 1, 0}, "d": {0, 1, 0},
	"hour": {0, 0, 3600e6}, "hours": {0, 0, 3600e6}, "h": {0, 0, 3600e6},
	"minute": {0, 0, 60e6}, "minutes": {0, 0, 60e6}, "min": {0, 0, 60e6}, "mins": {0, 0, 60e6}, "m": {0, 0, 60e6},
	"second": {0, 0, 1e6}, "seconds": {0, 0, 1e6}, "sec": {0, 0, 1e6}, "secs": {0, 0, 1e6}, "s": {0, 0, 1e6},
	"millisecond": {0, 0, 1e3}, "milliseconds": {0, 0, 1e3}, "ms": {0, 0, 1e3},
	"microsecond": {0, 0, 1}, "microseconds": {0, 0, 1}, "us": {0, 0, 1},
}

// ParseInterval reads PostgreSQL's interval input in its common forms:
// "1 day", "2 hours 30 minutes", "1 year 2 mons 3 days 04:05:06.5",
// "-1 mon +2 days", "-00:01:30", "@ 1 day ago" (ago negates), and ISO
// 8601's "P1Y2M3DT4H5M6S".
func ParseInterval(text string) (arrow.MonthDayNanoInterval, error) {
	lower := strings.ToLower(strings.TrimSpace(text))
	if strings.HasPrefix(lower, "p") {
		return parseISOInterval(lower)
	}
	fields := strings.Fields(strings.TrimPrefix(lower, "@"))
	if n := len(fields); n > 1 && fields[n-1] == "ago" {
		v, err := parseIntervalFields(text, fields[:n-1])
		return arrow.MonthDayNanoInterval{Months: -v.Months, Days: -v.Days, Nanoseconds: -v.Nanoseconds}, err
	}
	return parseIntervalFields(text, fields)
}

// isoIntervalPart is one number and designator of an ISO 8601 duration.
var isoIntervalPart = regexp.MustCompile(`^([+-]?\d+(?:\.\d+)?)([ymwdhs])`)

// parseISOInterval reads an ISO 8601 duration: P, then years, months,
// weeks and days, then T and hours, minutes and seconds.
func parseISOInterval(text string) (arrow.MonthDayNanoInterval, error) {
	var out arrow.MonthDayNanoInterval
	rest, clock := text[1:], false
	if rest == "" {
		return out, fmt.Errorf("invalid interval %q", text)
	}
	for rest != "" {
		if rest[0] == 't' && !clock {
			clock, rest = true, rest[1:]
			continue
		}
		m := isoIntervalPart.FindStringSubmatch(rest)
		if m == nil {
			return out, fmt.Errorf("invalid interval %q", text)
		}
		rest = rest[len(m[0]):]
		n, _ := strconv.ParseFloat(m[1], 64)
		unit := m[2]
		if unit == "m" && !clock {
			unit = "mon"
		}
		if clock != (unit == "h" || unit == "m" || unit == "s") {
			return out, fmt.Errorf("invalid interval %q", text)
		}
		u := intervalUnits[unit]
		out = addUnits(out, n, u.months, u.days, u.micros)
	}
	return out, nil
}

// parseIntervalFields reads the numbers-and-units form, fields already
// split and lower-cased.
func parseIntervalFields(text string, fields []string) (arrow.MonthDayNanoInterval, error) {
	var out arrow.MonthDayNanoInterval
	for i := 0; i < len(fields); i++ {
		f := fields[i]
		if strings.Contains(f, ":") {
			micros, err := parseClock(f)
			if err != nil {
				return out, err
			}
			out.Nanoseconds += micros * 1000
			continue
		}
		n, err := strconv.ParseFloat(f, 64)
		if err != nil || i+1 >= len(fields) {
			return out, fmt.Errorf("invalid interval %q", text)
		}
		unit, ok := intervalUnits[fields[i+1]]
		if !ok {
			return out, fmt.Errorf("invalid interval unit %q", fields[i+1])
		}
		i++
		out = addUnits(out, n, unit.months, unit.days, unit.micros)
	}
	if len(fields) == 0 {
		return out, fmt.Errorf("invalid interval %q", text)
	}
	return out, nil
}

// addUnits adds n units of the given months, days and microseconds, a
// fraction of a month cascading into days (of 30) and a fraction of a day
// into time, as PostgreSQL's interval input does ('1.5 months' is 1 mon
// 15 days).
func addUnits(v arrow.MonthDayNanoInterval, n float64, months, days, micros int64) arrow.MonthDayNanoInterval {
	m := n * float64(months)
	d := n*float64(days) + (m-math.Trunc(m))*30
	us := n*float64(micros) + (d-math.Trunc(d))*86400e6
	v.Months += int32(m)
	v.Days += int32(d)
	v.Nanoseconds += int64(math.Round(us)) * 1000
	return v
}

// parseClock reads [-+]hh:mm[:ss[.ffffff]] as microseconds.
func parseClock(s string) (int64, error) {
	sign := int64(1)
	if strings.HasPrefix(s, "-") {
		sign, s = -1, s[1:]
	}
	s = strings.TrimPrefix(s, "+")
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("invalid time %q", s)
	}
	var micros int64
	for i, p := range parts {
		v, err := strconv.ParseFloat(p, 64)
		if err != nil {
			return 0, fmt.Errorf("invalid time %q", s)
		}
		micros += int64(v * float64([]int64{3600e6, 60e6, 1e6}[i]))
	}
	return sign * micros, nil
}
