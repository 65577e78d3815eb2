package exec

import (
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/types"
)

// finite tells whether a timestamp is not one of the infinities.
func finite(micros int64) bool {
	return arrow.Timestamp(micros) != types.TimestampInfinity && arrow.Timestamp(micros) != types.TimestampNegInfinity
}

// zoneAt is the abbreviation and offset (seconds east) of loc at an
// instant.
func zoneAt(loc *time.Location, micros int64) (string, int) {
	return time.UnixMicro(micros).In(loc).Zone()
}

// wallMicros is a timestamptz's wall-clock time in loc, as a timestamp.
func wallMicros(loc *time.Location, micros int64) int64 {
	if !finite(micros) {
		return micros
	}
	_, off := zoneAt(loc, micros)
	return micros + int64(off)*microsPerSec
}

// instantMicros is the timestamptz a wall-clock time in loc stands for.
func instantMicros(loc *time.Location, wall int64) int64 {
	if !finite(wall) {
		return wall
	}
	return types.LocalToInstant(time.UnixMicro(wall).UTC(), loc).UnixMicro()
}

// inSessionZone runs a kernel written for timestamps over timestamptz
// values read as wall-clock times of the session's zone (the arguments at
// positions zoned); a timestamptz result is read back in that zone. It is
// how PostgreSQL's functions of timestamptz work: date_trunc, age,
// extract of the calendar fields.
func inSessionZone(kernel Kernel, zoned ...int) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		loc := k.zone()
		local := append([]arrow.Array{}, args...)
		for _, z := range zoned {
			wall := mapTimestamps(k, args[z], timestampType, func(v int64) int64 { return wallMicros(loc, v) })
			defer wall.Release()
			local[z] = wall
		}
		out, err := kernel(k, local)
		if err != nil || !isTimestamptz(k.Result) {
			return out, err
		}
		defer out.Release()
		return mapTimestamps(k, out, k.Result, func(v int64) int64 { return instantMicros(loc, v) }), nil
	}
}

func isTimestamptz(dt arrow.DataType) bool {
	t, ok := dt.(*arrow.TimestampType)
	return ok && t.TimeZone != ""
}

// mapTimestamps builds a column of type dt from a timestamp column's
// values through f, NULLs kept.
func mapTimestamps(k *KernelContext, col arrow.Array, dt arrow.DataType, f func(int64) int64) arrow.Array {
	ts := col.(*array.Timestamp)
	b := array.NewTimestampBuilder(k.Mem, dt.(*arrow.TimestampType))
	defer b.Release()
	b.Reserve(ts.Len())
	for i := 0; i < ts.Len(); i++ {
		if ts.IsNull(i) {
			b.AppendNull()
			continue
		}
		b.Append(arrow.Timestamp(f(int64(ts.Value(i)))))
	}
	return b.NewArray()
}
