package types

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/sqlstate"
)

// castFromText reads each text as a value of the builder's type, with the
// type's input function (the same one literals go through).
func castFromText(texts *array.String, b array.Builder) error {
	dt := b.Type()
	return eachValue(texts, b, func(i int) error { return appendText(b, dt, texts.Value(i)) })
}

// appendText appends the value a text reads as to a builder of type dt.
func appendText(b array.Builder, dt arrow.DataType, text string) error {
	switch b := b.(type) {
	case *array.Int16Builder, *array.Int32Builder, *array.Int64Builder:
		v, err := parseInteger(dt, text)
		if err != nil {
			return err
		}
		return appendInteger(b, v)
	case *array.Float32Builder:
		f, err := parseFloat(dt, text)
		b.Append(float32(f))
		return err
	case *array.Float64Builder:
		f, err := parseFloat(dt, text)
		b.Append(f)
		return err
	case *array.BooleanBuilder:
		v, err := parseBoolean(text)
		b.Append(v)
		return err
	case *array.ExtensionBuilder, *array.Decimal128Builder, *array.Decimal256Builder:
		if kindOf(dt) == kindExact {
			canonical, err := parseNumeric(text)
			if err != nil {
				return err
			}
			return AppendNumeric(b, canonical)
		}
	}
	s, err := ParseLiteral(dt, text)
	if err != nil {
		return err
	}
	return scalar.Append(b, s)
}

// invalidInput is PostgreSQL's 22P02 for a text a type's input function
// rejects.
func invalidInput(typeName, text string) *sqlstate.Error {
	return sqlstate.New(sqlstate.InvalidTextRepresentation, "invalid input syntax for type %s: %q", typeName, text)
}

// trimInput drops the blanks PostgreSQL's numeric and boolean input
// functions skip around a value.
func trimInput(text string) string {
	return strings.Trim(text, " \t\n\r\v\f")
}

// parseInteger is int2in, int4in and int8in: an optional sign and decimal
// digits between blanks.
func parseInteger(dt arrow.DataType, text string) (int64, error) {
	name := BaseName(dt)
	s := trimInput(text)
	digits := strings.TrimLeft(s, "+-")
	if len(s)-len(digits) > 1 || digits == "" || strings.Trim(digits, "0123456789") != "" {
		return 0, invalidInput(name, text)
	}
	v, err := strconv.ParseInt(s, 10, 64)
	bits := map[arrow.Type]int{arrow.INT16: 16, arrow.INT32: 32}[dt.ID()]
	if err != nil || (bits > 0 && (v < -1<<(bits-1) || v >= 1<<(bits-1))) {
		return 0, sqlstate.New(sqlstate.NumericValueOutOfRange, "value %q is out of range for type %s", text, name)
	}
	return v, nil
}

// floatWords are the special values float input reads, by their lower
// case spelling.
var floatWords = map[string]float64{
	"nan": math.NaN(), "infinity": math.Inf(1), "+infinity": math.Inf(1), "-infinity": math.Inf(-1),
	"inf": math.Inf(1), "+inf": math.Inf(1), "-inf": math.Inf(-1),
}

// parseFloat is float4in and float8in: strtod's syntax between blanks, the
// words NaN and Infinity, and an out-of-range error for values the type
// cannot hold (other than as a denormal).
func parseFloat(dt arrow.DataType, text string) (float64, error) {
	name := BaseName(dt)
	s := trimInput(text)
	if v, ok := floatWords[strings.ToLower(s)]; ok {
		return v, nil
	}
	if s == "" || strings.ContainsAny(s, "_") || strings.HasPrefix(strings.ToLower(strings.TrimLeft(s, "+-")), "in") ||
		strings.HasPrefix(strings.ToLower(strings.TrimLeft(s, "+-")), "na") {
		return 0, invalidInput(name, text)
	}
	bits := 64
	if dt.ID() == arrow.FLOAT32 {
		bits = 32
	}
	v, err := strconv.ParseFloat(s, bits)
	outOfRange := sqlstate.New(sqlstate.NumericValueOutOfRange, "%q is out of range for type %s", s, name)
	switch {
	case isRangeError(err):
		return 0, outOfRange
	case err != nil:
		return 0, invalidInput(name, text)
	case v == 0 && hasNonZeroDigit(s):
		return 0, outOfRange
	}
	return v, nil
}

// hasNonZeroDigit tells whether a number's mantissa has a digit other than
// zero (so that reading it as zero is an underflow).
func hasNonZeroDigit(s string) bool {
	mantissa := strings.ToLower(s)
	if strings.HasPrefix(strings.TrimLeft(mantissa, "+-"), "0x") {
		mantissa = strings.TrimLeft(mantissa, "+-")[2:]
		if i := strings.IndexByte(mantissa, 'p'); i >= 0 {
			mantissa = mantissa[:i]
		}
		return strings.Trim(mantissa, "0.") != ""
	}
	if i := strings.IndexByte(mantissa, 'e'); i >= 0 {
		mantissa = mantissa[:i]
	}
	return strings.Trim(mantissa, "+-0.") != ""
}

// parseBoolean is boolin: true, yes, on, 1 and false, no, off, 0, in any
// case, any unambiguous prefix of the words, between blanks.
func parseBoolean(text string) (bool, error) {
	s := strings.ToLower(trimInput(text))
	switch {
	case s == "":
	case strings.HasPrefix("true", s), strings.HasPrefix("yes", s), s == "1", s == "on":
		return true, nil
	case strings.HasPrefix("false", s), strings.HasPrefix("no", s), s == "0", len(s) >= 2 && strings.HasPrefix("off", s):
		return false, nil
	}
	return false, invalidInput("boolean", text)
}

// castToText renders each value as PostgreSQL's output function does,
// booleans as true and false (the boolean to text cast).
func castToText(arr arrow.Array, b *array.StringBuilder) error {
	if bools, ok := arr.(*array.Boolean); ok {
		return eachValue(arr, b, func(i int) error {
			b.Append(strconv.FormatBool(bools.Value(i)))
			return nil
		})
	}
	return eachValue(arr, b, func(i int) error {
		b.Append(FormatText(arr, i, time.UTC))
		return nil
	})
}

// parseNumeric is numeric_in: an optional sign, digits with an optional
// decimal point, an optional exponent, between blanks; the value's
// canonical text keeps the scale it was written with.
func parseNumeric(text string) (string, error) {
	s := trimInput(text)
	if !isNumericSyntax(s) {
		if w := strings.ToLower(s); w == "nan" || strings.TrimLeft(w, "+-") == "infinity" || strings.TrimLeft(w, "+-") == "inf" {
			return "", sqlstate.New(sqlstate.FeatureNotSupported, "numeric value %q is not supported", s)
		}
		return "", invalidInput("numeric", text)
	}
	canonical, err := CanonicalNumeric(s)
	if err != nil {
		return "", invalidInput("numeric", text)
	}
	return canonical, nil
}

// isNumericSyntax tells whether s is [+-]digits[.digits][e[+-]digits]
// with at least one digit before the exponent.
func isNumericSyntax(s string) bool {
	if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		s = s[1:]
	}
	mantissa, exponent, hasExponent := strings.Cut(strings.ToLower(s), "e")
	whole, fraction, _ := strings.Cut(mantissa, ".")
	digits := func(d string) bool { return strings.Trim(d, "0123456789") == "" }
	if !digits(whole) || !digits(fraction) || whole+fraction == "" {
		return false
	}
	if hasExponent {
		e := strings.TrimPrefix(strings.TrimPrefix(exponent, "+"), "-")
		return e != "" && digits(e)
	}
	return true
}
