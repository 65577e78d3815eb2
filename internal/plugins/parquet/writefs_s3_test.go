package parquet

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"auger/internal/catalog"
	"auger/internal/config"
)

// writeFile writes data to p through a writable file system and closes it.
func writeFile(t *testing.T, fs writableFS, p string, data []byte) {
	t.Helper()
	w, err := fs.Create(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// tableRows reads a whole table of a plugin's schema.
func tableRows(t *testing.T, p catalog.Plugin, schema, name string) []string {
	t.Helper()
	table, err := p.Table(context.Background(), schema, name)
	if err != nil {
		t.Fatal(err)
	}
	_, rows := scanAll(t, table, catalog.ScanRequest{Columns: []int{0, 1, 2}, Limit: -1})
	return rows
}

// TestS3WritableFSCommitsATable writes a table as a CTAS does, into a
// hidden temporary prefix renamed into place, and reads it back row by row
// against the same files read from local disk; the table is listed at
// once, an aborted file leaves nothing and RemoveAll drops the table.
func TestS3WritableFSCommitsATable(t *testing.T) {
	p := s3Plugin(t, "writefs-test", nil)
	fs := p.fs.(writableFS)
	ctx := context.Background()
	if names, err := p.Tables(ctx, "root"); err != nil || len(names) != 0 {
		t.Fatalf("fresh bucket has tables %v, %v", names, err)
	}
	files := [][]byte{parquetBytes(t, 0, 100, 30), parquetBytes(t, 100, 250, 40)}
	dir := t.TempDir()
	for i, data := range files {
		name := fmt.Sprintf("0_0_%d.parquet", i)
		writeFile(t, fs, "/.tmp_orders/"+name, data)
		writeLocal(t, filepath.Join(dir, "orders", name), data)
	}
	aborted, err := fs.Create(ctx, "/.tmp_orders/0_0_2.parquet")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := aborted.Write(files[0]); err != nil {
		t.Fatal(err)
	}
	if err := aborted.Abort(); err != nil {
		t.Fatal(err)
	}
	if err := fs.Rename(ctx, "/.tmp_orders", "/orders"); err != nil {
		t.Fatal(err)
	}
	if names, err := p.Tables(ctx, "root"); err != nil || fmt.Sprint(names) != "[orders]" {
		t.Fatalf("after the rename the tables are %v, %v; want [orders]", names, err)
	}
	local, err := New("dfs", &config.Plugin{Type: "file", Connection: "file:///",
		Workspaces: map[string]config.Workspace{"ws": {Location: dir}}})
	if err != nil {
		t.Fatal(err)
	}
	got, want := tableRows(t, p, "root", "orders"), tableRows(t, local, "ws", "orders")
	if len(got) != 250 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("read back %d rows from S3, %d from the same files on disk, or they differ", len(got), len(want))
	}
	if err := fs.RemoveAll(ctx, "/orders"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Table(ctx, "root", "orders"); !errors.Is(err, catalog.ErrTableNotFound) {
		t.Errorf("after RemoveAll the table resolves: %v", err)
	}
	if entries, err := fs.List(ctx, "/"); err != nil || len(entries) != 0 {
		t.Errorf("after RemoveAll the bucket lists %v, %v; want nothing", entries, err)
	}
}
