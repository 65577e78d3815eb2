package types

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
)

func TestParseIntervalQualified(t *testing.T) {
	const hour, minute, second = int64(3600e9), int64(60e9), int64(1e9)
	dayToSecond := intervalDay | intervalHour | intervalMinute | intervalSecond
	cases := []struct {
		text    string
		typmods []int
		want    arrow.MonthDayNanoInterval
	}{
		{"90", []int{intervalDay}, arrow.MonthDayNanoInterval{Days: 90}},
		{"1.5", []int{intervalDay}, arrow.MonthDayNanoInterval{Days: 1}},
		{"14", []int{intervalMonth}, arrow.MonthDayNanoInterval{Months: 14}},
		{"1 year 5 mons 3 days", []int{intervalYear}, arrow.MonthDayNanoInterval{Months: 12}},
		{"1-2", []int{intervalYear | intervalMonth}, arrow.MonthDayNanoInterval{Months: 14}},
		{"3 4:05:06", []int{dayToSecond}, arrow.MonthDayNanoInterval{Days: 3, Nanoseconds: 4*hour + 5*minute + 6*second}},
		{"1 2", []int{intervalDay | intervalHour}, arrow.MonthDayNanoInterval{Days: 1, Nanoseconds: 2 * hour}},
		{"5 days 1:02:03.5", []int{intervalHour}, arrow.MonthDayNanoInterval{Days: 5, Nanoseconds: hour}},
		{"12.345678", []int{intervalSecond, 2}, arrow.MonthDayNanoInterval{Nanoseconds: 12350 * 1e6}},
		{"-12.5", []int{intervalSecond, 0}, arrow.MonthDayNanoInterval{Nanoseconds: -13 * second}},
	}
	for _, c := range cases {
		got, err := ParseIntervalQualified(c.text, c.typmods)
		if err != nil || got != c.want {
			t.Errorf("%q %v: got %+v, %v; want %+v", c.text, c.typmods, got, err, c.want)
		}
	}
}
