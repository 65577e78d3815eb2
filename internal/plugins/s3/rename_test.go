package s3

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"

	"auger/internal/catalog"
	"auger/internal/testenv"
)

// paths lists every object of a bucket, recursively.
func paths(t *testing.T, fs *FileSystem) []string {
	t.Helper()
	keys, err := fs.listKeys(context.Background(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func TestRenamePrefixMovesEveryObject(t *testing.T) {
	srv := testenv.S3(t)
	fs := bucketOn(t, srv, "rename-prefix")
	ctx := context.Background()
	files := map[string][]byte{}
	for i := range 5 {
		name := fmt.Sprintf("0_0_%d.parquet", i)
		files[name] = randomBytes(1000 + i)
		writeObject(t, fs, "/.tmp_orders/"+name, files[name])
	}
	writeObject(t, fs, "/.tmp_orders/sub dir/a+b.json", []byte("{}"))
	writeObject(t, fs, "/.tmp_ordersX", []byte("a sibling that shares the start"))
	if _, err := fs.List(ctx, "/orders"); err != nil { // fill the listing cache
		t.Fatal(err)
	}
	if err := fs.Rename(ctx, "/.tmp_orders", "/orders"); err != nil {
		t.Fatal(err)
	}
	want := []string{".tmp_ordersX", "orders/0_0_0.parquet", "orders/0_0_1.parquet", "orders/0_0_2.parquet",
		"orders/0_0_3.parquet", "orders/0_0_4.parquet", "orders/sub dir/a+b.json"}
	if got := paths(t, fs); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after rename the bucket holds %v, want %v", got, want)
	}
	for name, data := range files {
		if got := readObject(t, srv, "rename-prefix", "orders/"+name); !bytes.Equal(got, data) {
			t.Errorf("orders/%s differs after rename", name)
		}
	}
	entries, err := fs.List(ctx, "/orders")
	if err != nil || len(entries) != 6 {
		t.Errorf("the renamed folder lists %d entries (%v), want 6", len(entries), err)
	}
}

func TestRenameOneObjectAndRefuseExisting(t *testing.T) {
	srv := testenv.S3(t)
	fs := bucketOn(t, srv, "rename-object")
	ctx := context.Background()
	writeObject(t, fs, "/a.parquet", []byte("a"))
	writeObject(t, fs, "/b/0.parquet", []byte("b"))
	if err := fs.Rename(ctx, "/a.parquet", "/b"); !errors.Is(err, catalog.ErrTableExists) {
		t.Fatalf("rename onto an existing folder: %v, want ErrTableExists", err)
	}
	if err := fs.Rename(ctx, "/a.parquet", "/c.parquet"); err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(paths(t, fs)), "[b/0.parquet c.parquet]"; got != want {
		t.Errorf("bucket holds %s, want %s", got, want)
	}
	if err := fs.Rename(ctx, "/missing", "/d"); !errors.Is(err, catalog.ErrTableNotFound) {
		t.Errorf("rename of a missing path: %v, want ErrTableNotFound", err)
	}
}

func TestRemoveAll(t *testing.T) {
	srv := testenv.S3(t)
	fs := bucketOn(t, srv, "remove-all")
	ctx := context.Background()
	for i := range 3 {
		writeObject(t, fs, fmt.Sprintf("/t/%d.parquet", i), []byte("x"))
	}
	writeObject(t, fs, "/t/deep/er/x.parquet", []byte("x"))
	writeObject(t, fs, "/one.parquet", []byte("x"))
	writeObject(t, fs, "/tt/keep.parquet", []byte("x"))
	if _, err := fs.List(ctx, "/t"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/t", "/one.parquet", "/missing"} {
		if err := fs.RemoveAll(ctx, p); err != nil {
			t.Fatalf("remove %s: %v", p, err)
		}
	}
	if got, want := fmt.Sprint(paths(t, fs)), "[tt/keep.parquet]"; got != want {
		t.Errorf("bucket holds %s, want %s", got, want)
	}
	if entries, err := fs.List(ctx, "/t"); err != nil || len(entries) != 0 {
		t.Errorf("removed folder still lists %v, %v", entries, err)
	}
}

func TestRenameFailingHalfWayKeepsOriginals(t *testing.T) {
	srv := testenv.S3(t)
	fs := bucketOn(t, srv, "rename-half")
	for _, name := range []string{"0.parquet", "1.parquet", "3.parquet"} {
		writeObject(t, fs, "/src/"+name, []byte(name))
	}
	// an object listed but gone when its copy is sent, as when another
	// writer removes it meanwhile
	keys := []string{"src/0.parquet", "src/1.parquet", "src/2.parquet", "src/3.parquet"}
	if err := fs.moveKeys(context.Background(), keys, "src", "dst"); !errors.Is(err, catalog.ErrTableNotFound) {
		t.Fatalf("moving a vanished object: %v, want ErrTableNotFound", err)
	}
	if got, want := fmt.Sprint(paths(t, fs)), "[src/0.parquet src/1.parquet src/3.parquet]"; got != want {
		t.Errorf("after the failed rename the bucket holds %s, want %s", got, want)
	}
}

func TestRenameWithCancelledContextKeepsOriginals(t *testing.T) {
	srv := testenv.S3(t)
	fs := bucketOn(t, srv, "rename-cancel")
	var keys []string
	for i := range 40 {
		keys = append(keys, fmt.Sprintf("src/%02d.parquet", i))
		srv.Put(t, "rename-cancel", keys[i], []byte("x"))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := fs.moveKeys(ctx, keys, "src", "dst"); !errors.Is(err, context.Canceled) {
		t.Fatalf("a rename with a cancelled context: %v, want context.Canceled", err)
	}
	if got := paths(t, fs); fmt.Sprint(got) != fmt.Sprint(keys) {
		t.Errorf("after the cancelled rename the bucket holds %v, want the originals only", got)
	}
}
