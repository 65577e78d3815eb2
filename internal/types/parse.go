package types

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/sqlstate"
)

// FromPostgresName returns the Arrow type for a PostgreSQL type name as it
// appears in a cast (`integer`, `numeric`, `character varying`), with its
// modifiers (numeric's precision and scale; lengths are ignored).
func FromPostgresName(name string, typmods []int) (arrow.DataType, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if elem, ok := strings.CutSuffix(name, "[]"); ok {
		dt, known := FromPostgresName(elem, typmods)
		if !known {
			return nil, false
		}
		return ArrayOf(dt), true
	}
	if alias, ok := typeAliases[name]; ok {
		name = alias
	}
	for _, e := range table {
		if e.pgName != name {
			continue
		}
		if e.oid == OIDNumeric && len(typmods) > 0 {
			scale := 0
			if len(typmods) > 1 {
				scale = typmods[1]
			}
			return e.arrowOf(int32(typmods[0]<<16|scale) + 4), true
		}
		return e.arrowOf(-1), true
	}
	return nil, false
}

// typeAliases maps other spellings to the names in the type table.
var typeAliases = map[string]string{
	"int": "integer", "int4": "integer", "int8": "bigint", "int2": "smallint",
	"float8": "double precision", "float": "double precision", "float4": "real",
	"decimal": "numeric", "varchar": "character varying", "char": "character", "bpchar": "character",
	"bool": "boolean", "timestamp": "timestamp without time zone", "timestamptz": "timestamp with time zone",
	"time": "time without time zone", "string": "text", "varbinary": "bytea", "binary": "bytea",
	"double": "double precision",
}

// ParseLiteral reads the text of a literal as a value of type dt with the
// type's input function, and PostgreSQL's errors when it does not read
// (22P02 invalid input syntax, 22003 out of range, 22007 and 22008 for
// dates and times). A timestamptz without a zone is read in UTC:
// ParseLiteralIn reads it in the session's zone.
func ParseLiteral(dt arrow.DataType, text string) (scalar.Scalar, error) {
	return ParseLiteralIn(dt, text, time.UTC)
}

// ParseLiteralIn is ParseLiteral in a session whose time zone is loc.
func ParseLiteralIn(dt arrow.DataType, text string, loc *time.Location) (scalar.Scalar, error) {
	return ParseLiteralStyled(dt, text, DefaultStyle(loc))
}

// ParseLiteralStyled is ParseLiteral in a session whose time zone and
// date field order are the style's.
func ParseLiteralStyled(dt arrow.DataType, text string, style Style) (scalar.Scalar, error) {
	if IsArray(dt) {
		return parseArrayOf(dt, text)
	}
	if readsDirectly(dt) {
		return parseThroughBuilder(dt, text)
	}
	if !keepsSpaces(dt) {
		text = strings.TrimSpace(text)
	}
	s, err := parseLiteral(dt, text, style)
	var own *sqlstate.Error
	if errors.As(err, &own) && own != errInvalidDateTime {
		return nil, err
	}
	if err != nil {
		name, code := PostgresName(dt), sqlstate.InvalidTextRepresentation
		if dateTimeName, ok := dateTimeInputNames[WireOID(dt)]; ok {
			name, code = dateTimeName, sqlstate.InvalidDatetimeFormat
		}
		return nil, &sqlstate.Error{Code: code, Message: fmt.Sprintf("invalid input syntax for type %s: %q", name, text), Cause: err}
	}
	return s, nil
}

// keepsSpaces tells whether a type's input reads spaces around the value
// as part of it (text, bytea, json) or rejects them (uuid), rather than
// ignoring them.
func keepsSpaces(dt arrow.DataType) bool {
	switch dt.(type) {
	case *extensions.UUIDType, *extensions.JSONType, *JSONBType:
		return true
	}
	return dt.ID() == arrow.STRING || dt.ID() == arrow.BINARY
}

// readsDirectly tells whether appendText reads texts of type dt itself
// (the numbers and booleans).
func readsDirectly(dt arrow.DataType) bool {
	switch dt.(type) {
	case *NumericType, *arrow.Decimal128Type, *arrow.Decimal256Type:
		return true
	}
	switch dt.ID() {
	case arrow.INT16, arrow.INT32, arrow.INT64, arrow.FLOAT32, arrow.FLOAT64, arrow.BOOL:
		return true
	}
	return false
}

// parseThroughBuilder reads one text as a column of one value would be.
func parseThroughBuilder(dt arrow.DataType, text string) (scalar.Scalar, error) {
	b := array.NewBuilder(literalMemory, dt)
	defer b.Release()
	if err := appendText(b, dt, text); err != nil {
		return nil, err
	}
	arr := b.NewArray()
	defer arr.Release()
	return scalar.GetScalar(arr, 0)
}

// dateTimeInputNames are the names PostgreSQL's date and time input
// errors give their types (22007, not 22P02).
var dateTimeInputNames = map[uint32]string{
	OIDDate: "date", OIDTime: "time", OIDTimestamp: "timestamp", OIDTimestamptz: "timestamp with time zone", OIDInterval: "interval",
}

func parseLiteral(dt arrow.DataType, text string, style Style) (scalar.Scalar, error) {
	switch t := dt.(type) {
	case *extensions.UUIDType:
		u, err := ParseUUID(text)
		if err != nil {
			return nil, err
		}
		return scalar.NewExtensionScalar(scalar.NewFixedSizeBinaryScalar(memory.NewBufferBytes(u[:]), t.StorageType()), t), nil
	case *extensions.JSONType:
		if _, err := ParseJSON(text, false); err != nil {
			return nil, err
		}
		return scalar.NewExtensionScalar(scalar.NewStringScalar(text), t), nil
	case *JSONBType:
		v, err := ParseJSON(text, true)
		if err != nil {
			return nil, err
		}
		return scalar.NewExtensionScalar(scalar.NewStringScalar(v.JSONB()), t), nil
	case *RegtypeType:
		name, err := ParseRegtype(text)
		if err != nil {
			return nil, err
		}
		return scalar.NewExtensionScalar(scalar.NewStringScalar(name), t), nil
	case *ObjectNameType:
		return scalar.NewExtensionScalar(scalar.NewStringScalar(strings.TrimSpace(text)), t), nil
	case *arrow.TimestampType:
		return parseTimestamp(t, text, style)
	}
	if dt.ID() == arrow.INTERVAL_MONTH_DAY_NANO {
		v, err := ParseInterval(text)
		if err != nil {
			return nil, err
		}
		return scalar.NewMonthDayNanoIntervalScalar(v), nil
	}
	if dt.ID() == arrow.BINARY {
		b, err := ParseBytea(text)
		if err != nil {
			return nil, err
		}
		return scalar.NewBinaryScalar(memory.NewBufferBytes(b), dt), nil
	}
	if dt.ID() == arrow.DATE32 {
		return parseDate(text, style.Order)
	}
	if dt.ID() == arrow.TIME64 {
		return parseTimeOfDay(text)
	}
	return scalar.ParseScalar(dt, text)
}

// CanonicalNumeric reads a number as PostgreSQL's numeric input does and
// renders it with the scale it was written with: 1.50 stays 1.50, 1e3 is
// 1000, 1.5e-7 is 0.00000015.
func CanonicalNumeric(text string) (string, error) {
	r, ok := new(big.Rat).SetString(text)
	if !ok {
		return "", fmt.Errorf("not a number")
	}
	mantissa, exponent := text, 0
	if i := strings.IndexAny(text, "eE"); i >= 0 {
		e, err := strconv.Atoi(text[i+1:])
		if err != nil {
			return "", err
		}
		mantissa, exponent = text[:i], e
	}
	scale := 0
	if i := strings.IndexByte(mantissa, '.'); i >= 0 {
		scale = len(mantissa) - i - 1
	}
	return r.FloatString(max(scale-exponent, 0)), nil
}
