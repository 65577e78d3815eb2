package exec

import (
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

const timestamptzName = "timestamp with time zone"

// zonedFunctions are the functions of timestamptz that read it in a time
// zone: the session's (stable: computed once the statement knows its
// session) or one they are given (AT TIME ZONE, the zone argument of
// date_trunc and make_timestamptz).
var zonedFunctions = []*Overload{
	withVolatility(Stable, fn("extract", params(tText, tTimestamptz), returns(types.Numeric), zonedExtractKernel(false))),
	withVolatility(Stable, fn("date_part", params(tText, tTimestamptz), returns(float8), zonedExtractKernel(true))),
	withVolatility(Stable, fn("date_trunc", params(tText, tTimestamptz), sameAsSecond, zonedTruncKernel(false))),
	fn("date_trunc", params(tText, tTimestamptz, tText), func(a []arrow.DataType) arrow.DataType { return a[1] }, zonedTruncKernel(true)),
	withVolatility(Stable, fn("age", params(tTimestamptz, tTimestamptz), returns(intervalType), inSessionZone(ageKernel, 0, 1))),
	withVolatility(Stable, fn("make_timestamptz", params(tInt4, tInt4, tInt4, tInt4, tInt4, tFloat8), returns(timestamptzType), makeTimestamptzKernel)),
	fn("make_timestamptz", params(tInt4, tInt4, tInt4, tInt4, tInt4, tFloat8, tText), returns(timestamptzType), makeTimestamptzKernel),
	fn("timezone", params(tText, tTimestamp), returns(timestamptzType), atZoneKernel(zoneByName, false)),
	fn("timezone", params(tText, tTimestamptz), returns(timestampType), atZoneKernel(zoneByName, true)),
	fn("timezone", params(tInterval, tTimestamp), returns(timestamptzType), atZoneKernel(zoneByInterval, false)),
	fn("timezone", params(tInterval, tTimestamptz), returns(timestampType), atZoneKernel(zoneByInterval, true)),
}

// namedZone finds the zone AT TIME ZONE and the zone arguments name: an
// abbreviation (EST, UTC), a zone name or a POSIX zone.
func namedZone(name string) (*time.Location, error) {
	if loc, ok := types.AbbreviationZone(name); ok {
		return loc, nil
	}
	if z, ok := types.LookupZone(name); ok {
		return z.Location, nil
	}
	return nil, sqlstate.New(sqlstate.InvalidParameterValue, "time zone %q not recognized", name)
}

// zoneOf reads the zone argument of row i.
type zoneOf func(arg arrow.Array, i int) (*time.Location, error)

func zoneByName(arg arrow.Array, i int) (*time.Location, error) {
	return namedZone(textAt(arg).Value(i))
}

// zoneByInterval is the fixed zone an interval east of Greenwich names;
// it may hold only hours, minutes and seconds.
func zoneByInterval(arg arrow.Array, i int) (*time.Location, error) {
	v := arg.(*array.MonthDayNanoInterval).Value(i)
	if v.Months != 0 || v.Days != 0 {
		return nil, sqlstate.New(sqlstate.InvalidParameterValue, "interval time zone %q must not include months or days",
			types.FormatText(arg, i, time.UTC))
	}
	return types.OffsetZone(int(v.Nanoseconds / 1e9)).Location, nil
}

// atZoneKernel is AT TIME ZONE: a timestamp read as a wall-clock time in
// the zone gives a timestamptz; a timestamptz gives its wall-clock time
// there (fromInstant).
func atZoneKernel(zone zoneOf, fromInstant bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		at := micros(args[1])
		return strict(timestampBuilder(k), k, args, func(i int) (arrow.Timestamp, error) {
			loc, err := zone(args[0], i)
			if err != nil {
				return 0, err
			}
			if fromInstant {
				return arrow.Timestamp(wallMicros(loc, at(i))), nil
			}
			return arrow.Timestamp(instantMicros(loc, at(i))), nil
		})
	}
}

// zonedTruncKernel is date_trunc of a timestamptz in the session's zone,
// or in the zone its third argument names (withZone).
func zonedTruncKernel(withZone bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		names, at := textAt(args[0]), micros(args[1])
		return strict(timestampBuilder(k), k, args, func(i int) (arrow.Timestamp, error) {
			loc := k.zone()
			if withZone {
				var err error
				if loc, err = zoneByName(args[2], i); err != nil {
					return 0, err
				}
			}
			u := truncUnit(names.Value(i))
			t, ok := truncateTime(breakMicros(wallMicros(loc, at(i))), u)
			if !ok {
				return 0, unitError(names.Value(i), u, timestamptzName)
			}
			return arrow.Timestamp(instantMicros(loc, t)), nil
		})
	}
}

// makeTimestamptzKernel is make_timestamptz: the wall-clock time in the
// session's zone, or in the zone of the seventh argument.
func makeTimestamptzKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	plain := *k
	plain.Result = timestampType
	wall, err := makeTimestampKernel(&plain, args[:6])
	if err != nil {
		return nil, err
	}
	defer wall.Release()
	walls := wall.(*array.Timestamp)
	return strict(timestampBuilder(k), k, args, func(i int) (arrow.Timestamp, error) {
		loc := k.zone()
		if len(args) > 6 {
			var err error
			if loc, err = zoneByName(args[6], i); err != nil {
				return 0, err
			}
		}
		return arrow.Timestamp(instantMicros(loc, int64(walls.Value(i)))), nil
	})
}

// zonedExtractKernel is extract (numeric) or date_part (float) of a
// timestamptz: the epoch of the instant, the zone fields of the session's
// offset, the other fields of the wall-clock time.
func zonedExtractKernel(float bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		loc := k.zone()
		at := micros(args[1])
		wall := mapTimestamps(k, args[1], timestampType, func(v int64) int64 { return wallMicros(loc, v) })
		defer wall.Release()
		instant, local := timestampFields(timestamptzName)(args[1]), timestampFields(timestamptzName)(wall)
		read := func(i int, field string) (types.Decimal, float64, error) {
			u := extractUnit(field)
			if u == unitEpoch {
				return instant(i, field)
			}
			_, off := zoneAt(loc, at(i))
			switch u {
			case unitTimezone:
				return intDecimal(int64(off)), float64(off), nil
			case unitTimezoneHour:
				return intDecimal(int64(off / 3600)), float64(off / 3600), nil
			case unitTimezoneMinute:
				return intDecimal(int64(off % 3600 / 60)), float64(off % 3600 / 60), nil
			}
			return local(i, field)
		}
		return extractRows(k, args, read, float)
	}
}
