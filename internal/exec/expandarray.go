package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
)

// expandArray is information_schema._pg_expandarray(array): a row (x, n)
// per element, x the element and n its position from 1; part "x" or "n"
// yields that field alone (`(_pg_expandarray(a)).n`), "" the rows as
// structs of typ.
type expandArray struct {
	*unnest
	part string
	typ  arrow.DataType
}

func newExpandArray(arr arrow.Array, part string, typ arrow.DataType) *expandArray {
	return &expandArray{unnest: newUnnest(arr), part: part, typ: typ}
}

func (e *expandArray) values(ctx context.Context, spans []span) (arrow.Array, error) {
	if e.part == "n" {
		return positionsOf(spans), nil
	}
	elems, err := e.unnest.values(ctx, spans)
	if err != nil || e.part == "x" {
		return elems, err
	}
	defer elems.Release()
	n := positionsOf(spans)
	defer n.Release()
	st := e.typ.(*arrow.StructType)
	return array.NewStructArrayWithFields([]arrow.Array{elems, n}, st.Fields())
}

// positionsOf numbers the rows of each span from its start, from 1.
func positionsOf(spans []span) arrow.Array {
	b := array.NewInt32Builder(memory.DefaultAllocator)
	defer b.Release()
	for _, s := range spans {
		for i := s.from; i < s.to; i++ {
			b.Append(int32(i + 1))
		}
	}
	return b.NewArray()
}

// evalFieldOf is one field of a struct value; a NULL struct has NULL
// fields.
func evalFieldOf(ctx context.Context, n *expr.FieldOf, batch arrow.RecordBatch) (compute.Datum, error) {
	args, err := evalArgs(ctx, []expr.Expr{n.Arg}, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(args)
	st := args[0].(*array.Struct)
	field := st.Field(n.Index)
	if st.NullN() == 0 {
		return compute.NewDatum(field), nil
	}
	// Take the field's values through indices that are NULL where the
	// struct is.
	ix := array.NewInt64Builder(memory.DefaultAllocator)
	defer ix.Release()
	for i := 0; i < st.Len(); i++ {
		if st.IsNull(i) {
			ix.AppendNull()
		} else {
			ix.Append(int64(i))
		}
	}
	indices := ix.NewArray()
	defer indices.Release()
	out, err := compute.TakeArray(ctx, field, indices)
	if err != nil {
		return nil, err
	}
	defer out.Release()
	return compute.NewDatum(out), nil
}
