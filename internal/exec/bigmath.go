package exec

import (
	"math/big"

	"auger/internal/types"
)

// The transcendental functions of numeric, in binary floating point of
// enough precision for the decimals wanted and then rounded: math/big has
// none of its own.

// precisionFor is the binary precision that carries digits decimal digits.
func precisionFor(digits int) uint { return uint(digits)*332/100 + 64 }

// floatRat is the exact value of a big.Float.
func floatRat(f *big.Float) *big.Rat {
	r, _ := f.Rat(nil)
	return r
}

// roundFloat rounds f half away from zero to scale decimals.
func roundFloat(f *big.Float, scale int32) types.Decimal {
	return types.RoundDecimal(floatRat(f), scale)
}

// bigLn is the natural logarithm of r > 0: with r = m·2^e and m in
// [0.5, 1), ln r = ln m + e·ln 2, ln m by the series of 2·atanh((m-1)/(m+1)).
func bigLn(r *big.Rat, prec uint) *big.Float {
	x := new(big.Float).SetPrec(prec + 32).SetRat(r)
	m := new(big.Float).SetPrec(prec + 32)
	e := x.MantExp(m)
	one := new(big.Float).SetPrec(prec + 32).SetInt64(1)
	z := new(big.Float).SetPrec(prec+32).Quo(new(big.Float).Sub(m, one), new(big.Float).Add(m, one))
	out := atanhSeries(z, prec+32)
	if e != 0 {
		third := new(big.Float).SetPrec(prec+32).Quo(one, new(big.Float).SetInt64(3))
		ln2 := atanhSeries(third, prec+32)
		out.Add(out, ln2.Mul(ln2, new(big.Float).SetInt64(int64(e))))
	}
	return out.SetPrec(prec)
}

// atanhSeries is 2·atanh(z) = 2(z + z³/3 + z⁵/5 + ...), for |z| ≤ 1/3.
func atanhSeries(z *big.Float, prec uint) *big.Float {
	sum := new(big.Float).SetPrec(prec).Set(z)
	z2 := new(big.Float).SetPrec(prec).Mul(z, z)
	term := new(big.Float).SetPrec(prec).Set(z)
	limit := new(big.Float).SetMantExp(big.NewFloat(1), -int(prec)-8)
	for n := int64(3); ; n += 2 {
		term.Mul(term, z2)
		add := new(big.Float).SetPrec(prec).Quo(term, new(big.Float).SetInt64(n))
		if new(big.Float).Abs(add).Cmp(limit) < 0 {
			break
		}
		sum.Add(sum, add)
	}
	return sum.Mul(sum, new(big.Float).SetInt64(2))
}

// bigExp is e^x: x halved until small, the Taylor series, then squared
// back.
func bigExp(x *big.Float) *big.Float {
	prec := x.Prec() + 64
	if x.Sign() == 0 {
		return new(big.Float).SetPrec(x.Prec()).SetInt64(1)
	}
	halvings := 0
	y := new(big.Float).SetPrec(prec).Set(x)
	for y.MantExp(nil) > -8 {
		y.SetMantExp(y, -1)
		halvings++
	}
	sum := new(big.Float).SetPrec(prec).SetInt64(1)
	term := new(big.Float).SetPrec(prec).SetInt64(1)
	limit := new(big.Float).SetMantExp(big.NewFloat(1), -int(prec))
	for n := int64(1); ; n++ {
		term.Mul(term, y)
		term.Quo(term, new(big.Float).SetInt64(n))
		if new(big.Float).Abs(term).Cmp(limit) < 0 {
			break
		}
		sum.Add(sum, term)
	}
	for ; halvings > 0; halvings-- {
		sum.Mul(sum, sum)
	}
	return sum.SetPrec(x.Prec())
}
