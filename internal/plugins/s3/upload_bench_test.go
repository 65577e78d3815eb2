package s3

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"auger/internal/testenv"
)

// BenchmarkUpload streams a 128 MiB object in 64 KiB writes and reports
// the throughput and the largest heap in use while it ran: a few parts,
// not the object.
func BenchmarkUpload(b *testing.B) {
	srv := testenv.S3(b)
	fs := bucketOn(b, srv, fmt.Sprintf("upload-bench-%d", b.N)) // a bucket per run of the function
	const size = 128 << 20
	chunk := randomBytes(64 << 10)
	peak := watchHeap()
	b.SetBytes(size)
	b.ResetTimer()
	for range b.N {
		u, err := fs.Create(context.Background(), "/bench.bin")
		if err != nil {
			b.Fatal(err)
		}
		for written := 0; written < size; written += len(chunk) {
			if _, err := u.Write(chunk); err != nil {
				b.Fatal(err)
			}
		}
		if err := u.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MiB")
}

// watchHeap samples the heap in use until the benchmark ends; the
// function it returns stops sampling and gives the largest value seen.
func watchHeap() func() uint64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak.Store(max(peak.Load(), ms.HeapInuse))
			select {
			case <-done:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak.Load()
	}
}
