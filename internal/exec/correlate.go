package exec

import (
	"context"
	"errors"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/sqlstate"
)

// InnerPlan starts the operator of a correlated subquery (or LATERAL item)
// for one combination of outer values.
type InnerPlan func(ctx context.Context, outer []scalar.Scalar) (Operator, error)

// SubquerySpec is one correlated subquery a Subqueries operator computes
// per input row.
type SubquerySpec struct {
	// Kind says how the inner rows make the value: "exists" (whether there
	// is a row), "scalar" (the one row's value, NULL without rows, an error
	// with more), "any" / "all" (the inner rows are one boolean column: the
	// comparison of the outer value with each subquery value), "array"
	// (ARRAY(subquery): one array of the rows' values).
	Kind  string
	Outer []expr.Expr // the outer values, over the input
	Inner InnerPlan
	Typ   arrow.DataType // the value's type
	// Guard, over the input, says which rows need the value: the subquery
	// does not run for a row where it is not true, whose value is NULL.
	// nil: every row.
	Guard expr.Expr
}

// Subqueries appends one column per correlated subquery to its input's
// rows. Each subquery runs once per distinct combination of its outer
// values; the values are kept for the rows that repeat them.
type Subqueries struct {
	input  Operator
	specs  []SubquerySpec
	schema *arrow.Schema
	caches []map[string]arrow.Array // per spec: outer values' key → a one-row array
	memory *Reservation
}

// NewSubqueries returns the operator; schema is the input's columns then
// one per spec.
func NewSubqueries(ctx context.Context, input Operator, specs []SubquerySpec, schema *arrow.Schema) *Subqueries {
	caches := make([]map[string]arrow.Array, len(specs))
	for i := range caches {
		caches[i] = map[string]arrow.Array{}
	}
	return &Subqueries{input: input, specs: specs, schema: schema, caches: caches,
		memory: BudgetOf(ctx).Reserve("correlated subquery")}
}

// Schema implements Operator.
func (s *Subqueries) Schema() *arrow.Schema { return s.schema }

// Close implements Operator.
func (s *Subqueries) Close() error {
	for _, c := range s.caches {
		for _, a := range c {
			a.Release()
		}
	}
	s.caches = nil
	s.memory.Release()
	return s.input.Close()
}

// Next implements Operator.
func (s *Subqueries) Next(ctx context.Context) (arrow.RecordBatch, error) {
	b, err := s.input.Next(ctx)
	if err != nil {
		return nil, err
	}
	defer b.Release()
	cols := append([]arrow.Array{}, b.Columns()...)
	var added []arrow.Array
	defer func() { releaseArrays(added) }()
	for i := range s.specs {
		col, err := s.column(ctx, i, b)
		if err != nil {
			return nil, err
		}
		added = append(added, col)
	}
	return array.NewRecordBatch(s.schema, append(cols, added...), b.NumRows()), nil
}

// column computes spec i's value for each row of b.
func (s *Subqueries) column(ctx context.Context, i int, b arrow.RecordBatch) (arrow.Array, error) {
	spec := s.specs[i]
	outer, err := evalArgs(ctx, spec.Outer, b)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(outer)
	needed, err := guardRows(ctx, spec, b)
	if err != nil {
		return nil, err
	}
	var distinct []arrow.Array
	index := map[string]int64{}
	positions := make([]int64, b.NumRows())
	for r := range positions {
		if needed != nil && !needed[r] {
			positions[r] = -1
			continue
		}
		key := outerKey(outer, r)
		p, seen := index[key]
		if !seen {
			v, err := s.value(ctx, i, key, outer, r)
			if err != nil {
				return nil, err
			}
			p = int64(len(distinct))
			index[key] = p
			distinct = append(distinct, v)
		}
		positions[r] = p
	}
	all, err := concat(distinct, spec.Typ)
	if err != nil {
		return nil, err
	}
	defer all.Release()
	return takeArray(ctx, all, positions)
}

// guardRows tells which rows of b need a subquery's value; nil when all do.
func guardRows(ctx context.Context, spec SubquerySpec, b arrow.RecordBatch) ([]bool, error) {
	if spec.Guard == nil {
		return nil, nil
	}
	arrs, err := evalArgs(ctx, []expr.Expr{spec.Guard}, b)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(arrs)
	mask := arrs[0].(*array.Boolean)
	out := make([]bool, b.NumRows())
	for r := range out {
		out[r] = mask.IsValid(r) && mask.Value(r)
	}
	return out, nil
}

// value is spec i's one-row result for the outer values of row r, from the
// cache or by running the subquery.
func (s *Subqueries) value(ctx context.Context, i int, key string, outer []arrow.Array, r int) (arrow.Array, error) {
	if v, ok := s.caches[i][key]; ok {
		return v, nil
	}
	values, err := rowScalars(outer, r)
	if err != nil {
		return nil, err
	}
	v, err := runSubqueryValue(ctx, s.specs[i], values)
	if err != nil {
		return nil, err
	}
	if err := s.memory.Grow(int64(len(key)) + 64); err != nil {
		v.Release()
		return nil, err
	}
	s.caches[i][key] = v
	return v, nil
}

// outerKey encodes one row's outer values, NULLs included.
func outerKey(cols []arrow.Array, r int) string {
	var key []byte
	for _, c := range cols {
		key = appendKey(key, c, r)
	}
	return string(key)
}

// rowScalars reads one row of arrays as scalars.
func rowScalars(cols []arrow.Array, r int) ([]scalar.Scalar, error) {
	out := make([]scalar.Scalar, len(cols))
	for i, c := range cols {
		v, err := scalar.GetScalar(c, r)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// runSubqueryValue runs a subquery for one combination of outer values and
// reduces its rows to a one-row array.
func runSubqueryValue(ctx context.Context, spec SubquerySpec, values []scalar.Scalar) (arrow.Array, error) {
	op, err := spec.Inner(ctx, values)
	if err != nil {
		return nil, err
	}
	defer op.Close()
	reduce := newReducer(spec)
	for !reduce.done() {
		b, err := op.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		err = reduce.add(b)
		b.Release()
		if err != nil {
			reduce.release()
			return nil, err
		}
	}
	return reduce.result()
}

// reducer folds a subquery's rows into its value.
type reducer struct {
	kind     string
	typ      arrow.DataType
	rows     int
	first    arrow.Array   // scalar: the first row's value
	parts    []arrow.Array // array: the rows' values
	sawTrue  bool
	sawFalse bool
	sawNull  bool
	decisive bool // the value can no longer change
}

func newReducer(spec SubquerySpec) *reducer { return &reducer{kind: spec.Kind, typ: spec.Typ} }

func (r *reducer) done() bool { return r.decisive }

func (r *reducer) add(b arrow.RecordBatch) error {
	n := int(b.NumRows())
	if n == 0 {
		return nil
	}
	switch r.kind {
	case "exists":
		r.rows += n
		r.decisive = true
	case "scalar":
		if r.rows+n > 1 {
			return sqlstate.New("21000", "more than one row returned by a subquery used as an expression")
		}
		r.rows += n
		r.first = array.NewSlice(b.Column(0), 0, 1)
	case "array":
		b.Column(0).Retain()
		r.parts = append(r.parts, b.Column(0))
	default:
		col := b.Column(0).(*array.Boolean)
		for i := 0; i < n; i++ {
			switch {
			case col.IsNull(i):
				r.sawNull = true
			case col.Value(i):
				r.sawTrue = true
			default:
				r.sawFalse = true
			}
		}
		r.decisive = (r.kind == "any" && r.sawTrue) || (r.kind == "all" && r.sawFalse)
	}
	return nil
}

func (r *reducer) release() {
	if r.first != nil {
		r.first.Release()
	}
	releaseArrays(r.parts)
}

// result is the value as a one-row array.
func (r *reducer) result() (arrow.Array, error) {
	switch r.kind {
	case "exists":
		return boolArray(r.rows > 0, true), nil
	case "scalar":
		if r.first == nil {
			return array.MakeArrayOfNull(memory.DefaultAllocator, r.typ, 1), nil
		}
		return r.first, nil
	case "array":
		defer releaseArrays(r.parts)
		return arrayOfParts(r.parts, r.typ)
	case "any":
		return boolArray(r.sawTrue, r.sawTrue || !r.sawNull), nil
	}
	return boolArray(!r.sawFalse, r.sawFalse || !r.sawNull), nil
}

// boolArray is a one-row boolean array: v, or NULL when not valid.
func boolArray(v, valid bool) arrow.Array {
	b := array.NewBooleanBuilder(memory.DefaultAllocator)
	defer b.Release()
	if valid {
		b.Append(v)
	} else {
		b.AppendNull()
	}
	return b.NewArray()
}
