package parquet

import (
	"context"
	"errors"
	"testing"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/testenv"
)

// TestS3ScanStopsWhenCanceled cancels a scan of a folder of files on S3
// after its first batch: the next read fails at once with the context's
// error, and no further object is read.
func TestS3ScanStopsWhenCanceled(t *testing.T) {
	srv := testenv.S3(t)
	srv.CreateBucket(t, "cancel-test")
	srv.Put(t, "cancel-test", "parts/1.parquet", parquetBytes(t, 0, 1000, 100))
	srv.Put(t, "cancel-test", "parts/2.parquet", parquetBytes(t, 1000, 2000, 100))
	p, err := New("s3", &config.Plugin{Type: "file", Connection: "s3a://cancel-test", Config: map[string]string{
		"fs.s3a.access.key": srv.AccessKey, "fs.s3a.secret.key": srv.SecretKey,
		"fs.s3a.endpoint": srv.Endpoint, "fs.s3a.path.style.access": "true"}})
	if err != nil {
		t.Fatal(err)
	}
	table, err := p.Table(context.Background(), "root", "parts")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r, err := table.Scan(ctx, catalog.ScanRequest{Columns: []int{0, 1}, Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := r.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b.Release()
	cancel()
	if _, err := r.Next(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Next after cancel: %v", err)
	}
	if opened := r.(*reader).next; opened != 1 {
		t.Errorf("%d files were opened; the second one after the cancel", opened)
	}
}
