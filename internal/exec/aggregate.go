package exec

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/expr"
	"auger/internal/types"
)

// AggSpec is one aggregate a HashAggregate computes.
type AggSpec struct {
	Func     string    // count, sum, avg, min, max
	Arg      expr.Expr // nil for count(*)
	Distinct bool
	Sep      string // string_agg's delimiter
	Typ      arrow.DataType
}

// HashAggregate groups its input by the values of its group expressions
// (NULLs form one group) and yields one row per group: the group values,
// then the aggregates. Without group expressions it yields one row, also
// for an empty input.
type HashAggregate struct {
	input    Operator
	groups   []expr.Expr
	aggs     []AggSpec
	schema   *arrow.Schema
	done     bool
	rowCount int // input rows, for aggregates without arguments
}

// NewHashAggregate returns a HashAggregate over input whose output has
// schema (group columns, then aggregates).
func NewHashAggregate(input Operator, groups []expr.Expr, aggs []AggSpec, schema *arrow.Schema) *HashAggregate {
	return &HashAggregate{input: input, groups: groups, aggs: aggs, schema: schema}
}

// Schema implements Operator.
func (h *HashAggregate) Schema() *arrow.Schema { return h.schema }

// Close implements Operator.
func (h *HashAggregate) Close() error { return h.input.Close() }

// Next implements Operator: the first call consumes the whole input.
func (h *HashAggregate) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if h.done {
		return nil, io.EOF
	}
	h.done = true
	cols, err := h.evaluateAll(ctx)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(cols)
	groupCols, argCols := cols[:len(h.groups)], cols[len(h.groups):]
	rows := 0
	if len(cols) > 0 {
		rows = cols[0].Len()
	} else {
		rows = h.rowCount
	}
	ids, firsts := groupIDs(groupCols, rows)
	if len(h.groups) == 0 {
		ids, firsts = make([]int, rows), []int64{0}
	}
	out := make([]arrow.Array, 0, len(h.schema.Fields()))
	defer func() { releaseArrays(out) }() // it grows below
	for _, g := range groupCols {
		taken, err := takeArray(ctx, g, firsts)
		if err != nil {
			return nil, err
		}
		out = append(out, taken)
	}
	for i, spec := range h.aggs {
		arr, err := computeAggregate(ctx, spec, argCols[i], ids, len(firsts))
		if err != nil {
			return nil, err
		}
		out = append(out, arr)
	}
	return array.NewRecordBatch(h.schema, out, int64(len(firsts))), nil
}

// evaluateAll reads the input and evaluates the group expressions and the
// aggregate arguments over all of it, one concatenated array each (an
// all-NULL placeholder for count(*)).
func (h *HashAggregate) evaluateAll(ctx context.Context) ([]arrow.Array, error) {
	exprs := append([]expr.Expr{}, h.groups...)
	for _, a := range h.aggs {
		exprs = append(exprs, a.Arg)
	}
	parts := make([][]arrow.Array, len(exprs))
	defer func() {
		for _, p := range parts {
			releaseArrays(p)
		}
	}()
	for {
		b, err := h.input.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		err = evaluateInto(ctx, exprs, b, parts)
		h.rowCount += int(b.NumRows())
		b.Release()
		if err != nil {
			return nil, err
		}
	}
	out := make([]arrow.Array, len(exprs))
	for i, p := range parts {
		arr, err := concat(p, typeOf(exprs[i]))
		if err != nil {
			releaseArrays(out)
			return nil, err
		}
		out[i] = arr
	}
	return out, nil
}

func typeOf(e expr.Expr) arrow.DataType {
	if e == nil {
		return arrow.Null
	}
	return e.Type()
}

// evaluateInto appends each expression's values over one batch to parts.
func evaluateInto(ctx context.Context, exprs []expr.Expr, b arrow.RecordBatch, parts [][]arrow.Array) error {
	rows := int(b.NumRows())
	for i, e := range exprs {
		if e == nil {
			parts[i] = append(parts[i], array.NewNull(rows))
			continue
		}
		d, err := Eval(ctx, e, b)
		if err != nil {
			return err
		}
		arr, err := datumToArray(d, rows)
		d.Release()
		if err != nil {
			return err
		}
		parts[i] = append(parts[i], arr)
	}
	return nil
}

// groupIDs numbers the distinct combinations of group values in order of
// first appearance; it returns each row's group and each group's first row.
func groupIDs(cols []arrow.Array, rows int) ([]int, []int64) {
	ids := make([]int, rows)
	var firsts []int64
	seen := map[string]int{}
	key := make([]byte, 0, 64)
	for r := 0; r < rows; r++ {
		key = key[:0]
		for _, c := range cols {
			key = appendKey(key, c, r)
		}
		id, ok := seen[string(key)]
		if !ok {
			id = len(firsts)
			seen[string(key)] = id
			firsts = append(firsts, int64(r))
		}
		ids[r] = id
	}
	return ids, firsts
}

// appendKey appends an unambiguous encoding of one value to a group key.
func appendKey(key []byte, c arrow.Array, row int) []byte {
	if c.IsNull(row) {
		return append(key, 0)
	}
	text := types.FormatText(c, row, time.UTC)
	key = append(key, 1, byte(len(text)), byte(len(text)>>8), byte(len(text)>>16))
	return append(key, text...)
}
