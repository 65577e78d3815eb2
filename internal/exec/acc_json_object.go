package exec

import (
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// jsonObjectAggAccumulator is json_object_agg(k, v) and jsonb_object_agg(k,
// v) over Rows of a key and a value: each group's pairs in the order they
// arrive, a NULL value as null, as a JSON object (json keeps every pair,
// jsonb the last value of each key); NULL for a group without rows. A NULL
// key is PostgreSQL's error.
type jsonObjectAggAccumulator struct {
	result arrow.DataType // json or jsonb
	pairs  [][]string     // per group, its members written as "key" : value
	seen   []bool
	bytes  int64
}

// errNullFieldName is PostgreSQL's error for a NULL key.
var errNullFieldName = sqlstate.New(sqlstate.InvalidParameterValue, "field name must not be null")

// Resize implements Accumulator.
func (a *jsonObjectAggAccumulator) Resize(n int) {
	a.pairs = resized(a.pairs, n)
	a.seen = resized(a.seen, n)
}

// Update implements Accumulator: values is a struct of the keys and the
// values.
func (a *jsonObjectAggAccumulator) Update(groups []int32, values arrow.Array) error {
	row := values.(*array.Struct)
	keys, vals := row.Field(0), row.Field(1)
	for r, g := range groups {
		if keys.IsNull(r) {
			return errNullFieldName
		}
		member := types.QuoteJSON(types.FormatText(keys, r, time.UTC)) + " : " + jsonOf(vals, r, time.UTC)
		a.pairs[g] = append(a.pairs[g], member)
		a.seen[g] = true
		a.bytes += int64(len(member)) + 16
	}
	return nil
}

// Result implements Accumulator.
func (a *jsonObjectAggAccumulator) Result() (arrow.Array, error) {
	storage := array.NewStringBuilder(memory.DefaultAllocator)
	defer storage.Release()
	for g, members := range a.pairs {
		if !a.seen[g] {
			storage.AppendNull()
			continue
		}
		s, err := asResultJSON(a.result, "{ "+strings.Join(members, ", ")+" }")
		if err != nil {
			return nil, err
		}
		storage.Append(s)
	}
	values := storage.NewArray()
	defer values.Release()
	return array.NewExtensionArrayWithStorage(a.result.(arrow.ExtensionType), values), nil
}

// Size implements Accumulator.
func (a *jsonObjectAggAccumulator) Size() int64 { return a.bytes + sizeOf(a.pairs) + sizeOf(a.seen) }

// orderSensitive implements orderSensitive: the pairs keep their order.
func (a *jsonObjectAggAccumulator) orderSensitive() bool { return true }
