package exec

import (
	"bytes"
	"cmp"
	"math"
	"math/big"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/decimal256"

	"auger/internal/types"
)

// keyColumn is the values of one sort key in one batch, in a form that
// compares a row of it with a row of the same key in another batch (the
// runs of an external sort are merged batch against batch).
type keyColumn interface {
	// IsNull tells whether row i is NULL.
	IsNull(i int) bool
	// compare orders row i of this column against row j of other, a column
	// of the same type; neither row is NULL.
	compare(i int, other keyColumn, j int) int
}

// typedColumn compares the values of one Arrow array type.
type typedColumn[T any] struct {
	arrow.Array
	at    func(int) T
	order func(x, y T) int
}

func (c *typedColumn[T]) compare(i int, other keyColumn, j int) int {
	return c.order(c.at(i), other.(*typedColumn[T]).at(j))
}

func column[T any](arr arrow.Array, at func(int) T, order func(x, y T) int) keyColumn {
	return &typedColumn[T]{Array: arr, at: at, order: order}
}

// newKeyColumn wraps an array for comparisons: text in byte order (the "C"
// collation), NaN above every other float, false before true, exact
// numerics and intervals by value, as PostgreSQL orders them.
func newKeyColumn(arr arrow.Array) keyColumn {
	switch a := arr.(type) {
	case *array.Int8:
		return column(a, a.Value, cmp.Compare[int8])
	case *array.Int16:
		return column(a, a.Value, cmp.Compare[int16])
	case *array.Int32:
		return column(a, a.Value, cmp.Compare[int32])
	case *array.Int64:
		return column(a, a.Value, cmp.Compare[int64])
	case *array.Uint8:
		return column(a, a.Value, cmp.Compare[uint8])
	case *array.Uint16:
		return column(a, a.Value, cmp.Compare[uint16])
	case *array.Uint32:
		return column(a, a.Value, cmp.Compare[uint32])
	case *array.Uint64:
		return column(a, a.Value, cmp.Compare[uint64])
	case *array.Float32:
		return column(a, func(i int) float64 { return float64(a.Value(i)) }, floatCompare)
	case *array.Float64:
		return column(a, a.Value, floatCompare)
	case *array.Boolean:
		return column(a, func(i int) int { return boolRank(a.Value(i)) }, cmp.Compare[int])
	case *array.String:
		return column(a, a.Value, cmp.Compare[string])
	case *array.LargeString:
		return column(a, a.Value, cmp.Compare[string])
	case *array.Binary:
		return column(a, a.Value, bytes.Compare)
	case *array.LargeBinary:
		return column(a, a.Value, bytes.Compare)
	case *array.FixedSizeBinary:
		return column(a, a.Value, bytes.Compare)
	case *array.List:
		return newArrayKeyColumn(a)
	}
	return temporalOrExactColumn(arr)
}

func temporalOrExactColumn(arr arrow.Array) keyColumn {
	switch a := arr.(type) {
	case *array.Date32:
		return column(a, a.Value, cmp.Compare[arrow.Date32])
	case *array.Date64:
		return column(a, a.Value, cmp.Compare[arrow.Date64])
	case *array.Timestamp:
		return column(a, a.Value, cmp.Compare[arrow.Timestamp])
	case *array.Time32:
		return column(a, a.Value, cmp.Compare[arrow.Time32])
	case *array.Time64:
		return column(a, a.Value, cmp.Compare[arrow.Time64])
	case *array.Duration:
		return column(a, a.Value, cmp.Compare[arrow.Duration])
	case *array.MonthDayNanoInterval:
		return column(a, a.Value, intervalCompare)
	case *array.Decimal128:
		return column(a, a.Value, func(x, y decimal128.Num) int { return x.Cmp(y) })
	case *array.Decimal256:
		return column(a, a.Value, func(x, y decimal256.Num) int { return x.Cmp(y) })
	case *types.NumericArray:
		return column(a, numericValues(a.Storage().(*array.String)), (*big.Rat).Cmp)
	case *types.JSONBArray:
		return column(a, jsonbValues(a.Storage().(*array.String)), types.CompareJSONB)
	case array.ExtensionArray:
		return newKeyColumn(a.Storage())
	}
	return column(arr, arr.ValueStr, cmp.Compare[string])
}

// floatCompare orders floats as PostgreSQL does: NaN above everything.
func floatCompare(x, y float64) int {
	xn, yn := math.IsNaN(x), math.IsNaN(y)
	switch {
	case xn && yn:
		return 0
	case xn:
		return 1
	case yn:
		return -1
	}
	return cmp.Compare(x, y)
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// numericValues reads exact numerics (stored as their text) by value,
// parsing each row once.
func numericValues(texts *array.String) func(int) *big.Rat {
	parsed := make([]*big.Rat, texts.Len())
	return func(i int) *big.Rat {
		if parsed[i] == nil {
			r, ok := new(big.Rat).SetString(texts.Value(i))
			if !ok {
				r = new(big.Rat)
			}
			parsed[i] = r
		}
		return parsed[i]
	}
}

// jsonbValues reads jsonb values (stored as their normalised text),
// parsing each row once.
func jsonbValues(texts *array.String) func(int) *types.JSONValue {
	parsed := make([]*types.JSONValue, texts.Len())
	return func(i int) *types.JSONValue {
		if parsed[i] == nil {
			v, err := types.ParseJSON(texts.Value(i), true)
			if err != nil {
				v = &types.JSONValue{Kind: types.JSONNull}
			}
			parsed[i] = v
		}
		return parsed[i]
	}
}

// sortKeyColumns wraps the evaluated keys of one batch.
func sortKeyColumns(keys []arrow.Array) []keyColumn {
	cols := make([]keyColumn, len(keys))
	for i, k := range keys {
		cols[i] = newKeyColumn(k)
	}
	return cols
}

// compareRows orders row i of one batch's keys against row j of another's
// (or the same) batch by the sort keys: NULLs first or last, each key
// ascending or descending. Equal rows compare 0.
func compareRows(keys []SortKey, a []keyColumn, i int, b []keyColumn, j int) int {
	for k, key := range keys {
		if r := compareKey(key, a[k], i, b[k], j); r != 0 {
			return r
		}
	}
	return 0
}

func compareKey(key SortKey, a keyColumn, i int, b keyColumn, j int) int {
	ni, nj := a.IsNull(i), b.IsNull(j)
	switch {
	case ni && nj:
		return 0
	case ni != nj:
		if ni == key.NullsFirst {
			return -1
		}
		return 1
	}
	r := a.compare(i, b, j)
	if key.Desc {
		return -r
	}
	return r
}
