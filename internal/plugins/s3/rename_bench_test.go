package s3

import (
	"context"
	"fmt"
	"testing"

	"auger/internal/testenv"
)

// BenchmarkRenamePrefix moves a table of 200 small files from its
// temporary prefix into place, as committing a partitioned CREATE TABLE
// AS does.
func BenchmarkRenamePrefix(b *testing.B) {
	srv := testenv.S3(b)
	fs := bucketOn(b, srv, fmt.Sprintf("rename-bench-%d", b.N)) // a bucket per run of the function
	const files = 200
	for i := range files {
		srv.Put(b, fs.bucket, fmt.Sprintf("t0/p=%d/0_0_0.parquet", i), []byte("x"))
	}
	b.ResetTimer()
	for i := range b.N {
		if err := fs.Rename(context.Background(), fmt.Sprintf("/t%d", i), fmt.Sprintf("/t%d", i+1)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*files), "ms/file")
}
