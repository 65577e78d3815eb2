package types

import (
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// castIntervalToTime is PostgreSQL's interval to time: the interval's time
// part within one day (its months and days are dropped).
func castIntervalToTime(arr arrow.Array, b array.Builder) error {
	intervals := arr.(*array.MonthDayNanoInterval)
	times := b.(*array.Time64Builder)
	const day = int64(24 * time.Hour / time.Microsecond)
	return eachValue(arr, b, func(i int) error {
		micros := (intervals.Value(i).Nanoseconds / 1000) % day
		if micros < 0 {
			micros += day
		}
		times.Append(arrow.Time64(micros))
		return nil
	})
}

// castTimeToInterval is PostgreSQL's time to interval: that many hours,
// minutes and seconds.
func castTimeToInterval(arr arrow.Array, b array.Builder) error {
	times := arr.(*array.Time64)
	intervals := b.(*array.MonthDayNanoIntervalBuilder)
	return eachValue(arr, b, func(i int) error {
		intervals.Append(arrow.MonthDayNanoInterval{Nanoseconds: int64(times.Value(i)) * 1000})
		return nil
	})
}
