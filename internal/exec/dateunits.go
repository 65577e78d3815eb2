package exec

import (
	"strings"

	"auger/internal/sqlstate"
)

// dateUnit is a field of a date, time or interval that extract, date_part
// and date_trunc name.
type dateUnit int

// The units PostgreSQL's DecodeUnits and DecodeSpecial know.
const (
	unitUnknown dateUnit = iota
	unitMicrosecond
	unitMillisecond
	unitSecond
	unitMinute
	unitHour
	unitDay
	unitWeek
	unitMonth
	unitQuarter
	unitYear
	unitDecade
	unitCentury
	unitMillennium
	unitTimezone
	unitTimezoneHour
	unitTimezoneMinute
	unitJulian
	unitISOYear
	unitDOW
	unitISODOW
	unitDOY
	unitEpoch
)

// deltaUnits are PostgreSQL's interval unit words (deltatktbl), which
// date_trunc accepts; keys are cut to 10 characters as PostgreSQL cuts
// its tokens.
var deltaUnits = map[string]dateUnit{
	"c": unitCentury, "cent": unitCentury, "centuries": unitCentury, "century": unitCentury,
	"d": unitDay, "day": unitDay, "days": unitDay,
	"dec": unitDecade, "decade": unitDecade, "decades": unitDecade, "decs": unitDecade,
	"h": unitHour, "hour": unitHour, "hours": unitHour, "hr": unitHour, "hrs": unitHour,
	"m": unitMinute, "min": unitMinute, "mins": unitMinute, "minute": unitMinute, "minutes": unitMinute,
	"microsecon": unitMicrosecond, "us": unitMicrosecond, "usec": unitMicrosecond, "useconds": unitMicrosecond, "usecs": unitMicrosecond,
	"mil": unitMillennium, "millennia": unitMillennium, "millennium": unitMillennium, "mils": unitMillennium,
	"millisecon": unitMillisecond, "ms": unitMillisecond, "msec": unitMillisecond, "mseconds": unitMillisecond, "msecs": unitMillisecond,
	"mon": unitMonth, "mons": unitMonth, "month": unitMonth, "months": unitMonth,
	"qtr": unitQuarter, "quarter": unitQuarter,
	"s": unitSecond, "sec": unitSecond, "second": unitSecond, "seconds": unitSecond, "secs": unitSecond,
	"timezone": unitTimezone, "timezone_h": unitTimezoneHour, "timezone_m": unitTimezoneMinute,
	"w": unitWeek, "week": unitWeek, "weeks": unitWeek,
	"y": unitYear, "year": unitYear, "years": unitYear, "yr": unitYear, "yrs": unitYear,
}

// specialUnits are the further fields extract and date_part know
// (PostgreSQL's datetktbl).
var specialUnits = map[string]dateUnit{
	"dow": unitDOW, "doy": unitDOY, "epoch": unitEpoch, "isodow": unitISODOW, "isoyear": unitISOYear,
	"j": unitJulian, "jd": unitJulian, "julian": unitJulian,
}

func cutToken(field string) string {
	lower := strings.ToLower(field)
	if len(lower) > 10 {
		return lower[:10]
	}
	return lower
}

// extractUnit reads the field of extract and date_part.
func extractUnit(field string) dateUnit {
	token := cutToken(field)
	if u, ok := deltaUnits[token]; ok {
		return u
	}
	return specialUnits[token]
}

// truncUnit reads the field of date_trunc, which knows only the interval
// unit words.
func truncUnit(field string) dateUnit { return deltaUnits[cutToken(field)] }

// unitError is PostgreSQL's error for a field a type has not (0A000) or
// that is no field at all (22023).
func unitError(field string, u dateUnit, typeName string) *sqlstate.Error {
	lower := strings.ToLower(field)
	if u == unitUnknown {
		return sqlstate.New(sqlstate.InvalidParameterValue, "unit %q not recognized for type %s", lower, typeName)
	}
	return sqlstate.New(sqlstate.FeatureNotSupported, "unit %q not supported for type %s", lower, typeName)
}
