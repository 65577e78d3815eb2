package exec

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// numberReader reads a number from text through a numeric template, as
// PostgreSQL's NUM_processor does for to_number.
type numberReader struct {
	d                 numDesc
	in                string
	pos               int
	sign              byte // ' ' until a sign is read
	digits            strings.Builder
	readPre, readPost int
	readPoint, numIn  bool
}

func (r *numberReader) done() bool { return r.pos >= len(r.in) }

func (r *numberReader) cur() byte {
	if r.done() {
		return 0
	}
	return r.in[r.pos]
}

// toNumberKernel is to_number(text, template).
func toNumberKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	values, formats := textAt(args[0]), textAt(args[1])
	return strict(newDecimalBuilder(k), k, args, func(i int) (types.Decimal, error) {
		return toNumber(values.Value(i), formats.Value(i))
	})
}

func toNumber(value, format string) (types.Decimal, error) {
	nodes, d, err := parseNumTemplate(format)
	if err != nil {
		return types.Decimal{}, err
	}
	switch {
	case d.has(numFEEEE):
		return types.Decimal{}, sqlstate.New(sqlstate.FeatureNotSupported, `"EEEE" not supported for input`)
	case d.has(numFRoman):
		return types.Decimal{}, sqlstate.New(sqlstate.FeatureNotSupported, `"RN" not supported for input`)
	}
	r := &numberReader{d: *d, in: value, sign: ' '}
	for _, n := range nodes {
		if r.done() {
			break
		}
		if !n.pattern {
			r.pos += len(firstChar(r.in[r.pos:]))
			continue
		}
		if r.pattern(n.key) {
			r.pos++
		}
	}
	text := string(r.sign) + strings.TrimSuffix(r.digits.String(), ".")
	if r.sign == '+' || r.sign == ' ' {
		text = " " + text[1:]
	}
	parsed, err := types.CanonicalNumeric(strings.TrimSpace(text))
	if err != nil {
		return types.Decimal{}, sqlstate.New(sqlstate.InvalidTextRepresentation, "invalid input syntax for type numeric: %q", text)
	}
	v, _ := types.ParseDecimal(parsed)
	v = roundAt(v, r.readPost)
	if d.has(numFMulti) {
		v = types.DivDecimal(v, types.Decimal{Unscaled: pow10(int64(d.multi))})
	}
	return v, nil
}

// pattern reads for one pattern; it tells whether the input advances a
// character after it.
func (r *numberReader) pattern(k numKey) bool {
	switch k {
	case num9, num0, numDec, numD:
		r.numeric(k)
		return true
	case numComma, numG:
		if !r.numIn && r.d.has(numFFillMode) || r.cur() != ',' {
			return false
		}
		return true
	case numL:
		r.skipNonData(1)
	case numTH, numth:
		r.skipNonData(2)
	case numMI, numPL, numSG:
		c := r.cur()
		if k == numMI && c == '-' || k == numPL && c == '+' || k == numSG && (c == '-' || c == '+') {
			r.sign = c
			return true
		}
		r.skipNonData(1)
	}
	return false
}

// skipNonData skips up to n characters that are not part of a number.
func (r *numberReader) skipNonData(n int) {
	for ; n > 0 && !r.done(); n-- {
		if strings.IndexByte("0123456789.,+-", r.cur()) >= 0 {
			return
		}
		r.pos += len(firstChar(r.in[r.pos:]))
	}
}

// numeric reads for a 9, 0 or point: a sign before the first digit, a
// digit or the point, and a sign after the last digit.
func (r *numberReader) numeric(k numKey) {
	if r.done() {
		return
	}
	if r.cur() == ' ' {
		r.pos++
	}
	if r.done() {
		return
	}
	if r.sign == ' ' && (k == num0 || k == num9) && r.readPre+r.readPost == 0 {
		switch c := r.cur(); {
		case c == '-' || r.d.has(numFBracket) && c == '<':
			r.sign = '-'
			r.pos++
		case c == '+':
			r.sign = '+'
			r.pos++
		}
	}
	if r.done() {
		return
	}
	read := false
	switch c := r.cur(); {
	case c >= '0' && c <= '9':
		if r.readPoint && r.readPost == r.d.post {
			return
		}
		r.digits.WriteByte(c)
		if r.readPoint {
			r.readPost++
		} else {
			r.readPre++
		}
		read, r.numIn = true, true
	case r.d.has(numFDecimal) && !r.readPoint && c == '.':
		r.digits.WriteByte('.')
		r.readPoint, read = true, true
	}
	if r.done() || r.sign != ' ' || r.readPre+r.readPost == 0 {
		return
	}
	r.trailingSign(read)
}

func (r *numberReader) trailingSign(read bool) {
	next := r.pos + 1
	switch {
	case r.d.has(numFLSign) && read && next < len(r.in) && !(r.in[next] >= '0' && r.in[next] <= '9'):
		if c := r.in[next]; c == '-' || c == '+' {
			r.pos = next
			r.sign = c
		}
	case !read && !r.d.has(numFLSign) && (r.d.has(numFPlus) || r.d.has(numFMinus)):
		if c := r.cur(); c == '-' || c == '+' {
			r.sign = c
		}
	}
}
