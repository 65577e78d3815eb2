package exec

import (
	"context"
	"errors"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// ArrayOfRows reads every row of op and makes the values of its first
// column one array of type typ (ARRAY(subquery)): an array of the values,
// NULLs included, or when they are arrays, of one more dimension over
// them, which must all have the same dimensions. No rows give {}.
func ArrayOfRows(ctx context.Context, op Operator, typ arrow.DataType) (scalar.Scalar, error) {
	var parts []arrow.Array
	defer func() { releaseArrays(parts) }()
	for {
		b, err := op.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		col := b.Column(0)
		col.Retain()
		parts = append(parts, col)
		b.Release()
	}
	arr, err := arrayOfParts(parts, typ)
	if err != nil {
		return nil, err
	}
	defer arr.Release()
	copied, err := array.Concatenate([]arrow.Array{arr}, constantMemory)
	if err != nil {
		return nil, err
	}
	return scalar.GetScalar(copied, 0)
}

// arrayOfParts makes one array (a one-row column of type typ) of the
// values of a column in parts, as ARRAY(subquery) does.
func arrayOfParts(parts []arrow.Array, typ arrow.DataType) (arrow.Array, error) {
	column, err := concat(parts, typ.(*arrow.ListType).Elem())
	if err != nil {
		return nil, err
	}
	defer column.Release()
	return accumulate(context.Background(), column, typ)
}

// accumulate makes one array (a one-row list column of type typ) of the
// values of a column, as array_agg and ARRAY(subquery) accumulate them.
func accumulate(ctx context.Context, column arrow.Array, typ arrow.DataType) (arrow.Array, error) {
	if !types.IsArray(column.DataType()) {
		positions := make([]int64, column.Len())
		for i := range positions {
			positions[i] = int64(i)
		}
		b := newArrayRows(typ, column)
		b.append([]int{column.Len()}, positions)
		return b.build(ctx)
	}
	col := newArrayColumn(column)
	rows := make([]int64, column.Len())
	for i := range rows {
		rows[i] = int64(i)
	}
	dims, positions, err := stackRowsAt(col, rows)
	if err != nil {
		return nil, err
	}
	b := newArrayRows(typ, col.leaf)
	b.append(dims, positions)
	return b.build(ctx)
}

// stackRowsAt lays the arrays of some rows of a column side by side, with
// PostgreSQL's errors for NULL, empty and differently shaped ones.
func stackRowsAt(col arrayColumn, rows []int64) ([]int, []int64, error) {
	var inner []int
	var positions []int64
	for i, row := range rows {
		r := int(row)
		if col.list.IsNull(r) {
			return nil, nil, sqlstate.New("22004", "cannot accumulate null arrays")
		}
		v := col.at(r)
		switch {
		case i == 0 && len(v.positions) == 0:
			return nil, nil, sqlstate.New(sqlstate.ArraySubscriptError, "cannot accumulate empty arrays")
		case i > 0 && !equalDims(inner, v.dims):
			return nil, nil, sqlstate.New(sqlstate.ArraySubscriptError, "cannot accumulate arrays of different dimensionality")
		}
		inner = v.dims
		positions = append(positions, v.positions...)
	}
	if len(rows) == 0 {
		return nil, nil, nil
	}
	return append([]int{len(rows)}, inner...), positions, nil
}
