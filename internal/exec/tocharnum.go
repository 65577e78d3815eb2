package exec

import (
	"strings"

	"auger/internal/sqlstate"
)

// numKey is a numeric template pattern of to_char and to_number.
type numKey int

// The numeric template patterns.
const (
	numComma numKey = iota // ,
	numDec                 // .
	num0
	num9
	numB
	numC
	numD
	numE // EEEE
	numFM
	numG
	numL
	numMI
	numPL
	numPR
	numRN
	numrn
	numSG
	numSP
	numS
	numTH
	numth
	numV
)

var numKeywords = []struct {
	name string
	key  numKey
}{
	{",", numComma}, {".", numDec}, {"0", num0}, {"9", num9}, {"B", numB}, {"C", numC}, {"D", numD},
	{"EEEE", numE}, {"FM", numFM}, {"G", numG}, {"L", numL}, {"MI", numMI}, {"PL", numPL}, {"PR", numPR},
	{"RN", numRN}, {"SG", numSG}, {"SP", numSP}, {"S", numS}, {"TH", numTH}, {"V", numV},
	{"b", numB}, {"c", numC}, {"d", numD}, {"eeee", numE}, {"fm", numFM}, {"g", numG}, {"l", numL},
	{"mi", numMI}, {"pl", numPL}, {"pr", numPR}, {"rn", numrn}, {"sg", numSG}, {"sp", numSP}, {"s", numS},
	{"th", numth}, {"v", numV},
}

// The flags of a numeric template.
const (
	numFDecimal = 1 << iota
	numFLDecimal
	numFZero
	numFBlank
	numFFillMode
	numFLSign
	numFBracket
	numFMinus
	numFPlus
	numFRoman
	numFMulti
	numFPlusPost
	numFMinusPost
	numFEEEE
)

// Where a locale sign (S) goes.
const (
	lsignNone = 0
	lsignPre  = -1
	lsignPost = 1
)

// numDesc describes a numeric template, as PostgreSQL's NUMDesc: digits
// before and after the point, sign placement, flags.
type numDesc struct {
	pre, post, lsign, flag, preLSignNum, multi, zeroStart, zeroEnd int
}

func (d *numDesc) has(f int) bool { return d.flag&f != 0 }

// numNode is a parsed numeric template element: a pattern or a literal.
type numNode struct {
	key     numKey
	pattern bool
	text    string
}

func templateError(msg string) error { return sqlstate.New(sqlstate.SyntaxError, "%s", msg) }

// parseNumTemplate parses a numeric template and describes it, with
// PostgreSQL's errors for contradictory patterns.
func parseNumTemplate(format string) ([]numNode, *numDesc, error) {
	d := &numDesc{}
	var out []numNode
	for s := format; s != ""; {
		if kw, ok := matchNumKeyword(s); ok {
			if err := d.add(kw.key); err != nil {
				return nil, nil, err
			}
			out = append(out, numNode{key: kw.key, pattern: true})
			s = s[len(kw.name):]
			continue
		}
		lits, rest := literalNodes(s)
		for _, l := range lits {
			out = append(out, numNode{text: l.text})
		}
		s = rest
	}
	return out, d, nil
}

func matchNumKeyword(s string) (struct {
	name string
	key  numKey
}, bool) {
	for _, k := range numKeywords {
		if strings.HasPrefix(s, k.name) {
			return k, true
		}
	}
	return numKeywords[0], false
}

// add accounts for one pattern, as PostgreSQL's NUMDesc_prepare does.
func (d *numDesc) add(k numKey) error {
	if d.has(numFEEEE) && k != numE {
		return templateError(`"EEEE" must be the last pattern used`)
	}
	switch k {
	case num9, num0:
		return d.addDigit(k == num0)
	case numB:
		if d.pre == 0 && d.post == 0 && !d.has(numFZero) {
			d.flag |= numFBlank
		}
	case numD, numDec:
		return d.addPoint(k == numD)
	case numFM:
		d.flag |= numFFillMode
	case numS:
		return d.addLocaleSign()
	case numMI, numPL, numSG:
		return d.addSign(k)
	case numPR:
		if d.has(numFLSign) || d.has(numFPlus) || d.has(numFMinus) {
			return templateError(`cannot use "PR" and "S"/"PL"/"MI"/"SG" together`)
		}
		d.flag |= numFBracket
	case numRN, numrn:
		d.flag |= numFRoman
	case numV:
		if d.has(numFDecimal) {
			return templateError(`cannot use "V" and decimal point together`)
		}
		d.flag |= numFMulti
	case numE:
		return d.addEEEE()
	}
	return nil
}

func (d *numDesc) addDigit(zero bool) error {
	if d.has(numFBracket) {
		if zero {
			return templateError(`"0" must be ahead of "PR"`)
		}
		return templateError(`"9" must be ahead of "PR"`)
	}
	if !zero && d.has(numFMulti) {
		d.multi++
		return nil
	}
	if zero && !d.has(numFZero) && !d.has(numFDecimal) {
		d.flag |= numFZero
		d.zeroStart = d.pre + 1
	}
	if d.has(numFDecimal) {
		d.post++
	} else {
		d.pre++
	}
	if zero {
		d.zeroEnd = d.pre + d.post
	}
	return nil
}

func (d *numDesc) addPoint(locale bool) error {
	if locale {
		d.flag |= numFLDecimal
	}
	if d.has(numFDecimal) {
		return templateError("multiple decimal points")
	}
	if d.has(numFMulti) {
		return templateError(`cannot use "V" and decimal point together`)
	}
	d.flag |= numFDecimal
	return nil
}

func (d *numDesc) addLocaleSign() error {
	if d.has(numFLSign) {
		return templateError(`cannot use "S" twice`)
	}
	if d.has(numFPlus) || d.has(numFMinus) || d.has(numFBracket) {
		return templateError(`cannot use "S" and "PL"/"MI"/"SG"/"PR" together`)
	}
	switch {
	case !d.has(numFDecimal):
		d.lsign, d.preLSignNum = lsignPre, d.pre
		d.flag |= numFLSign
	case d.lsign == lsignNone:
		d.lsign = lsignPost
		d.flag |= numFLSign
	}
	return nil
}

func (d *numDesc) addSign(k numKey) error {
	if d.has(numFLSign) {
		return templateError(map[numKey]string{numMI: `cannot use "S" and "MI" together`,
			numPL: `cannot use "S" and "PL" together`, numSG: `cannot use "S" and "SG" together`}[k])
	}
	switch k {
	case numMI:
		d.flag |= numFMinus
		if d.has(numFDecimal) {
			d.flag |= numFMinusPost
		}
	case numPL:
		d.flag |= numFPlus
		if d.has(numFDecimal) {
			d.flag |= numFPlusPost
		}
	default:
		d.flag |= numFMinus | numFPlus
	}
	return nil
}

func (d *numDesc) addEEEE() error {
	if d.has(numFEEEE) {
		return templateError(`cannot use "EEEE" twice`)
	}
	if d.has(numFBlank) || d.has(numFFillMode) || d.has(numFLSign) || d.has(numFBracket) ||
		d.has(numFMinus) || d.has(numFPlus) || d.has(numFRoman) || d.has(numFMulti) {
		return sqlstate.New(sqlstate.SyntaxError, `"EEEE" is incompatible with other formats`).
			WithDetail(`"EEEE" may only be used together with digit and decimal point patterns.`)
	}
	d.flag |= numFEEEE
	return nil
}
