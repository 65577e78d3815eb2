package types

import (
	"fmt"
	"math"
	"math/big"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/decimal256"

	"auger/internal/sqlstate"
)

// OutOfRange is PostgreSQL's error for a value its integer or float type
// cannot hold: "integer out of range".
func OutOfRange(dt arrow.DataType) *sqlstate.Error {
	name := "value"
	switch dt.ID() {
	case arrow.INT16:
		name = "smallint"
	case arrow.INT32:
		name = "integer"
	case arrow.INT64:
		name = "bigint"
	case arrow.DECIMAL128, arrow.DECIMAL256:
		name = "numeric"
	}
	return sqlstate.New(sqlstate.NumericValueOutOfRange, "%s out of range", name)
}

// castToInteger converts integers (checking the range), floats (rounding
// half to even, as rint does), exact numbers (rounding half away from
// zero) and booleans to an integer type.
func castToInteger(arr arrow.Array, b array.Builder) error {
	if f, ok := floatReader(arr); ok {
		return eachValue(arr, b, func(i int) error {
			v := math.RoundToEven(f(i))
			if math.IsNaN(v) || v < -9223372036854775808.0 || v >= 9223372036854775808.0 {
				return OutOfRange(b.Type())
			}
			return appendInteger(b, int64(v))
		})
	}
	if read, ok := integerReader(arr); ok {
		return eachValue(arr, b, func(i int) error { return appendInteger(b, read(i)) })
	}
	if bools, ok := arr.(*array.Boolean); ok {
		return eachValue(arr, b, func(i int) error {
			if bools.Value(i) {
				return appendInteger(b, 1)
			}
			return appendInteger(b, 0)
		})
	}
	return castToExact(arr, b)
}

// castToFloat converts integers, floats and exact numbers to real or
// double precision, with PostgreSQL's overflow and underflow errors when
// double precision narrows to real.
func castToFloat(arr arrow.Array, b array.Builder) error {
	if read, ok := integerReader(arr); ok {
		return eachValue(arr, b, func(i int) error { return appendFloat(b, float64(read(i)), false) })
	}
	if f, ok := floatReader(arr); ok {
		return eachValue(arr, b, func(i int) error { return appendFloat(b, f(i), true) })
	}
	return castToExact(arr, b)
}

// appendFloat appends f to a float builder; checked narrowing reports
// PostgreSQL's float8 to float4 overflow and underflow.
func appendFloat(b array.Builder, f float64, checked bool) error {
	switch b := b.(type) {
	case *array.Float64Builder:
		b.Append(f)
	case *array.Float32Builder:
		r := float32(f)
		if checked && math.IsInf(float64(r), 0) && !math.IsInf(f, 0) {
			return sqlstate.New(sqlstate.NumericValueOutOfRange, "value out of range: overflow")
		}
		if checked && r == 0 && f != 0 {
			return sqlstate.New(sqlstate.NumericValueOutOfRange, "value out of range: underflow")
		}
		b.Append(r)
	default:
		return fmt.Errorf("cannot append a float to %s", b.Type())
	}
	return nil
}

// castToExact converts numbers through their exact text, which
// AppendNumeric reads into any numeric builder: to numeric or
// numeric(p,s), rounding to the scale half away from zero, and exact
// numbers to the integer and float types.
func castToExact(arr arrow.Array, b array.Builder) error {
	texts, err := exactTexts(arr)
	if err != nil {
		return err
	}
	return eachValue(arr, b, func(i int) error {
		text, err := texts(i)
		if err != nil {
			return err
		}
		return AppendNumeric(b, text)
	})
}

// AppendNumeric appends one numeric text to a numeric, decimal, float or
// integer builder, with PostgreSQL's rounding and range errors.
func AppendNumeric(b array.Builder, text string) error {
	switch b := b.(type) {
	case *array.ExtensionBuilder:
		b.StorageBuilder().(*array.StringBuilder).Append(text)
		return nil
	case *array.Float64Builder, *array.Float32Builder:
		f, err := strconv.ParseFloat(text, 64)
		if err != nil && !isRangeError(err) {
			return err
		}
		return appendFloat(b, f, true)
	case *array.Decimal128Builder:
		t := b.Type().(*arrow.Decimal128Type)
		v, err := roundedDecimal(text, t.Scale, t.Precision)
		if err != nil {
			return err
		}
		b.Append(decimal128.FromBigInt(v))
		return nil
	case *array.Decimal256Builder:
		t := b.Type().(*arrow.Decimal256Type)
		v, err := roundedDecimal(text, t.Scale, t.Precision)
		if err != nil {
			return err
		}
		b.Append(decimal256.FromBigInt(v))
		return nil
	}
	r, ok := new(big.Rat).SetString(text)
	if !ok {
		return fmt.Errorf("invalid numeric %q", text)
	}
	v := RoundDecimal(r, 0).Unscaled
	if !v.IsInt64() {
		return OutOfRange(b.Type())
	}
	return appendInteger(b, v.Int64())
}

func isRangeError(err error) bool {
	e, ok := err.(*strconv.NumError)
	return ok && e.Err == strconv.ErrRange
}

// roundedDecimal reads a numeric text at a scale, rounding half away from
// zero, and checks it has at most precision digits.
func roundedDecimal(text string, scale, precision int32) (*big.Int, error) {
	r, ok := new(big.Rat).SetString(text)
	if !ok {
		return nil, fmt.Errorf("invalid numeric %q", text)
	}
	v := RoundDecimal(r, scale).Unscaled
	if len(new(big.Int).Abs(v).String()) > int(precision) {
		return nil, numericFieldOverflow(precision, scale)
	}
	return v, nil
}

// numericFieldOverflow is PostgreSQL's error for a value too large for
// numeric(p,s).
func numericFieldOverflow(precision, scale int32) *sqlstate.Error {
	return sqlstate.New(sqlstate.NumericValueOutOfRange, "numeric field overflow").WithDetail(fmt.Sprintf(
		"A field with precision %d, scale %d must round to an absolute value less than %s.",
		precision, scale, overflowBound(precision-scale)))
}

// overflowBound is PostgreSQL's wording of 10^digits in the overflow
// detail: "1" when no integer digit is allowed.
func overflowBound(digits int32) string {
	if digits == 0 {
		return "1"
	}
	return fmt.Sprintf("10^%d", digits)
}

// appendInteger appends v to an integer builder, with PostgreSQL's range
// error when it does not fit.
func appendInteger(b array.Builder, v int64) error {
	switch b := b.(type) {
	case *array.Int16Builder:
		if v < math.MinInt16 || v > math.MaxInt16 {
			return OutOfRange(b.Type())
		}
		b.Append(int16(v))
	case *array.Int32Builder:
		if v < math.MinInt32 || v > math.MaxInt32 {
			return OutOfRange(b.Type())
		}
		b.Append(int32(v))
	case *array.Int64Builder:
		b.Append(v)
	case *array.Uint32Builder:
		if v < 0 || v > math.MaxUint32 {
			return sqlstate.New(sqlstate.NumericValueOutOfRange, "OID out of range")
		}
		b.Append(uint32(v))
	default:
		return fmt.Errorf("cannot convert an integer to %s", b.Type())
	}
	return nil
}

// integerReader reads the values of a signed or unsigned integer array as
// int64.
func integerReader(arr arrow.Array) (func(i int) int64, bool) {
	switch a := arr.(type) {
	case *array.Int8:
		return func(i int) int64 { return int64(a.Value(i)) }, true
	case *array.Int16:
		return func(i int) int64 { return int64(a.Value(i)) }, true
	case *array.Int32:
		return func(i int) int64 { return int64(a.Value(i)) }, true
	case *array.Int64:
		return a.Value, true
	case *array.Uint8:
		return func(i int) int64 { return int64(a.Value(i)) }, true
	case *array.Uint16:
		return func(i int) int64 { return int64(a.Value(i)) }, true
	case *array.Uint32:
		return func(i int) int64 { return int64(a.Value(i)) }, true
	}
	return nil, false
}

// floatReader reads the values of a real or double precision array.
func floatReader(arr arrow.Array) (func(i int) float64, bool) {
	switch a := arr.(type) {
	case *array.Float32:
		return func(i int) float64 { return float64(a.Value(i)) }, true
	case *array.Float64:
		return a.Value, true
	}
	return nil, false
}

// exactTexts renders the values of an integer, float, decimal or numeric
// array as numeric texts, as PostgreSQL's casts to numeric read them.
func exactTexts(arr arrow.Array) (func(i int) (string, error), error) {
	switch a := arr.(type) {
	case *array.Float64:
		return func(i int) (string, error) { return floatAsNumeric(a.Value(i), 15) }, nil
	case *array.Float32:
		return func(i int) (string, error) { return floatAsNumeric(float64(a.Value(i)), 6) }, nil
	case *array.Decimal128:
		scale := a.DataType().(*arrow.Decimal128Type).Scale
		return func(i int) (string, error) { return a.Value(i).ToString(scale), nil }, nil
	case *array.Decimal256:
		scale := a.DataType().(*arrow.Decimal256Type).Scale
		return func(i int) (string, error) { return a.Value(i).ToString(scale), nil }, nil
	case *NumericArray:
		texts := a.Storage().(*array.String)
		return func(i int) (string, error) { return texts.Value(i), nil }, nil
	}
	if read, ok := integerReader(arr); ok {
		return func(i int) (string, error) { return strconv.FormatInt(read(i), 10), nil }, nil
	}
	return nil, fmt.Errorf("%s is not a number", arr.DataType())
}

// floatAsNumeric is PostgreSQL's float to numeric: the value printed with
// the type's reliable significant digits (15 for double precision, 6 for
// real), then read exactly.
func floatAsNumeric(f float64, digits int) (string, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "", sqlstate.New(sqlstate.FeatureNotSupported, "cannot convert %s to numeric", FormatFloat(f, 64))
	}
	return CanonicalNumeric(strconv.FormatFloat(f, 'g', digits, 64))
}

// eachValue appends a NULL for each NULL of arr and calls appendRow for
// the other rows.
func eachValue(arr arrow.Array, b array.Builder, appendRow func(i int) error) error {
	b.Reserve(arr.Len())
	for i := 0; i < arr.Len(); i++ {
		if arr.IsNull(i) {
			b.AppendNull()
			continue
		}
		if err := appendRow(i); err != nil {
			return err
		}
	}
	return nil
}
