package types

import (
	"fmt"
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
// "-1 mon +2 days", "-00:01:30".
func ParseInterval(text string) (arrow.MonthDayNanoInterval, error) {
	var out arrow.MonthDayNanoInterval
	fields := strings.Fields(strings.ToLower(text))
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
		out.Months += int32(n * float64(unit.months))
		out.Days += int32(n * float64(unit.days))
		out.Nanoseconds += int64(n*float64(unit.micros)) * 1000
	}
	if len(fields) == 0 {
		return out, fmt.Errorf("invalid interval %q", text)
	}
	return out, nil
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
