package exec

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"auger/internal/sqlstate"
)

// dchKey is a date/time template pattern of to_char and to_timestamp.
type dchKey int

// The date/time template patterns, as PostgreSQL's formatting.c names them.
const (
	dchADDots dchKey = iota // A.D. and B.C.
	dchAMDots               // A.M. and P.M.
	dchAD                   // AD and BC
	dchAM                   // AM and PM
	dchadDots               // a.d. and b.c.
	dchamDots               // a.m. and p.m.
	dchad                   // ad and bc
	dcham                   // am and pm
	dchCC
	dchDAY
	dchDay
	dchday
	dchDDD
	dchDD
	dchDY
	dchDy
	dchdy
	dchD
	dchFF1
	dchFF2
	dchFF3
	dchFF4
	dchFF5
	dchFF6
	dchFX
	dchHH24
	dchHH12
	dchHH
	dchIDDD
	dchID
	dchIW
	dchIYYY
	dchIYY
	dchIY
	dchI
	dchJ
	dchMI
	dchMM
	dchMONTH
	dchMonth
	dchmonth
	dchMON
	dchMon
	dchmon
	dchMS
	dchOF
	dchQ
	dchRM
	dchrm
	dchSSSS
	dchSS
	dchTZH
	dchTZM
	dchTZ
	dchtz
	dchUS
	dchWW
	dchW
	dchYCommaYYY
	dchYYYY
	dchYYY
	dchYY
	dchY
)

// dchKeyword is a pattern's spelling; isDigit tells whether it reads
// digits (for to_timestamp's field widths).
type dchKeyword struct {
	name    string
	key     dchKey
	isDigit bool
}

// dchKeywords are in PostgreSQL's search order: for each first letter,
// longer spellings first.
var dchKeywords = []dchKeyword{
	{"A.D.", dchADDots, false}, {"A.M.", dchAMDots, false}, {"AD", dchAD, false}, {"AM", dchAM, false},
	{"B.C.", dchADDots, false}, {"BC", dchAD, false}, {"CC", dchCC, true},
	{"DAY", dchDAY, false}, {"DDD", dchDDD, true}, {"DD", dchDD, true}, {"DY", dchDY, false},
	{"Day", dchDay, false}, {"Dy", dchDy, false}, {"D", dchD, true},
	{"FF1", dchFF1, true}, {"FF2", dchFF2, true}, {"FF3", dchFF3, true}, {"FF4", dchFF4, true},
	{"FF5", dchFF5, true}, {"FF6", dchFF6, true}, {"FX", dchFX, false},
	{"HH24", dchHH24, true}, {"HH12", dchHH12, true}, {"HH", dchHH, true},
	{"IDDD", dchIDDD, true}, {"ID", dchID, true}, {"IW", dchIW, true}, {"IYYY", dchIYYY, true},
	{"IYY", dchIYY, true}, {"IY", dchIY, true}, {"I", dchI, true}, {"J", dchJ, true},
	{"MI", dchMI, true}, {"MM", dchMM, true}, {"MONTH", dchMONTH, false}, {"MON", dchMON, false},
	{"MS", dchMS, true}, {"Month", dchMonth, false}, {"Mon", dchMon, false}, {"OF", dchOF, false},
	{"P.M.", dchAMDots, false}, {"PM", dchAM, false}, {"Q", dchQ, true}, {"RM", dchRM, false},
	{"SSSSS", dchSSSS, true}, {"SSSS", dchSSSS, true}, {"SS", dchSS, true},
	{"TZH", dchTZH, false}, {"TZM", dchTZM, true}, {"TZ", dchTZ, false}, {"US", dchUS, true},
	{"WW", dchWW, true}, {"W", dchW, true},
	{"Y,YYY", dchYCommaYYY, true}, {"YYYY", dchYYYY, true}, {"YYY", dchYYY, true}, {"YY", dchYY, true}, {"Y", dchY, true},
	{"a.d.", dchadDots, false}, {"a.m.", dchamDots, false}, {"ad", dchad, false}, {"am", dcham, false},
	{"b.c.", dchadDots, false}, {"bc", dchad, false}, {"cc", dchCC, true},
	{"day", dchday, false}, {"ddd", dchDDD, true}, {"dd", dchDD, true}, {"dy", dchdy, false}, {"d", dchD, true},
	{"ff1", dchFF1, true}, {"ff2", dchFF2, true}, {"ff3", dchFF3, true}, {"ff4", dchFF4, true},
	{"ff5", dchFF5, true}, {"ff6", dchFF6, true}, {"fx", dchFX, false},
	{"hh24", dchHH24, true}, {"hh12", dchHH12, true}, {"hh", dchHH, true},
	{"iddd", dchIDDD, true}, {"id", dchID, true}, {"iw", dchIW, true}, {"iyyy", dchIYYY, true},
	{"iyy", dchIYY, true}, {"iy", dchIY, true}, {"i", dchI, true}, {"j", dchJ, true},
	{"mi", dchMI, true}, {"mm", dchMM, true}, {"month", dchmonth, false}, {"mon", dchmon, false},
	{"ms", dchMS, true}, {"of", dchOF, false}, {"p.m.", dchamDots, false}, {"pm", dcham, false},
	{"q", dchQ, true}, {"rm", dchrm, false}, {"sssss", dchSSSS, true}, {"ssss", dchSSSS, true}, {"ss", dchSS, true},
	{"tzh", dchTZH, false}, {"tzm", dchTZM, true}, {"tz", dchtz, false}, {"us", dchUS, true},
	{"ww", dchWW, true}, {"w", dchW, true},
	{"y,yyy", dchYCommaYYY, true}, {"yyyy", dchYYYY, true}, {"yyy", dchYYY, true}, {"yy", dchYY, true}, {"y", dchY, true},
}

// The suffixes of a date/time pattern.
const (
	sufFM = 1 << iota // fill mode: no padding
	sufTH             // upper-case ordinal suffix
	sufth             // lower-case ordinal suffix
	sufSP             // spell mode (accepted, not applied, as in PostgreSQL)
	sufTM             // translation mode: names without padding
)

// formatNode is one element of a parsed template: a pattern with its
// suffixes, or literal text.
type formatNode struct {
	keyword   *dchKeyword // nil for literal text
	suffix    int
	text      string // the literal character
	separator bool   // literal punctuation (to_timestamp skips it loosely)
	space     bool
}

// parseDateTemplate splits a to_char / to_timestamp template into nodes:
// an FM or TM prefix, a pattern, a TH, th or SP suffix; double-quoted
// text (backslash escapes inside) and other characters are literals.
func parseDateTemplate(format string) []formatNode {
	var out []formatNode
	for s := format; s != ""; {
		suffix := 0
		for _, p := range []struct {
			name string
			bit  int
		}{{"FM", sufFM}, {"fm", sufFM}, {"TM", sufTM}, {"tm", sufTM}} {
			if strings.HasPrefix(s, p.name) {
				suffix |= p.bit
				s = s[len(p.name):]
				break
			}
		}
		if kw := matchKeyword(s); kw != nil {
			s = s[len(kw.name):]
			n := formatNode{keyword: kw, suffix: suffix}
			for _, p := range []struct {
				name string
				bit  int
			}{{"TH", sufTH}, {"th", sufth}, {"SP", sufSP}} {
				if strings.HasPrefix(s, p.name) {
					n.suffix |= p.bit
					s = s[len(p.name):]
					break
				}
			}
			out = append(out, n)
			continue
		}
		var lit []formatNode
		lit, s = literalNodes(s)
		out = append(out, lit...)
	}
	return out
}

// matchKeyword finds the first pattern, in search order, that s starts
// with, among those with s's first character.
func matchKeyword(s string) *dchKeyword {
	for i := range dchKeywords {
		k := &dchKeywords[i]
		if k.name[0] == s[0] && strings.HasPrefix(s, k.name) {
			return k
		}
	}
	return nil
}

// literalNodes reads literal text at the start of s: a double-quoted
// string, or one character (a backslash before a double quote escapes it).
func literalNodes(s string) ([]formatNode, string) {
	if s[0] == '"' {
		var out []formatNode
		s = s[1:]
		for s != "" {
			if s[0] == '"' {
				return out, s[1:]
			}
			if s[0] == '\\' && len(s) > 1 {
				s = s[1:]
			}
			r := firstChar(s)
			out = append(out, formatNode{text: r})
			s = s[len(r):]
		}
		return out, s
	}
	if strings.HasPrefix(s, `\"`) {
		s = s[1:]
	}
	r := firstChar(s)
	c := r[0]
	n := formatNode{text: r}
	n.separator = len(r) == 1 && c > ' ' && c < 0x7f && !isASCIIAlnum(c)
	n.space = !n.separator && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
	return []formatNode{n}, s[len(r):]
}

func firstChar(s string) string {
	for i := range s {
		if i > 0 {
			return s[:i]
		}
	}
	return s
}

// dateParts is a timestamp or interval as to_char reads it.
type dateParts struct {
	year, month, day, hour, minute, second int
	usec                                   int64
	wday, yday                             int
	zone                                   string // the zone's abbreviation; "" for timestamp and interval
	offset                                 int    // the zone's offset, seconds east of Greenwich
	interval                               bool
}

var (
	monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}
	dayNames      = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	romanMonths   = []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}
	intervalError = sqlstate.New(sqlstate.InvalidDatetimeFormat, "invalid format specification for an interval value").
			WithHint("Intervals are not tied to specific calendar dates.")
)

// ordinal is the English ordinal suffix of the number s ends with.
func ordinal(s string, upper bool) string {
	suffix := "th"
	if n := len(s); n > 0 && (n < 2 || s[n-2] != '1') {
		switch s[n-1] {
		case '1':
			suffix = "st"
		case '2':
			suffix = "nd"
		case '3':
			suffix = "rd"
		}
	}
	if upper {
		return strings.ToUpper(suffix)
	}
	return suffix
}

// formatDate renders p through the template's nodes, as PostgreSQL's
// DCH_to_char does.
func formatDate(nodes []formatNode, p dateParts) (string, error) {
	var b strings.Builder
	for _, n := range nodes {
		if n.keyword == nil {
			b.WriteString(n.text)
			continue
		}
		s, err := formatPattern(n, p)
		if err != nil {
			return "", err
		}
		if n.suffix&(sufTH|sufth) != 0 && n.keyword.isDigit && s != "" {
			s += ordinal(s, n.suffix&sufTH != 0)
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// padded writes v in width digits (one more when negative), or as it is
// in fill mode.
func padded(n formatNode, v int64, width int) string {
	if n.suffix&sufFM != 0 {
		return strconv.FormatInt(v, 10)
	}
	if v < 0 {
		width++
	}
	return fmt.Sprintf("%0*d", width, v)
}

// name writes a month or day name in the pattern's case, blank-padded to
// 9 characters unless in fill or translation mode.
func name(n formatNode, word string, caseOf int, abbrev bool) string {
	if abbrev {
		word = word[:3]
	}
	switch caseOf {
	case 1:
		word = strings.ToUpper(word)
	case -1:
		word = strings.ToLower(word)
	}
	if abbrev || n.suffix&(sufFM|sufTM) != 0 {
		return word
	}
	return fmt.Sprintf("%-9s", word)
}

// adjustYear is the year as to_char shows it: positive for BC years.
func (p dateParts) adjustYear() int64 {
	if p.interval || p.year > 0 {
		return int64(p.year)
	}
	return -int64(p.year - 1)
}

// isoYear is the ISO 8601 week-numbering year, shown as adjustYear shows years.
func (p dateParts) isoYear() int64 {
	y, _ := p.date().ISOWeek()
	if p.interval {
		return int64(p.year)
	}
	if y > 0 {
		return int64(y)
	}
	return -int64(y - 1)
}

func (p dateParts) date() time.Time {
	return time.Date(p.year, time.Month(p.month), p.day, 0, 0, 0, 0, time.UTC)
}

// isoYearDay is the day of the ISO week-numbering year.
func (p dateParts) isoYearDay() int64 {
	_, w := p.date().ISOWeek()
	return int64((w-1)*7 + (int(p.date().Weekday())+6)%7 + 1)
}
