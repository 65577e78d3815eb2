package exec

import (
	"cmp"
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
)

// nanosPerDay is the length of an interval's day when intervals compare.
const nanosPerDay = int64(24 * 3600 * 1e9)

// intervalSpan is an interval as PostgreSQL compares it (interval_cmp_value):
// a month counts 30 days and a day 24 hours, so '1 mon' = '30 days' =
// '720 hours'. It is returned as whole days and the nanoseconds left over
// (0 <= nanos < one day), which cannot overflow.
func intervalSpan(v arrow.MonthDayNanoInterval) (days, nanos int64) {
	days = int64(v.Months)*30 + int64(v.Days) + v.Nanoseconds/nanosPerDay
	nanos = v.Nanoseconds % nanosPerDay
	if nanos < 0 {
		days, nanos = days-1, nanos+nanosPerDay
	}
	return days, nanos
}

// intervalCompare orders two intervals by their span: -1, 0 or 1.
func intervalCompare(x, y arrow.MonthDayNanoInterval) int {
	xd, xn := intervalSpan(x)
	yd, yn := intervalSpan(y)
	return cmp.Or(cmp.Compare(xd, yd), cmp.Compare(xn, yn))
}

// intervalNegative tells whether an interval spans less than nothing.
func intervalNegative(v arrow.MonthDayNanoInterval) bool {
	days, _ := intervalSpan(v)
	return days < 0
}

func intervalLess(a, b arrow.MonthDayNanoInterval) bool { return intervalCompare(a, b) < 0 }

// evalIntervalCompare compares intervals by their span, which the compute
// kernels cannot (they have no ordering of month-day-nano intervals).
func evalIntervalCompare(ctx context.Context, n *expr.Compare, batch arrow.RecordBatch) (compute.Datum, error) {
	args, err := evalArgs(ctx, []expr.Expr{n.Left, n.Right}, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(args)
	out := compareIntervals(memory.DefaultAllocator, n.Op, args[0].(*array.MonthDayNanoInterval), args[1].(*array.MonthDayNanoInterval))
	defer out.Release()
	return compute.NewDatum(out), nil
}

// compareIntervals applies a comparison operator row by row; a NULL on
// either side gives NULL.
func compareIntervals(mem memory.Allocator, op expr.CompareOp, a, b *array.MonthDayNanoInterval) *array.Boolean {
	out := array.NewBooleanBuilder(mem)
	defer out.Release()
	out.Reserve(a.Len())
	for i := 0; i < a.Len(); i++ {
		if a.IsNull(i) || b.IsNull(i) {
			out.AppendNull()
			continue
		}
		out.Append(holds(op, intervalCompare(a.Value(i), b.Value(i))))
	}
	return out.NewBooleanArray()
}
