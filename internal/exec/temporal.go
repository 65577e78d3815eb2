package exec

import (
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

const microsPerDay = int64(24 * time.Hour / time.Microsecond)

// temporalFunc is date and time arithmetic, row by row: date_add_days,
// date_diff, ts_add, ts_diff and iv_add; a _neg suffix subtracts.
func temporalFunc(name string, args []arrow.Array, result arrow.DataType) (arrow.Array, error) {
	b := array.NewBuilder(memory.DefaultAllocator, result)
	defer b.Release()
	sign := int64(1)
	if len(name) > 4 && name[len(name)-4:] == "_neg" {
		sign, name = -1, name[:len(name)-4]
	}
	for i := 0; i < args[0].Len(); i++ {
		if anyNull(args, i) {
			b.AppendNull()
			continue
		}
		switch name {
		case "date_add_days":
			d := args[0].(*array.Date32).Value(i)
			b.(*array.Date32Builder).Append(arrow.Date32(int64(d) + sign*args[1].(*array.Int64).Value(i)))
		case "date_diff":
			b.(*array.Int32Builder).Append(int32(args[0].(*array.Date32).Value(i) - args[1].(*array.Date32).Value(i)))
		case "ts_add":
			ts := args[0].(*array.Timestamp)
			iv := args[1].(*array.MonthDayNanoInterval).Value(i)
			t := addInterval(ts.Value(i).ToTime(arrow.Microsecond).UTC(), iv, sign)
			b.(*array.TimestampBuilder).Append(arrow.Timestamp(t.UnixMicro()))
		case "ts_diff":
			diff := int64(args[0].(*array.Timestamp).Value(i) - args[1].(*array.Timestamp).Value(i))
			b.(*array.MonthDayNanoIntervalBuilder).Append(arrow.MonthDayNanoInterval{
				Days: int32(diff / microsPerDay), Nanoseconds: diff % microsPerDay * 1000})
		case "iv_add":
			x, y := args[0].(*array.MonthDayNanoInterval).Value(i), args[1].(*array.MonthDayNanoInterval).Value(i)
			b.(*array.MonthDayNanoIntervalBuilder).Append(arrow.MonthDayNanoInterval{Months: x.Months + int32(sign)*y.Months,
				Days: x.Days + int32(sign)*y.Days, Nanoseconds: x.Nanoseconds + sign*y.Nanoseconds})
		}
	}
	return b.NewArray(), nil
}

// addInterval adds months (keeping the day within the new month, as
// PostgreSQL does: January 31 plus a month is February's last day), then
// days, then the time part.
func addInterval(t time.Time, iv arrow.MonthDayNanoInterval, sign int64) time.Time {
	if iv.Months != 0 {
		months := int(t.Month()) - 1 + int(sign)*int(iv.Months)
		year := t.Year() + floorDiv(months, 12)
		month := time.Month(months - floorDiv(months, 12)*12 + 1)
		day := min(t.Day(), daysIn(year, month))
		t = time.Date(year, month, day, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	}
	t = t.AddDate(0, 0, int(sign)*int(iv.Days))
	return t.Add(time.Duration(sign * iv.Nanoseconds))
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
