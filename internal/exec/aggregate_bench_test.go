package exec

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
)

// benchRows and benchGroups size the aggregation benchmark: a million
// rows in batches as the Parquet reader yields them, a thousand groups.
const (
	benchRows      = 1 << 20
	benchGroups    = 1000
	benchBatchRows = 65536
)

var benchSchema = arrow.NewSchema([]arrow.Field{
	{Name: "k", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "v", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	{Name: "f", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
}, nil)

// benchBatches builds the benchmark's input once: group keys scattered
// over the rows, as an integer and as text.
func benchBatches() []arrow.RecordBatch {
	var out []arrow.RecordBatch
	for start := 0; start < benchRows; start += benchBatchRows {
		b := array.NewRecordBuilder(memory.NewGoAllocator(), benchSchema)
		for i := start; i < start+benchBatchRows; i++ {
			k := int64(i*7919) % benchGroups
			b.Field(0).(*array.Int64Builder).Append(k)
			b.Field(1).(*array.StringBuilder).Append(fmt.Sprintf("group-%d", k))
			b.Field(2).(*array.Int32Builder).Append(int32(i % 977))
			b.Field(3).(*array.Float64Builder).Append(float64(i) / 7)
		}
		out = append(out, b.NewRecordBatch())
		b.Release()
	}
	return out
}

// replay yields the same batches again on every run.
type replay struct{ batches []arrow.RecordBatch }

func (r *replay) Schema() *arrow.Schema { return benchSchema }
func (r *replay) Close() error          { return nil }
func (r *replay) Next(context.Context) (arrow.RecordBatch, error) {
	if len(r.batches) == 0 {
		return nil, io.EOF
	}
	b := r.batches[0]
	r.batches = r.batches[1:]
	b.Retain()
	return b, nil
}

// BenchmarkHashAggregate groups a million rows into a thousand groups by
// an integer and by a text key, computing count(*), sum, avg, min and max;
// it reports the time per input row.
func BenchmarkHashAggregate(b *testing.B) {
	batches := benchBatches()
	defer func() {
		for _, batch := range batches {
			batch.Release()
		}
	}()
	col := func(i int) *expr.Column {
		f := benchSchema.Field(i)
		return &expr.Column{Index: i, Name: f.Name, Typ: f.Type}
	}
	aggs := []AggSpec{
		{Func: "count", Typ: arrow.PrimitiveTypes.Int64},
		{Func: "sum", Arg: col(2), Typ: arrow.PrimitiveTypes.Int64},
		{Func: "avg", Arg: col(3), Typ: arrow.PrimitiveTypes.Float64},
		{Func: "min", Arg: col(2), Typ: arrow.PrimitiveTypes.Int32},
		{Func: "max", Arg: col(3), Typ: arrow.PrimitiveTypes.Float64},
	}
	for _, key := range []int{0, 1} {
		b.Run("key="+benchSchema.Field(key).Name, func(b *testing.B) {
			fields := []arrow.Field{benchSchema.Field(key)}
			for _, a := range aggs {
				fields = append(fields, arrow.Field{Name: a.Func, Type: a.Typ, Nullable: true})
			}
			out := arrow.NewSchema(fields, nil)
			for i := 0; i < b.N; i++ {
				groups := runBenchAggregate(b, NewHashAggregate(&replay{batches: batches}, []expr.Expr{col(key)}, aggs, out))
				if groups != benchGroups {
					b.Fatalf("%d groups, want %d", groups, benchGroups)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchRows, "ns/row")
		})
	}
}

func runBenchAggregate(b *testing.B, op Operator) int {
	defer op.Close()
	groups := 0
	for {
		batch, err := op.Next(context.Background())
		if errors.Is(err, io.EOF) {
			return groups
		}
		if err != nil {
			b.Fatal(err)
		}
		groups += int(batch.NumRows())
		batch.Release()
	}
}
