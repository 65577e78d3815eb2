package exec

import (
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/types"
)

// StyleDependentCast tells whether a cast writes text that the session's
// output styles shape, or reads dates in its DateStyle's field order:
// dates, timestamps, intervals, floats and bytea to text follow DateStyle,
// IntervalStyle, extra_float_digits and bytea_output, and so do arrays of
// them; text to date or
// timestamp reads 01/02/2024 as DateStyle orders it. Such a cast cannot be
// computed before the statement knows its session.
func StyleDependentCast(from, to arrow.DataType) bool {
	if types.IsArray(from) || types.IsArray(to) {
		return types.IsArray(from) && to.ID() == arrow.STRING
	}
	if from.ID() == arrow.STRING {
		return to.ID() == arrow.DATE32 || to.ID() == arrow.TIMESTAMP
	}
	if to.ID() != arrow.STRING {
		return false
	}
	switch from.ID() {
	case arrow.DATE32, arrow.TIMESTAMP, arrow.INTERVAL_MONTH_DAY_NANO, arrow.FLOAT32, arrow.FLOAT64, arrow.BINARY:
		return true
	}
	return false
}

// castInStyle is types.Cast, writing text in style and reading dates in
// its field order where the style matters.
func castInStyle(arr arrow.Array, to arrow.DataType, style types.Style) (arrow.Array, error) {
	if !StyleDependentCast(arr.DataType(), to) {
		return types.Cast(arr, to)
	}
	if texts, ok := arr.(*array.String); ok {
		return parseInStyle(texts, to, style)
	}
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	for i := 0; i < arr.Len(); i++ {
		if arr.IsNull(i) {
			b.AppendNull()
		} else {
			b.Append(types.FormatStyled(arr, i, style))
		}
	}
	return b.NewArray(), nil
}

// TextStyle is how the session writes values as text (and reads dates),
// PostgreSQL's default styles in its zone when it gives none.
func (s SessionState) TextStyle() types.Style {
	if s.Style.Zone == nil {
		zone := s.Zone
		if zone == nil {
			zone = time.UTC
		}
		return types.DefaultStyle(zone)
	}
	return s.Style
}

// parseInStyle reads texts as dates or timestamps in the style's field
// order.
func parseInStyle(texts *array.String, to arrow.DataType, style types.Style) (arrow.Array, error) {
	b := array.NewBuilder(memory.DefaultAllocator, to)
	defer b.Release()
	for i := 0; i < texts.Len(); i++ {
		if texts.IsNull(i) {
			b.AppendNull()
			continue
		}
		v, err := types.ParseLiteralStyled(to, texts.Value(i), style)
		if err != nil {
			return nil, err
		}
		switch v := v.(type) {
		case *scalar.Date32:
			b.(*array.Date32Builder).Append(v.Value)
		case *scalar.Timestamp:
			b.(*array.TimestampBuilder).Append(v.Value)
		}
	}
	return b.NewArray(), nil
}

// styledText is a value's text as the cast to text writes it in style.
func styledText(a arrow.Array, i int, style types.Style) string {
	if b, ok := a.(*array.Boolean); ok {
		return strconv.FormatBool(b.Value(i))
	}
	return types.FormatStyled(a, i, style)
}
