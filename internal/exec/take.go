package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
)

// takeValues picks the rows of arr at indices (NULL where an index is
// NULL). Intervals, which the take kernel does not know, are taken as the
// 16-byte values they are.
func takeValues(ctx context.Context, arr arrow.Array, indices arrow.Array) (arrow.Array, error) {
	if arr.DataType().ID() != arrow.INTERVAL_MONTH_DAY_NANO {
		return compute.TakeArray(ctx, arr, indices)
	}
	asBytes := retyped(arr, &arrow.FixedSizeBinaryType{ByteWidth: arrow.MonthDayNanoIntervalSizeBytes})
	defer asBytes.Release()
	taken, err := compute.TakeArray(ctx, asBytes, indices)
	if err != nil {
		return nil, err
	}
	defer taken.Release()
	return retyped(taken, arr.DataType()), nil
}

// retyped views an array's buffers as another type of the same layout.
func retyped(arr arrow.Array, dt arrow.DataType) arrow.Array {
	d := arr.Data()
	data := array.NewData(dt, d.Len(), d.Buffers(), nil, d.NullN(), d.Offset())
	defer data.Release()
	return array.MakeFromData(data)
}
