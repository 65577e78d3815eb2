package types

import (
	"fmt"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// formatDate32 renders a date in the session's DateStyle; the infinities
// are written the same in every style.
func (s Style) formatDate32(d arrow.Date32) string {
	switch d {
	case DateInfinity:
		return "infinity"
	case DateNegInfinity:
		return "-infinity"
	}
	return s.formatDate(d.ToTime())
}

// formatDate is EncodeDateOnly: 2024-01-31 (ISO), 01/31/2024 (SQL),
// 01-31-2024 (Postgres), 31.01.2024 (German), day first in SQL and Postgres
// styles under DMY; " BC" after years before 1 AD.
func (s Style) formatDate(t time.Time) string {
	year, era := eraYear(t)
	return s.datePart(year, int(t.Month()), t.Day()) + era
}

// datePart writes year, month and day in the session's DateStyle.
func (s Style) datePart(year, month, day int) string {
	switch s.Dates {
	case SQLDates:
		if s.Order == DMY {
			return fmt.Sprintf("%02d/%02d/%04d", day, month, year)
		}
		return fmt.Sprintf("%02d/%02d/%04d", month, day, year)
	case PostgresDates:
		if s.Order == DMY {
			return fmt.Sprintf("%02d-%02d-%04d", day, month, year)
		}
		return fmt.Sprintf("%02d-%02d-%04d", month, day, year)
	case GermanDates:
		return fmt.Sprintf("%02d.%02d.%04d", day, month, year)
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
}

// eraYear is the year as PostgreSQL writes it (1 BC is year 0) and the
// era suffix: "" or " BC".
func eraYear(t time.Time) (int, string) {
	if t.Year() > 0 {
		return t.Year(), ""
	}
	return 1 - t.Year(), " BC"
}

// formatTimestamp renders a timestamp, or a timestamptz in the session's
// zone, in the session's DateStyle.
func (s Style) formatTimestamp(a *array.Timestamp, row int) string {
	dt := a.DataType().(*arrow.TimestampType)
	switch a.Value(row) {
	case TimestampInfinity:
		return "infinity"
	case TimestampNegInfinity:
		return "-infinity"
	}
	t := a.Value(row).ToTime(dt.Unit)
	if dt.TimeZone == "" {
		return s.dateTime(t.UTC(), false)
	}
	return s.dateTime(t.In(s.Zone), true)
}

// dateTime is EncodeDateTime: 2024-01-31 10:00:00+01 (ISO), 01/31/2024
// 10:00:00 CET (SQL), Wed Jan 31 10:00:00 2024 CET (Postgres), 31.01.2024
// 10:00:00 CET (German). ISO writes the zone as an offset, the others by
// its abbreviation.
func (s Style) dateTime(t time.Time, zoned bool) string {
	year, era := eraYear(t)
	clock := t.Format("15:04:05.999999")
	zone := ""
	if zoned {
		zone = " " + zoneAbbreviation(t)
	}
	switch s.Dates {
	case ISODates:
		if zoned {
			zone = formatOffset(t)
		}
		return s.datePart(year, int(t.Month()), t.Day()) + " " + clock + zone + era
	case PostgresDates:
		day, month := twoDigits(t.Day()), t.Month().String()[:3]
		monthDay := month + " " + day
		if s.Order == DMY {
			monthDay = day + " " + month
		}
		return fmt.Sprintf("%s %s %s %04d%s%s", t.Weekday().String()[:3], monthDay, clock, year, zone, era)
	}
	return s.datePart(year, int(t.Month()), t.Day()) + " " + clock + zone + era
}

// zoneAbbreviation is the abbreviation of t's zone at t (CET, EDT, +05),
// its offset when the zone has none.
func zoneAbbreviation(t time.Time) string {
	if name, _ := t.Zone(); name != "" {
		return name
	}
	return formatOffset(t)
}
