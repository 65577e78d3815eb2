package parquet

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/scalar"
	pq "github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/schema"
)

// valueKind is how a column's statistics and the literals compared with it
// are read, so that both sides compare in the column's logical type, in
// the engine's order: integers (also dates and timestamps, as counts of
// their unit), decimals by unscaled value at one scale, floats, strings
// and bytes in byte order, booleans.
type valueKind int

const (
	kindNone valueKind = iota // statistics unusable
	kindInt
	kindDecimal
	kindFloat
	kindBytes
	kindBool
)

// kindOf is the kind the statistics of a column of Arrow type dt stored as
// the Parquet leaf col are read as, or kindNone when they cannot be
// compared exactly with a literal of type dt: other layouts, a unit or
// scale that differs from the Arrow type's, an order that is not the
// engine's, or min/max of a writer that kept them in another order.
func kindOf(dt arrow.DataType, col *schema.Column) valueKind {
	if col.MaxRepetitionLevel() != 0 || col.SortOrder() == schema.SortUNKNOWN {
		return kindNone
	}
	phys, logical := col.PhysicalType(), col.LogicalType()
	switch t := dt.(type) {
	case *arrow.Int8Type, *arrow.Int16Type, *arrow.Int32Type:
		return kindIf(phys == pq.Types.Int32 && signedInt(logical), kindInt)
	case *arrow.Int64Type:
		return kindIf(phys == pq.Types.Int64 && signedInt(logical), kindInt)
	case *arrow.Date32Type:
		_, ok := logical.(schema.DateLogicalType)
		return kindIf(phys == pq.Types.Int32 && ok, kindInt)
	case *arrow.TimestampType:
		ts, ok := logical.(schema.TimestampLogicalType)
		return kindIf(phys == pq.Types.Int64 && ok && sameUnit(ts.TimeUnit(), t.Unit), kindInt)
	case *arrow.Decimal128Type:
		d, ok := logical.(schema.DecimalLogicalType)
		if !ok || d.Precision() != t.Precision || d.Scale() != t.Scale {
			return kindNone
		}
		return decimalKind(col)
	case *arrow.Float32Type:
		return kindIf(phys == pq.Types.Float, kindFloat)
	case *arrow.Float64Type:
		return kindIf(phys == pq.Types.Double, kindFloat)
	case *arrow.StringType, *arrow.BinaryType:
		return kindIf(phys == pq.Types.ByteArray && col.SortOrder() == schema.SortUNSIGNED && typeDefinedOrder(col), kindBytes)
	case *arrow.BooleanType:
		return kindIf(phys == pq.Types.Boolean, kindBool)
	}
	return kindNone
}

func kindIf(ok bool, k valueKind) valueKind {
	if ok {
		return k
	}
	return kindNone
}

// signedInt tells whether a Parquet integer's logical type is a signed
// integer (or none, a plain INT32/INT64).
func signedInt(l schema.LogicalType) bool {
	switch t := l.(type) {
	case schema.NoLogicalType, nil:
		return true
	case schema.IntLogicalType:
		return t.IsSigned()
	}
	return false
}

func sameUnit(u schema.TimeUnitType, a arrow.TimeUnit) bool {
	switch u {
	case schema.TimeUnitMillis:
		return a == arrow.Millisecond
	case schema.TimeUnitMicros:
		return a == arrow.Microsecond
	case schema.TimeUnitNanos:
		return a == arrow.Nanosecond
	}
	return false
}

// decimalKind: decimals stored as integers compare as signed integers;
// those stored as big-endian two's complement bytes only when the file
// says its min/max follow the type's order (older writers compared the
// bytes unsigned).
func decimalKind(col *schema.Column) valueKind {
	switch col.PhysicalType() {
	case pq.Types.Int32, pq.Types.Int64:
		return kindDecimal
	case pq.Types.FixedLenByteArray, pq.Types.ByteArray:
		return kindIf(col.SortOrder() == schema.SortSIGNED && typeDefinedOrder(col), kindDecimal)
	}
	return kindNone
}

// typeDefinedOrder tells whether the file's column order for col is the
// type-defined one, which is what makes min_value/max_value (rather than
// the deprecated min/max of older writers) the statistics read.
func typeDefinedOrder(col *schema.Column) bool {
	order := col.ColumnOrder()
	return order != nil && order.TYPE_ORDER != nil
}

// literalValue turns a literal compared with a column of Arrow type dt
// into the column kind's value. ok is false for NULL, a literal of another
// type, or a float NaN (NaN sorts above every number in the engine, and
// Parquet writers leave it out of min/max).
func literalValue(k valueKind, dt arrow.DataType, s scalar.Scalar) (any, bool) {
	if !s.IsValid() || !arrow.TypeEqual(s.DataType(), dt) {
		return nil, false
	}
	switch v := s.(type) {
	case *scalar.Int8:
		return int64(v.Value), k == kindInt
	case *scalar.Int16:
		return int64(v.Value), k == kindInt
	case *scalar.Int32:
		return int64(v.Value), k == kindInt
	case *scalar.Int64:
		return v.Value, k == kindInt
	case *scalar.Date32:
		return int64(v.Value), k == kindInt
	case *scalar.Timestamp:
		return int64(v.Value), k == kindInt
	case *scalar.Decimal128:
		return v.Value, k == kindDecimal
	case *scalar.Float32:
		return float64(v.Value), k == kindFloat && !math.IsNaN(float64(v.Value))
	case *scalar.Float64:
		return v.Value, k == kindFloat && !math.IsNaN(v.Value)
	case *scalar.String:
		return string(v.Value.Bytes()), k == kindBytes
	case *scalar.Binary:
		return string(v.Value.Bytes()), k == kindBytes
	case *scalar.Boolean:
		return v.Value, k == kindBool
	}
	return nil, false
}

// compareValues orders two values of one kind: -1, 0 or 1.
func compareValues(k valueKind, a, b any) int {
	switch k {
	case kindInt:
		return cmp.Compare(a.(int64), b.(int64))
	case kindDecimal:
		return a.(decimal128.Num).Cmp(b.(decimal128.Num))
	case kindFloat:
		return cmp.Compare(a.(float64), b.(float64))
	case kindBytes:
		return bytes.Compare([]byte(a.(string)), []byte(b.(string)))
	case kindBool:
		x, y := a.(bool), b.(bool)
		switch {
		case x == y:
			return 0
		case !x:
			return -1
		}
		return 1
	}
	panic("parquet: compare of values without a kind")
}

// decimalFromBytes reads a big-endian two's complement unscaled decimal of
// up to 16 bytes.
func decimalFromBytes(b []byte) (decimal128.Num, bool) {
	if len(b) == 0 || len(b) > 16 {
		return decimal128.Num{}, false
	}
	var full [16]byte
	if b[0]&0x80 != 0 {
		for i := range full {
			full[i] = 0xff
		}
	}
	copy(full[16-len(b):], b)
	hi := int64(binary.BigEndian.Uint64(full[:8]))
	lo := binary.BigEndian.Uint64(full[8:])
	return decimal128.New(hi, lo), true
}
