package parquet

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/catalog"
	"auger/internal/config"
)

var benchSchema = arrow.NewSchema([]arrow.Field{
	{Name: "id", Type: arrow.PrimitiveTypes.Int64},
	{Name: "month", Type: arrow.PrimitiveTypes.Int32},
	{Name: "customer", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "amount", Type: &arrow.Decimal128Type{Precision: 12, Scale: 2}, Nullable: true},
	{Name: "sold_at", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}},
}, nil)

// BenchmarkWrite2MRows writes a table of 2 million rows in batches of
// 8192, as a CTAS streams them, once whole and once partitioned by month
// (24 values, rows spread over all of them in every batch), and reports
// the peak of the Go heap in use and of the process's resident memory.
//
//	go test ./internal/plugins/parquet -run '^$' -bench Write2MRows -benchtime 1x
func BenchmarkWrite2MRows(b *testing.B) {
	for _, partitioned := range []bool{false, true} {
		b.Run(fmt.Sprintf("partitioned=%v", partitioned), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				writeBenchTable(b, partitioned)
			}
		})
	}
}

func writeBenchTable(b *testing.B, partitioned bool) {
	defer plainDefaultAllocator()()
	dir := b.TempDir()
	plugin, err := New("dfs", &config.Plugin{Type: "file", Connection: "file:///",
		Workspaces: map[string]config.Workspace{"tmp": {Location: dir, Writable: true}}})
	if err != nil {
		b.Fatal(err)
	}
	spec := catalog.WriteSpec{Columns: benchSchema, Options: catalog.WriteOptions{
		Format: "parquet", Compression: "snappy", RowGroupBytes: 8 << 20, FileBytes: 64 << 20}}
	if partitioned {
		spec.PartitionBy = []int{1}
	}
	ctx := context.Background()
	runtime.GC()
	stop := sampleHeap()
	start := time.Now()
	w, err := plugin.(*Plugin).CreateTable(ctx, "tmp", "t", spec)
	if err != nil {
		b.Fatal(err)
	}
	const rows, batchSize = 2_000_000, 8192
	builder := array.NewRecordBuilder(memory.NewGoAllocator(), benchSchema)
	defer builder.Release()
	for from := 0; from < rows; from += batchSize {
		batch := benchBatch(builder, from, min(batchSize, rows-from))
		err := w.Write(ctx, batch)
		batch.Release()
		if err != nil {
			b.Fatal(err)
		}
	}
	if _, err := w.Commit(ctx); err != nil {
		b.Fatal(err)
	}
	elapsed := time.Since(start)
	peakHeap := stop()
	b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MiB")
	b.ReportMetric(float64(rows)/elapsed.Seconds(), "rows/s")
}

func benchBatch(b *array.RecordBuilder, from, n int) arrow.RecordBatch {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixMicro()
	for id := from; id < from+n; id++ {
		b.Field(0).(*array.Int64Builder).Append(int64(id))
		b.Field(1).(*array.Int32Builder).Append(int32(id*7%24 + 1))
		if id%10 == 0 {
			b.Field(2).AppendNull()
		} else {
			b.Field(2).(*array.StringBuilder).Append("customer-" + strconv.Itoa(id%50000) + strings.Repeat("x", id%13))
		}
		b.Field(3).(*array.Decimal128Builder).Append(decimal128.FromI64(int64(id%100000) * 37))
		b.Field(4).(*array.TimestampBuilder).Append(arrow.Timestamp(base + int64(id)*1_000_000))
	}
	return b.NewRecordBatch()
}

// sampleHeap samples the Go heap in use until the function it returns is
// called, which gives the peak.
func sampleHeap() (stop func() uint64) {
	var (
		peak uint64
		wg   sync.WaitGroup
	)
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}

// peakRSS is the process's peak resident memory (VmHWM), 0 when unknown.
func peakRSS() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
