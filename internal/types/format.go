package types

import (
	"encoding/hex"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/extensions"
)

// FormatText renders the value at row (which must not be NULL) exactly as
// PostgreSQL renders its counterpart type in text output format.
// timestamptz values are shown in loc.
func FormatText(arr arrow.Array, row int, loc *time.Location) string {
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
		return FormatFloat(float64(a.Value(row)), 32)
	case *array.Float64:
		return FormatFloat(a.Value(row), 64)
	case *array.String:
		return a.Value(row)
	case *array.LargeString:
		return a.Value(row)
	case *array.Binary:
		return formatBytea(a.Value(row))
	case *array.LargeBinary:
		return formatBytea(a.Value(row))
	case *array.Decimal128:
		return a.Value(row).ToString(a.DataType().(*arrow.Decimal128Type).Scale)
	case *array.Decimal256:
		return a.Value(row).ToString(a.DataType().(*arrow.Decimal256Type).Scale)
	case *array.Date32:
		return formatDate(a.Value(row).ToTime())
	case *array.Date64:
		return formatDate(a.Value(row).ToTime())
	case *array.Timestamp:
		return formatTimestamp(a, row, loc)
	case *array.Time64:
		return formatTimeOfDay(a.Value(row).ToTime(a.DataType().(*arrow.Time64Type).Unit))
	case *array.Time32:
		return formatTimeOfDay(a.Value(row).ToTime(a.DataType().(*arrow.Time32Type).Unit))
	case *extensions.UUIDArray:
		return a.Value(row).String()
	case array.ExtensionArray:
		return FormatText(a.Storage(), row, loc)
	case *array.FixedSizeBinary:
		return formatBytea(a.Value(row))
	}
	return arr.ValueStr(row)
}

// FormatFloat renders a float as PostgreSQL does with extra_float_digits = 1:
// the shortest text that reads back to the same value, in exponential form
// when the decimal exponent is below -4 or at least the type's precision
// (15 digits for double precision, 6 for real).
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
	digits := 15
	if bits == 32 {
		digits = 6
	}
	exp := decimalExponent(f, bits)
	if exp < -4 || exp >= digits {
		return strconv.FormatFloat(f, 'e', -1, bits)
	}
	return strconv.FormatFloat(f, 'f', -1, bits)
}

// decimalExponent is the exponent of f's shortest decimal form.
func decimalExponent(f float64, bits int) int {
	s := strconv.FormatFloat(f, 'e', -1, bits)
	e, _ := strconv.Atoi(s[strings.IndexByte(s, 'e')+1:])
	return e
}

func formatBytea(b []byte) string {
	return `\x` + hex.EncodeToString(b)
}

func formatDate(t time.Time) string {
	if t.Year() <= 0 {
		return t.AddDate(1-2*t.Year(), 0, 0).Format("2006-01-02") + " BC"
	}
	return t.Format("2006-01-02")
}

func formatTimeOfDay(t time.Time) string {
	return t.Format("15:04:05.999999")
}

func formatTimestamp(a *array.Timestamp, row int, loc *time.Location) string {
	dt := a.DataType().(*arrow.TimestampType)
	t := a.Value(row).ToTime(dt.Unit)
	if dt.TimeZone == "" {
		return t.UTC().Format("2006-01-02 15:04:05.999999")
	}
	t = t.In(loc)
	return t.Format("2006-01-02 15:04:05.999999") + formatOffset(t)
}

// formatOffset renders a UTC offset as PostgreSQL does: +00, -03, +05:30.
func formatOffset(t time.Time) string {
	_, secs := t.Zone()
	sign := "+"
	if secs < 0 {
		sign, secs = "-", -secs
	}
	out := sign + twoDigits(secs/3600)
	if rest := secs % 3600; rest != 0 {
		out += ":" + twoDigits(rest/60)
		if rest%60 != 0 {
			out += ":" + twoDigits(rest%60)
		}
	}
	return out
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
