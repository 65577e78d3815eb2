package types

import (
	"math"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
)

// The interval field bits of a qualifier typmod (PostgreSQL's
// INTERVAL_MASK of each field), as the grammar gives them for
// `interval '90' day` or `interval '1-2' year to month`.
const (
	intervalMonth  = 1 << 1
	intervalYear   = 1 << 2
	intervalDay    = 1 << 3
	intervalHour   = 1 << 10
	intervalMinute = 1 << 11
	intervalSecond = 1 << 12
	intervalAll    = 0x7FFF
)

// intervalFieldUnits are the qualifier's fields from the smallest up, with
// the unit word a bare number in that field means.
var intervalFieldUnits = []struct {
	bit  int
	unit string
}{
	{intervalSecond, "second"}, {intervalMinute, "minute"}, {intervalHour, "hour"},
	{intervalDay, "day"}, {intervalMonth, "month"}, {intervalYear, "year"},
}

// IsIntervalQualifier tells whether the typmods of an interval type name
// carry a field qualifier or a seconds precision.
func IsIntervalQualifier(typmods []int) bool {
	return len(typmods) > 0 && (typmods[0] != intervalAll || len(typmods) > 1)
}

// ParseIntervalQualified reads interval input under a field qualifier, as
// PostgreSQL reads `interval '90' day`: a bare number counts in the
// qualifier's smallest field, 'Y-M' is years and months, 'D H...' starts
// with days, and the fields below the smallest one are dropped ('1 day
// 3 hours' day is 1 day); a seconds precision rounds the microseconds.
func ParseIntervalQualified(text string, typmods []int) (arrow.MonthDayNanoInterval, error) {
	mask := typmods[0]
	smallest := smallestField(mask)
	v, err := parseQualifiedText(strings.ToLower(strings.TrimSpace(text)), smallest)
	if err != nil {
		return v, err
	}
	v = truncateInterval(v, smallest.bit)
	if len(typmods) > 1 && smallest.bit == intervalSecond {
		v = roundIntervalSeconds(v, typmods[1])
	}
	return v, nil
}

func smallestField(mask int) struct {
	bit  int
	unit string
} {
	for _, f := range intervalFieldUnits {
		if mask&f.bit != 0 {
			return f
		}
	}
	return intervalFieldUnits[0]
}

// parseQualifiedText reads the SQL-standard forms a qualifier allows, and
// everything else as plain interval input.
func parseQualifiedText(text string, smallest struct {
	bit  int
	unit string
}) (arrow.MonthDayNanoInterval, error) {
	fields := strings.Fields(text)
	if len(fields) == 1 && isBareNumber(fields[0]) {
		return ParseInterval(fields[0] + " " + smallest.unit)
	}
	if len(fields) == 1 && (smallest.bit == intervalMonth || smallest.bit == intervalYear) {
		if years, months, ok := strings.Cut(fields[0], "-"); ok && years != "" && isBareNumber(years) && isBareNumber(months) {
			return ParseInterval(years + " years " + months + " months")
		}
	}
	if len(fields) == 2 && isBareNumber(fields[0]) && smallest.bit&(intervalHour|intervalMinute|intervalSecond) != 0 {
		rest := fields[1]
		if isBareNumber(rest) {
			rest += " " + smallest.unit
		}
		return ParseInterval(fields[0] + " days " + rest)
	}
	return ParseInterval(text)
}

func isBareNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && !strings.ContainsAny(s, "eEnN")
}

// truncateInterval drops the parts of v below the field bit.
func truncateInterval(v arrow.MonthDayNanoInterval, bit int) arrow.MonthDayNanoInterval {
	const hour, minute = int64(3600e9), int64(60e9)
	switch bit {
	case intervalYear:
		return arrow.MonthDayNanoInterval{Months: v.Months / 12 * 12}
	case intervalMonth:
		return arrow.MonthDayNanoInterval{Months: v.Months}
	case intervalDay:
		v.Nanoseconds = 0
	case intervalHour:
		v.Nanoseconds -= v.Nanoseconds % hour
	case intervalMinute:
		v.Nanoseconds -= v.Nanoseconds % minute
	}
	return v
}

// roundIntervalSeconds rounds the time part to precision fractional
// digits of a second (0 to 6), half away from zero as PostgreSQL does.
func roundIntervalSeconds(v arrow.MonthDayNanoInterval, precision int) arrow.MonthDayNanoInterval {
	if precision < 0 || precision >= 6 {
		return v
	}
	step := int64(math.Pow10(6-precision)) * 1000
	q, r := v.Nanoseconds/step, v.Nanoseconds%step
	if 2*r >= step {
		q++
	} else if 2*r <= -step {
		q--
	}
	v.Nanoseconds = q * step
	return v
}
