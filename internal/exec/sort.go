package exec

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
	"auger/internal/types"
)

// SortKey orders rows by one expression.
type SortKey struct {
	Expr       expr.Expr
	Desc       bool
	NullsFirst bool
}

// Sort reads all of its input, then yields it ordered by its keys. Text
// orders by bytes (PostgreSQL's "C" collation); NaN sorts above every other
// float, as in PostgreSQL. Equal rows keep their input order.
type Sort struct {
	input  Operator
	keys   []SortKey
	output []arrow.RecordBatch
}

// sortBatchRows is the most rows one output batch of a Sort holds.
const sortBatchRows = 65536

// NewSort returns a Sort over input.
func NewSort(input Operator, keys []SortKey) *Sort {
	return &Sort{input: input, keys: keys}
}

// Schema implements Operator.
func (s *Sort) Schema() *arrow.Schema { return s.input.Schema() }

// Close implements Operator.
func (s *Sort) Close() error {
	for _, b := range s.output {
		b.Release()
	}
	s.output = nil
	return s.input.Close()
}

// Next implements Operator.
func (s *Sort) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if s.output == nil {
		if err := s.sortAll(ctx); err != nil {
			return nil, err
		}
	}
	if len(s.output) == 0 {
		return nil, io.EOF
	}
	b := s.output[0]
	s.output = s.output[1:]
	return b, nil
}

// sortAll drains the input and orders it into s.output.
func (s *Sort) sortAll(ctx context.Context) error {
	all, keys, err := s.drain(ctx)
	if err != nil {
		return err
	}
	defer all.Release()
	defer releaseArrays(keys)
	order := s.order(keys, int(all.NumRows()))
	sorted, err := takeRows(ctx, all, order)
	if err != nil {
		return err
	}
	defer sorted.Release()
	s.output = []arrow.RecordBatch{}
	for start := int64(0); start < sorted.NumRows(); start += sortBatchRows {
		s.output = append(s.output, sorted.NewSlice(start, min(start+sortBatchRows, sorted.NumRows())))
	}
	return nil
}

// drain reads every input batch into one, with the sort keys evaluated.
func (s *Sort) drain(ctx context.Context) (arrow.RecordBatch, []arrow.Array, error) {
	var batches []arrow.RecordBatch
	defer func() {
		for _, b := range batches {
			b.Release()
		}
	}()
	keyParts := make([][]arrow.Array, len(s.keys))
	defer func() {
		for _, parts := range keyParts {
			releaseArrays(parts)
		}
	}()
	for {
		b, err := s.input.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, err
		}
		batches = append(batches, b)
		for i, k := range s.keys {
			d, err := Eval(ctx, k.Expr, b)
			if err != nil {
				return nil, nil, err
			}
			arr, err := datumToArray(d, int(b.NumRows()))
			d.Release()
			if err != nil {
				return nil, nil, err
			}
			keyParts[i] = append(keyParts[i], arr)
		}
	}
	return concatBatches(s.Schema(), batches, keyParts)
}

func concatBatches(schema *arrow.Schema, batches []arrow.RecordBatch, keyParts [][]arrow.Array) (arrow.RecordBatch, []arrow.Array, error) {
	cols := make([]arrow.Array, schema.NumFields())
	rows := int64(0)
	for _, b := range batches {
		rows += b.NumRows()
	}
	for c := range cols {
		parts := make([]arrow.Array, len(batches))
		for i, b := range batches {
			parts[i] = b.Column(c)
		}
		arr, err := concat(parts, schema.Field(c).Type)
		if err != nil {
			releaseArrays(cols)
			return nil, nil, err
		}
		cols[c] = arr
	}
	all := array.NewRecordBatch(schema, cols, rows)
	releaseArrays(cols)
	keys := make([]arrow.Array, len(keyParts))
	for i, parts := range keyParts {
		arr, err := concat(parts, nil)
		if err != nil {
			all.Release()
			releaseArrays(keys)
			return nil, nil, err
		}
		keys[i] = arr
	}
	return all, keys, nil
}

// concat joins arrays; with none it makes an empty array of dt.
func concat(parts []arrow.Array, dt arrow.DataType) (arrow.Array, error) {
	if len(parts) == 0 {
		if dt == nil {
			dt = arrow.Null
		}
		return array.MakeArrayOfNull(memory.DefaultAllocator, dt, 0), nil
	}
	return array.Concatenate(parts, memory.DefaultAllocator)
}

func releaseArrays(arrs []arrow.Array) {
	for _, a := range arrs {
		if a != nil {
			a.Release()
		}
	}
}

// order returns the row positions in sorted order.
func (s *Sort) order(keys []arrow.Array, rows int) []int64 {
	compares := make([]func(i, j int) int, len(keys))
	for k, arr := range keys {
		compares[k] = keyCompare(arr, s.keys[k])
	}
	order := make([]int64, rows)
	for i := range order {
		order[i] = int64(i)
	}
	slices.SortStableFunc(order, func(a, b int64) int {
		for _, c := range compares {
			if r := c(int(a), int(b)); r != 0 {
				return r
			}
		}
		return 0
	})
	return order
}

// keyCompare orders two rows of one key column, NULLs and direction
// included.
func keyCompare(arr arrow.Array, k SortKey) func(i, j int) int {
	values := valueCompare(arr)
	return func(i, j int) int {
		ni, nj := arr.IsNull(i), arr.IsNull(j)
		switch {
		case ni && nj:
			return 0
		case ni != nj:
			if ni == k.NullsFirst {
				return -1
			}
			return 1
		}
		r := values(i, j)
		if k.Desc {
			return -r
		}
		return r
	}
}

// valueCompare orders two non-NULL values of an array.
func valueCompare(arr arrow.Array) func(i, j int) int {
	switch a := arr.(type) {
	case *array.Int8:
		return func(i, j int) int { return cmp.Compare(a.Value(i), a.Value(j)) }
	case *array.Int16:
		return func(i, j int) int { return cmp.Compare(a.Value(i), a.Value(j)) }
	case *array.Int32:
		return func(i, j int) int { return cmp.Compare(a.Value(i), a.Value(j)) }
	case *array.Int64:
		return func(i, j int) int { return cmp.Compare(a.Value(i), a.Value(j)) }
	case *array.Uint32:
		return func(i, j int) int { return cmp.Compare(a.Value(i), a.Value(j)) }
	case *array.Float32:
		return func(i, j int) int { return floatCompare(float64(a.Value(i)), float64(a.Value(j))) }
	case *array.Float64:
		return func(i, j int) int { return floatCompare(a.Value(i), a.Value(j)) }
	case *array.Boolean:
		return func(i, j int) int { return cmp.Compare(boolRank(a.Value(i)), boolRank(a.Value(j))) }
	case *array.String:
		return func(i, j int) int { return cmp.Compare(a.Value(i), a.Value(j)) }
	case *array.Binary:
		return func(i, j int) int { return bytes.Compare(a.Value(i), a.Value(j)) }
	case *array.Date32:
		return func(i, j int) int { return cmp.Compare(a.Value(i), a.Value(j)) }
	case *array.Timestamp:
		return func(i, j int) int { return cmp.Compare(a.Value(i), a.Value(j)) }
	case *array.Time64:
		return func(i, j int) int { return cmp.Compare(a.Value(i), a.Value(j)) }
	case *array.MonthDayNanoInterval:
		return func(i, j int) int { return intervalSpan(a.Value(i)).Cmp(intervalSpan(a.Value(j))) }
	case *array.Decimal128:
		return func(i, j int) int { return a.Value(i).Cmp(a.Value(j)) }
	case *array.Decimal256:
		return func(i, j int) int { return a.Value(i).Cmp(a.Value(j)) }
	case *array.FixedSizeBinary:
		return func(i, j int) int { return bytes.Compare(a.Value(i), a.Value(j)) }
	case *types.NumericArray:
		return numericCompare(a.Storage().(*array.String))
	case array.ExtensionArray:
		return valueCompare(a.Storage())
	}
	return func(i, j int) int { return cmp.Compare(arr.ValueStr(i), arr.ValueStr(j)) }
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

// takeRows reorders a batch by row positions.
func takeRows(ctx context.Context, b arrow.RecordBatch, order []int64) (arrow.RecordBatch, error) {
	idx := array.NewInt64Builder(memory.DefaultAllocator)
	defer idx.Release()
	idx.AppendValues(order, nil)
	indices := idx.NewArray()
	defer indices.Release()
	out, err := compute.Take(ctx, *compute.DefaultTakeOptions(), compute.NewDatumWithoutOwning(b), compute.NewDatumWithoutOwning(indices))
	if err != nil {
		return nil, fmt.Errorf("sort: %w", err)
	}
	return out.(*compute.RecordDatum).Value, nil
}

// numericCompare orders exact numerics by value, not by their text.
func numericCompare(texts *array.String) func(i, j int) int {
	parse := func(i int) *big.Rat {
		r, ok := new(big.Rat).SetString(texts.Value(i))
		if !ok {
			return new(big.Rat)
		}
		return r
	}
	return func(i, j int) int { return parse(i).Cmp(parse(j)) }
}
