package exec

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"

	"auger/internal/expr"
	"auger/internal/types"
)

// TestIntervalCompare checks that intervals compare by their span, a
// month being 30 days and a day 24 hours, with NULLs giving NULL.
func TestIntervalCompare(t *testing.T) {
	left := intervals("1 day", "1 mon", "1 mon", "-1 day", "1 year", "NULL", "25 hours", "-01:00:00")
	right := intervals("23 hours", "30 days", "720 hours", "-23:00:00", "360 days", "1 day", "1 day 1 mon", "-1 days +23:00:00")
	cases := []struct {
		op   expr.CompareOp
		want string
	}{
		{expr.Eq, "f t t f t NULL f t"},
		{expr.Ne, "t f f t f NULL t f"},
		{expr.Lt, "f f f t f NULL t f"},
		{expr.Le, "f t t t t NULL t t"},
		{expr.Gt, "t f f f f NULL f f"},
		{expr.Ge, "t t t f t NULL f t"},
	}
	l, r := left.column(t), right.column(t)
	defer l.Release()
	defer r.Release()
	schema := arrow.NewSchema([]arrow.Field{{Name: "l", Type: l.DataType(), Nullable: true}, {Name: "r", Type: r.DataType(), Nullable: true}}, nil)
	batch := array.NewRecordBatch(schema, []arrow.Array{l, r}, int64(l.Len()))
	defer batch.Release()
	for _, c := range cases {
		cmp := &expr.Compare{Op: c.op, Left: &expr.Column{Index: 0, Typ: l.DataType()}, Right: &expr.Column{Index: 1, Typ: r.DataType()}}
		d, err := Eval(context.Background(), cmp, batch)
		if err != nil {
			t.Fatalf("%s: %v", c.op, err)
		}
		got := datumText(t, d)
		d.Release()
		if got != c.want {
			t.Errorf("%s: got %s, want %s", c.op, got, c.want)
		}
	}
}

// TestIntervalSpan checks the comparison key: equal spans share a key,
// the time part carrying whole days into the days, negative times
// borrowing from them.
func TestIntervalSpan(t *testing.T) {
	cases := []struct {
		v           arrow.MonthDayNanoInterval
		days, nanos int64
	}{
		{arrow.MonthDayNanoInterval{Months: 1}, 30, 0},
		{arrow.MonthDayNanoInterval{Nanoseconds: 30 * nanosPerDay}, 30, 0},
		{arrow.MonthDayNanoInterval{Days: 1, Nanoseconds: -3600e9}, 0, 23 * 3600e9},
		{arrow.MonthDayNanoInterval{Months: -1, Days: 2, Nanoseconds: 1}, -28, 1},
	}
	for _, c := range cases {
		if d, n := intervalSpan(c.v); d != c.days || n != c.nanos {
			t.Errorf("intervalSpan(%v) = %d, %d; want %d, %d", c.v, d, n, c.days, c.nanos)
		}
	}
}

// datumText renders a datum's rows as PostgreSQL's text, space separated.
func datumText(t *testing.T, d compute.Datum) string {
	t.Helper()
	arr := d.(*compute.ArrayDatum).MakeArray()
	defer arr.Release()
	out := make([]string, arr.Len())
	for i := range out {
		out[i] = "NULL"
		if arr.IsValid(i) {
			out[i] = types.FormatText(arr, i, time.UTC)
		}
	}
	return strings.Join(out, " ")
}
