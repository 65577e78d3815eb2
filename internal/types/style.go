package types

import (
	"encoding/hex"
	"math"
	"strconv"
	"strings"
	"time"
)

// Style is how a session writes values as text: its time zone and
// PostgreSQL's DateStyle, IntervalStyle, extra_float_digits and
// bytea_output. Binary format does not depend on it.
type Style struct {
	Zone      *time.Location // timestamptz values are shown in it
	Dates     DateStyle
	Order     DateOrder // the field order of SQL and Postgres dates, and of date input
	Intervals IntervalStyle
	// ExtraFloatDigits above 0 gives the shortest exact float output;
	// otherwise floats are rounded to 15 (double) or 6 (real) digits
	// plus ExtraFloatDigits.
	ExtraFloatDigits int
	ByteaEscape      bool // bytea_output = escape rather than hex
}

// DateStyle is the output half of the DateStyle setting.
type DateStyle int

// The output styles of DateStyle.
const (
	ISODates DateStyle = iota
	SQLDates
	PostgresDates
	GermanDates
)

// DateOrder is the field order half of the DateStyle setting.
type DateOrder int

// The field orders of DateStyle.
const (
	MDY DateOrder = iota
	DMY
	YMD
)

// IntervalStyle is the IntervalStyle setting.
type IntervalStyle int

// The values of IntervalStyle.
const (
	PostgresIntervals IntervalStyle = iota
	VerboseIntervals
	SQLStandardIntervals
	ISO8601Intervals
)

// DefaultStyle is PostgreSQL's default output (DateStyle "ISO, MDY",
// IntervalStyle postgres, extra_float_digits 1, bytea_output hex) with
// timestamptz values shown in loc.
func DefaultStyle(loc *time.Location) Style {
	return Style{Zone: loc, ExtraFloatDigits: 1}
}

// formatFloat is float4out and float8out: the shortest exact digits when
// extra_float_digits is above 0, else %.*g with 15 or 6 digits plus
// extra_float_digits (at least 1).
func (s Style) formatFloat(f float64, bits int) string {
	if s.ExtraFloatDigits > 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return FormatFloat(f, bits)
	}
	digits := 15
	if bits == 32 {
		digits = 6
	}
	return strconv.FormatFloat(f, 'g', max(digits+s.ExtraFloatDigits, 1), 64)
}

// formatBytea is byteaout: \x and hex digits, or in escape style the
// printable ASCII bytes as they are, backslash doubled and the others as
// \ooo octal.
func (s Style) formatBytea(b []byte) string {
	if !s.ByteaEscape {
		return `\x` + hex.EncodeToString(b)
	}
	var out strings.Builder
	for _, c := range b {
		switch {
		case c == '\\':
			out.WriteString(`\\`)
		case c < 0x20 || c > 0x7e:
			out.WriteByte('\\')
			out.WriteByte('0' + c>>6)
			out.WriteByte('0' + c>>3&7)
			out.WriteByte('0' + c&7)
		default:
			out.WriteByte(c)
		}
	}
	return out.String()
}
