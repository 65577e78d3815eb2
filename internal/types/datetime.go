package types

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/sqlstate"
)

// The stored values of PostgreSQL's infinite timestamps and dates: the
// largest and smallest values of their Arrow types, so that they order
// after and before every finite one.
const (
	TimestampInfinity    = arrow.Timestamp(math.MaxInt64)
	TimestampNegInfinity = arrow.Timestamp(math.MinInt64)
	DateInfinity         = arrow.Date32(math.MaxInt32)
	DateNegInfinity      = arrow.Date32(math.MinInt32)
)

// dateTimeInput is PostgreSQL's ISO date and time input: a date, then
// optionally a time ("T" or spaces between), then optionally a zone, then
// optionally an era.
var dateTimeInput = regexp.MustCompile(`^(\d+)-(\d{1,2})-(\d{1,2})` +
	`(?:(?:[Tt]|\s+)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?)?` +
	`\s*([^\s].*?)?\s*$`)

// wallClock is a parsed date and time input: the wall-clock time, and the
// zone it was written in (nil when none was).
type wallClock struct {
	wall time.Time
	zone *time.Location
}

// infinities maps the special words of date and timestamp input to
// whether they are +infinity (true) or -infinity.
var infinities = map[string]bool{"infinity": true, "-infinity": false}

// parseWallClock reads date/time input, a date of day, month and year in
// the given order; the zone, if written, comes back with it.
func parseWallClock(text string, order DateOrder) (wallClock, error) {
	lower := strings.ToLower(text)
	bc := false
	for _, era := range []string{" bc", " ad"} {
		if cut, ok := strings.CutSuffix(lower, era); ok {
			bc, lower, text = era == " bc", cut, text[:len(cut)]
		}
	}
	if yearLastUnderYMD(text, order) {
		return wallClock{}, fieldOverflow(text, true)
	}
	m := dateTimeInput.FindStringSubmatch(isoDateForm(text, order))
	if m == nil {
		return wallClock{}, errInvalidDateTime
	}
	n := make([]int, 6)
	for i := range n {
		if m[i+1] != "" {
			n[i], _ = strconv.Atoi(m[i+1])
		}
	}
	year, month, day, hour, minute, second := n[0], n[1], n[2], n[3], n[4], n[5]
	micros := fractionMicros(m[7])
	if month < 1 || month > 12 || day < 1 || year == 0 || day > daysInMonth(year, month, bc) {
		return wallClock{}, fieldOverflow(text, true)
	}
	if hour > 24 || minute > 59 || second > 59 || hour == 24 && (minute > 0 || second > 0 || micros > 0) {
		return wallClock{}, fieldOverflow(text, false)
	}
	if bc {
		year = 1 - year
	}
	out := wallClock{wall: time.Date(year, time.Month(month), day, hour, minute, second, 0, time.UTC).Add(time.Duration(micros) * time.Microsecond)}
	if m[8] != "" {
		zone, err := inputZone(m[8])
		if err != nil {
			return wallClock{}, err
		}
		out.zone = zone
	}
	return out, nil
}

// fractionMicros rounds a fraction of a second's digits to microseconds.
func fractionMicros(digits string) int64 {
	if digits == "" {
		return 0
	}
	f, _ := strconv.ParseFloat("0."+digits, 64)
	return int64(math.RoundToEven(f * 1e6))
}

func daysInMonth(year, month int, bc bool) int {
	if bc {
		year = 1 - year
	}
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// isoOffset is a zone written as an offset east of Greenwich: +05,
// -0800, +05:30.
var isoOffset = regexp.MustCompile(`^([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$`)

// inputZone reads the zone of date/time input: an offset, an
// abbreviation (EST, UTC, Z) or a zone name.
func inputZone(spec string) (*time.Location, error) {
	if m := isoOffset.FindStringSubmatch(spec); m != nil {
		secs := 0
		for i, unit := range []int{3600, 60, 1} {
			v, _ := strconv.Atoi(m[2+i])
			secs += v * unit
		}
		if m[1] == "-" {
			secs = -secs
		}
		return time.FixedZone(offsetName(secs), secs), nil
	}
	if loc, ok := AbbreviationZone(spec); ok {
		return loc, nil
	}
	if z, ok := LookupZone(spec); ok {
		return z.Location, nil
	}
	if !strings.Contains(spec, "/") {
		return nil, errInvalidDateTime
	}
	return nil, sqlstate.New(sqlstate.InvalidParameterValue, "time zone %q not recognized", strings.ToLower(spec))
}

// errInvalidDateTime marks input that is not a date or time at all, which
// ParseLiteral reports as invalid input syntax.
var errInvalidDateTime = sqlstate.New(sqlstate.InvalidDatetimeFormat, "invalid date/time input")

func fieldOverflow(text string, dateField bool) error {
	e := sqlstate.New(sqlstate.DatetimeFieldOverflow, "date/time field value out of range: %q", text)
	if dateField {
		e.Hint = `Perhaps you need a different "datestyle" setting.`
	}
	return e
}

// parseTimestamp reads timestamp input; a timestamptz without a written
// zone is the wall-clock time in the style's zone, a timestamp ignores a
// written zone.
func parseTimestamp(t *arrow.TimestampType, text string, style Style) (scalar.Scalar, error) {
	if plus, ok := infinities[strings.ToLower(text)]; ok {
		v := TimestampNegInfinity
		if plus {
			v = TimestampInfinity
		}
		return scalar.NewTimestampScalar(v, t), nil
	}
	if strings.EqualFold(text, "epoch") {
		return scalar.NewTimestampScalar(0, t), nil
	}
	w, err := parseWallClock(text, style.Order)
	if err != nil {
		return nil, err
	}
	at := w.wall
	if t.TimeZone != "" {
		if w.zone == nil {
			w.zone = style.Zone
		}
		at = LocalToInstant(w.wall, w.zone)
	}
	return scalar.NewTimestampScalar(arrow.Timestamp(at.UnixMicro()), t), nil
}

// parseDate reads date input (a time after the date is allowed and
// dropped), its fields in the given order.
func parseDate(text string, order DateOrder) (scalar.Scalar, error) {
	if plus, ok := infinities[strings.ToLower(text)]; ok {
		v := DateNegInfinity
		if plus {
			v = DateInfinity
		}
		return scalar.NewDate32Scalar(v), nil
	}
	if strings.EqualFold(text, "epoch") {
		return scalar.NewDate32Scalar(0), nil
	}
	w, err := parseWallClock(text, order)
	if err != nil {
		return nil, err
	}
	return scalar.NewDate32Scalar(arrow.Date32(floorDiv64(w.wall.Unix(), 86400))), nil
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// timeOfDayInput is time input: hours, minutes, optional seconds and
// their fraction.
var timeOfDayInput = regexp.MustCompile(`^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?$`)

// parseTimeOfDay reads a time of day, 24:00:00 (the end of the day)
// included.
func parseTimeOfDay(text string) (scalar.Scalar, error) {
	m := timeOfDayInput.FindStringSubmatch(text)
	if m == nil {
		return nil, errInvalidDateTime
	}
	hour, _ := strconv.Atoi(m[1])
	minute, _ := strconv.Atoi(m[2])
	second, _ := strconv.Atoi(m[3])
	micros := fractionMicros(m[4])
	if hour > 24 || minute > 59 || second > 59 || hour == 24 && (minute > 0 || second > 0 || micros > 0) {
		return nil, fieldOverflow(text, false)
	}
	v := (int64(hour*60+minute)*60+int64(second))*1e6 + micros
	if v > 86400e6 {
		return nil, fieldOverflow(text, false)
	}
	return scalar.NewTime64Scalar(arrow.Time64(v), arrow.FixedWidthTypes.Time64us), nil
}
