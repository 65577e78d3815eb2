package s3

import (
	"fmt"
	"testing"
)

func TestCoalesce(t *testing.T) {
	const mib = 1 << 20
	cases := []struct {
		name   string
		ranges []Range
		size   int64
		want   string
	}{
		{"adjacent", []Range{{0, 100}, {100, 50}}, 1000, "[{0 150 150}]"},
		{"unsorted and overlapping", []Range{{500, 100}, {0, 100}, {50, 100}}, 1000, "[{0 150 150} {500 100 100}]"},
		{"small gap joins", []Range{{0, 8 * mib}, {8*mib + 1000, mib}}, 100 * mib, "[{0 8388608 8388608} {8388608 1049576 1048576}]"},
		{"gap wasting more than an eighth stays apart", []Range{{0, 1000}, {2000, 1000}}, 10000, "[{0 1000 1000} {2000 1000 1000}]"},
		{"gap over 1 MiB stays apart", []Range{{0, 20 * mib}, {21*mib + 1, mib}}, 100 * mib,
			"[{0 8388608 8388608} {8388608 8388608 8388608} {16777216 4194304 4194304} {22020097 1048576 1048576}]"},
		{"clipped to the size", []Range{{900, 200}, {2000, 10}}, 1000, "[{900 100 100}]"},
	}
	for _, c := range cases {
		var got []string
		for _, r := range coalesce(c.ranges, c.size) {
			got = append(got, fmt.Sprintf("{%d %d %d}", r.Off, r.Len, r.useful))
		}
		if s := fmt.Sprint(got); s != c.want {
			t.Errorf("%s: %s, want %s", c.name, s, c.want)
		}
	}
}
