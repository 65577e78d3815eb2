package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"

	"auger/internal/expr"
)

// evalRow computes a Row: its fields' columns side by side as one struct
// column.
func evalRow(ctx context.Context, n *expr.Row, batch arrow.RecordBatch) (compute.Datum, error) {
	cols, err := evalArgs(ctx, n.Fields, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(cols)
	out, err := array.NewStructArrayWithFields(cols, n.Type().(*arrow.StructType).Fields())
	if err != nil {
		return nil, err
	}
	defer out.Release()
	return compute.NewDatum(out), nil
}
