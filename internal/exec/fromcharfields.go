package exec

import (
	"strings"
	"time"

	"auger/internal/sqlstate"
)

var (
	monthAbbrevs = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	dayAbbrevs   = []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	romanReverse = []string{"xii", "xi", "x", "ix", "viii", "vii", "vi", "v", "iv", "iii", "ii", "i"}
)

// isoPatterns are the patterns of ISO week dates, which a template may
// not mix with Gregorian ones.
var isoPatterns = map[dchKey]bool{dchIDDD: true, dchID: true, dchIW: true, dchIYYY: true, dchIYY: true, dchIY: true, dchI: true}

var gregorianPatterns = map[dchKey]bool{dchDDD: true, dchDD: true, dchD: true, dchMM: true, dchMONTH: true, dchMonth: true,
	dchmonth: true, dchMON: true, dchMon: true, dchmon: true, dchRM: true, dchrm: true, dchWW: true, dchW: true,
	dchYCommaYYY: true, dchYYYY: true, dchYYY: true, dchYY: true, dchY: true}

// field reads the template's field at i.
func (r *dateReader) field(i int) error {
	n := r.nodes[i]
	k := n.keyword.key
	if err := r.dateMode(k); err != nil {
		return err
	}
	switch k {
	case dchFX:
		r.fx = true
		return nil
	case dchAMDots, dchamDots, dchAM, dcham:
		return r.meridiem(n, k == dchAMDots || k == dchamDots)
	case dchADDots, dchadDots, dchAD, dchad:
		return r.era(n, k == dchADDots || k == dchadDots)
	case dchMONTH, dchMonth, dchmonth, dchMON, dchMon, dchmon:
		return r.monthName(n, k == dchMON || k == dchMon || k == dchmon)
	case dchDAY, dchDay, dchday, dchDY, dchDy, dchdy:
		return r.dayName(n, k == dchDY || k == dchDy || k == dchdy)
	case dchRM, dchrm:
		v, err := r.word(romanReverse, n)
		if err != nil {
			return err
		}
		return r.set(&r.f.mm, 12-v, n)
	case dchYCommaYYY:
		return r.yearWithComma(n)
	}
	return r.numericField(i, k)
}

// dateMode records whether the template uses Gregorian or ISO week
// dates; mixing them is an error.
func (r *dateReader) dateMode(k dchKey) error {
	mode := 0
	switch {
	case isoPatterns[k]:
		mode = 2
	case gregorianPatterns[k]:
		mode = 1
	default:
		return nil
	}
	if r.f.mode != 0 && r.f.mode != mode {
		return formatError22007("invalid combination of date conventions").
			WithHint("Do not mix Gregorian and ISO week date conventions in a formatting template.")
	}
	r.f.mode = mode
	return nil
}

// numericField reads the fields written in digits.
func (r *dateReader) numericField(i int, k dchKey) error {
	f := &r.f
	switch k {
	case dchHH, dchHH12:
		f.clock12 = true
		return r.integerField(i, 2, &f.hh)
	case dchHH24:
		return r.integerField(i, 2, &f.hh)
	case dchMI:
		return r.integerField(i, 2, &f.mi)
	case dchSS:
		return r.integerField(i, 2, &f.ss)
	case dchMS:
		return r.fraction(i, 3, &f.ms)
	case dchFF1, dchFF2, dchFF3, dchFF4, dchFF5, dchFF6:
		return r.fraction(i, int(k-dchFF1)+1, &f.us)
	case dchUS:
		return r.fraction(i, 6, &f.us)
	case dchSSSS:
		return r.integerField(i, len(r.nodes[i].keyword.name), &f.ssss)
	case dchTZH, dchOF, dchTZ, dchtz:
		return r.zone(i, k)
	case dchTZM:
		if f.tzSign == 0 {
			f.tzSign = 1
		}
		return r.integerField(i, 2, &f.tzm)
	case dchMM:
		return r.integerField(i, 2, &f.mm)
	case dchDDD, dchIDDD:
		return r.integerField(i, 3, &f.ddd)
	case dchDD:
		return r.integerField(i, 2, &f.dd)
	case dchD:
		return r.integerField(i, 1, &f.d)
	case dchID:
		if err := r.integerField(i, 1, &f.d); err != nil {
			return err
		}
		if f.d++; f.d > 7 {
			f.d = 1
		}
		return nil
	case dchWW, dchIW:
		return r.integerField(i, 2, &f.ww)
	case dchQ:
		_, _, err := r.number(i, 1)
		return err
	case dchCC:
		return r.integerField(i, 2, &f.cc)
	case dchW:
		return r.integerField(i, 1, &f.w)
	case dchJ:
		return r.integerField(i, 1, &f.j)
	}
	return r.yearField(i, k)
}

// fraction reads milliseconds or a fraction of a second: "25" is .25
// whatever the pattern's width.
func (r *dateReader) fraction(i, width int, dest *int) error {
	v, n, err := r.number(i, width)
	if err != nil {
		return err
	}
	scale := map[int]int{1: 100000, 2: 10000, 3: 1000, 4: 100, 5: 10}[n]
	if width == 3 && r.nodes[i].keyword.key == dchMS {
		scale = map[int]int{1: 100, 2: 10}[n]
	}
	if scale == 0 {
		scale = 1
	}
	return r.set(dest, v*scale, r.nodes[i])
}

// yearField reads YYYY, YYY, YY, Y and the ISO years: fewer than four
// digits are taken near 2020, as PostgreSQL does ('70' is 1970, '69' 2069).
func (r *dateReader) yearField(i int, k dchKey) error {
	width := map[dchKey]int{dchYYYY: 4, dchIYYY: 4, dchYYY: 3, dchIYY: 3, dchYY: 2, dchIY: 2, dchY: 1, dchI: 1}[k]
	v, n, err := r.number(i, width)
	if err != nil {
		return err
	}
	if width < 4 && n < 4 {
		v = nearest2020(v)
	}
	r.f.yysz = width
	return r.set(&r.f.year, v, r.nodes[i])
}

func nearest2020(y int) int {
	switch {
	case y < 70:
		return y + 2000
	case y < 100:
		return y + 1900
	case y < 520:
		return y + 2000
	case y < 1000:
		return y + 1000
	}
	return y
}

// yearWithComma reads Y,YYY.
func (r *dateReader) yearWithComma(n formatNode) error {
	head := leadingInteger(r.s)
	rest := strings.TrimPrefix(r.s[len(head):], ",")
	tail := leadingInteger(rest)
	if head == "" || tail == "" || len(rest) == len(r.s[len(head):]) {
		return formatError22007(`invalid input string for "Y,YYY"`)
	}
	thousands, years := atoiOr(head), atoiOr(tail)
	r.s = rest[len(tail):]
	r.f.yysz = 4
	r.skipOrdinal(n)
	return r.set(&r.f.year, thousands*1000+years, n)
}

func atoiOr(s string) int {
	v := 0
	neg := strings.HasPrefix(s, "-")
	for _, c := range strings.TrimLeft(s, "+-") {
		v = v*10 + int(c-'0')
	}
	if neg {
		return -v
	}
	return v
}

func (r *dateReader) meridiem(n formatNode, dots bool) error {
	words := []string{"am", "pm", "AM", "PM"}
	if dots {
		words = []string{"a.m.", "p.m.", "A.M.", "P.M."}
	}
	v, err := r.word(words, n)
	if err != nil {
		return err
	}
	r.f.clock12 = true
	return r.set(&r.f.pm, v%2, n)
}

func (r *dateReader) era(n formatNode, dots bool) error {
	words := []string{"ad", "bc", "AD", "BC"}
	if dots {
		words = []string{"a.d.", "b.c.", "A.D.", "B.C."}
	}
	v, err := r.word(words, n)
	if err != nil {
		return err
	}
	return r.set(&r.f.bc, v%2, n)
}

func (r *dateReader) monthName(n formatNode, abbrev bool) error {
	words := monthNames
	if abbrev {
		words = monthAbbrevs
	}
	v, err := r.word(words, n)
	if err != nil {
		return err
	}
	return r.set(&r.f.mm, v+1, n)
}

func (r *dateReader) dayName(n formatNode, abbrev bool) error {
	words := dayNames
	if abbrev {
		words = dayAbbrevs
	}
	v, err := r.word(words, n)
	if err != nil {
		return err
	}
	if err := r.set(&r.f.d, v, n); err != nil {
		return err
	}
	r.f.d++
	return nil
}

// zone reads TZH, OF, or a TZ abbreviation (UTC and GMT) or offset.
func (r *dateReader) zone(i int, k dchKey) error {
	f := &r.f
	n := r.nodes[i]
	if k == dchTZ || k == dchtz {
		upper := strings.ToUpper(r.s)
		for _, abbrev := range []string{"UTC", "GMT", "Z"} {
			if strings.HasPrefix(upper, abbrev) {
				r.s = r.s[len(abbrev):]
				f.hasTZ, f.tzSign = true, 0
				return nil
			}
		}
		if r.s != "" && (r.s[0] >= 'a' && r.s[0] <= 'z' || r.s[0] >= 'A' && r.s[0] <= 'Z') {
			return formatError22007("invalid value %q for %q", r.s, n.keyword.name).
				WithDetail("Time zone abbreviation is not recognized.")
		}
	}
	switch {
	case r.s != "" && (r.s[0] == '+' || r.s[0] == '-' || r.s[0] == ' '):
		f.tzSign = map[bool]int{true: -1, false: 1}[r.s[0] == '-']
		r.s = r.s[1:]
	default:
		f.tzSign = 1
	}
	if err := r.integerField(i, 2, &f.tzh); err != nil {
		return err
	}
	if k != dchTZH && strings.HasPrefix(r.s, ":") {
		r.s = r.s[1:]
		return r.integerField(i, 2, &f.tzm)
	}
	return nil
}

func fieldOverflow(s string) error {
	return sqlstate.New(sqlstate.DatetimeFieldOverflow, "date/time field value out of range: %q", s)
}

// assembleTimestamp turns the fields read into a time and a zone offset
// (seconds east), with PostgreSQL's checks.
func assembleTimestamp(f inputFields, input string) (time.Time, int, error) {
	hour, minute, sec := 0, 0, 0
	if f.ssss != 0 {
		hour, minute, sec = f.ssss/3600, f.ssss%3600/60, f.ssss%60
	}
	if f.ss != 0 {
		sec = f.ss
	}
	if f.mi != 0 {
		minute = f.mi
	}
	if f.hh != 0 {
		hour = f.hh
	}
	if f.clock12 {
		if hour < 1 || hour > 12 {
			return time.Time{}, 0, formatError22007("hour \"%d\" is invalid for the 12-hour clock", hour).
				WithHint("Use the 24-hour clock, or give an hour between 1 and 12.")
		}
		if f.pm != 0 && hour < 12 {
			hour += 12
		} else if f.pm == 0 && hour == 12 {
			hour = 0
		}
	}
	year, month, day, err := f.calendar()
	if err != nil {
		return time.Time{}, 0, err
	}
	usec := f.ms*1000 + f.us
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, time.Month(month)) ||
		hour < 0 || hour >= 24 || minute < 0 || minute >= 60 || sec < 0 || sec >= 60 || usec < 0 || usec >= 1000000 {
		return time.Time{}, 0, fieldOverflow(input)
	}
	offset := 0
	if f.tzSign != 0 {
		if f.tzh < 0 || f.tzh > 15 || f.tzm < 0 || f.tzm >= 60 {
			return time.Time{}, 0, sqlstate.New(sqlstate.InvalidDatetimeFormat, "time zone displacement out of range: %q", input)
		}
		offset = f.tzSign * (f.tzh*3600 + f.tzm*60)
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, usec*1000, time.UTC)
	return t, offset, nil
}

// calendar settles year, month and day from the fields read: the year
// (with CC and BC), the Julian day, ISO or Gregorian weeks, day of year.
func (f inputFields) calendar() (int, int, int, error) {
	year, month, day := f.calendarYear(), 1, 1
	if f.j != 0 {
		t := time.Unix(int64(f.j-2440588)*86400, 0).UTC()
		year, month, day = t.Year(), int(t.Month()), t.Day()
	}
	ddd, dd := f.ddd, f.dd
	if f.ww != 0 {
		if f.mode == 2 {
			t := isoWeekDate(year, f.ww, f.d)
			year, month, day = t.Year(), int(t.Month()), t.Day()
		} else {
			ddd = (f.ww-1)*7 + 1
		}
	}
	if f.w != 0 {
		dd = (f.w-1)*7 + 1
	}
	if dd != 0 {
		day = dd
	}
	if f.mm != 0 {
		month = f.mm
	}
	if ddd != 0 && (month <= 1 || day <= 1) {
		if year == 0 && f.bc == 0 {
			return 0, 0, 0, formatError22007("cannot calculate day of year without year information")
		}
		t := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, ddd-1)
		if f.mode == 2 {
			t = isoWeekDate(year, 1, 1).AddDate(0, 0, ddd-1)
		}
		if month <= 1 {
			month = int(t.Month())
		}
		if day <= 1 {
			day = t.Day()
		}
	}
	return year, month, day, nil
}

// calendarYear is the year the fields give: YYYY (BC counted back from
// year 0, which is 1 BC), or YY within the century CC, or CC's first year.
func (f inputFields) calendarYear() int {
	cc := f.cc
	if f.bc != 0 {
		cc = -cc
	}
	switch {
	case f.year != 0 && f.cc != 0 && f.yysz <= 2:
		year := f.year % 100
		switch {
		case year == 0 && cc >= 0:
			return cc * 100
		case year == 0:
			return cc*100 + 1
		case cc >= 0:
			return year + (cc-1)*100
		}
		return (cc+1)*100 - year + 1
	case f.year != 0:
		year := f.year
		if f.bc != 0 {
			year = -year
		}
		if year < 0 {
			year++
		}
		return year
	case f.cc > 0 && cc >= 0:
		return (cc-1)*100 + 1
	case f.cc != 0:
		return cc*100 + 1
	}
	return 0
}

// isoWeekDate is the date of ISO week w of year y, day d (1 Sunday .. 7,
// as to_timestamp numbers days; 0 for Monday).
func isoWeekDate(y, w, d int) time.Time {
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	offset := 0
	if d != 0 {
		offset = (d + 5) % 7
	}
	return monday.AddDate(0, 0, (w-1)*7+offset)
}
