package catalog

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
)

// MemTable is a small table computed in memory when scanned: the virtual
// information_schema tables and the results of catalog statements.
type MemTable struct {
	schema *arrow.Schema
	rows   func(ctx context.Context) ([][]any, error)
}

var _ Table = (*MemTable)(nil)

// NewMemTable returns a table whose rows are produced by rows at each scan.
// Row values are Go values matching the schema: string, int16, int32,
// int64, uint32, float32, bool, a slice of one of these for a list, or nil
// for NULL.
func NewMemTable(schema *arrow.Schema, rows func(ctx context.Context) ([][]any, error)) *MemTable {
	return &MemTable{schema: schema, rows: rows}
}

// Schema implements Table.
func (m *MemTable) Schema() *arrow.Schema { return m.schema }

// SupportsFilters implements Table: the engine filters in-memory tables.
func (m *MemTable) SupportsFilters(filters []expr.Expr) []FilterVerdict {
	return make([]FilterVerdict, len(filters))
}

// Scan implements Table.
func (m *MemTable) Scan(ctx context.Context, req ScanRequest) (BatchReader, error) {
	rows, err := m.rows(ctx)
	if err != nil {
		return nil, err
	}
	if req.Limit >= 0 && int64(len(rows)) > req.Limit {
		rows = rows[:req.Limit]
	}
	full, err := BuildBatch(m.schema, rows)
	if err != nil {
		return nil, err
	}
	defer full.Release()
	return NewSliceReader(projectBatch(full, req.Columns)), nil
}

func projectBatch(b arrow.RecordBatch, columns []int) arrow.RecordBatch {
	fields := make([]arrow.Field, len(columns))
	cols := make([]arrow.Array, len(columns))
	for i, c := range columns {
		fields[i] = b.Schema().Field(c)
		cols[i] = b.Column(c)
	}
	return array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, b.NumRows())
}

// BuildBatch builds one record batch from rows of Go values (see NewMemTable).
func BuildBatch(schema *arrow.Schema, rows [][]any) (arrow.RecordBatch, error) {
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for _, row := range rows {
		for i, v := range row {
			if err := appendValue(b.Field(i), v); err != nil {
				return nil, fmt.Errorf("column %s: %w", schema.Field(i).Name, err)
			}
		}
	}
	return b.NewRecordBatch(), nil
}

func appendValue(b array.Builder, v any) error {
	if v == nil {
		b.AppendNull()
		return nil
	}
	switch bb := b.(type) {
	case *array.StringBuilder:
		bb.Append(v.(string))
	case *array.Int32Builder:
		bb.Append(v.(int32))
	case *array.Int64Builder:
		bb.Append(v.(int64))
	case *array.BooleanBuilder:
		bb.Append(v.(bool))
	case *array.Int16Builder:
		bb.Append(v.(int16))
	case *array.Uint32Builder:
		bb.Append(v.(uint32))
	case *array.Float32Builder:
		bb.Append(v.(float32))
	case *array.TimestampBuilder:
		unit := bb.Type().(*arrow.TimestampType).Unit
		bb.Append(arrow.Timestamp(v.(time.Time).UnixNano() / int64(unit.Multiplier())))
	case *array.ListBuilder:
		return appendList(bb, v)
	case *array.ExtensionBuilder:
		return appendValue(bb.StorageBuilder(), v)
	default:
		return fmt.Errorf("unsupported in-memory column type %s", b.Type())
	}
	return nil
}

// SliceReader is a BatchReader over batches already in memory.
type SliceReader struct {
	schema  *arrow.Schema
	batches []arrow.RecordBatch
}

// NewSliceReader returns a reader that yields the given batches (taking
// ownership of them). There must be at least one.
func NewSliceReader(batches ...arrow.RecordBatch) *SliceReader {
	return &SliceReader{schema: batches[0].Schema(), batches: batches}
}

// Schema implements BatchReader.
func (r *SliceReader) Schema() *arrow.Schema { return r.schema }

// Next implements BatchReader.
func (r *SliceReader) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if len(r.batches) == 0 {
		return nil, io.EOF
	}
	b := r.batches[0]
	r.batches = r.batches[1:]
	return b, nil
}

// Close implements BatchReader.
func (r *SliceReader) Close() error {
	for _, b := range r.batches {
		b.Release()
	}
	r.batches = nil
	return nil
}
