package types

import (
	"math/big"
)

// NumericDivide divides two exact decimals, a = aUnscaled / 10^aScale and
// b likewise, and returns the quotient's text; see DivDecimal.
func NumericDivide(aUnscaled *big.Int, aScale int32, bUnscaled *big.Int, bScale int32) string {
	return DivDecimal(Decimal{Unscaled: aUnscaled, Scale: aScale}, Decimal{Unscaled: bUnscaled, Scale: bScale}).String()
}

// DivDecimal divides as PostgreSQL's numeric division does: the result has
// the scale select_div_scale picks (at least 16 significant digits, at
// least either input's scale, at most 1000), rounded half away from zero.
// b must not be zero.
func DivDecimal(a, b Decimal) Decimal {
	ra := new(big.Rat).SetFrac(a.Unscaled, pow10(a.Scale))
	rb := new(big.Rat).SetFrac(b.Unscaled, pow10(b.Scale))
	wa, fa := base10000Lead(ra)
	wb, fb := base10000Lead(rb)
	qweight := wa - wb
	if fa <= fb {
		qweight--
	}
	scale := 16 - qweight*4
	scale = max(scale, int(a.Scale), int(b.Scale), 0)
	scale = min(scale, 1000)
	return RoundDecimal(new(big.Rat).Quo(ra, rb), int32(scale))
}

func pow10(n int32) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}

// base10000Lead returns the weight and first digit of |r| written in base
// 10000, as PostgreSQL's NumericVar holds it (0, 0 for zero).
func base10000Lead(r *big.Rat) (weight int, first int64) {
	abs := new(big.Rat).Abs(r)
	if abs.Sign() == 0 {
		return 0, 0
	}
	base := big.NewRat(10000, 1)
	one := big.NewRat(1, 1)
	for abs.Cmp(base) >= 0 {
		abs.Quo(abs, base)
		weight++
	}
	for abs.Cmp(one) < 0 {
		abs.Mul(abs, base)
		weight--
	}
	first = new(big.Int).Quo(abs.Num(), abs.Denom()).Int64()
	return weight, first
}

// RoundDecimal rounds r to exactly scale decimals, half away from zero.
func RoundDecimal(r *big.Rat, scale int32) Decimal {
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(pow10(scale)))
	num, den := scaled.Num(), scaled.Denom()
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	twice := new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2))
	if twice.Cmp(den) >= 0 {
		if num.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return Decimal{Unscaled: q, Scale: scale}
}
