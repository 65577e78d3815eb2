package types

import (
	"math"
	"math/big"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/jackc/pgx/v5/pgtype"
)

// Cell is one non-NULL value of a result column on its way to the wire.
// In text format it renders itself (FormatText, PostgreSQL's exact text); in
// binary format pgtype encodes its Native value.
type Cell struct {
	arr   arrow.Array
	row   int
	style Style
	width int // character(n) values are padded with blanks to width
}

// NewCell returns the cell at row of arr, written as text in style.
func NewCell(arr arrow.Array, row int, style Style) Cell {
	return Cell{arr: arr, row: row, style: style}
}

// PaddedTo returns the cell of a character(width) column (no padding when
// width is 0).
func (c Cell) PaddedTo(width int) Cell {
	c.width = width
	return c
}

// TextValue implements pgtype.TextValuer: text format is ours.
func (c Cell) TextValue() (pgtype.Text, error) {
	return pgtype.Text{String: c.text(), Valid: true}, nil
}

func (c Cell) text() string {
	return PadBlanks(FormatStyled(c.arr, c.row, c.style), c.width)
}

// Native is the Go value pgtype encodes in binary format for the column's
// wire type.
func (c Cell) Native() any {
	switch a := c.arr.(type) {
	case *array.Boolean:
		return a.Value(c.row)
	case *array.Int8:
		return int16(a.Value(c.row))
	case *array.Uint8:
		return int16(a.Value(c.row))
	case *array.Int16:
		return a.Value(c.row)
	case *array.Uint16:
		return int32(a.Value(c.row))
	case *array.Int32:
		return a.Value(c.row)
	case *array.Uint32:
		return int64(a.Value(c.row))
	case *array.Int64:
		return a.Value(c.row)
	case *array.Float32:
		return a.Value(c.row)
	case *array.Float64:
		return canonicalNaN(a.Value(c.row))
	case *array.Binary:
		return a.Value(c.row)
	case *array.Decimal128:
		n := a.Value(c.row)
		return pgtype.Numeric{Int: n.BigInt(), Exp: -a.DataType().(*arrow.Decimal128Type).Scale, Valid: true}
	case *array.Decimal256:
		n := a.Value(c.row)
		return pgtype.Numeric{Int: n.BigInt(), Exp: -a.DataType().(*arrow.Decimal256Type).Scale, Valid: true}
	case *array.Date32:
		return wireDate(a.Value(c.row))
	case *array.MonthDayNanoInterval:
		v := a.Value(c.row)
		return pgtype.Interval{Months: v.Months, Days: v.Days, Microseconds: v.Nanoseconds / 1000, Valid: true}
	case *array.Date64:
		return a.Value(c.row).ToTime()
	case *array.Timestamp:
		return a.Value(c.row).ToTime(a.DataType().(*arrow.TimestampType).Unit)
	case *array.Time64:
		return timeOfDay(a.Value(c.row).ToTime(a.DataType().(*arrow.Time64Type).Unit))
	case *extensions.UUIDArray:
		return [16]byte(a.Value(c.row))
	case *NumericArray:
		return numericFromText(a.Storage().(*array.String).Value(c.row))
	case *array.List:
		return newWireArray(a, c.row, c.style.Zone)
	}
	return PadBlanks(FormatText(c.arr, c.row, c.style.Zone), c.width) // binary format ignores the styles
}

func timeOfDay(t time.Time) pgtype.Time {
	us := int64(t.Hour())*3600e6 + int64(t.Minute())*60e6 + int64(t.Second())*1e6 + int64(t.Nanosecond()/1000)
	return pgtype.Time{Microseconds: us, Valid: true}
}

// numericFromText reads an exact decimal string into a pgtype.Numeric.
func numericFromText(s string) pgtype.Numeric {
	var n pgtype.Numeric
	if err := n.Scan(s); err != nil {
		return pgtype.Numeric{Int: big.NewInt(0), Valid: true, NaN: true}
	}
	return n
}

// RegisterWireEncoding teaches a pgtype map to encode Cells in binary
// format by unwrapping them to their Native value.
func RegisterWireEncoding(m *pgtype.Map) {
	m.TryWrapEncodePlanFuncs = append([]pgtype.TryWrapEncodePlanFunc{unwrapCell}, m.TryWrapEncodePlanFuncs...)
	m.RegisterType(&pgtype.Type{Name: "char", OID: oidChar, Codec: charCodec{}})
}

func unwrapCell(value any) (plan pgtype.WrappedEncodePlanNextSetter, next any, ok bool) {
	c, ok := value.(Cell)
	if !ok {
		return nil, nil, false
	}
	return &cellPlan{}, c.Native(), true
}

// cellPlan encodes a Cell through the plan of its native value.
type cellPlan struct{ next pgtype.EncodePlan }

// SetNext implements pgtype.WrappedEncodePlanNextSetter.
func (p *cellPlan) SetNext(next pgtype.EncodePlan) { p.next = next }

// Encode implements pgtype.EncodePlan.
func (p *cellPlan) Encode(value any, buf []byte) ([]byte, error) {
	return p.next.Encode(value.(Cell).Native(), buf)
}

// canonicalNaN is f with PostgreSQL's bits for NaN (Go's math.NaN sets
// the lowest bit of the payload too).
func canonicalNaN(f float64) float64 {
	if math.IsNaN(f) {
		return math.Float64frombits(0x7ff8000000000000)
	}
	return f
}

// wireDate is a date as pgtype encodes it, the infinities included.
func wireDate(d arrow.Date32) pgtype.Date {
	switch d {
	case DateInfinity:
		return pgtype.Date{InfinityModifier: pgtype.Infinity, Valid: true}
	case DateNegInfinity:
		return pgtype.Date{InfinityModifier: pgtype.NegativeInfinity, Valid: true}
	}
	return pgtype.Date{Time: d.ToTime(), Valid: true}
}
