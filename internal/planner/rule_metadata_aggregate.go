package planner

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/expr"
)

// MetadataAggregate answers an Aggregate without groups whose calls are
// all count(*), count(col), min(col) and max(col) straight over an
// unfiltered Scan from the table's metadata (a catalog.MetadataAggregator).
// When the table says an answer would not be exact, Aggregate runs as
// planned.
type MetadataAggregate struct {
	Aggregate *Aggregate
	Calls     []catalog.MetadataAggregate
}

// Schema implements Node.
func (m *MetadataAggregate) Schema() *arrow.Schema { return m.Aggregate.Schema() }

// Children implements Node: none, the aggregate and its scan are its own.
func (m *MetadataAggregate) Children() []Node { return nil }

// WithChildren implements Node.
func (m *MetadataAggregate) WithChildren(...Node) Node { c := *m; return &c }

// Describe implements Node.
func (m *MetadataAggregate) Describe() string {
	return fmt.Sprintf("MetadataAggregate %s (else %s)", m.Aggregate.Input.(*Scan).Name, m.Aggregate.Describe())
}

// answerFromMetadata replaces such Aggregates by a MetadataAggregate.
func answerFromMetadata(n Node) (Node, bool) {
	return transformUp(n, func(n Node) (Node, bool) {
		a, ok := n.(*Aggregate)
		if !ok || len(a.Groups) > 0 || a.GroupingSets != nil {
			return n, false
		}
		scan, ok := a.Input.(*Scan)
		if !ok || len(scan.Filters) > 0 || scan.Limit >= 0 {
			return n, false
		}
		if _, ok := scan.Table.(catalog.MetadataAggregator); !ok {
			return n, false
		}
		calls, ok := metadataCalls(a.Aggs, scan)
		if !ok {
			return n, false
		}
		return &MetadataAggregate{Aggregate: a, Calls: calls}, true
	})
}

// metadataCalls maps the calls to table columns; ok is false when one is
// not count(*), count(col), min(col) or max(col) of a plain column.
func metadataCalls(aggs []AggCall, scan *Scan) ([]catalog.MetadataAggregate, bool) {
	out := make([]catalog.MetadataAggregate, len(aggs))
	for i, c := range aggs {
		if c.Distinct || c.Filter != nil || len(c.OrderBy) > 0 {
			return nil, false
		}
		switch {
		case c.Func == "count" && c.Arg == nil:
			out[i] = catalog.MetadataAggregate{Func: "count", Column: -1}
		case c.Func == "count" || c.Func == "min" || c.Func == "max":
			col, ok := c.Arg.(*expr.Column)
			if !ok {
				return nil, false
			}
			out[i] = catalog.MetadataAggregate{Func: c.Func, Column: scan.Columns[col.Index]}
		default:
			return nil, false
		}
	}
	return out, len(out) > 0
}

// buildMetadataAggregate asks the table and yields its one row, or builds
// the aggregate when the table cannot answer exactly.
func buildMetadataAggregate(ctx context.Context, m *MetadataAggregate) (exec.Operator, error) {
	table := m.Aggregate.Input.(*Scan).Table.(catalog.MetadataAggregator)
	values, ok, err := table.AggregateFromMetadata(ctx, m.Calls)
	if err != nil {
		return nil, err
	}
	schema := m.Schema()
	if !ok || !typesMatch(values, schema) {
		return Build(ctx, m.Aggregate)
	}
	cols := make([]arrow.Array, len(values))
	for i, v := range values {
		if cols[i], err = oneValue(v, schema.Field(i).Type); err != nil {
			releaseArrays(cols[:i])
			return nil, err
		}
	}
	defer releaseArrays(cols)
	return catalog.NewSliceReader(array.NewRecordBatch(schema, cols, 1)), nil
}

// typesMatch tells whether each value has its result column's type.
func typesMatch(values []scalar.Scalar, schema *arrow.Schema) bool {
	if len(values) != schema.NumFields() {
		return false
	}
	for i, v := range values {
		if !arrow.TypeEqual(v.DataType(), schema.Field(i).Type) {
			return false
		}
	}
	return true
}

// oneValue is a one-element array of type dt holding v.
func oneValue(v scalar.Scalar, dt arrow.DataType) (arrow.Array, error) {
	if !v.IsValid() {
		return array.MakeArrayOfNull(memory.DefaultAllocator, dt, 1), nil
	}
	return scalar.MakeArrayFromScalar(v, 1, memory.DefaultAllocator)
}

func releaseArrays(cols []arrow.Array) {
	for _, c := range cols {
		c.Release()
	}
}
