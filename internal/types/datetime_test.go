package types

import (
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/sqlstate"
)

var timestamptz = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	z, ok := LookupZone(name)
	if !ok {
		t.Fatalf("zone %q not found", name)
	}
	return z.Location
}

// renderIn parses text as dt in zone in and renders it in zone out, as a
// session would show it.
func renderIn(t *testing.T, dt arrow.DataType, text string, in, out *time.Location) (string, error) {
	t.Helper()
	s, err := ParseLiteralIn(dt, text, in)
	if err != nil {
		return "", err
	}
	arr, err := scalar.MakeArrayFromScalar(s, 1, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	defer arr.Release()
	return FormatText(arr, 0, out), nil
}

// TestTimestamptzInput checks offsets, abbreviations, zone names (in any
// case), input without a zone read in the session's zone, the
// daylight-saving gap and overlap, eras and the infinities.
func TestTimestamptzInput(t *testing.T) {
	ny, kolkata := mustZone(t, "America/New_York"), mustZone(t, "Asia/Kolkata")
	cases := []struct {
		text    string
		session *time.Location
		want    string
	}{
		{"2024-01-01 12:00+05", time.UTC, "2024-01-01 07:00:00+00"},
		{"2024-01-01 12:00:00+05:30", time.UTC, "2024-01-01 06:30:00+00"},
		{"2024-01-01 12:00:00-0800", time.UTC, "2024-01-01 20:00:00+00"},
		{"2024-01-01T12:00:00.1234567Z", time.UTC, "2024-01-01 12:00:00.123457+00"},
		{"2024-01-01 12:00 america/new_york", time.UTC, "2024-01-01 17:00:00+00"},
		{"2024-07-01 12:00 PST", time.UTC, "2024-07-01 20:00:00+00"},
		{"2024-01-01 12:00", ny, "2024-01-01 12:00:00-05"},
		{"2024-07-01 12:00", ny, "2024-07-01 12:00:00-04"},
		{"2024-03-10 02:30", ny, "2024-03-10 03:30:00-04"},
		{"2024-11-03 01:30", ny, "2024-11-03 01:30:00-05"},
		{"2024-01-01 12:00", kolkata, "2024-01-01 12:00:00+05:30"},
		{"0044-03-15 12:00 BC", time.UTC, "0044-03-15 12:00:00+00 BC"},
		{"infinity", ny, "infinity"},
		{"-infinity", ny, "-infinity"},
	}
	for _, c := range cases {
		got, err := renderIn(t, timestamptz, c.text, c.session, c.session)
		if err != nil || got != c.want {
			t.Errorf("%q in %s: got %q, %v; want %q", c.text, c.session, got, err, c.want)
		}
	}
}

// TestDateTimeInputErrors checks PostgreSQL's codes: 22007 for what is no
// date at all, 22008 for a field out of range, 22023 for an unknown zone
// name.
func TestDateTimeInputErrors(t *testing.T) {
	cases := []struct {
		dt         arrow.DataType
		text, code string
		message    string
	}{
		{timestamptz, "foo", sqlstate.InvalidDatetimeFormat, `invalid input syntax for type timestamp with time zone: "foo"`},
		{arrow.FixedWidthTypes.Date32, "2024-02-30", sqlstate.DatetimeFieldOverflow, `date/time field value out of range: "2024-02-30"`},
		{timestamptz, "2024-01-01 25:00", sqlstate.DatetimeFieldOverflow, `date/time field value out of range: "2024-01-01 25:00"`},
		{timestamptz, "2024-01-01 12:00 Nowhere/Zone", sqlstate.InvalidParameterValue, `time zone "nowhere/zone" not recognized`},
		{timestamptz, "2024-01-01 12:00 Nowhere", sqlstate.InvalidDatetimeFormat, `invalid input syntax for type timestamp with time zone: "2024-01-01 12:00 Nowhere"`},
		{arrow.FixedWidthTypes.Time64us, "25:00", sqlstate.DatetimeFieldOverflow, `date/time field value out of range: "25:00"`},
		{arrow.FixedWidthTypes.MonthDayNanoInterval, "P1X", sqlstate.InvalidDatetimeFormat, `invalid input syntax for type interval: "P1X"`},
	}
	for _, c := range cases {
		_, err := ParseLiteralIn(c.dt, c.text, time.UTC)
		if sqlstate.Code(err) != c.code || err == nil || err.Error() != c.message {
			t.Errorf("%q as %s: got %v (%s), want %s %q", c.text, c.dt, err, sqlstate.Code(err), c.code, c.message)
		}
	}
}

// TestTimestamptzOutput renders one instant in several session zones,
// fractional and POSIX offsets among them.
func TestTimestamptzOutput(t *testing.T) {
	b := array.NewTimestampBuilder(memory.DefaultAllocator, timestamptz)
	defer b.Release()
	b.Append(arrow.Timestamp(time.Date(2024, 1, 1, 12, 0, 0, 500000000, time.UTC).UnixMicro()))
	arr := b.NewArray()
	defer arr.Release()
	cases := map[string]string{
		"America/New_York": "2024-01-01 07:00:00.5-05",
		"Asia/Kolkata":     "2024-01-01 17:30:00.5+05:30",
		"UTC+5":            "2024-01-01 07:00:00.5-05",
		"Etc/UTC":          "2024-01-01 12:00:00.5+00",
	}
	for zone, want := range cases {
		if got := FormatText(arr, 0, mustZone(t, zone)); got != want {
			t.Errorf("in %s: got %q, want %q", zone, got, want)
		}
	}
	if got := FormatText(arr, 0, OffsetZone(-3*3600-1800).Location); got != "2024-01-01 08:30:00.5-03:30" {
		t.Errorf("at -03:30: got %q", got)
	}
}

// TestLookupZone checks the names SHOW reports for the zones a setting
// names.
func TestLookupZone(t *testing.T) {
	for name, want := range map[string]string{"america/new_york": "America/New_York", "utc": "UTC", "UTC+5": "UTC+5", "Etc/UTC": "Etc/UTC"} {
		if z, ok := LookupZone(name); !ok || z.Name != want {
			t.Errorf("LookupZone(%q) = %q, %v; want %q", name, z.Name, ok, want)
		}
	}
	for _, name := range []string{"Nowhere", "Z", "PST", ""} {
		if _, ok := LookupZone(name); ok {
			t.Errorf("LookupZone(%q) found a zone", name)
		}
	}
	if z := OffsetZone(5 * 3600); z.Name != "<+05>-05" {
		t.Errorf("OffsetZone(5h) = %q", z.Name)
	}
}

// TestIntervalInput checks ISO 8601 durations, "ago" and fractions of
// months and days.
func TestIntervalInput(t *testing.T) {
	cases := map[string]arrow.MonthDayNanoInterval{
		"P1Y2M3DT4H5M6S": {Months: 14, Days: 3, Nanoseconds: (4*3600 + 5*60 + 6) * 1e9},
		"PT1H30M":        {Nanoseconds: 5400e9},
		"P2W":            {Days: 14},
		"@ 1 day ago":    {Days: -1},
		"1.5 months":     {Months: 1, Days: 15},
		"0.5 days":       {Nanoseconds: 43200e9},
	}
	for text, want := range cases {
		if got, err := ParseInterval(text); err != nil || got != want {
			t.Errorf("ParseInterval(%q) = %+v, %v; want %+v", text, got, err, want)
		}
	}
}
