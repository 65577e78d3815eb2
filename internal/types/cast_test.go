package types

import (
	"errors"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/sqlstate"
)

var (
	int2Type   = arrow.PrimitiveTypes.Int16
	int4Type   = arrow.PrimitiveTypes.Int32
	int8Type   = arrow.PrimitiveTypes.Int64
	float4Type = arrow.PrimitiveTypes.Float32
	float8Type = arrow.PrimitiveTypes.Float64
	textType   = arrow.BinaryTypes.String
	boolType   = arrow.FixedWidthTypes.Boolean
	dateType   = arrow.FixedWidthTypes.Date32
	tsType     = &arrow.TimestampType{Unit: arrow.Microsecond}
)

func decimalType(p, s int32) arrow.DataType { return &arrow.Decimal128Type{Precision: p, Scale: s} }

// castCase casts one value, written as a literal of type from, to type
// to; want is the result's text, or the error's SQLSTATE and message.
type castCase struct {
	from    arrow.DataType
	in      string
	to      arrow.DataType
	want    string
	code    string
	message string
}

func runCasts(t *testing.T, cases []castCase) {
	t.Helper()
	for _, c := range cases {
		got, err := castOne(c.from, c.in, c.to)
		if c.code != "" {
			var e *sqlstate.Error
			if !errors.As(err, &e) || e.Code != c.code || e.Message != c.message {
				t.Errorf("%s %q to %s: got %q, %v; want %s %s", c.from, c.in, c.to, got, err, c.code, c.message)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s %q to %s: got %q, %v; want %q", c.from, c.in, c.to, got, err, c.want)
		}
	}
}

func castOne(from arrow.DataType, in string, to arrow.DataType) (string, error) {
	s, err := ParseLiteral(from, in)
	if err != nil {
		return "", err
	}
	arr, err := ScalarArray(s, 1, memory.DefaultAllocator)
	if err != nil {
		return "", err
	}
	defer arr.Release()
	out, err := Cast(arr, to)
	if err != nil {
		return "", err
	}
	defer out.Release()
	if !arrow.TypeEqual(out.DataType(), to) {
		return "", errors.New("cast gave " + out.DataType().String())
	}
	return FormatText(out, 0, time.UTC), nil
}

func TestCastIntegers(t *testing.T) {
	runCasts(t, []castCase{
		{int8Type, "2147483647", int4Type, "2147483647", "", ""},
		{int8Type, "99999999999", int4Type, "", "22003", "integer out of range"},
		{int4Type, "40000", int2Type, "", "22003", "smallint out of range"},
		{int4Type, "-32768", int2Type, "-32768", "", ""},
		{int2Type, "-7", int8Type, "-7", "", ""},
		{boolType, "true", int4Type, "1", "", ""},
	})
}

func TestCastFloatsToIntegersRoundHalfToEven(t *testing.T) {
	runCasts(t, []castCase{
		{float8Type, "2.5", int4Type, "2", "", ""},
		{float8Type, "3.5", int4Type, "4", "", ""},
		{float8Type, "-2.5", int8Type, "-2", "", ""},
		{float4Type, "1.5", int2Type, "2", "", ""},
		{float8Type, "NaN", int4Type, "", "22003", "integer out of range"},
		{float8Type, "1e19", int8Type, "", "22003", "bigint out of range"},
		{float8Type, "3e9", int4Type, "", "22003", "integer out of range"},
	})
}

func TestCastExactNumbers(t *testing.T) {
	runCasts(t, []castCase{
		{Numeric, "2.5", int4Type, "3", "", ""},
		{Numeric, "-2.5", int4Type, "-3", "", ""},
		{decimalType(5, 1), "-0.5", int8Type, "-1", "", ""},
		{Numeric, "12.345", decimalType(5, 2), "12.35", "", ""},
		{Numeric, "-12.345", decimalType(5, 2), "-12.35", "", ""},
		{int4Type, "3", decimalType(5, 2), "3.00", "", ""},
		{Numeric, "1.25", float8Type, "1.25", "", ""},
		{float8Type, "1.1", Numeric, "1.1", "", ""},
		{float4Type, "0.1", Numeric, "0.1", "", ""},
		{float8Type, "1.5e-7", Numeric, "0.00000015", "", ""},
		{Numeric, "9223372036854775808", int8Type, "", "22003", "bigint out of range"},
		{Numeric, "1234.5", decimalType(4, 1), "", "22003", "numeric field overflow"},
	})
	_, err := castOne(Numeric, "1234.5", decimalType(4, 1))
	var e *sqlstate.Error
	if !errors.As(err, &e) || e.Detail != "A field with precision 4, scale 1 must round to an absolute value less than 10^3." {
		t.Errorf("overflow detail: %v", err)
	}
	_, err = castOne(Numeric, "1.0", decimalType(4, 4))
	if !errors.As(err, &e) || e.Detail != "A field with precision 4, scale 4 must round to an absolute value less than 1." {
		t.Errorf("overflow detail without integer digits: %v", err)
	}
}

func TestCastFloatNarrowing(t *testing.T) {
	runCasts(t, []castCase{
		{float8Type, "0.1", float4Type, "0.1", "", ""},
		{float8Type, "1e39", float4Type, "", "22003", "value out of range: overflow"},
		{float8Type, "1e-50", float4Type, "", "22003", "value out of range: underflow"},
		{float8Type, "Infinity", float4Type, "Infinity", "", ""},
		{int8Type, "16777217", float4Type, "1.6777216e+07", "", ""},
	})
}

func TestCastFromText(t *testing.T) {
	runCasts(t, []castCase{
		{textType, "  42  ", int4Type, "42", "", ""},
		{textType, "x", int4Type, "", "22P02", `invalid input syntax for type integer: "x"`},
		{textType, "1.5", int4Type, "", "22P02", `invalid input syntax for type integer: "1.5"`},
		{textType, "99999999999", int4Type, "", "22003", `value "99999999999" is out of range for type integer`},
		{textType, " -inf", float8Type, "-Infinity", "", ""},
		{textType, "1e400", float8Type, "", "22003", `"1e400" is out of range for type double precision`},
		{textType, "1e-400", float8Type, "", "22003", `"1e-400" is out of range for type double precision`},
		{textType, "1e40", float4Type, "", "22003", `"1e40" is out of range for type real`},
		{textType, "1e-310", float8Type, "1e-310", "", ""},
		{textType, "abc", float8Type, "", "22P02", `invalid input syntax for type double precision: "abc"`},
		{textType, " 1.50 ", Numeric, "1.50", "", ""},
		{textType, "1/2", Numeric, "", "22P02", `invalid input syntax for type numeric: "1/2"`},
		{textType, "99.995", decimalType(5, 2), "100.00", "", ""},
		{textType, "12", decimalType(12, 2), "12.00", "", ""},
	})
}

func TestCastBooleans(t *testing.T) {
	runCasts(t, []castCase{
		{textType, " YES ", boolType, "t", "", ""},
		{textType, "of", boolType, "f", "", ""},
		{textType, "tr", boolType, "t", "", ""},
		{textType, "0", boolType, "f", "", ""},
		{textType, "o", boolType, "", "22P02", `invalid input syntax for type boolean: "o"`},
		{textType, "2", boolType, "", "22P02", `invalid input syntax for type boolean: "2"`},
		{boolType, "true", textType, "true", "", ""},
		{boolType, "false", textType, "false", "", ""},
	})
}

func TestCastDatesAndTimestamps(t *testing.T) {
	runCasts(t, []castCase{
		{textType, "2024-1-5", dateType, "2024-01-05", "", ""},
		{textType, "20240115", dateType, "2024-01-15", "", ""},
		{textType, "01/15/2024", dateType, "2024-01-15", "", ""},
		{textType, "2024-01-15 10:30", dateType, "2024-01-15", "", ""},
		{textType, "epoch", dateType, "1970-01-01", "", ""},
		{textType, "2024-02-30", dateType, "", "22008", `date/time field value out of range: "2024-02-30"`},
		{textType, "0000-01-01", dateType, "", "22008", `date/time field value out of range: "0000-01-01"`},
		{textType, "garbage", dateType, "", "22007", `invalid input syntax for type date: "garbage"`},
		{textType, "2024-01-15 24:00:00", tsType, "2024-01-16 00:00:00", "", ""},
		{textType, "2024-01-15 10:30:00.1234567", tsType, "2024-01-15 10:30:00.123457", "", ""},
		{textType, "2024-01-15 10:30:00+05", tsType, "2024-01-15 10:30:00", "", ""},
		{textType, "2024-01-15 10:60", tsType, "", "22008", `date/time field value out of range: "2024-01-15 10:60"`},
		{textType, "x", tsType, "", "22007", `invalid input syntax for type timestamp: "x"`},
		{dateType, "2024-01-15", tsType, "2024-01-15 00:00:00", "", ""},
		{tsType, "2024-01-15 23:59:59", dateType, "2024-01-15", "", ""},
	})
}

func TestCastToText(t *testing.T) {
	runCasts(t, []castCase{
		{float8Type, "0.1", textType, "0.1", "", ""},
		{float4Type, "0.1", textType, "0.1", "", ""},
		{float8Type, "1e100", textType, "1e+100", "", ""},
		{decimalType(12, 2), "1.5", textType, "1.50", "", ""},
		{dateType, "2024-01-15", textType, "2024-01-15", "", ""},
		{arrow.BinaryTypes.Binary, `\x0aff`, textType, `\x0aff`, "", ""},
		{textType, `a\\b`, arrow.BinaryTypes.Binary, `\x615c62`, "", ""},
		{textType, `\xzz`, arrow.BinaryTypes.Binary, "", "22023", `invalid hexadecimal digit: "z"`},
	})
}

func TestCanCast(t *testing.T) {
	cases := []struct {
		from, to arrow.DataType
		want     bool
	}{
		{int4Type, boolType, true},
		{boolType, int4Type, true},
		{int2Type, boolType, false},
		{boolType, int8Type, false},
		{dateType, int4Type, false},
		{int4Type, dateType, false},
		{decimalType(3, 1), boolType, false},
		{dateType, textType, true},
		{textType, dateType, true},
		{Numeric, float4Type, true},
		{dateType, tsType, true},
		{dateType, arrow.FixedWidthTypes.Time64us, false},
	}
	for _, c := range cases {
		if got := CanCast(c.from, c.to); got != c.want {
			t.Errorf("CanCast(%s, %s) = %v", c.from, c.to, got)
		}
	}
	if e := CannotCast(dateType, int4Type); e.Code != "42846" || e.Message != "cannot cast type date to integer" {
		t.Errorf("CannotCast: %s %s", e.Code, e.Message)
	}
	if e := CannotCast(decimalType(3, 1), boolType); e.Message != "cannot cast type numeric to boolean" {
		t.Errorf("CannotCast names numeric(p,s) numeric: %s", e.Message)
	}
}

func TestCharTypes(t *testing.T) {
	cases := []struct {
		name    string
		typmods []int
		in      string
		want    string
		typmod  int32
	}{
		{"character varying", []int{2}, "abc", "ab", 6},
		{"character varying", nil, "abc  ", "abc  ", -1},
		{"character", []int{5}, "ab  ", "ab", 9},
		{"character", []int{3}, "zoë日本", "zoë", 7},
		{"bpchar", nil, "abc ", "abc", -1},
	}
	for _, c := range cases {
		char, ok := CharTypeOf(c.name, c.typmods)
		if !ok || char.Apply(c.in) != c.want || char.Typmod() != c.typmod {
			t.Errorf("%s%v applied to %q: %q, typmod %d", c.name, c.typmods, c.in, char.Apply(c.in), char.Typmod())
		}
	}
	if _, ok := CharTypeOf("text", nil); ok {
		t.Error("text is not a character type")
	}
	char, _ := CharTypeOf("character", []int{5})
	field := WithCharType(arrow.Field{Name: "c", Type: textType}, char)
	schema := arrow.NewSchema([]arrow.Field{field, {Name: "t", Type: textType}}, nil)
	if FieldOID(field) != OIDBpchar || FieldTypmod(field) != 9 || BlankPadding(schema)[0] != 5 || BlankPadding(schema)[1] != 0 {
		t.Errorf("char(5) field: OID %d, typmod %d, padding %v", FieldOID(field), FieldTypmod(field), BlankPadding(schema))
	}
	if PadBlanks("ab", 5) != "ab   " || PadBlanks("abcdef", 5) != "abcdef" {
		t.Error("PadBlanks")
	}
}

func TestCastKeepsNulls(t *testing.T) {
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	b.AppendValues([]string{"1", "", "3"}, []bool{true, false, true})
	arr := b.NewArray()
	defer arr.Release()
	out, err := Cast(arr, int4Type)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	if out.Len() != 3 || !out.IsNull(1) || out.(*array.Int32).Value(2) != 3 {
		t.Errorf("cast with NULLs: %v", out)
	}
	nulls := array.NewNull(2)
	defer nulls.Release()
	texts, err := Cast(nulls, textType)
	if err != nil {
		t.Fatal(err)
	}
	defer texts.Release()
	if texts.DataType().ID() != arrow.STRING || texts.NullN() != 2 {
		t.Errorf("NULL to text: %v", texts)
	}
}
