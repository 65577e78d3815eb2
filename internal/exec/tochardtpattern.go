package exec

import (
	"fmt"
	"strconv"
	"strings"
)

// calendarOnly are the patterns an interval has no value for.
var calendarOnly = map[dchKey]bool{
	dchADDots: true, dchadDots: true, dchAD: true, dchad: true, dchMONTH: true, dchMonth: true, dchmonth: true,
	dchMON: true, dchMon: true, dchmon: true, dchDAY: true, dchDay: true, dchday: true, dchDY: true, dchDy: true,
	dchdy: true, dchD: true, dchID: true, dchTZ: true, dchtz: true, dchTZH: true, dchTZM: true, dchOF: true,
}

// formatPattern renders one pattern.
func formatPattern(n formatNode, p dateParts) (string, error) {
	k := n.keyword.key
	if p.interval && calendarOnly[k] {
		return "", intervalError
	}
	if s, ok := formatClockPattern(n, p); ok {
		return s, nil
	}
	if s, ok := formatNamePattern(n, p); ok {
		return s, nil
	}
	if s, ok := formatYearPattern(n, p); ok {
		return s, nil
	}
	return formatDayPattern(n, p), nil
}

// formatClockPattern renders the time of day, AM/PM and the zone.
func formatClockPattern(n formatNode, p dateParts) (string, bool) {
	pm := p.hour%24 >= 12
	pick := func(am, pmText string) string {
		if pm {
			return pmText
		}
		return am
	}
	switch n.keyword.key {
	case dchAMDots:
		return pick("A.M.", "P.M."), true
	case dchamDots:
		return pick("a.m.", "p.m."), true
	case dchAM:
		return pick("AM", "PM"), true
	case dcham:
		return pick("am", "pm"), true
	case dchHH, dchHH12:
		h := int64(p.hour % 12)
		if h == 0 {
			h = 12
		}
		return padded(n, h, 2), true
	case dchHH24:
		return padded(n, int64(p.hour), 2), true
	case dchMI:
		return padded(n, int64(p.minute), 2), true
	case dchSS:
		return padded(n, int64(p.second), 2), true
	case dchFF1, dchFF2, dchFF3, dchFF4, dchFF5, dchFF6:
		digits := int(n.keyword.key-dchFF1) + 1
		return fmt.Sprintf("%0*d", digits, p.usec/pow10Int(6-digits)), true
	case dchMS:
		return fmt.Sprintf("%03d", p.usec/1000), true
	case dchUS:
		return fmt.Sprintf("%06d", p.usec), true
	case dchSSSS:
		return strconv.FormatInt(int64(p.hour)*3600+int64(p.minute)*60+int64(p.second), 10), true
	case dchTZ:
		return p.zone, true
	case dchtz:
		return strings.ToLower(p.zone), true
	case dchTZH:
		return offsetSign(p.offset) + fmt.Sprintf("%02d", abs(p.offset)/3600), true
	case dchTZM:
		return fmt.Sprintf("%02d", abs(p.offset)%3600/60), true
	case dchOF:
		hours := fmt.Sprintf("%02d", abs(p.offset)/3600)
		if n.suffix&sufFM != 0 {
			hours = strconv.Itoa(abs(p.offset) / 3600)
		}
		if minutes := abs(p.offset) % 3600 / 60; minutes != 0 {
			hours += fmt.Sprintf(":%02d", minutes)
		}
		return offsetSign(p.offset) + hours, true
	}
	return "", false
}

func offsetSign(secs int) string {
	if secs < 0 {
		return "-"
	}
	return "+"
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func pow10Int(n int) int64 {
	v := int64(1)
	for ; n > 0; n-- {
		v *= 10
	}
	return v
}

// formatNamePattern renders AD/BC and the names of months and days.
func formatNamePattern(n formatNode, p dateParts) (string, bool) {
	bc := p.year <= 0
	pick := func(ad, bcText string) string {
		if bc {
			return bcText
		}
		return ad
	}
	month := func(caseOf int, abbrev bool) string {
		if p.month == 0 {
			return ""
		}
		return name(n, monthNames[p.month-1], caseOf, abbrev)
	}
	switch n.keyword.key {
	case dchADDots:
		return pick("A.D.", "B.C."), true
	case dchadDots:
		return pick("a.d.", "b.c."), true
	case dchAD:
		return pick("AD", "BC"), true
	case dchad:
		return pick("ad", "bc"), true
	case dchMONTH:
		return month(1, false), true
	case dchMonth:
		return month(0, false), true
	case dchmonth:
		return month(-1, false), true
	case dchMON:
		return month(1, true), true
	case dchMon:
		return month(0, true), true
	case dchmon:
		return month(-1, true), true
	case dchDAY:
		return name(n, dayNames[p.wday], 1, false), true
	case dchDay:
		return name(n, dayNames[p.wday], 0, false), true
	case dchday:
		return name(n, dayNames[p.wday], -1, false), true
	case dchDY:
		return name(n, dayNames[p.wday], 1, true), true
	case dchDy:
		return name(n, dayNames[p.wday], 0, true), true
	case dchdy:
		return name(n, dayNames[p.wday], -1, true), true
	case dchRM, dchrm:
		return romanMonth(n, p), true
	}
	return "", false
}

// romanMonth is RM: the month in Roman numerals, blank-padded to 4.
func romanMonth(n formatNode, p dateParts) string {
	if p.month == 0 && p.year == 0 {
		return ""
	}
	m := p.month
	switch {
	case m == 0 && p.year >= 0:
		m = 12
	case m == 0:
		m = 1
	case m < 0:
		m = 13 + m
	}
	s := romanMonths[m-1]
	if n.keyword.key == dchrm {
		s = strings.ToLower(s)
	}
	if n.suffix&sufFM != 0 {
		return s
	}
	return fmt.Sprintf("%-4s", s)
}

// formatYearPattern renders the year, ISO year and century patterns.
func formatYearPattern(n formatNode, p dateParts) (string, bool) {
	year := p.adjustYear()
	iso := p.isoYear()
	digits := func(v int64, width int, mod int64) string {
		if n.suffix&sufFM != 0 {
			return strconv.FormatInt(v%mod, 10)
		}
		if v < 0 {
			width++
		}
		return fmt.Sprintf("%0*d", width, v%mod)
	}
	switch n.keyword.key {
	case dchYCommaYYY:
		return fmt.Sprintf("%d,%03d", year/1000, year-year/1000*1000), true
	case dchYYYY:
		return digits(year, 4, 1<<62), true
	case dchIYYY:
		return digits(iso, 4, 1<<62), true
	case dchYYY:
		return digits(year, 3, 1000), true
	case dchIYY:
		return digits(iso, 3, 1000), true
	case dchYY:
		return digits(year, 2, 100), true
	case dchIY:
		return digits(iso, 2, 100), true
	case dchY:
		return strconv.FormatInt(year%10, 10), true
	case dchI:
		return strconv.FormatInt(iso%10, 10), true
	case dchCC:
		return century2(n, p), true
	}
	return "", false
}

// century2 is CC: the century, 21 for 2001 to 2100 (negative BC).
func century2(n formatNode, p dateParts) string {
	var c int
	switch {
	case p.interval:
		c = p.year / 100
	case p.year > 0:
		c = (p.year-1)/100 + 1
	default:
		c = p.year/100 - 1
	}
	if c <= 99 && c >= -99 {
		return padded(n, int64(c), 2)
	}
	return strconv.Itoa(c)
}

// formatDayPattern renders the day, week and quarter patterns.
func formatDayPattern(n formatNode, p dateParts) string {
	switch n.keyword.key {
	case dchDDD:
		return padded(n, int64(p.yday), 3)
	case dchIDDD:
		return padded(n, p.isoYearDay(), 3)
	case dchDD:
		return padded(n, int64(p.day), 2)
	case dchD:
		return strconv.Itoa(p.wday + 1)
	case dchID:
		if p.wday == 0 {
			return "7"
		}
		return strconv.Itoa(p.wday)
	case dchWW:
		return padded(n, int64((p.yday-1)/7+1), 2)
	case dchIW:
		_, w := p.date().ISOWeek()
		return padded(n, int64(w), 2)
	case dchQ:
		if p.month == 0 {
			return ""
		}
		return strconv.Itoa((p.month-1)/3 + 1)
	case dchMM:
		return padded(n, int64(p.month), 2)
	case dchW:
		return strconv.Itoa((p.day-1)/7 + 1)
	case dchJ:
		b := breakMicros(p.date().UnixMicro())
		return strconv.FormatInt(b.julianDay(), 10)
	}
	return ""
}
