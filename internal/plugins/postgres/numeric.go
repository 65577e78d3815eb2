package postgres

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/decimal256"

	"auger/internal/types"
)

// numericValue is a numeric in PostgreSQL's binary format: base-10000
// digits, the weight (power of 10000) of the first one, a sign and the
// display scale.
type numericValue struct {
	digits []byte // ndigits big-endian uint16s
	weight int
	sign   uint16
	dscale int
}

// The sign field's values.
const (
	numericPos  = 0x0000
	numericNeg  = 0x4000
	numericNaN  = 0xC000
	numericPInf = 0xD000
	numericNInf = 0xF000
)

func parseNumeric(raw []byte) (numericValue, error) {
	be := binary.BigEndian
	if len(raw) < 8 {
		return numericValue{}, errWidth(8, raw)
	}
	ndigits := int(int16(be.Uint16(raw)))
	n := numericValue{weight: int(int16(be.Uint16(raw[2:]))), sign: be.Uint16(raw[4:]), dscale: int(int16(be.Uint16(raw[6:])))}
	if ndigits < 0 || len(raw) != 8+2*ndigits {
		return numericValue{}, errors.New("malformed numeric value")
	}
	n.digits = raw[8:]
	return n, nil
}

func (n numericValue) ndigits() int { return len(n.digits) / 2 }

// digit returns base-10000 digit i, 0 outside the stored ones.
func (n numericValue) digit(i int) uint64 {
	if i < 0 || i >= n.ndigits() {
		return 0
	}
	return uint64(binary.BigEndian.Uint16(n.digits[2*i:]))
}

// special names NaN and the infinities, "" for a number.
func (n numericValue) special() string {
	switch n.sign {
	case numericNaN:
		return "NaN"
	case numericPInf:
		return "Infinity"
	case numericNInf:
		return "-Infinity"
	}
	return ""
}

// numericDecoder reads numeric values into a Decimal128 or Decimal256 with
// the column's scale, or as canonical text into the Numeric extension for an
// unconstrained numeric — exactly, never through a float.
func numericDecoder(b array.Builder) decoder {
	switch bb := b.(type) {
	case *array.Decimal128Builder:
		return decimalDecoder(bb.Type().(*arrow.Decimal128Type).Scale, 2, func(m [4]uint64) { bb.Append(decimal128.New(int64(m[1]), m[0])) })
	case *array.Decimal256Builder:
		return decimalDecoder(bb.Type().(*arrow.Decimal256Type).Scale, 4, func(m [4]uint64) { bb.Append(decimal256.New(m[3], m[2], m[1], m[0])) })
	}
	if _, ok := b.Type().(*types.NumericType); ok {
		if sb, ok := storageOf(b, arrow.EXTENSION).(*array.StringBuilder); ok {
			return numericTextDecoder(sb)
		}
	}
	return nil
}

// decimalDecoder returns a decoder that turns a numeric into the two's
// complement unscaled integer at scale, in limbs 64-bit words, and appends
// it.
func decimalDecoder(scale int32, limbs int, appendNum func([4]uint64)) decoder {
	return func(raw []byte) error {
		n, err := parseNumeric(raw)
		if err != nil {
			return err
		}
		if s := n.special(); s != "" {
			return fmt.Errorf("numeric %s cannot be held by a decimal", s)
		}
		m, err := unscaled(n, int(scale))
		if err != nil {
			return err
		}
		if !fits(m, limbs) {
			return errors.New("numeric value out of the decimal's range")
		}
		if n.sign == numericNeg {
			m = negate(m)
		}
		appendNum(m)
		return nil
	}
}

// unscaled returns |n| × 10^scale as a little-endian 256-bit integer.
func unscaled(n numericValue, scale int) ([4]uint64, error) {
	var m [4]uint64
	for i := range n.ndigits() {
		if !mulAdd(&m, 10000, n.digit(i)) {
			return m, errors.New("numeric value out of the decimal's range")
		}
	}
	// m holds the digits as an integer: |n| × 10^(4 × (ndigits-1-weight)).
	shift := scale - 4*(n.ndigits()-1-n.weight)
	for up := shift; up > 0; up -= 19 {
		if !mulAdd(&m, pow10(min(up, 19)), 0) {
			return m, errors.New("numeric value out of the decimal's range")
		}
	}
	for down := -shift; down > 0; down -= 19 {
		if divSmall(&m, pow10(min(down, 19))) != 0 {
			return m, fmt.Errorf("numeric value has more than %d decimals", scale)
		}
	}
	return m, nil
}

func pow10(k int) uint64 {
	p := uint64(1)
	for range k {
		p *= 10
	}
	return p
}

// mulAdd sets m to m×mul+add and reports whether it did not overflow.
func mulAdd(m *[4]uint64, mul, add uint64) bool {
	carry := add
	for i := range m {
		hi, lo := bits.Mul64(m[i], mul)
		var c uint64
		m[i], c = bits.Add64(lo, carry, 0)
		carry = hi + c
	}
	return carry == 0
}

// divSmall sets m to m/d and returns the remainder.
func divSmall(m *[4]uint64, d uint64) (rem uint64) {
	for i := len(m) - 1; i >= 0; i-- {
		m[i], rem = bits.Div64(rem, m[i], d)
	}
	return rem
}

// fits reports whether a magnitude leaves the sign bit of a limbs-word
// two's complement integer clear.
func fits(m [4]uint64, limbs int) bool {
	for i := limbs; i < len(m); i++ {
		if m[i] != 0 {
			return false
		}
	}
	return m[limbs-1]>>63 == 0
}

func negate(m [4]uint64) [4]uint64 {
	var borrow uint64
	for i := range m {
		m[i], borrow = bits.Sub64(0, m[i], borrow)
	}
	return m
}

// numericTextDecoder writes numerics as PostgreSQL's numeric_out does.
func numericTextDecoder(sb *array.StringBuilder) decoder {
	var buf []byte
	return func(raw []byte) error {
		n, err := parseNumeric(raw)
		if err != nil {
			return err
		}
		buf = appendNumericText(buf[:0], n)
		sb.BinaryBuilder.Append(buf)
		return nil
	}
}

// appendNumericText renders n like PostgreSQL's get_str_from_var: the
// integer part without leading zeros, then dscale decimals.
func appendNumericText(dst []byte, n numericValue) []byte {
	if s := n.special(); s != "" {
		return append(dst, s...)
	}
	if n.sign == numericNeg {
		dst = append(dst, '-')
	}
	if n.weight < 0 {
		dst = append(dst, '0')
	}
	for d := 0; d <= n.weight; d++ {
		if d == 0 {
			dst = strconv.AppendUint(dst, n.digit(d), 10)
		} else {
			dst = appendDigits(dst, n.digit(d), 4)
		}
	}
	if n.dscale <= 0 {
		return dst
	}
	dst = append(dst, '.')
	for d, left := n.weight+1, n.dscale; left > 0; d, left = d+1, left-4 {
		dst = appendDigits(dst, n.digit(d), min(left, 4))
	}
	return dst
}

// appendDigits writes the first keep of the four decimal digits of a
// base-10000 digit.
func appendDigits(dst []byte, v uint64, keep int) []byte {
	var tmp [4]byte
	for i := 3; i >= 0; i-- {
		tmp[i] = byte('0' + v%10)
		v /= 10
	}
	return append(dst, tmp[:keep]...)
}
