package parquet

import (
	"context"
	"errors"
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/testenv"
)

// writableS3Plugin is a file plugin over a fresh bucket with a writable
// workspace "tmp" at /out.
func writableS3Plugin(t *testing.T, bucket string) *Plugin {
	t.Helper()
	srv := testenv.S3(t)
	srv.CreateBucket(t, bucket)
	p, err := New("s3", &config.Plugin{Type: "file", Connection: "s3a://" + bucket, Config: map[string]string{
		"fs.s3a.access.key": srv.AccessKey, "fs.s3a.secret.key": srv.SecretKey,
		"fs.s3a.endpoint": srv.Endpoint, "fs.s3a.path.style.access": "true"},
		Workspaces: map[string]config.Workspace{"tmp": {Location: "/out", Writable: true}}})
	if err != nil {
		t.Fatal(err)
	}
	return p.(*Plugin)
}

// objectsUnder lists every object below dir, hidden ones included.
func objectsUnder(t *testing.T, p *Plugin, dir string) []string {
	t.Helper()
	entries, err := p.fs.List(context.Background(), dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir {
			out = append(out, objectsUnder(t, p, e.Path)...)
			continue
		}
		out = append(out, strings.TrimPrefix(e.Path, "/out/"))
	}
	sort.Strings(out)
	return out
}

func TestS3WriteRoundTripAndAtomicity(t *testing.T) {
	ctx := context.Background()
	p := writableS3Plugin(t, "write-s3")
	batch := allTypesBatch(t)
	defer batch.Release()
	spec := parquetSpec()
	spec.PartitionBy = []int{11}
	if n := createTable(t, p, "every", spec, batch); n != 3 {
		t.Fatalf("committed %d rows", n)
	}
	got := strings.Join(objectsUnder(t, p, "/out"), " ")
	if want := "every/%00/0_0_0.parquet every/f/0_0_0.parquet every/t/0_0_0.parquet"; got != want {
		t.Fatalf("objects %s", got)
	}
	for row, folder := range []string{"t", "f", "%00"} {
		_, back := readBack(t, p, path.Join("every", folder))
		want := batch.NewSlice(int64(row), int64(row+1))
		for i := range allTypesSchema.Fields() {
			if !array.Equal(want.Column(i), back[0].Column(i)) {
				t.Errorf("%s, column %s: %v, want %v", folder, allTypesSchema.Field(i).Name, back[0].Column(i), want.Column(i))
			}
		}
		want.Release()
		releaseBatches(back)
	}
	entries, err := p.ListFiles(ctx, "tmp", "every/t")
	if err != nil || len(entries) != 1 {
		t.Fatalf("SHOW FILES: %+v %v", entries, err)
	}
	if e := entries[0]; e.Name != "0_0_0.parquet" || e.IsDirectory || e.Length == 0 || e.Permissions != "rw-rw-rw-" ||
		e.Owner != "" || e.ModificationTime.IsZero() || !e.AccessTime.Equal(e.ModificationTime) {
		t.Errorf("SHOW FILES entry %+v", e)
	}
	if _, err := p.CreateTable(ctx, "tmp", "every", parquetSpec()); !errors.Is(err, catalog.ErrTableExists) {
		t.Errorf("second create: %v", err)
	}

	restore := plainDefaultAllocator()
	w, err := p.CreateTable(ctx, "tmp", "aborted", parquetSpec())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(ctx, batch); err != nil {
		t.Fatal(err)
	}
	wrong := allTypesBatch(t)
	sliced := wrong.NewSlice(0, 1)
	wrong.Release()
	defer sliced.Release()
	failing, err := p.CreateTable(ctx, "tmp", "failed", idSpec("csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := failing.Write(ctx, sliced); err == nil {
		t.Error("a batch of other columns was written")
	}
	if err := w.Abort(ctx); err != nil {
		t.Fatal(err)
	}
	restore()
	if got := strings.Join(objectsUnder(t, p, "/out"), " "); got != "every/%00/0_0_0.parquet every/f/0_0_0.parquet every/t/0_0_0.parquet" {
		t.Errorf("objects after an abort and a failed write: %s", got)
	}
	if err := p.DropTable(ctx, "tmp", "every"); err != nil {
		t.Fatal(err)
	}
	if got := objectsUnder(t, p, "/out"); len(got) != 0 {
		t.Errorf("left after drop: %v", got)
	}
}
