package parquet

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/catalog"
	"auger/internal/sqlstate"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata")

// TestCSVAndJSONOutput compares the files written with golden files
// (go test -run TestCSVAndJSONOutput -update rewrites them).
func TestCSVAndJSONOutput(t *testing.T) {
	p, dir := writablePlugin(t)
	batch := allTypesBatch(t)
	defer batch.Release()
	for _, format := range []string{"csv", "json"} {
		spec := parquetSpec()
		spec.Options.Format = format
		createTable(t, p, "every_"+format, spec, batch)
		data, err := os.ReadFile(filepath.Join(dir, "every_"+format, "0_0_0."+extensionOf(t, format)))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "every."+format)
		if *updateGolden {
			writeLocal(t, golden, data)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != string(want) {
			t.Errorf("%s output:\n%s\nwant:\n%s", format, data, want)
		}
	}
}

func TestFilesSplitBySize(t *testing.T) {
	for _, format := range []string{"parquet", "csv", "json"} {
		t.Run(format, func(t *testing.T) {
			p, dir := writablePlugin(t)
			batches := idBatches(t, 16, 2048)
			defer releaseBatches(batches)
			spec := idSpec(format)
			spec.Options.FileBytes = 64 << 10
			spec.Options.RowGroupBytes = 16 << 10
			if n := createTable(t, p, "t", spec, batches...); n != 16*2048 {
				t.Fatalf("committed %d rows", n)
			}
			files := filesUnder(t, dir)
			if len(files) < 3 {
				t.Fatalf("files of at most about 64 KiB: %v", files)
			}
			var want []string
			for i := range files {
				want = append(want, filepath.Join("t", "0_0_"+strconv.Itoa(i)+"."+extensionOf(t, format)))
			}
			sort.Strings(want)
			if strings.Join(files, " ") != strings.Join(want, " ") {
				t.Errorf("files %v, want %v", files, want)
			}
			if format != "parquet" {
				return
			}
			_, back := readBack(t, p, "t")
			defer releaseBatches(back)
			if got := countRows(back); got != 16*2048 {
				t.Errorf("read back %d rows", got)
			}
			if got := back[0].Column(0).(*array.Int64).Value(0); got != 0 {
				t.Errorf("first id %d", got)
			}
		})
	}
}

func TestWriteAtomicity(t *testing.T) {
	ctx := context.Background()
	batches := idBatches(t, 2, 100)
	defer releaseBatches(batches)
	defer plainDefaultAllocator()()

	t.Run("abort leaves nothing", func(t *testing.T) {
		p, dir := writablePlugin(t)
		w, err := p.CreateTable(ctx, "tmp", "t", idSpec("parquet"))
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(ctx, batches[0]); err != nil {
			t.Fatal(err)
		}
		if files := filesUnder(t, dir); len(files) != 1 || !strings.HasPrefix(files[0], ".t.tmp-") {
			t.Errorf("while writing: %v", files)
		}
		if names, _ := p.Tables(ctx, "tmp"); len(names) != 0 {
			t.Errorf("tables listed while writing: %v", names)
		}
		if err := w.Abort(ctx); err != nil {
			t.Fatal(err)
		}
		assertEmpty(t, dir)
	})
	t.Run("a failed write leaves nothing", func(t *testing.T) {
		p, dir := writablePlugin(t)
		w, err := p.CreateTable(ctx, "tmp", "t", idSpec("parquet"))
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(ctx, batches[0]); err != nil {
			t.Fatal(err)
		}
		wrong := allTypesBatch(t)
		defer wrong.Release()
		if err := w.Write(ctx, wrong); err == nil {
			t.Fatal("a batch of other columns was written")
		}
		assertEmpty(t, dir)
		if _, err := w.Commit(ctx); err == nil {
			t.Error("commit after a failed write succeeded")
		}
		assertEmpty(t, dir)
	})
	t.Run("a cancelled write leaves nothing", func(t *testing.T) {
		p, dir := writablePlugin(t)
		cctx, cancel := context.WithCancel(ctx)
		w, err := p.CreateTable(cctx, "tmp", "t", idSpec("csv"))
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(cctx, batches[0]); err != nil {
			t.Fatal(err)
		}
		cancel()
		if err := w.Write(cctx, batches[1]); !errors.Is(err, context.Canceled) {
			t.Fatalf("write after cancel: %v", err)
		}
		assertEmpty(t, dir)
	})
	t.Run("existing names", func(t *testing.T) {
		p, dir := writablePlugin(t)
		createTable(t, p, "t", idSpec("parquet"), batches...)
		writeLocal(t, filepath.Join(dir, "f.csv"), []byte("a\n1\n"))
		writeLocal(t, filepath.Join(dir, "v"+viewSuffix), []byte("{}"))
		for _, name := range []string{"t", "f.csv", "v"} {
			_, err := p.CreateTable(ctx, "tmp", name, idSpec("parquet"))
			if !errors.Is(err, catalog.ErrTableExists) || sqlstate.Code(catalog.Classify(err)) != "42P07" {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
	t.Run("immutable workspace", func(t *testing.T) {
		p, dir := writablePlugin(t)
		_, err := p.CreateTable(ctx, "data", "t", idSpec("parquet"))
		if !errors.Is(err, catalog.ErrNotWritable) || err.Error() != "Unable to create or drop objects. Schema [dfs.data] is immutable." {
			t.Errorf("create in a read-only workspace: %v", err)
		}
		if sqlstate.Code(catalog.Classify(err)) != "42501" {
			t.Errorf("SQLSTATE %s", sqlstate.Code(catalog.Classify(err)))
		}
		assertEmpty(t, dir)
	})
}

// assertEmpty fails when anything, hidden or not, is in dir.
func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
}

func TestPartitionByLayout(t *testing.T) {
	p, dir := writablePlugin(t)
	batches := idBatches(t, 3, 10)
	defer releaseBatches(batches)
	spec := idSpec("parquet")
	spec.PartitionBy = []int{1}
	if n := createTable(t, p, "parts", spec, batches...); n != 30 {
		t.Fatalf("committed %d rows", n)
	}
	got := strings.Join(filesUnder(t, dir), " ")
	want := "parts/%00/0_0_0.parquet parts/%2Ex/0_0_0.parquet parts/a%2Fb/0_0_0.parquet"
	if got != want {
		t.Errorf("layout %s, want %s", got, want)
	}
	for folder, value := range map[string]string{"%00": "", "%2Ex": ".x", "a%2Fb": "a/b", "%": ""} {
		text, ok := partitionValue(folder)
		if text != value || ok != (folder != "%00") {
			t.Errorf("folder %s reads back as %q %v", folder, text, ok)
		}
	}
	_, back := readBack(t, p, "parts/a%2Fb")
	defer releaseBatches(back)
	if countRows(back) != 10 || back[0].Column(1).(*array.String).Value(0) != "a/b" {
		t.Errorf("partition a/b holds %d rows: %v", countRows(back), back)
	}
}

func TestPartitionByNestedAndBounded(t *testing.T) {
	p, dir := writablePlugin(t)
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "k1", Type: arrow.PrimitiveTypes.Int32},
		{Name: "k2", Type: arrow.BinaryTypes.String},
		{Name: "v", Type: arrow.PrimitiveTypes.Int64},
	}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	// Four batches of 80 partitions, each row in a different one from the
	// row before, so that more partitions are in use than files are kept
	// open.
	var batches []arrow.RecordBatch
	for round := 0; round < 4; round++ {
		for i := 0; i < 800; i++ {
			b.Field(0).(*array.Int32Builder).Append(int32(i % 40))
			b.Field(1).(*array.StringBuilder).Append([]string{"x", "y"}[i%80/40])
			b.Field(2).(*array.Int64Builder).Append(int64(i))
		}
		batches = append(batches, b.NewRecordBatch())
	}
	defer releaseBatches(batches)
	spec := catalog.WriteSpec{Columns: schema, PartitionBy: []int{0, 1}, Options: catalog.WriteOptions{Format: "csv"}}
	createTable(t, p, "nested", spec, batches...)
	files := filesUnder(t, dir)
	if len(files) != 80*4 {
		t.Errorf("%d files for 80 partitions written to in 4 rounds with at most %d open: %v", len(files), maxOpenPartitionFiles, files[:5])
	}
	data, err := os.ReadFile(filepath.Join(dir, "nested", "7", "y", "0_0_1.csvh"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "k1,k2,v\n7,y,47\n7,y,127\n7,y,207\n7,y,287\n7,y,367\n7,y,447\n7,y,527\n7,y,607\n7,y,687\n7,y,767\n"; string(data) != want {
		t.Errorf("nested/7/y/0_0_1.csvh:\n%s", data)
	}
}

func TestDropTable(t *testing.T) {
	ctx := context.Background()
	p, dir := writablePlugin(t)
	batches := idBatches(t, 1, 10)
	defer releaseBatches(batches)
	createTable(t, p, "folder", idSpec("parquet"), batches...)
	writeLocal(t, filepath.Join(dir, "single.parquet"), parquetBytes(t, 0, 5, 5))
	writeLocal(t, filepath.Join(dir, "v"+viewSuffix), []byte("{}"))
	if err := p.DropTable(ctx, "data", "folder"); !errors.Is(err, catalog.ErrNotWritable) {
		t.Errorf("drop in a read-only workspace: %v", err)
	}
	for _, name := range []string{"folder", "single.parquet"} {
		if err := p.DropTable(ctx, "tmp", name); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	}
	if err := p.DropTable(ctx, "tmp", "folder"); !errors.Is(err, catalog.ErrTableNotFound) {
		t.Errorf("drop of a missing table: %v", err)
	}
	if err := p.DropTable(ctx, "tmp", "v"); !errors.Is(err, catalog.ErrTableNotFound) || !strings.Contains(err.Error(), "is a view") {
		t.Errorf("drop of a view as a table: %v", err)
	}
	if got := strings.Join(filesUnder(t, dir), " "); got != "v"+viewSuffix {
		t.Errorf("left after the drops: %s", got)
	}
}

func TestPartitionByKeepsEveryType(t *testing.T) {
	p, dir := writablePlugin(t)
	batch := allTypesBatch(t)
	defer batch.Release()
	spec := parquetSpec()
	spec.PartitionBy = []int{11} // ok: true, false, NULL
	createTable(t, p, "by_ok", spec, batch)
	got := strings.Join(filesUnder(t, dir), " ")
	if want := "by_ok/%00/0_0_0.parquet by_ok/f/0_0_0.parquet by_ok/t/0_0_0.parquet"; got != want {
		t.Fatalf("layout %s", got)
	}
	for row, folder := range []string{"t", "f", "%00"} {
		_, back := readBack(t, p, "by_ok/"+folder)
		want := batch.NewSlice(int64(row), int64(row+1))
		for i := range allTypesSchema.Fields() {
			if !array.Equal(want.Column(i), back[0].Column(i)) {
				t.Errorf("%s, column %s: %v, want %v", folder, allTypesSchema.Field(i).Name, back[0].Column(i), want.Column(i))
			}
		}
		want.Release()
		releaseBatches(back)
	}
}

// extensionOf is the extension of the files a store.format writes.
func extensionOf(t *testing.T, format string) string {
	f, err := outputFormatOf(catalog.WriteOptions{Format: format})
	if err != nil {
		t.Fatal(err)
	}
	return f.extension
}
