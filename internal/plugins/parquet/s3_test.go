package parquet

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/testenv"
)

// s3Plugin puts objects in a fresh bucket and returns a plugin reading it.
func s3Plugin(t *testing.T, bucket string, objects map[string][]byte) *Plugin {
	t.Helper()
	srv := testenv.S3(t)
	srv.CreateBucket(t, bucket)
	for k, v := range objects {
		srv.Put(t, bucket, k, v)
	}
	p, err := New("s3", &config.Plugin{Type: "file", Connection: "s3a://" + bucket, Config: map[string]string{
		"fs.s3a.access.key": srv.AccessKey, "fs.s3a.secret.key": srv.SecretKey,
		"fs.s3a.endpoint": srv.Endpoint, "fs.s3a.path.style.access": "true"}})
	if err != nil {
		t.Fatal(err)
	}
	return p.(*Plugin)
}

func (p *Plugin) requests() int64 { return p.fs.(s3FS).bucket.Counts().Requests() }

// chunkSize is the compressed size of some leaf columns' chunks in all
// row groups of a file's bytes.
func chunkSize(t *testing.T, data []byte, leaves []int) int64 {
	t.Helper()
	path := filepath.Join(t.TempDir(), "f.parquet")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, leaf := range leaves {
		n += groupBytes(t, path, leaf, groupCount(t, path))
	}
	return n
}

func groupCount(t *testing.T, path string) int {
	t.Helper()
	p, _ := manyGroups(t, nil)
	f, err := p.fs.Open(context.Background(), FileInfo{Path: path}, &scanStats{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	md, err := readFooter(f)
	if err != nil {
		t.Fatal(err)
	}
	return md.NumRowGroups()
}

// TestS3Requests counts what planning and scanning send to a real S3
// server: a HEAD and one GET for the footer (two when it is larger than
// the first read), ranged GETs for the column chunks that fetch no more
// than 1.2 times their bytes, nothing twice, and no footer again for the
// scan.
func TestS3Requests(t *testing.T) {
	data := parquetBytes(t, 0, 40000, 10000)
	bigFooter := parquetBytes(t, 0, 20000, 10)
	p := s3Plugin(t, "requests-test", map[string][]byte{"d.parquet": data, "big-footer.parquet": bigFooter})
	ctx := context.Background()
	for _, c := range []struct {
		object      string
		planning    int64
		cols        []int
		data        []byte
		maxRequests int64
	}{
		{"d.parquet", 2, []int{0}, data, 4},
		{"d.parquet", 2, []int{0, 2}, data, 8},
		{"d.parquet", 2, []int{1}, data, 4},
		{"d.parquet", 2, []int{0, 1, 2}, data, 4},
		{"big-footer.parquet", 3, []int{2}, bigFooter, 2000},
	} {
		p.footers = newFooterCache()
		before := p.requests()
		table, err := p.Table(ctx, "root", c.object)
		if err != nil {
			t.Fatal(err)
		}
		if sent := p.requests() - before; sent != c.planning {
			t.Errorf("%s: planning sent %d requests, want %d (a HEAD and the footer)", c.object, sent, c.planning)
		}
		stats := countScan(t, table, catalog.ScanRequest{Columns: c.cols, Limit: -1})
		want := chunkSize(t, c.data, c.cols) // one leaf per column here
		if stats.BytesRead < want || float64(stats.BytesRead) > 1.2*float64(want) {
			t.Errorf("%s %v: fetched %d bytes for %d bytes of column chunks", c.object, c.cols, stats.BytesRead, want)
		}
		t.Logf("%s %v: %d GETs, %d bytes of %d", c.object, c.cols, stats.Requests, stats.BytesRead, want)
		if stats.Requests == 0 || stats.Requests > c.maxRequests {
			t.Errorf("%s %v: %d GETs, want 1 to %d", c.object, c.cols, stats.Requests, c.maxRequests)
		}
	}
}

// TestS3ListingCache lists a folder twice: the second listing is the
// first one's.
func TestS3ListingCache(t *testing.T) {
	p := s3Plugin(t, "listing-test", map[string][]byte{"dir/a.parquet": parquetBytes(t, 0, 10, 10)})
	ctx := context.Background()
	before := p.requests()
	for range 3 {
		if names, err := p.Tables(ctx, "root"); err != nil || len(names) != 1 {
			t.Fatalf("tables %v, %v", names, err)
		}
	}
	// the root, then dir when looking for Parquet files in it
	if sent := p.requests() - before; sent != 2 {
		t.Errorf("three listings sent %d LISTs, want 2", sent)
	}
}
