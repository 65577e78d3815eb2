package parquet

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"auger/internal/catalog"
	"auger/internal/config"
)

// sequentialRows reads columns of a file with arrow-go alone, one row
// group after the other, rendered as scanAll renders them.
func sequentialRows(t *testing.T, path string, cols []int) []string {
	t.Helper()
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 777}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	var leaves []int
	for _, c := range cols {
		leaves = appendLeaves(leaves, fr.Manifest.Fields[c])
	}
	rr, err := fr.GetRecordReader(context.Background(), leaves, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Release()
	var text []string
	for rr.Next() {
		b := rr.RecordBatch()
		for i := 0; i < int(b.NumRows()); i++ {
			var cells []string
			for _, c := range b.Columns() {
				cells = append(cells, c.ValueStr(i))
			}
			text = append(text, strings.Join(cells, "|"))
		}
	}
	if err := rr.Err(); err != nil && !errors.Is(err, io.EOF) {
		t.Fatal(err)
	}
	return text
}

// manyGroups writes files of small row groups to a folder and returns a
// plugin on it.
func manyGroups(t *testing.T, files map[string][]byte) (*Plugin, string) {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		writeLocal(t, filepath.Join(dir, name), data)
	}
	p, err := New("dfs", &config.Plugin{Type: "file", Connection: "file:///",
		Workspaces: map[string]config.Workspace{"ws": {Location: dir}}})
	if err != nil {
		t.Fatal(err)
	}
	return p.(*Plugin), dir
}

// TestParallelScanKeepsOrder reads files of many row groups with several
// row groups decoding at once: the rows come out exactly as a sequential
// read gives them.
func TestParallelScanKeepsOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	p, dir := manyGroups(t, map[string][]byte{
		"one.parquet":     parquetBytes(t, 0, 30000, 700),
		"parts/a.parquet": parquetBytes(t, 0, 5000, 300),
		"parts/b.parquet": parquetBytes(t, 5000, 9000, 1000),
	})
	for _, c := range []struct {
		table string
		files []string
		cols  []int
	}{
		{"one.parquet", []string{"one.parquet"}, []int{0, 1, 2}},
		{"one.parquet", []string{"one.parquet"}, []int{1}},
		{"parts", []string{"parts/a.parquet", "parts/b.parquet"}, []int{2, 0}},
	} {
		var want []string
		for _, f := range c.files {
			want = append(want, sequentialRows(t, filepath.Join(dir, f), c.cols)...)
		}
		table, err := p.Table(context.Background(), "ws", c.table)
		if err != nil {
			t.Fatal(err)
		}
		_, got := scanAll(t, table, catalog.ScanRequest{Columns: c.cols, Limit: -1})
		if len(got) != len(want) {
			t.Fatalf("%s %v: %d rows, want %d", c.table, c.cols, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%s %v: row %d is %q, want %q", c.table, c.cols, i, got[i], want[i])
			}
		}
	}
}

// groupBytes is the compressed size of a column's chunks in the first n
// row groups of a file.
func groupBytes(t *testing.T, path string, leaf, n int) int64 {
	t.Helper()
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	var total int64
	for g := range n {
		col, err := pf.MetaData().RowGroup(g).ColumnChunk(leaf)
		if err != nil {
			t.Fatal(err)
		}
		total += col.TotalCompressedSize()
	}
	return total
}

// TestLimitReadsFewGroups checks through the scan's byte count that a
// limit decodes only the row groups it needs, and that closing a scan
// early stops it after the row groups in flight.
func TestLimitReadsFewGroups(t *testing.T) {
	p, dir := manyGroups(t, map[string][]byte{"ten.parquet": parquetBytes(t, 0, 10000, 1000)})
	path := filepath.Join(dir, "ten.parquet")
	table, err := p.Table(context.Background(), "ws", "ten.parquet")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		limit  int64
		groups int
	}{{1, 1}, {10, 1}, {1000, 1}, {1001, 2}, {2500, 3}, {-1, 10}} {
		stats := countScan(t, table, catalog.ScanRequest{Columns: []int{0}, Limit: c.limit})
		if want := groupBytes(t, path, 0, c.groups); stats.BytesRead != want {
			t.Errorf("limit %d read %d bytes, want %d (%d row groups)", c.limit, stats.BytesRead, want, c.groups)
		}
	}

	ctx := context.Background()
	r, err := table.Scan(ctx, catalog.ScanRequest{Columns: []int{0}, Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b.Release()
	r.Close()
	if _, err := r.Next(ctx); !errors.Is(err, io.EOF) {
		t.Errorf("Next after Close: %v", err)
	}
	read := r.(catalog.StatsReporter).ScanStats().BytesRead
	if most := groupBytes(t, path, 0, maxInFlight()); read > most {
		t.Errorf("a scan closed after one batch read %d bytes, more than the %d of the row groups in flight", read, most)
	}
}

// TestFooterCache checks that planning and scanning read a footer once,
// and that a touched file's footer is read again.
func TestFooterCache(t *testing.T) {
	p, dir := manyGroups(t, map[string][]byte{"f.parquet": parquetBytes(t, 0, 100, 30)})
	ctx := context.Background()
	steps := []struct {
		name         string
		touch        bool
		hits, misses int64
	}{
		{"plan", false, 0, 1},
		{"scan", false, 1, 1},
		{"plan again", false, 2, 1},
		{"scan again", false, 3, 1},
		{"plan after touch", true, 3, 2},
		{"scan after touch", false, 4, 2},
	}
	var table catalog.Table
	for _, s := range steps {
		if s.touch {
			later := time.Now().Add(time.Hour)
			if err := os.Chtimes(filepath.Join(dir, "f.parquet"), later, later); err != nil {
				t.Fatal(err)
			}
		}
		var err error
		if strings.HasPrefix(s.name, "plan") {
			table, err = p.Table(ctx, "ws", "f.parquet")
			if err != nil {
				t.Fatal(err)
			}
		} else if n, _ := scanAll(t, table, catalog.ScanRequest{Columns: []int{0}, Limit: -1}); n != 100 {
			t.Fatalf("%s: %d rows", s.name, n)
		}
		if hits, misses := p.footers.counts(); hits != s.hits || misses != s.misses {
			t.Errorf("after %s: %d hits, %d misses; want %d, %d", s.name, hits, misses, s.hits, s.misses)
		}
	}
}
