package types

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/extensions"
)

// FormatText renders the value at row (which must not be NULL) exactly as
// PostgreSQL renders its counterpart type in text output format with the
// default styles (DefaultStyle). timestamptz values are shown in loc.
func FormatText(arr arrow.Array, row int, loc *time.Location) string {
	return FormatStyled(arr, row, DefaultStyle(loc))
}

// FormatStyled is FormatText in a session's output styles.
func FormatStyled(arr arrow.Array, row int, style Style) string {
	switch a := arr.(type) {
	case *array.Boolean:
		if a.Value(row) {
			return "t"
		}
		return "f"
	case *array.Int8:
		return strconv.FormatInt(int64(a.Value(row)), 10)
	case *array.Int16:
		return strconv.FormatInt(int64(a.Value(row)), 10)
	case *array.Int32:
		return strconv.FormatInt(int64(a.Value(row)), 10)
	case *array.Int64:
		return strconv.FormatInt(a.Value(row), 10)
	case *array.Uint8:
		return strconv.FormatUint(uint64(a.Value(row)), 10)
	case *array.Uint16:
		return strconv.FormatUint(uint64(a.Value(row)), 10)
	case *array.Uint32:
		return strconv.FormatUint(uint64(a.Value(row)), 10)
	case *array.Uint64:
		return strconv.FormatUint(a.Value(row), 10)
	case *array.Float32:
		return style.formatFloat(float64(a.Value(row)), 32)
	case *array.Float64:
		return style.formatFloat(a.Value(row), 64)
	case *array.String:
		return a.Value(row)
	case *array.LargeString:
		return a.Value(row)
	case *array.Binary:
		return style.formatBytea(a.Value(row))
	case *array.LargeBinary:
		return style.formatBytea(a.Value(row))
	case *array.Decimal128:
		return a.Value(row).ToString(a.DataType().(*arrow.Decimal128Type).Scale)
	case *array.Decimal256:
		return a.Value(row).ToString(a.DataType().(*arrow.Decimal256Type).Scale)
	case *array.Date32:
		return style.formatDate32(a.Value(row))
	case *array.Date64:
		return style.formatDate(a.Value(row).ToTime())
	case *array.Timestamp:
		return style.formatTimestamp(a, row)
	case *array.Time64:
		if a.Value(row) == arrow.Time64(86400e6) && a.DataType().(*arrow.Time64Type).Unit == arrow.Microsecond {
			return "24:00:00" // the end of the day, which time input allows
		}
		return formatTimeOfDay(a.Value(row).ToTime(a.DataType().(*arrow.Time64Type).Unit))
	case *array.Time32:
		return formatTimeOfDay(a.Value(row).ToTime(a.DataType().(*arrow.Time32Type).Unit))
	case *array.MonthDayNanoInterval:
		v := a.Value(row)
		return style.formatInterval(v.Months, v.Days, v.Nanoseconds/1000)
	case *extensions.UUIDArray:
		return a.Value(row).String()
	case array.ExtensionArray:
		return FormatStyled(a.Storage(), row, style)
	case *array.FixedSizeBinary:
		return style.formatBytea(a.Value(row))
	case *array.List:
		return formatArray(a, row, style)
	case *array.Struct:
		return formatRecord(a, row, style)
	}
	return arr.ValueStr(row)
}

// FormatFloat renders a float as PostgreSQL does with extra_float_digits = 1:
// the shortest digits that read back to the same value (PostgreSQL's Ryu
// code, which never picks a candidate lying exactly halfway between two
// floats), in exponential form when the decimal exponent is below -4 or at
// least the type's precision (15 digits for double precision, 6 for real).
func FormatFloat(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0"
		}
		return "0"
	}
	e := shortestE(f, bits)
	mark := strings.IndexByte(e, 'e')
	exp, _ := strconv.Atoi(e[mark+1:])
	limit := 15
	if bits == 32 {
		limit = 6
	}
	if exp < -4 || exp >= limit {
		return e
	}
	return fixedFromE(e[:mark], exp)
}

// shortestE is the shortest round-trip form of f in exponential notation,
// longer when Go's shortest forms lie exactly on the halfway point to a
// neighbouring float (Go accepts such bounds; PostgreSQL does not).
func shortestE(f float64, bits int) string {
	s := strconv.FormatFloat(f, 'e', -1, bits)
	mantissa := s[:strings.IndexByte(s, 'e')]
	digits := len(strings.TrimLeft(strings.Replace(mantissa, ".", "", 1), "-"))
	for ; onHalfway(s, f, bits) && digits < 17; digits++ {
		s = strconv.FormatFloat(f, 'e', digits, bits)
	}
	return s
}

// onHalfway tells whether the decimal s lies exactly halfway between f and
// the neighbouring float on its side.
func onHalfway(s string, f float64, bits int) bool {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return false
	}
	exact := new(big.Rat).SetFloat64(f)
	cmp := r.Cmp(exact)
	if cmp == 0 {
		return false
	}
	dir := math.Inf(cmp)
	var next float64
	if bits == 32 {
		next = float64(math.Nextafter32(float32(f), float32(dir)))
	} else {
		next = math.Nextafter(f, dir)
	}
	if math.IsInf(next, 0) {
		return false
	}
	mid := new(big.Rat).Add(exact, new(big.Rat).SetFloat64(next))
	mid.Quo(mid, big.NewRat(2, 1))
	return r.Cmp(mid) == 0
}

// fixedFromE writes the digits of an exponential mantissa ("-1.2345") in
// fixed notation for a decimal exponent, adding or dropping no digit.
func fixedFromE(mantissa string, exp int) string {
	sign := ""
	if strings.HasPrefix(mantissa, "-") {
		sign, mantissa = "-", mantissa[1:]
	}
	digits := strings.Replace(mantissa, ".", "", 1)
	point := exp + 1
	switch {
	case point <= 0:
		return sign + "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		return sign + digits + strings.Repeat("0", point-len(digits))
	}
	return sign + digits[:point] + "." + digits[point:]
}

func formatTimeOfDay(t time.Time) string {
	return t.Format("15:04:05.999999")
}

// formatOffset renders a UTC offset as PostgreSQL does: +00, -03, +05:30.
func formatOffset(t time.Time) string {
	_, secs := t.Zone()
	return offsetName(secs)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// formatClock renders a signed duration in microseconds as [-]hh:mm:ss[.ffffff].
func formatClock(micros int64) string {
	sign := ""
	if micros < 0 {
		sign, micros = "-", -micros
	}
	secs := micros / 1_000_000
	out := fmt.Sprintf("%s%02d:%02d:%02d", sign, secs/3600, secs/60%60, secs%60)
	if frac := micros % 1_000_000; frac != 0 {
		out += strings.TrimRight(fmt.Sprintf(".%06d", frac), "0")
	}
	return out
}
