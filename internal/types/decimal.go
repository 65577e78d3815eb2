package types

import (
	"fmt"
	"math/big"
	"strings"
)

// Decimal is an exact decimal number, Unscaled / 10^Scale, with its scale
// kept as PostgreSQL's numeric keeps it (1.50 has scale 2).
type Decimal struct {
	Unscaled *big.Int
	Scale    int32
}

// ParseDecimal reads the canonical text of a numeric value ("-12.340").
func ParseDecimal(text string) (Decimal, error) {
	digits, scale := text, int32(0)
	if i := strings.IndexByte(text, '.'); i >= 0 {
		digits, scale = text[:i]+text[i+1:], int32(len(text)-i-1)
	}
	n, ok := new(big.Int).SetString(digits, 10)
	if !ok {
		return Decimal{}, fmt.Errorf("invalid numeric %q", text)
	}
	return Decimal{Unscaled: n, Scale: scale}, nil
}

// String renders d with exactly its scale.
func (d Decimal) String() string {
	digits := new(big.Int).Abs(d.Unscaled).String()
	if d.Scale > 0 {
		for len(digits) <= int(d.Scale) {
			digits = "0" + digits
		}
		digits = digits[:len(digits)-int(d.Scale)] + "." + digits[len(digits)-int(d.Scale):]
	}
	if d.Unscaled.Sign() < 0 {
		return "-" + digits
	}
	return digits
}

// rescaled returns d's unscaled value at a larger scale.
func (d Decimal) rescaled(scale int32) *big.Int {
	return new(big.Int).Mul(d.Unscaled, pow10(scale-d.Scale))
}

// AddDecimal is a + b with the larger of their scales, as PostgreSQL adds.
func AddDecimal(a, b Decimal) Decimal {
	s := max(a.Scale, b.Scale)
	return Decimal{Unscaled: new(big.Int).Add(a.rescaled(s), b.rescaled(s)), Scale: s}
}

// SubDecimal is a - b with the larger of their scales.
func SubDecimal(a, b Decimal) Decimal {
	s := max(a.Scale, b.Scale)
	return Decimal{Unscaled: new(big.Int).Sub(a.rescaled(s), b.rescaled(s)), Scale: s}
}

// MulDecimal is a * b with the sum of their scales, exact.
func MulDecimal(a, b Decimal) Decimal {
	return Decimal{Unscaled: new(big.Int).Mul(a.Unscaled, b.Unscaled), Scale: a.Scale + b.Scale}
}

// ModDecimal is the remainder of a / b truncated towards zero (its sign is
// a's), with the larger of their scales, as PostgreSQL's numeric %. b must
// not be zero.
func ModDecimal(a, b Decimal) Decimal {
	s := max(a.Scale, b.Scale)
	return Decimal{Unscaled: new(big.Int).Rem(a.rescaled(s), b.rescaled(s)), Scale: s}
}
