package exec

import (
	"fmt"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/types"
)

// dateFunc computes extract, date_part and date_trunc; the first argument
// holds the (constant) field name. Times are read in UTC, the session's
// zone.
func dateFunc(name string, args []arrow.Array, result arrow.DataType) (arrow.Array, error) {
	field := args[0].(*array.String).Value(0)
	times, isDate := asTimes(args[1])
	b := array.NewBuilder(memory.DefaultAllocator, storageType(result))
	defer b.Release()
	for i, t := range times {
		if args[1].IsNull(i) {
			b.AppendNull()
			continue
		}
		switch name {
		case "date_trunc":
			b.(*array.TimestampBuilder).Append(arrow.Timestamp(truncate(t, field).UnixMicro()))
		case "date_part":
			v, _ := strconv.ParseFloat(extract(t, field, isDate), 64)
			b.(*array.Float64Builder).Append(v)
		default:
			b.(*array.StringBuilder).Append(extract(t, field, isDate))
		}
	}
	out := b.NewArray()
	if result == types.Numeric {
		defer out.Release()
		return array.NewExtensionArrayWithStorage(types.Numeric, out), nil
	}
	return out, nil
}

func storageType(dt arrow.DataType) arrow.DataType {
	if ext, ok := dt.(arrow.ExtensionType); ok {
		return ext.StorageType()
	}
	return dt
}

// asTimes reads dates and timestamps as UTC times.
func asTimes(arr arrow.Array) ([]time.Time, bool) {
	out := make([]time.Time, arr.Len())
	switch a := arr.(type) {
	case *array.Date32:
		for i := range out {
			out[i] = a.Value(i).ToTime()
		}
		return out, true
	case *array.Timestamp:
		unit := a.DataType().(*arrow.TimestampType).Unit
		for i := range out {
			out[i] = a.Value(i).ToTime(unit).UTC()
		}
	}
	return out, false
}

// extract renders a field of a time as PostgreSQL's extract does: whole
// numbers for the calendar fields, six decimals for seconds and, on
// timestamps, for the epoch.
func extract(t time.Time, field string, isDate bool) string {
	switch field {
	case "year":
		return strconv.Itoa(t.Year())
	case "month":
		return strconv.Itoa(int(t.Month()))
	case "day":
		return strconv.Itoa(t.Day())
	case "hour":
		return strconv.Itoa(t.Hour())
	case "minute":
		return strconv.Itoa(t.Minute())
	case "second":
		return fmt.Sprintf("%d.%06d", t.Second(), t.Nanosecond()/1000)
	case "dow":
		return strconv.Itoa(int(t.Weekday()))
	case "isodow":
		return strconv.Itoa((int(t.Weekday())+6)%7 + 1)
	case "doy":
		return strconv.Itoa(t.YearDay())
	case "quarter":
		return strconv.Itoa((int(t.Month())-1)/3 + 1)
	case "week":
		_, w := t.ISOWeek()
		return strconv.Itoa(w)
	}
	micros := t.UnixMicro()
	if isDate {
		return strconv.FormatInt(micros/1_000_000, 10)
	}
	sign := ""
	if micros < 0 {
		sign, micros = "-", -micros
	}
	return fmt.Sprintf("%s%d.%06d", sign, micros/1_000_000, micros%1_000_000)
}

// truncate is date_trunc: weeks start on Monday, quarters in January,
// April, July and October.
func truncate(t time.Time, unit string) time.Time {
	switch unit {
	case "second":
		return t.Truncate(time.Second)
	case "minute":
		return t.Truncate(time.Minute)
	case "hour":
		return t.Truncate(time.Hour)
	}
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	switch unit {
	case "week":
		return day.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	case "month":
		return day.AddDate(0, 0, 1-t.Day())
	case "quarter":
		return time.Date(t.Year(), time.Month((int(t.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
	case "year":
		return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return day
}
