package exec

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/types"
)

// computeAggregate computes one aggregate for every group. ids gives each
// row's group; NULL arguments are skipped, as SQL says.
func computeAggregate(ctx context.Context, spec AggSpec, arg arrow.Array, ids []int, groups int) (arrow.Array, error) {
	rows := distinctRows(spec, arg, ids)
	switch spec.Func {
	case "count":
		return countPerGroup(spec, arg, ids, rows, groups), nil
	case "min", "max":
		return extremePerGroup(ctx, spec.Func == "max", arg, ids, rows, groups)
	case "sum", "avg":
		if numbers, ok := arg.(*types.NumericArray); ok {
			return numericSumOrAvg(spec.Func == "avg", numbers, ids, rows, groups)
		}
		if spec.Func == "avg" {
			return avgPerGroup(spec, arg, ids, rows, groups)
		}
		return sumPerGroup(spec, arg, ids, rows, groups)
	case "bool_and", "bool_or":
		return boolPerGroup(spec.Func == "bool_and", arg.(*array.Boolean), ids, rows, groups), nil
	case "string_agg":
		return stringAggPerGroup(spec.Sep, spec.Distinct, arg.(*array.String), ids, rows, groups), nil
	}
	return nil, fmt.Errorf("unknown aggregate %s", spec.Func)
}

// distinctRows lists the rows an aggregate reads: all, or with DISTINCT
// the first row of each distinct (group, value).
func distinctRows(spec AggSpec, arg arrow.Array, ids []int) []int {
	rows := make([]int, 0, len(ids))
	seen := map[string]bool{}
	key := make([]byte, 0, 32)
	for r := range ids {
		if spec.Distinct && !arg.IsNull(r) {
			key = appendKey(append(key[:0], byte(ids[r]), byte(ids[r]>>8), byte(ids[r]>>16), byte(ids[r]>>24)), arg, r)
			if seen[string(key)] {
				continue
			}
			seen[string(key)] = true
		}
		rows = append(rows, r)
	}
	return rows
}

func countPerGroup(spec AggSpec, arg arrow.Array, ids, rows []int, groups int) arrow.Array {
	counts := make([]int64, groups)
	for _, r := range rows {
		if spec.Arg == nil || !arg.IsNull(r) {
			counts[ids[r]]++
		}
	}
	b := array.NewInt64Builder(memory.DefaultAllocator)
	defer b.Release()
	b.AppendValues(counts, nil)
	return b.NewArray()
}

// extremePerGroup finds each group's smallest or largest value in the
// order ORDER BY uses.
func extremePerGroup(ctx context.Context, largest bool, arg arrow.Array, ids, rows []int, groups int) (arrow.Array, error) {
	compare := valueCompare(arg)
	best := make([]int64, groups)
	for i := range best {
		best[i] = -1
	}
	for _, r := range rows {
		if arg.IsNull(r) {
			continue
		}
		g := ids[r]
		if best[g] < 0 {
			best[g] = int64(r)
			continue
		}
		c := compare(r, int(best[g]))
		if (largest && c > 0) || (!largest && c < 0) {
			best[g] = int64(r)
		}
	}
	return takeArray(ctx, arg, best)
}

// takeArray picks rows of an array; a negative position gives NULL.
func takeArray(ctx context.Context, arr arrow.Array, positions []int64) (arrow.Array, error) {
	b := array.NewInt64Builder(memory.DefaultAllocator)
	defer b.Release()
	for _, p := range positions {
		if p < 0 {
			b.AppendNull()
		} else {
			b.Append(p)
		}
	}
	idx := b.NewArray()
	defer idx.Release()
	return takeValues(ctx, arr, idx)
}

// exactSums adds integer and decimal values exactly, per group, as
// unscaled integers; it also counts them.
func exactSums(arg arrow.Array, ids, rows []int, groups int) ([]*big.Int, []int64) {
	sums := make([]*big.Int, groups)
	counts := make([]int64, groups)
	v := new(big.Int)
	for _, r := range rows {
		if arg.IsNull(r) {
			continue
		}
		switch a := arg.(type) {
		case *array.Int16:
			v.SetInt64(int64(a.Value(r)))
		case *array.Int32:
			v.SetInt64(int64(a.Value(r)))
		case *array.Int64:
			v.SetInt64(a.Value(r))
		case *array.Decimal128:
			v = a.Value(r).BigInt()
		}
		g := ids[r]
		if sums[g] == nil {
			sums[g] = new(big.Int)
		}
		sums[g].Add(sums[g], v)
		counts[g]++
	}
	return sums, counts
}

// floatSums adds floats per group: real values in real precision when
// sumInReal (as PostgreSQL's sum(real) does), otherwise in double precision
// (its avg of either).
func floatSums(arg arrow.Array, ids, rows []int, groups int, sumInReal bool) ([]float64, []int64) {
	sums := make([]float64, groups)
	counts := make([]int64, groups)
	for _, r := range rows {
		if arg.IsNull(r) {
			continue
		}
		switch a := arg.(type) {
		case *array.Float32:
			if sumInReal {
				sums[ids[r]] = float64(float32(sums[ids[r]]) + a.Value(r))
			} else {
				sums[ids[r]] += float64(a.Value(r))
			}
		case *array.Float64:
			sums[ids[r]] += a.Value(r)
		}
		counts[ids[r]]++
	}
	return sums, counts
}

func sumPerGroup(spec AggSpec, arg arrow.Array, ids, rows []int, groups int) (arrow.Array, error) {
	switch spec.Typ.ID() {
	case arrow.FLOAT32, arrow.FLOAT64:
		sums, counts := floatSums(arg, ids, rows, groups, true)
		b := array.NewBuilder(memory.DefaultAllocator, spec.Typ)
		defer b.Release()
		for g, s := range sums {
			switch {
			case counts[g] == 0:
				b.AppendNull()
			case spec.Typ.ID() == arrow.FLOAT32:
				b.(*array.Float32Builder).Append(float32(s))
			default:
				b.(*array.Float64Builder).Append(s)
			}
		}
		return b.NewArray(), nil
	}
	sums, _ := exactSums(arg, ids, rows, groups)
	if spec.Typ.ID() == arrow.INT64 {
		b := array.NewInt64Builder(memory.DefaultAllocator)
		defer b.Release()
		for _, s := range sums {
			if s == nil {
				b.AppendNull()
			} else {
				b.Append(s.Int64())
			}
		}
		return b.NewArray(), nil
	}
	b := array.NewDecimal128Builder(memory.DefaultAllocator, spec.Typ.(*arrow.Decimal128Type))
	defer b.Release()
	for _, s := range sums {
		if s == nil {
			b.AppendNull()
		} else {
			b.Append(decimal128.FromBigInt(s))
		}
	}
	return b.NewArray(), nil
}

func avgPerGroup(spec AggSpec, arg arrow.Array, ids, rows []int, groups int) (arrow.Array, error) {
	if spec.Typ.ID() == arrow.FLOAT64 {
		sums, counts := floatSums(arg, ids, rows, groups, false)
		b := array.NewFloat64Builder(memory.DefaultAllocator)
		defer b.Release()
		for g, s := range sums {
			if counts[g] == 0 {
				b.AppendNull()
			} else {
				b.Append(s / float64(counts[g]))
			}
		}
		return b.NewArray(), nil
	}
	scale := int32(0)
	if d, ok := arg.DataType().(arrow.DecimalType); ok {
		scale = d.GetScale()
	}
	sums, counts := exactSums(arg, ids, rows, groups)
	texts := array.NewStringBuilder(memory.DefaultAllocator)
	defer texts.Release()
	for g, s := range sums {
		if s == nil {
			texts.AppendNull()
		} else {
			texts.Append(types.NumericDivide(s, scale, big.NewInt(counts[g]), 0))
		}
	}
	storage := texts.NewArray()
	defer storage.Release()
	return array.NewExtensionArrayWithStorage(types.Numeric, storage), nil
}

// boolPerGroup is bool_and (every value true) or bool_or (any true);
// NULL for a group with no non-NULL value.
func boolPerGroup(and bool, arg *array.Boolean, ids, rows []int, groups int) arrow.Array {
	seen := make([]bool, groups)
	acc := make([]bool, groups)
	for i := range acc {
		acc[i] = and
	}
	for _, r := range rows {
		if arg.IsNull(r) {
			continue
		}
		g := ids[r]
		seen[g] = true
		if and {
			acc[g] = acc[g] && arg.Value(r)
		} else {
			acc[g] = acc[g] || arg.Value(r)
		}
	}
	b := array.NewBooleanBuilder(memory.DefaultAllocator)
	defer b.Release()
	b.AppendValues(acc, seen)
	return b.NewArray()
}

// stringAggPerGroup joins each group's non-NULL values, in input order;
// with DISTINCT in sorted order, as PostgreSQL sorts to find them.
func stringAggPerGroup(sep string, distinct bool, arg *array.String, ids, rows []int, groups int) arrow.Array {
	parts := make([][]string, groups)
	for _, r := range rows {
		if !arg.IsNull(r) {
			parts[ids[r]] = append(parts[ids[r]], arg.Value(r))
		}
	}
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	for _, p := range parts {
		if distinct {
			sort.Strings(p)
		}
		if p == nil {
			b.AppendNull()
		} else {
			b.Append(strings.Join(p, sep))
		}
	}
	return b.NewArray()
}
