package exec

import (
	"fmt"
	"strings"
)

// numWriter writes a number through a numeric template, as PostgreSQL's
// NUM_processor does for to_char. number holds the digits (and point) to
// write, already rounded to the template, without sign.
type numWriter struct {
	d            numDesc
	sign         byte // '+' or '-', 0 for Roman numerals
	signWrote    bool
	numCount     int
	numCurr      int
	outPreSpaces int
	numIn        bool
	number       string
	np           int // the next character of number
	lastRelevant int // the last significant decimal of number in fill mode, -1 when none
	out          strings.Builder
}

func (w *numWriter) at(i int) byte {
	if i < len(w.number) {
		return w.number[i]
	}
	return 0
}

// writeNumber renders number (with its sign and the count of leading
// blanks the template needs) through the template.
func writeNumber(nodes []numNode, d numDesc, number string, outPreSpaces int, sign byte) string {
	w := &numWriter{d: d, number: number, outPreSpaces: outPreSpaces, lastRelevant: -1}
	if w.d.zeroStart > 0 {
		w.d.zeroStart--
	}
	if w.d.has(numFEEEE) {
		return number
	}
	if w.d.has(numFRoman) {
		w.d.lsign, w.d.preLSignNum, w.d.post, w.d.pre, w.outPreSpaces, sign = 0, 0, 0, 0, 0, 0
		w.d.flag = w.d.flag&numFFillMode | numFRoman
	}
	w.prepareSign(sign)
	w.numCount = w.d.post + w.d.pre - 1
	if w.d.has(numFFillMode) && w.d.has(numFDecimal) {
		w.findLastRelevant()
	}
	if !w.signWrote && w.outPreSpaces == 0 {
		w.numCount++
	}
	for _, n := range nodes {
		if !n.pattern {
			w.out.WriteString(n.text)
			continue
		}
		w.pattern(n.key)
	}
	return w.out.String()
}

func (w *numWriter) prepareSign(sign byte) {
	w.sign = sign
	if w.d.has(numFPlus) || w.d.has(numFMinus) {
		w.signWrote = !(w.d.has(numFPlus) && !w.d.has(numFMinus))
		return
	}
	if w.sign != '-' && w.d.has(numFFillMode) {
		w.d.flag &^= numFBracket
	}
	w.signWrote = w.sign == '+' && w.d.has(numFFillMode) && !w.d.has(numFLSign)
	if w.d.lsign == lsignPre && w.d.pre == w.d.preLSignNum {
		w.d.lsign = lsignPost
	}
}

// findLastRelevant finds the last decimal fill mode keeps: the last one
// that is not a zero, or the last a 0 pattern asks for.
func (w *numWriter) findLastRelevant() {
	point := strings.IndexByte(w.number, '.')
	if point < 0 {
		return
	}
	w.lastRelevant = point
	for i := point + 1; i < len(w.number); i++ {
		if w.number[i] != '0' {
			w.lastRelevant = i
		}
	}
	if w.d.zeroEnd > w.outPreSpaces {
		lastZero := min(len(w.number)-1, w.d.zeroEnd-w.outPreSpaces)
		if w.lastRelevant < lastZero {
			w.lastRelevant = lastZero
		}
	}
}

func (w *numWriter) fill() bool { return w.d.has(numFFillMode) }

// pattern writes one non-literal pattern.
func (w *numWriter) pattern(k numKey) {
	switch k {
	case num9, num0, numDec, numD:
		w.digit(k)
	case numComma, numG:
		switch {
		case w.numIn:
			w.out.WriteByte(',')
		case !w.fill():
			w.out.WriteByte(' ')
		}
	case numL:
		w.out.WriteByte(' ')
	case numRN, numrn:
		s := w.number[w.np:]
		if k == numrn {
			s = strings.ToLower(s)
		}
		if !w.fill() {
			s = fmt.Sprintf("%15s", s)
		}
		w.out.WriteString(s)
	case numTH, numth:
		if w.d.has(numFRoman) || w.at(0) == '#' || w.sign == '-' || w.d.has(numFDecimal) {
			return
		}
		w.out.WriteString(ordinal(w.number, k == numTH))
	case numMI:
		w.signChar('-', w.sign == '-')
	case numPL:
		w.signChar('+', w.sign == '+')
	case numSG:
		w.out.WriteByte(w.sign)
	}
}

// signChar writes c when shown, else a blank (nothing in fill mode).
func (w *numWriter) signChar(c byte, shown bool) {
	switch {
	case shown:
		w.out.WriteByte(c)
	case !w.fill():
		w.out.WriteByte(' ')
	}
}

// predecSpace tells whether the number's leading 0 before the point is
// shown as a blank ("0.1" through 9.9 is " .1").
func (w *numWriter) predecSpace() bool {
	return !w.d.has(numFZero) && w.np == 0 && w.at(0) == '0' && w.d.post != 0
}

func (w *numWriter) lastIsPoint() bool {
	return w.lastRelevant >= 0 && w.number[w.lastRelevant] == '.'
}

// digit writes a 9, 0 or decimal point pattern, and the sign when its
// place comes (PostgreSQL's NUM_numpart_to_char).
func (w *numWriter) digit(k numKey) {
	if w.d.has(numFRoman) {
		return
	}
	w.numIn = false
	w.writeLeadingSign()
	switch {
	case w.numCurr < w.outPreSpaces && (w.d.zeroStart > w.numCurr || !w.d.has(numFZero)):
		if !w.fill() {
			w.out.WriteByte(' ')
		}
	case w.d.has(numFZero) && w.numCurr < w.outPreSpaces && w.d.zeroStart <= w.numCurr:
		w.out.WriteByte('0')
		w.numIn = true
	default:
		w.writeDigitOrPoint(k)
		if w.np < len(w.number) {
			w.np++
		}
	}
	end := w.numCount
	if w.outPreSpaces > 0 {
		end++
	}
	if w.d.has(numFDecimal) {
		end++
	}
	if w.lastRelevant >= 0 && w.lastRelevant == w.np {
		end = w.numCurr
	}
	if w.numCurr+1 == end {
		w.writeTrailingSign()
	}
	w.numCurr++
}

func (w *numWriter) writeLeadingSign() {
	if w.signWrote {
		return
	}
	if !(w.numCurr >= w.outPreSpaces || w.d.has(numFZero) && w.d.zeroStart == w.numCurr) {
		return
	}
	if w.predecSpace() && !w.lastIsPoint() {
		return
	}
	switch {
	case w.d.has(numFLSign):
		if w.d.lsign == lsignPre {
			w.out.WriteByte(w.sign)
			w.signWrote = true
		}
	case w.d.has(numFBracket):
		w.out.WriteByte(map[bool]byte{true: ' ', false: '<'}[w.sign == '+'])
		w.signWrote = true
	case w.sign == '+':
		if !w.fill() {
			w.out.WriteByte(' ')
		}
		w.signWrote = true
	case w.sign == '-':
		w.out.WriteByte('-')
		w.signWrote = true
	}
}

func (w *numWriter) writeDigitOrPoint(k numKey) {
	c := w.at(w.np)
	if c == '.' {
		if !w.lastIsPoint() || w.fill() {
			w.out.WriteByte('.')
		}
		return
	}
	switch {
	case w.lastRelevant >= 0 && w.np > w.lastRelevant && k != num0:
	case w.predecSpace():
		if !w.fill() {
			w.out.WriteByte(' ')
		} else if w.lastIsPoint() {
			w.out.WriteByte('0')
		}
	case c != 0:
		w.out.WriteByte(c)
		w.numIn = true
	}
}

func (w *numWriter) writeTrailingSign() {
	switch {
	case w.signWrote && w.d.has(numFBracket):
		w.out.WriteByte(map[bool]byte{true: ' ', false: '>'}[w.sign == '+'])
	case w.d.has(numFLSign) && w.d.lsign == lsignPost:
		w.out.WriteByte(w.sign)
	}
}
