package exec

import (
	"testing"

	"auger/internal/sqlstate"
)

// TestExtract checks extract (numeric) and date_part (double precision)
// of every kind of field, with PostgreSQL's scales and its errors for a
// field a type has not.
func TestExtract(t *testing.T) {
	ts := timestamps("2024-03-01 10:20:30.5", "NULL")
	runFunctionCases(t, []functionCase{
		call("extract", texts("epoch", "epoch"), ts).gives("1709288430.500000", "NULL"),
		call("extract", texts("second", "milliseconds", "microseconds", "minute", "hour"), timestamps("2024-03-01 10:20:30.5", "2024-03-01 10:20:30.5",
			"2024-03-01 10:20:30.5", "2024-03-01 10:20:30.5", "2024-03-01 10:20:30.5")).
			gives("30.500000", "30500.000", "30500000", "20", "10"),
		call("extract", texts("julian", "julian"), timestamps("2024-03-01 12:00:00", "2024-03-01 00:00:00")).
			gives("2460371.50000000000000000000", "2460371.0000000000000000000000000000"),
		call("date_part", texts("julian", "epoch", "second"), timestamps("2024-03-01 12:00:00", "2024-03-01 10:20:30.5", "2024-03-01 10:20:30.5")).
			gives("2460371.5", "1709288430.5", "30.5"),
		call("extract", texts("isoyear", "week", "dow", "isodow", "doy", "quarter", "decade", "century", "millennium", "julian", "epoch"),
			dates("2024-12-30", "2024-12-30", "2024-03-03", "2024-03-03", "2024-03-01", "2024-11-01", "2024-03-01", "2000-03-01", "2001-03-01", "2024-03-01", "2024-03-01")).
			gives("2025", "1", "0", "7", "61", "4", "202", "20", "3", "2460371", "1709251200"),
		call("extract", texts("epoch", "epoch", "year", "month", "hour"), intervals("1 day 2 hours", "1 year 2 mons 3 days 04:05:06.5", "1 year 14 mons", "14 mons", "27 hours")).
			gives("93600.000000", "37015506.500000", "2", "2", "27"),
		call("date_part", texts("epoch"), intervals("1 mon")).gives("2592000"),
		call("extract", texts("hour"), dates("2024-01-01")).fails(sqlstate.FeatureNotSupported, `unit "hour" not supported for type date`),
		call("extract", texts("foo"), dates("2024-01-01")).fails(sqlstate.InvalidParameterValue, `unit "foo" not recognized for type date`),
		call("extract", texts("timezone"), timestamps("2024-01-01")).fails(sqlstate.FeatureNotSupported, `unit "timezone" not supported for type timestamp without time zone`),
		call("extract", texts("dow"), intervals("1 day")).fails(sqlstate.FeatureNotSupported, `unit "dow" not supported for type interval`),
	})
}

// TestDateTrunc checks truncation to every unit, PostgreSQL's weeks,
// decades, centuries and millennia among them.
func TestDateTrunc(t *testing.T) {
	runFunctionCases(t, []functionCase{
		call("date_trunc", texts("week", "decade", "century", "millennium", "milliseconds", "quarter", "hour", "year"),
			timestamps("2024-03-03 10:00:00", "2024-03-03", "2000-03-03", "2024-03-03", "2024-03-03 10:00:00.123456",
				"2024-08-15", "2024-03-03 10:59:59", "2024-03-03")).
			gives("2024-02-26 00:00:00", "2020-01-01 00:00:00", "1901-01-01 00:00:00", "2001-01-01 00:00:00",
				"2024-03-03 10:00:00.123", "2024-07-01 00:00:00", "2024-03-03 10:00:00", "2024-01-01 00:00:00"),
		call("date_trunc", texts("hour", "year", "minute"), intervals("1 day 10:20:30", "14 mons 3 days", "01:02:03.5")).
			gives("1 day 10:00:00", "1 year", "01:02:00"),
		call("date_trunc", texts("week"), intervals("1 day")).fails(sqlstate.FeatureNotSupported, `unit "week" not supported for type interval`),
		call("date_trunc", texts("dow"), timestamps("2024-01-01")).fails(sqlstate.InvalidParameterValue, `unit "dow" not recognized for type timestamp without time zone`),
	})
}

// TestDateConstructors checks age, make_*, justify_* and to_timestamp.
func TestDateConstructors(t *testing.T) {
	runFunctionCases(t, []functionCase{
		call("age", timestamps("2024-03-01", "2023-01-31"), timestamps("2023-01-31 10:00:00", "2024-03-01 10:00:00")).
			gives("1 year 1 mon 14:00:00", "-1 years -1 mons -1 days -10:00:00"),
		call("make_date", ints("2024", "-44"), ints("2", "3"), ints("29", "15")).gives("2024-02-29", "0044-03-15 BC"),
		call("make_date", ints("2024"), ints("2"), ints("30")).fails(sqlstate.DatetimeFieldOverflow, "date field value out of range: 2024-02-30"),
		call("make_date", ints("0"), ints("1"), ints("1")).fails(sqlstate.DatetimeFieldOverflow, "date field value out of range: 0-01-01"),
		call("make_time", ints("10"), ints("30"), floats("15.5")).gives("10:30:15.5"),
		call("make_time", ints("10"), ints("0"), floats("60.5")).fails(sqlstate.DatetimeFieldOverflow, "time field value out of range: 10:00:60.5"),
		call("make_timestamp", ints("2024"), ints("1"), ints("2"), ints("3"), ints("4"), floats("5.25")).gives("2024-01-02 03:04:05.25"),
		call("make_interval", ints("1"), ints("2"), ints("3"), ints("4"), ints("5"), ints("6"), floats("7.5")).gives("1 year 2 mons 25 days 05:06:07.5"),
		call("make_interval").gives("00:00:00"),
		call("justify_days", intervals("65 days")).gives("2 mons 5 days"),
		call("justify_hours", intervals("50 hours")).gives("2 days 02:00:00"),
		call("justify_interval", intervals("1 mon -1 hour", "-1 mon 40 days")).gives("29 days 23:00:00", "10 days"),
		call("to_timestamp", floats("1709251200.5", "0")).gives("2024-03-01 00:00:00.5+00", "1970-01-01 00:00:00+00"),
		call("to_timestamp", floats("NaN")).fails(sqlstate.DatetimeFieldOverflow, "timestamp cannot be NaN"),
		operator("*", intervals("1 mon 2 days 03:00:00", "1 mon"), floats("1.5", "0.5")).gives("1 mon 18 days 04:30:00", "15 days"),
		operator("/", intervals("1 day"), floats("3")).gives("08:00:00"),
		operator("/", intervals("1 day"), floats("0")).fails(sqlstate.DivisionByZero, "division by zero"),
		operator("-", intervals("1 day 02:00:00")).gives("-1 days -02:00:00"),
		operator("-", timestamps("2024-01-01 00:00:00"), timestamps("2023-12-25 12:00:00")).gives("6 days 12:00:00"),
		operator("+", dates("2024-01-31"), intervals("1 mon")).gives("2024-02-29 00:00:00"),
	})
}

// TestToChar checks to_char's date/time and numeric templates.
func TestToChar(t *testing.T) {
	at := timestamps("2024-03-05 14:07:09.123456")
	runFunctionCases(t, []functionCase{
		call("to_char", at, texts("YYYY-MM-DD HH24:MI:SS.MS US AM HH12 Mon MON Month Dy DAY D ID DDD IW J Q CC Y,YYY RM FMDDth")).
			gives("2024-03-05 14:07:09.123 123456 PM 02 Mar MAR March     Tue TUESDAY   3 2 065 10 2460375 1 21 2,024 III  5th"),
		call("to_char", at, texts(`FMMonth FMDay FMDD FMHH12 DDth DDTH FMDDth Ddth "text" \"x`)).
			gives(`March Tuesday 5 2 05th 05TH 5th 33rd text "x`),
		call("to_char", at, texts("")).gives("NULL"),
		call("to_char", intervals("1 year 2 mons 3 days 04:05:06.5"), texts("YYYY MM DD HH24 MI SS MS")).gives("0001 02 03 04 05 06 500"),
		call("to_char", intervals("3 days"), texts("Mon")).fails(sqlstate.InvalidDatetimeFormat, "invalid format specification for an interval value"),
		call("to_char", numerics("-1234.5", "-1234.5", "0.5", "0.5"), texts("99,999.99", "99999D99PR", "9.9", "FM9.9")).
			gives(" -1,234.50", " <1234.50>", "  .5", ".5"),
		call("to_char", ints("12", "485", "123", "-5", "5", "5", "7", "12345"), texts("FM9999th", "RN", "99", "S999", "MI999", "999PL", "0000", "99999V99")).
			gives("12th", "        CDLXXXV", " ##", "  -5", "   5", "   5+", " 0007", " 1234500"),
		call("to_char", floats("1234.5"), texts("9.99EEEE")).gives(" 1.23e+03"),
		call("to_char", numerics("1.5"), texts("SG99.9")).gives("+ 1.5"),
		call("to_char", numerics("1.5"), texts("9.9.9")).fails(sqlstate.SyntaxError, "multiple decimal points"),
		call("to_char", numerics("1.5"), texts("S99S")).fails(sqlstate.SyntaxError, `cannot use "S" twice`),
		call("to_char", numerics("1.5"), texts("99V9.9")).fails(sqlstate.SyntaxError, `cannot use "V" and decimal point together`),
	})
}

// TestFromChar checks to_date, to_timestamp and to_number.
func TestFromChar(t *testing.T) {
	runFunctionCases(t, []functionCase{
		call("to_date", texts("05 Mar 2024", "2024-060", "2024 10", "20-3-5 bc"), texts("DD Mon YYYY", "YYYY-DDD", "IYYY IW", "YYYY-MM-DD BC")).
			gives("2024-03-05", "2024-02-29", "2024-03-04", "0020-03-05 BC"),
		call("to_timestamp", texts("05/03/24 2:07 PM", "2024-03-05 14:07:09.123+02"), texts("DD/MM/YY HH:MI AM", "YYYY-MM-DD HH24:MI:SS.MS TZH")).
			gives("2024-03-05 14:07:00+00", "2024-03-05 12:07:09.123+00"),
		call("to_date", texts("2024-02-30"), texts("YYYY-MM-DD")).fails(sqlstate.DatetimeFieldOverflow, `date/time field value out of range: "2024-02-30"`),
		call("to_date", texts("abc"), texts("YYYY")).fails(sqlstate.InvalidDatetimeFormat, `invalid value "abc" for "YYYY"`),
		call("to_timestamp", texts("13:00 PM"), texts("HH:MI PM")).fails(sqlstate.InvalidDatetimeFormat, `hour "13" is invalid for the 12-hour clock`),
		call("to_date", texts("2024 Foo"), texts("YYYY Mon")).fails(sqlstate.InvalidDatetimeFormat, `invalid value "Foo" for "Mon"`),
		call("to_date", texts("2024 10 1"), texts("YYYY IW MM")).fails(sqlstate.InvalidDatetimeFormat, "invalid combination of date conventions"),
		call("to_number", texts("12,454.8-", "-1,234.5", "(123)", "12.345"), texts("99G999D9S", "9,999.9", "999PR", "99.99")).
			gives("-12454.8", "-1234.5", "12", "12.34"),
		call("to_number", texts("abc"), texts("999")).fails(sqlstate.InvalidTextRepresentation, `invalid input syntax for type numeric: " "`),
	})
}
