package exec

import (
	"fmt"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/types"
)

// castsThroughText tells whether a cast goes through the types' text
// forms, as PostgreSQL's I/O conversion casts do: from or to json, jsonb,
// uuid and bytea (text to bytea reads the escape or hex form; bytea to
// text writes the hex form).
func castsThroughText(from, to arrow.DataType) bool {
	textual := func(t SQLType) bool {
		switch t {
		case tJSON, tJSONB, tUUID, tBytea:
			return true
		}
		return false
	}
	f, t := sqlTypeOf(from), sqlTypeOf(to)
	return f != t && (textual(f) || textual(t))
}

// castViaText renders each value as text and reads it as the target type.
func castViaText(d compute.Datum, to arrow.DataType, rows int) (compute.Datum, error) {
	arr, err := datumToArray(d, rows)
	if err != nil {
		return nil, err
	}
	defer arr.Release()
	b := array.NewBuilder(memory.DefaultAllocator, to)
	defer b.Release()
	for i := 0; i < arr.Len(); i++ {
		if arr.IsNull(i) {
			b.AppendNull()
			continue
		}
		s, err := types.ParseLiteral(to, types.FormatText(arr, i, time.UTC))
		if err != nil {
			return nil, err
		}
		if err := appendScalar(b, s); err != nil {
			return nil, err
		}
	}
	out := b.NewArray()
	defer out.Release()
	return compute.NewDatum(out), nil
}

// appendScalar appends a parsed value of a text-like, binary or uuid
// type (or an extension type stored as one).
func appendScalar(b array.Builder, s scalar.Scalar) error {
	if ext, ok := b.(*array.ExtensionBuilder); ok {
		return appendScalar(ext.StorageBuilder(), s.(*scalar.Extension).Value)
	}
	switch sb := b.(type) {
	case *array.StringBuilder:
		sb.Append(string(s.(*scalar.String).Data()))
	case *array.BinaryBuilder:
		sb.Append(s.(*scalar.Binary).Data())
	case *array.FixedSizeBinaryBuilder:
		sb.Append(s.(*scalar.FixedSizeBinary).Data())
	default:
		return fmt.Errorf("cast to %s through text", b.Type())
	}
	return nil
}
