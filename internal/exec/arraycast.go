package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/types"
)

var nullInt32 = scalar.MakeNullScalar(arrow.PrimitiveTypes.Int32)

// evalArrayCast casts arrays to arrays of another element type element by
// element, arrays to text (their text form) and text to arrays (read as
// array literals).
func evalArrayCast(ctx context.Context, n *expr.Cast, batch arrow.RecordBatch) (compute.Datum, error) {
	args, err := evalArgs(ctx, []expr.Expr{n.Arg}, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(args)
	out, err := castArrayColumn(ctx, args[0], n.To)
	if err != nil {
		return nil, err
	}
	defer out.Release()
	return compute.NewDatum(out), nil
}

func castArrayColumn(ctx context.Context, arr arrow.Array, to arrow.DataType) (arrow.Array, error) {
	switch {
	case !types.IsArray(arr.DataType()):
		return parseArrays(arr.(*array.String), to)
	case !types.IsArray(to):
		return formatArrays(arr, SessionOf(ctx).TextStyle())
	}
	l := arr.(*array.List)
	child, err := castValues(ctx, l.ListValues(), to.(*arrow.ListType).Elem())
	if err != nil {
		return nil, err
	}
	defer child.Release()
	data := array.NewData(to, l.Len(), l.Data().Buffers(), []arrow.ArrayData{child.Data()}, l.NullN(), l.Data().Offset())
	defer data.Release()
	return array.MakeFromData(data), nil
}

// castValues casts the elements of an array as a Cast expression would.
func castValues(ctx context.Context, values arrow.Array, to arrow.DataType) (arrow.Array, error) {
	if arrow.TypeEqual(values.DataType(), to) {
		values.Retain()
		return values, nil
	}
	if types.IsArray(to) {
		return castArrayColumn(ctx, values, to)
	}
	schema := arrow.NewSchema([]arrow.Field{{Name: "element", Type: values.DataType(), Nullable: true}}, nil)
	batch := array.NewRecordBatch(schema, []arrow.Array{values}, int64(values.Len()))
	defer batch.Release()
	cast := &expr.Cast{Arg: &expr.Column{Index: 0, Name: "element", Typ: values.DataType()}, To: to}
	out, err := evalArgs(ctx, []expr.Expr{cast}, batch)
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// formatArrays renders arrays in their text form, their elements in the
// session's style.
func formatArrays(arr arrow.Array, style types.Style) (arrow.Array, error) {
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	for r := 0; r < arr.Len(); r++ {
		if arr.IsNull(r) {
			b.AppendNull()
		} else {
			b.Append(types.FormatStyled(arr, r, style))
		}
	}
	return b.NewArray(), nil
}

// parseArrays reads texts as array literals of type to.
func parseArrays(texts *array.String, to arrow.DataType) (arrow.Array, error) {
	parts := make([]arrow.Array, 0, texts.Len())
	defer func() { releaseArrays(parts) }()
	for r := 0; r < texts.Len(); r++ {
		s := scalar.MakeNullScalar(to)
		if texts.IsValid(r) {
			v, err := types.ParseLiteral(to, texts.Value(r))
			if err != nil {
				return nil, err
			}
			s = v
		}
		arr, err := types.ScalarArray(s, 1, memory.DefaultAllocator)
		if err != nil {
			return nil, err
		}
		parts = append(parts, arr)
	}
	return concat(parts, to)
}
