package exec

import (
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/types"
)

// jsonAggAccumulator is json_agg and jsonb_agg: each group's values,
// NULLs included, in the order they arrive, as a JSON array (array_agg's
// state, rendered as to_json renders values); NULL for a group without
// rows.
type jsonAggAccumulator struct {
	*arrayAggAccumulator
	result arrow.DataType // json or jsonb
}

func newJSONAggAccumulator(arg, result arrow.DataType) *jsonAggAccumulator {
	return &jsonAggAccumulator{arrayAggAccumulator: newArrayAggAccumulator(types.ArrayOf(arg)), result: result}
}

// Result implements Accumulator.
func (a *jsonAggAccumulator) Result() (arrow.Array, error) {
	lists, err := a.arrayAggAccumulator.Result()
	if err != nil {
		return nil, err
	}
	defer lists.Release()
	l := lists.(*array.List)
	storage := array.NewStringBuilder(memory.DefaultAllocator)
	defer storage.Release()
	for g := 0; g < l.Len(); g++ {
		if l.IsNull(g) {
			storage.AppendNull()
			continue
		}
		from, to := l.ValueOffsets(g)
		parts := make([]string, 0, to-from)
		for j := from; j < to; j++ {
			parts = append(parts, jsonOf(l.ListValues(), int(j), time.UTC))
		}
		s, err := asResultJSON(a.result, "["+strings.Join(parts, ", ")+"]")
		if err != nil {
			return nil, err
		}
		storage.Append(s)
	}
	values := storage.NewArray()
	defer values.Release()
	return array.NewExtensionArrayWithStorage(a.result.(arrow.ExtensionType), values), nil
}
