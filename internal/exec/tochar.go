package exec

import (
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/types"
)

// toCharFunctions are to_char for times, intervals and numbers, and its
// inverses to_date, to_timestamp and to_number. They are stable, as in
// PostgreSQL: computed once per statement for constant arguments.
var toCharFunctions = []*Overload{
	withVolatility(Stable, fn("to_char", params(tTimestamp, tText), returns(text), toCharTime(false))),
	withVolatility(Stable, fn("to_char", params(tTimestamptz, tText), returns(text), toCharTime(true))),
	withVolatility(Stable, fn("to_char", params(tInterval, tText), returns(text), toCharInterval)),
	withVolatility(Stable, fn("to_char", params(tInt4, tText), returns(text), toCharNumber(intNumber))),
	withVolatility(Stable, fn("to_char", params(tInt8, tText), returns(text), toCharNumber(intNumber))),
	withVolatility(Stable, fn("to_char", params(tFloat4, tText), returns(text), toCharNumber(floatNumber(6)))),
	withVolatility(Stable, fn("to_char", params(tFloat8, tText), returns(text), toCharNumber(floatNumber(15)))),
	withVolatility(Stable, fn("to_char", params(tNumeric, tText), returns(text), toCharNumber(decimalNumber))),
	withVolatility(Stable, fn("to_date", params(tText, tText), returns(dateType), toDateKernel)),
	withVolatility(Stable, fn("to_timestamp", params(tText, tText), returns(timestamptzType), toTimestampKernel)),
	withVolatility(Stable, fn("to_number", params(tText, tText), returns(types.Numeric), toNumberKernel)),
}

// templates parses each distinct template of a batch once.
type templates map[string][]formatNode

func (t templates) get(format string) []formatNode {
	nodes, ok := t[format]
	if !ok {
		nodes = parseDateTemplate(format)
		t[format] = nodes
	}
	return nodes
}

// toCharTime is to_char(timestamp [with time zone], template); a
// timestamptz (zoned) shows in the session's zone, whose abbreviation and
// offset TZ and OF show. An empty template gives NULL.
func toCharTime(zoned bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		at, formats := micros(args[0]), textAt(args[1])
		cache := templates{}
		return strictOrNull(stringBuilder(k), k, args, func(i int) (string, bool, error) {
			if formats.Value(i) == "" {
				return "", false, nil
			}
			wall, zone, offset := at(i), "", 0
			if zoned {
				zone, offset = zoneAt(k.zone(), wall)
				wall = wallMicros(k.zone(), wall)
			}
			b := breakMicros(wall)
			p := dateParts{year: b.year, month: b.month, day: b.day, hour: b.hour, minute: b.minute, second: b.second,
				usec: b.usec, wday: b.weekday(), yday: b.yearDay(), zone: zone, offset: offset}
			s, err := formatDate(cache.get(formats.Value(i)), p)
			return s, err == nil, err
		})
	}
}

// toCharInterval is to_char(interval, template): hours may pass 24, and
// the day of the year counts a month as 30 days.
func toCharInterval(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	ivs, formats := args[0].(*array.MonthDayNanoInterval), textAt(args[1])
	cache := templates{}
	return strictOrNull(stringBuilder(k), k, args, func(i int) (string, bool, error) {
		if formats.Value(i) == "" {
			return "", false, nil
		}
		v := splitInterval(ivs.Value(i))
		p := dateParts{year: int(v.years), month: int(v.months), day: int(v.days), hour: int(v.hours), minute: int(v.minutes),
			second: int(v.micros / microsPerSec), usec: v.micros % microsPerSec, interval: true}
		p.yday = (p.year*12+p.month)*30 + p.day
		s, err := formatDate(cache.get(formats.Value(i)), p)
		return s, err == nil, err
	})
}

// numberText is how one value is prepared for a numeric template: its
// digits (rounded to the template), the blanks it needs in front and its
// sign.
type numberText func(a arrow.Array, i int, d *numDesc) (digits string, preSpaces int, sign byte)

// toCharNumber is to_char of a number. An empty template gives ”.
func toCharNumber(prepare numberText) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		formats := textAt(args[1])
		type parsed struct {
			nodes []numNode
			desc  *numDesc
		}
		cache := map[string]parsed{}
		return strict(stringBuilder(k), k, args, func(i int) (string, error) {
			f := formats.Value(i)
			if f == "" {
				return "", nil
			}
			p, ok := cache[f]
			if !ok {
				nodes, desc, err := parseNumTemplate(f)
				if err != nil {
					return "", err
				}
				p = parsed{nodes, desc}
				cache[f] = p
			}
			d := *p.desc
			digits, pre, sign := prepare(args[0], i, &d)
			return writeNumber(p.nodes, d, digits, pre, sign), nil
		})
	}
}

// fitDigits splits a signed decimal text into sign and digits and counts
// the blanks before them, or gives #s when the integer part is too long.
func fitDigits(text string, d *numDesc) (string, int, byte) {
	sign := byte('+')
	if strings.HasPrefix(text, "-") {
		sign, text = '-', text[1:]
	}
	pre := len(text)
	if p := strings.IndexByte(text, '.'); p >= 0 {
		pre = p
	}
	switch {
	case pre < d.pre:
		return text, d.pre - pre, sign
	case pre > d.pre:
		hashes := []byte(strings.Repeat("#", d.pre+d.post+1))
		hashes[d.pre] = '.'
		return string(hashes), 0, sign
	}
	return text, 0, sign
}

func intNumber(a arrow.Array, i int, d *numDesc) (string, int, byte) {
	v := intAt(a)(i)
	switch {
	case d.has(numFRoman):
		return roman(v), 0, '+'
	case d.has(numFEEEE) && a.DataType().ID() == arrow.INT32:
		return floatSci(float64(v), d), 0, '+'
	case d.has(numFEEEE):
		return sciText(new(big.Rat).SetInt64(v), d.post), 0, '+'
	}
	if d.has(numFMulti) {
		v *= int64(math.Pow(10, float64(d.multi)))
		d.pre += d.multi
	}
	text := strconv.FormatInt(v, 10)
	if d.post > 0 {
		text += "." + strings.Repeat("0", d.post)
	}
	return fitDigits(text, d)
}

// floatNumber prepares a real (digits 6) or double precision (15): no
// more significant digits than the type holds.
func floatNumber(digits int) numberText {
	return func(a arrow.Array, i int, d *numDesc) (string, int, byte) {
		v, bits := 0.0, 64
		if f32, ok := a.(*array.Float32); ok {
			v, bits = float64(f32.Value(i)), 32
		} else {
			v = floatAt(a)[i]
		}
		switch {
		case d.has(numFRoman):
			return roman(int64(math.RoundToEven(v))), 0, '+'
		case d.has(numFEEEE):
			return floatSci(v, d), 0, '+'
		}
		if d.has(numFMulti) {
			v *= math.Pow(10, float64(d.multi))
			d.pre += d.multi
		}
		whole := len(strconv.FormatFloat(math.Abs(v), 'f', 0, bits))
		if whole >= digits {
			d.post = 0
		} else if whole+d.post > digits {
			d.post = digits - whole
		}
		return fitDigits(strconv.FormatFloat(v, 'f', d.post, bits), d)
	}
}

func floatSci(v float64, d *numDesc) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		hashes := []byte(strings.Repeat("#", d.pre+d.post+6))
		hashes[0], hashes[d.pre+1] = ' ', '.'
		return string(hashes)
	}
	s := strconv.FormatFloat(v, 'e', d.post, 64)
	if !strings.HasPrefix(s, "-") {
		s = " " + s
	}
	return s
}

func decimalNumber(a arrow.Array, i int, d *numDesc) (string, int, byte) {
	read, _ := decimalReader(a)
	v := read(i)
	switch {
	case d.has(numFRoman):
		r := roundAt(v, 0).Unscaled
		if !r.IsInt64() {
			return roman(math.MaxInt32), 0, '+'
		}
		return roman(r.Int64()), 0, '+'
	case d.has(numFEEEE):
		return sciText(ratOf(v), d.post), 0, '+'
	}
	if d.has(numFMulti) {
		v = types.MulDecimal(v, types.Decimal{Unscaled: pow10(int64(d.multi))})
		d.pre += d.multi
	}
	return fitDigits(roundAt(v, d.post).String(), d)
}

// sciText writes r in PostgreSQL's numeric scientific notation with
// post decimals ("1.23e+05"), a blank in front of positive values.
func sciText(r *big.Rat, post int) string {
	if r.Sign() == 0 {
		return " " + types.RoundDecimal(r, int32(post)).String() + "e+00"
	}
	exp := 0
	abs := new(big.Rat).Abs(r)
	ten := big.NewRat(10, 1)
	for abs.Cmp(ten) >= 0 {
		abs.Quo(abs, ten)
		exp++
	}
	for abs.Cmp(big.NewRat(1, 1)) < 0 {
		abs.Mul(abs, ten)
		exp--
	}
	m := new(big.Rat).Quo(r, new(big.Rat).SetFrac(pow10(int64(max(exp, 0))), pow10(int64(max(-exp, 0)))))
	s := types.RoundDecimal(m, int32(post)).String()
	sign := "+"
	if exp < 0 {
		sign, exp = "-", -exp
	}
	out := s + "e" + sign + pad2(exp)
	if r.Sign() > 0 {
		out = " " + out
	}
	return out
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// roman is n in upper-case Roman numerals, 15 #s beyond 1 to 3999.
func roman(n int64) string {
	if n < 1 || n > 3999 {
		return strings.Repeat("#", 15)
	}
	units := [][]string{
		{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"},
		{"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"},
		{"", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"},
		{"", "M", "MM", "MMM"},
	}
	var out string
	for place := 3; place >= 0; place-- {
		digit := n / int64(math.Pow10(place)) % 10
		out += units[place][digit]
	}
	return out
}
