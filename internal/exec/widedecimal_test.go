package exec

import (
	"math"
	"math/big"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/decimal256"
)

func TestProduct256MatchesBigMultiplication(t *testing.T) {
	huge, _ := new(big.Int).SetString("-123456789012345678901234567890123", 10)
	values := []decimal256.Num{decimal256.FromI64(0), decimal256.FromI64(-1), decimal256.FromI64(3523425),
		decimal256.FromI64(-98765432109), decimal256.FromI64(math.MaxInt64), decimal256.FromI64(math.MinInt64),
		decimal256.FromBigInt(huge)}
	for _, a := range values {
		for _, b := range values {
			if a.BigInt().BitLen()+b.BigInt().BitLen() > 250 {
				continue
			}
			want := new(big.Int).Mul(a.BigInt(), b.BigInt())
			if got := product256(a, b).BigInt(); got.Cmp(want) != 0 {
				t.Errorf("%s × %s = %s, want %s", a.BigInt(), b.BigInt(), got, want)
			}
		}
	}
}
