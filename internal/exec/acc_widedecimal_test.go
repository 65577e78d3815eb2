package exec

import (
	"math/big"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal256"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/types"
)

func TestWideDecimalSumGoesPast256Bits(t *testing.T) {
	typ := &arrow.Decimal256Type{Precision: 76, Scale: 2}
	b := array.NewDecimal256Builder(memory.DefaultAllocator, typ)
	defer b.Release()
	nines, _ := new(big.Int).SetString("9999999999999999999999999999999999999999999999999999999999999999999999999999", 10)
	big := decimal256.FromBigInt(nines)
	b.AppendValues([]decimal256.Num{big, big, decimal256.FromI64(-150), big}, nil)
	b.AppendNull()
	b.Append(decimal256.FromI64(1))
	values := b.NewArray()
	defer values.Release()
	for _, avg := range []bool{false, true} {
		acc := &wideDecimalSumAccumulator{avg: avg}
		acc.Resize(2)
		if err := acc.Update([]int32{0, 0, 1, 0, 1, 1}, values); err != nil {
			t.Fatal(err)
		}
		res, err := acc.Result()
		if err != nil {
			t.Fatal(err)
		}
		got := res.(*types.NumericArray).Storage().(*array.String)
		want := []string{"299999999999999999999999999999999999999999999999999999999999999999999999999.97", "-1.49"}
		if avg {
			want = []string{"99999999999999999999999999999999999999999999999999999999999999999999999999.99", "-0.74500000000000000000"}
		}
		for g := range want {
			if got.Value(g) != want[g] {
				t.Errorf("avg=%v group %d: got %s, want %s", avg, g, got.Value(g), want[g])
			}
		}
		res.Release()
	}
}
