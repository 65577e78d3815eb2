package types

import (
	"regexp"
	"strings"
)

var (
	// compactDate is yyyymmdd.
	compactDate = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	// yearFirstDate is y/m/d or y.m.d with a year of three or more digits.
	yearFirstDate = regexp.MustCompile(`^(\d{3,})([/.])(\d{1,2})([/.])(\d{1,2})$`)
	// yearLastDate is m/d/y, m-d-y or m.d.y (d/m/y ... under DateStyle
	// DMY) with a year of three or more digits.
	yearLastDate = regexp.MustCompile(`^(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{3,})$`)
)

// isoDateForm rewrites the date at the start of date/time input, when it
// is written in one of the other forms PostgreSQL reads (yyyymmdd, y/m/d,
// y.m.d, m/d/y or d/m/y as order says), as y-m-d; the rest of the text
// stays as it is.
func isoDateForm(text string, order DateOrder) string {
	date, rest := text, ""
	if i := strings.IndexAny(text, " Tt"); i >= 0 {
		date, rest = text[:i], text[i:]
	}
	if m := compactDate.FindStringSubmatch(date); m != nil {
		return m[1] + "-" + m[2] + "-" + m[3] + rest
	}
	if m := yearFirstDate.FindStringSubmatch(date); m != nil && m[2] == m[4] {
		return m[1] + "-" + m[3] + "-" + m[5] + rest
	}
	if m := yearLastDate.FindStringSubmatch(date); m != nil && m[2] == m[4] && order != YMD {
		if order == DMY {
			return m[5] + "-" + m[3] + "-" + m[1] + rest
		}
		return m[5] + "-" + m[1] + "-" + m[3] + rest
	}
	return text
}

// yearLastUnderYMD tells whether date/time input starts with a date whose
// year comes last (01/02/2024) while DateStyle orders year first, which
// PostgreSQL reads as a month or day out of range.
func yearLastUnderYMD(text string, order DateOrder) bool {
	if i := strings.IndexAny(text, " Tt"); i >= 0 {
		text = text[:i]
	}
	return order == YMD && yearLastDate.MatchString(text)
}
