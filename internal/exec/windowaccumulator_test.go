package exec

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/types"
)

// TestWindowAccumulatorFrames checks the aggregates windows compute with
// the hash aggregation's accumulators, over growing and sliding frames
// (values as PostgreSQL gives them for the same rows).
func TestWindowAccumulatorFrames(t *testing.T) {
	cases := []struct {
		f    WindowFunc
		want string
	}{
		{WindowFunc{Name: "stddev_samp", Typ: types.Numeric, Frame: rowsFrame(unboundedPreceding, currentRow)},
			"NULL 7.0710678118654752 7.0710678118654752 15.2752523165194667 NULL 1.4142135623730950 NULL"},
		{WindowFunc{Name: "var_pop", Typ: types.Numeric, Frame: rowsFrame(unboundedPreceding, currentRow)},
			"0 25.0000000000000000 25.0000000000000000 155.5555555555555556 0 1.00000000000000000000 0"},
		{WindowFunc{Name: "bit_or", Typ: arrow.PrimitiveTypes.Int32, Frame: rowsFrame(preceding(1), currentRow)},
			"10 30 20 40 5 7 3"},
	}
	for _, c := range cases {
		c.f.Args = append(c.f.Args, wcol("v"))
		got, err := runWindow(t, c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.f.Name, err)
		}
		if got != c.want {
			t.Errorf("%s: got %q\nwant %q", c.f.Name, got, c.want)
		}
	}
}
