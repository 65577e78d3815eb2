package exec

import (
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/sqlstate"
)

// inputFields are the fields to_date and to_timestamp read from a string,
// as PostgreSQL's TmFromChar holds them (0 for absent).
type inputFields struct {
	mode                                               int // 1 Gregorian, 2 ISO week dates, 0 neither yet
	hh, pm, mi, ss, ssss, d, dd, ddd, mm, ms, us, year int
	bc, ww, w, cc, j, yysz                             int
	clock12                                            bool
	tzSign, tzh, tzm                                   int
	hasTZ                                              bool
}

func formatError22007(format string, args ...any) *sqlstate.Error {
	return sqlstate.New(sqlstate.InvalidDatetimeFormat, format, args...)
}

// dateReader walks the input string of to_date/to_timestamp against the
// template's nodes, as PostgreSQL's DCH_from_char does outside FX mode.
type dateReader struct {
	s         string
	nodes     []formatNode
	fx        bool
	extraSkip int
	f         inputFields
}

func (r *dateReader) skipSpaces() {
	for r.s != "" && isSpace(r.s[0]) {
		r.s = r.s[1:]
		r.extraSkip++
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func (r *dateReader) read() error {
	for i := 0; i < len(r.nodes) && r.s != ""; i++ {
		n := r.nodes[i]
		if !r.fx && (n.keyword == nil || n.keyword.key != dchFX) && (n.keyword != nil || i == 0) {
			r.skipSpaces()
		}
		if n.keyword == nil {
			r.literal(n)
			continue
		}
		if err := r.field(i); err != nil {
			return err
		}
		if !r.fx {
			r.extraSkip = 0
			r.skipSpaces()
		}
	}
	return nil
}

// literal consumes input for a literal of the template: a separator or
// space matches one separator or space, or nothing; another character
// consumes one character.
func (r *dateReader) literal(n formatNode) {
	switch {
	case r.fx:
		r.s = r.s[len(firstChar(r.s)):]
	case n.separator || n.space:
		r.extraSkip--
		if isSpace(r.s[0]) || isSeparator(r.s[0]) {
			r.s = r.s[1:]
			r.extraSkip++
		}
	case r.extraSkip > 0:
		r.extraSkip--
	default:
		r.s = r.s[len(firstChar(r.s)):]
	}
}

func isSeparator(c byte) bool { return c > ' ' && c < 0x7f && !isASCIIAlnum(c) }

// nextIsSeparator tells whether the field at i is followed by something
// that cannot be a digit, so that it may be read to its end.
func (r *dateReader) nextIsSeparator(i int) bool {
	n := r.nodes[i]
	if n.suffix&(sufTH|sufth) != 0 {
		return true
	}
	if i+1 >= len(r.nodes) {
		return true
	}
	next := r.nodes[i+1]
	if next.keyword != nil {
		return !next.keyword.isDigit
	}
	return !(len(next.text) == 1 && next.text[0] >= '0' && next.text[0] <= '9')
}

// number reads an integer field of at most width characters (any number
// in fill mode or before a separator).
func (r *dateReader) number(i, width int) (int, int, error) {
	n := r.nodes[i]
	for r.s != "" && isSpace(r.s[0]) {
		r.s = r.s[1:]
	}
	start := r.s
	copyOf := start[:min(width, len(start))]
	var text string
	if n.suffix&sufFM != 0 || r.nextIsSeparator(i) {
		text = leadingInteger(start)
	} else {
		if len(copyOf) < width {
			return 0, 0, formatError22007("source string too short for %q formatting field", n.keyword.name).
				WithDetail("Field requires " + strconv.Itoa(width) + " characters, but only " + strconv.Itoa(len(copyOf)) + " remain.").
				WithHint(`If your source string is not fixed-width, try using the "FM" modifier.`)
		}
		text = leadingInteger(copyOf)
		if text != "" && len(text) < width {
			return 0, 0, formatError22007("invalid value %q for %q", copyOf, n.keyword.name).
				WithDetail("Field requires " + strconv.Itoa(width) + " characters, but only " + strconv.Itoa(len(text)) + " could be parsed.").
				WithHint(`If your source string is not fixed-width, try using the "FM" modifier.`)
		}
	}
	if text == "" {
		return 0, 0, formatError22007("invalid value %q for %q", copyOf, n.keyword.name).WithDetail("Value must be an integer.")
	}
	v, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || v < -2147483648 || v > 2147483647 {
		return 0, 0, sqlstate.New(sqlstate.DatetimeFieldOverflow, "value for %q in source string is out of range", n.keyword.name).
			WithDetail("Value must be in the range -2147483648 to 2147483647.")
	}
	r.s = r.s[len(text):]
	r.skipOrdinal(n)
	return v, len(text), nil
}

// leadingInteger is the optionally signed integer s starts with, as strtol
// reads it.
func leadingInteger(s string) string {
	end := 0
	if end < len(s) && (s[end] == '+' || s[end] == '-') {
		end++
	}
	digits := end
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end == digits {
		return ""
	}
	return s[:end]
}

func (r *dateReader) skipOrdinal(n formatNode) {
	if n.suffix&(sufTH|sufth) == 0 {
		return
	}
	for k := 0; k < 2 && r.s != ""; k++ {
		r.s = r.s[len(firstChar(r.s)):]
	}
}

// set stores a field, failing when the template set it to another value
// before.
func (r *dateReader) set(dest *int, v int, n formatNode) error {
	if *dest != 0 && *dest != v {
		return formatError22007("conflicting values for %q field in formatting string", n.keyword.name).
			WithDetail("This value contradicts a previous setting for the same field type.")
	}
	*dest = v
	return nil
}

// word reads one of the words (case-insensitively), returning its index.
func (r *dateReader) word(words []string, n formatNode) (int, error) {
	lower := strings.ToLower(r.s)
	for i, w := range words {
		if strings.HasPrefix(lower, strings.ToLower(w)) {
			r.s = r.s[len(w):]
			return i, nil
		}
	}
	bad := r.s
	if sp := strings.IndexAny(bad, " \t\n\r\f\v"); sp >= 0 {
		bad = bad[:sp]
	}
	return 0, formatError22007("invalid value %q for %q", bad, n.keyword.name).
		WithDetail("The given value did not match any of the allowed values for this field.")
}

// integerField reads a numeric field of the template's width into dest.
func (r *dateReader) integerField(i, width int, dest *int) error {
	v, _, err := r.number(i, width)
	if err != nil {
		return err
	}
	return r.set(dest, v, r.nodes[i])
}

// parseDateString reads s with the template into fields.
func parseDateString(s, format string) (inputFields, error) {
	r := &dateReader{s: s, nodes: parseDateTemplate(format)}
	err := r.read()
	return r.f, err
}

// toDateKernel is to_date(text, template).
func toDateKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	values, formats := textAt(args[0]), textAt(args[1])
	return strict(dateBuilder(k), k, args, func(i int) (arrow.Date32, error) {
		t, _, err := readTimestamp(values.Value(i), formats.Value(i))
		if err != nil {
			return 0, err
		}
		return arrow.Date32FromTime(t), nil
	})
}

// toTimestampKernel is to_timestamp(text, template), in UTC unless the
// string gives an offset.
func toTimestampKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	values, formats := textAt(args[0]), textAt(args[1])
	return strict(timestampBuilder(k), k, args, func(i int) (arrow.Timestamp, error) {
		t, offset, err := readTimestamp(values.Value(i), formats.Value(i))
		if err != nil {
			return 0, err
		}
		return arrow.Timestamp(t.UnixMicro() - int64(offset)*microsPerSec), nil
	})
}

// readTimestamp reads a date and time as PostgreSQL's do_to_timestamp
// does, with the string's zone offset in seconds east.
func readTimestamp(s, format string) (time.Time, int, error) {
	f, err := parseDateString(s, format)
	if err != nil {
		return time.Time{}, 0, err
	}
	return assembleTimestamp(f, s)
}
