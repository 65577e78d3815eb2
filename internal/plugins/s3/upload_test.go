package s3

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"auger/internal/catalog"
	"auger/internal/sqlstate"
	"auger/internal/testenv"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.StopS3()
	os.Exit(code)
}

// bucketOn makes a fresh bucket on srv and returns its filesystem.
func bucketOn(t testing.TB, srv *testenv.S3Server, name string) *FileSystem {
	t.Helper()
	srv.CreateBucket(t, name)
	fs, err := New("s3", name, map[string]string{"fs.s3a.access.key": srv.AccessKey, "fs.s3a.secret.key": srv.SecretKey,
		"fs.s3a.endpoint": srv.Endpoint, "fs.s3a.path.style.access": "true"})
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(int64(n))).Read(b)
	return b
}

// writeObject writes data in uneven pieces and closes the upload.
func writeObject(t *testing.T, fs *FileSystem, p string, data []byte) {
	t.Helper()
	u, err := fs.Create(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	for rest := data; len(rest) > 0; {
		n := min(len(rest), 1<<20+7)
		if _, err := u.Write(rest[:n]); err != nil {
			t.Fatal(err)
		}
		rest = rest[n:]
	}
	if err := u.Close(); err != nil {
		t.Fatal(err)
	}
}

// readObject reads an object back whole with a plain GET.
func readObject(t *testing.T, srv *testenv.S3Server, bucket, k string) []byte {
	t.Helper()
	out, err := srv.Client().GetObject(context.Background(), &s3.GetObjectInput{Bucket: &bucket, Key: &k})
	if err != nil {
		t.Fatalf("get %s: %v", k, err)
	}
	defer out.Body.Close()
	data, err := io.ReadAll(out.Body)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func pendingUploads(t *testing.T, srv *testenv.S3Server, bucket string) int {
	t.Helper()
	out, err := srv.Client().ListMultipartUploads(context.Background(), &s3.ListMultipartUploadsInput{Bucket: &bucket})
	if err != nil {
		t.Fatal(err)
	}
	return len(out.Uploads)
}

func TestUploadReadsBackByteForByte(t *testing.T) {
	srv := testenv.S3(t)
	fs := bucketOn(t, srv, "upload-sizes")
	for _, tc := range []struct {
		name string
		size int
	}{{"empty", 0}, {"small", 1000}, {"one part exactly", PartSize}, {"multipart", 30 << 20}} {
		t.Run(tc.name, func(t *testing.T) {
			data := randomBytes(tc.size)
			before := fs.Counts().Requests()
			writeObject(t, fs, "/t/"+tc.name, data)
			if got := readObject(t, srv, "upload-sizes", "t/"+tc.name); !bytes.Equal(got, data) {
				t.Fatalf("read back %d bytes, wrote %d, or they differ", len(got), len(data))
			}
			wantRequests := int64(1) // one PutObject
			if tc.size > PartSize {
				wantRequests = int64(2 + (tc.size+PartSize-1)/PartSize) // create, parts, complete
			}
			if got := fs.Counts().Requests() - before; got != wantRequests {
				t.Errorf("%d requests counted, want %d", got, wantRequests)
			}
		})
	}
	if n := pendingUploads(t, srv, "upload-sizes"); n != 0 {
		t.Errorf("%d multipart uploads left pending", n)
	}
}

func TestUploadIsListedAtOnce(t *testing.T) {
	srv := testenv.S3(t)
	fs := bucketOn(t, srv, "upload-listing")
	ctx := context.Background()
	if entries, err := fs.List(ctx, "/"); err != nil || len(entries) != 0 {
		t.Fatalf("fresh bucket lists %v, %v", entries, err)
	}
	writeObject(t, fs, "/tbl/0_0_0.parquet", []byte("x"))
	entries, err := fs.List(ctx, "/")
	if err != nil || len(entries) != 1 || entries[0].Path != "/tbl" || !entries[0].IsDir {
		t.Fatalf("after the write the root lists %v, %v; want the folder /tbl", entries, err)
	}
}

func TestAbortLeavesNothing(t *testing.T) {
	srv := testenv.S3(t)
	fs := bucketOn(t, srv, "upload-abort")
	u, err := fs.Create(context.Background(), "/big")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.Write(randomBytes(3*PartSize + 5)); err != nil {
		t.Fatal(err)
	}
	if err := u.Abort(); err != nil {
		t.Fatal(err)
	}
	if n := pendingUploads(t, srv, "upload-abort"); n != 0 {
		t.Errorf("%d multipart uploads left pending after Abort", n)
	}
	if _, err := fs.Stat(context.Background(), "/big"); !errors.Is(err, catalog.ErrTableNotFound) {
		t.Errorf("after Abort stat says %v, want not found", err)
	}
}

func TestUploadStopsWhenContextIsCancelled(t *testing.T) {
	srv := testenv.S3(t)
	fs := bucketOn(t, srv, "upload-cancel")
	ctx, cancel := context.WithCancel(context.Background())
	u, err := fs.Create(ctx, "/cancelled")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.Write(randomBytes(2 * PartSize)); err != nil {
		t.Fatal(err)
	}
	cancel()
	_, werr := u.Write(randomBytes(PartSize))
	if !errors.Is(werr, context.Canceled) {
		t.Fatalf("Write after cancel: %v, want context.Canceled", werr)
	}
	if err := u.Abort(); err != nil {
		t.Fatal(err)
	}
	if n := pendingUploads(t, srv, "upload-cancel"); n != 0 {
		t.Errorf("%d multipart uploads left pending", n)
	}
}

func TestUploadFailsWhenServerStops(t *testing.T) {
	srv, err := testenv.StartS3()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	fs := bucketOn(t, srv, "upload-stopped")
	u, err := fs.Create(context.Background(), "/partial")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.Write(randomBytes(PartSize + 1)); err != nil {
		t.Fatal(err)
	}
	// while parts are in flight the bucket shows no object
	if entries, err := fs.list(context.Background(), "/", ""); err != nil || len(entries) != 0 {
		t.Fatalf("mid-upload the bucket lists %v, %v; want nothing", entries, err)
	}
	srv.Stop()
	start := time.Now()
	_, err = u.Write(randomBytes(3 * PartSize))
	if err == nil {
		err = u.Close()
	}
	if !errors.Is(err, catalog.ErrSourceUnavailable) {
		t.Fatalf("writing to a stopped server: %v, want ErrSourceUnavailable", err)
	}
	var coded *sqlstate.Error
	if !errors.As(err, &coded) || coded.Code != sqlstate.SQLClientUnableToConnect {
		t.Errorf("error %v carries no SQLSTATE 08001", err)
	}
	abortErr := u.Abort()
	if abortErr == nil {
		t.Error("Abort against a stopped server reported success")
	}
	if took := time.Since(start); took > 15*time.Second {
		t.Errorf("failing and aborting took %s", took)
	}
}

func TestCloseAfterFailedWriteSendsNothing(t *testing.T) {
	srv, err := testenv.StartS3()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Stop)
	fs := bucketOn(t, srv, "upload-short")
	u, err := fs.Create(context.Background(), "/short")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.Write(randomBytes(PartSize)); err != nil { // buffered, nothing sent yet
		t.Fatal(err)
	}
	srv.Stop()
	if _, err := u.Write([]byte{1}); !errors.Is(err, catalog.ErrSourceUnavailable) {
		t.Fatalf("starting the multipart upload on a stopped server: %v, want ErrSourceUnavailable", err)
	}
	before := fs.Counts().Requests()
	if err := u.Close(); !errors.Is(err, catalog.ErrSourceUnavailable) {
		t.Errorf("Close after the failed Write: %v, want the Write's failure", err)
	}
	if sent := fs.Counts().Requests() - before; sent != 0 {
		t.Errorf("Close after a failed Write sent %d requests; a short object could have been stored", sent)
	}
}
