package postgres

import (
	"context"
	"errors"
	"io"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/catalog"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// writableFixture is a fixture whose plugin may write.
func writableFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t, nil)
	f.plugin.writable = true
	return f
}

// scanAll reads every column of a table as batches, which the caller
// releases.
func scanAll(t *testing.T, tbl *table) []arrow.RecordBatch {
	t.Helper()
	ctx := context.Background()
	cols := make([]int, len(tbl.columns))
	for i := range cols {
		cols[i] = i
	}
	r, err := tbl.Scan(ctx, catalog.ScanRequest{Columns: cols, Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []arrow.RecordBatch
	for {
		b, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
}

func releaseAll(batches []arrow.RecordBatch) {
	for _, b := range batches {
		b.Release()
	}
}

func allColumns(tbl *table) catalog.ScanRequest {
	cols := make([]int, len(tbl.columns))
	for i := range cols {
		cols[i] = i
	}
	return catalog.ScanRequest{Columns: cols, Limit: -1}
}

// copyTable writes batches into a new table through CreateTable.
func copyTable(t *testing.T, p *Plugin, name string, schema *arrow.Schema, batches []arrow.RecordBatch) int64 {
	t.Helper()
	ctx := context.Background()
	w, err := p.CreateTable(ctx, "public", name, catalog.WriteSpec{Columns: schema})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if err := w.Write(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	n, err := w.Commit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCreateTableRoundTrip copies the tables with every type of the
// types table, NULLs, unicode and extreme values into new tables and
// reads both back row by row; the new columns have the types the types
// table names.
func TestCreateTableRoundTrip(t *testing.T) {
	f := writableFixture(t)
	for _, source := range []string{"everything", "nums", "arrays"} {
		t.Run(source, func(t *testing.T) {
			src := f.table(t, "public", source)
			batches := scanAll(t, src)
			defer releaseAll(batches)
			n := copyTable(t, f.plugin, source+"_copy", src.arrow, batches)
			want, err := readRows(t, src, allColumns(src))
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 || n != int64(len(want)) {
				t.Errorf("Commit counts %d rows, the source has %d", n, len(want))
			}
			dst := f.table(t, "public", source+"_copy")
			got, err := readRows(t, dst, allColumns(dst))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Errorf("copy differs:\n got %q\nwant %q", got, want)
			}
			typesOf := pgxRows(t, f.url, `SELECT format_type(atttypid, atttypmod) FROM pg_attribute
				WHERE attrelid = $1::regclass AND attnum > 0 ORDER BY attnum`, []any{source + "_copy"})
			for i, field := range src.arrow.Fields() {
				if want := types.PostgresName(field.Type); typesOf[i] != want {
					t.Errorf("column %s is %s, the types table names %s", field.Name, typesOf[i], want)
				}
			}
		})
	}
}

// TestCreateTableLeavesNothing: a failed Write, an Abort after batches and
// a canceled context each leave no table.
func TestCreateTableLeavesNothing(t *testing.T) {
	f := writableFixture(t)
	src := f.table(t, "public", "nums")
	batches := scanAll(t, src)
	defer releaseAll(batches)
	ctx := context.Background()
	cases := map[string]func(t *testing.T, w catalog.TableWriter){
		"abort after batches": func(t *testing.T, w catalog.TableWriter) {
			for _, b := range batches {
				if err := w.Write(ctx, b); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Abort(ctx); err != nil {
				t.Fatal(err)
			}
		},
		"wrong batch": func(t *testing.T, w catalog.TableWriter) {
			if err := w.Write(ctx, batches[0]); err != nil {
				t.Fatal(err)
			}
			bad := oneIntBatch(t, "n")
			defer bad.Release()
			if err := w.Write(ctx, bad); sqlstate.Code(err) != sqlstate.DatatypeMismatch {
				t.Fatalf("write of a wrong batch: %v", err)
			}
			w.Abort(ctx)
		},
	}
	for name, run := range cases {
		t.Run(name, func(t *testing.T) {
			w, err := f.plugin.CreateTable(ctx, "public", "gone", catalog.WriteSpec{Columns: src.arrow})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { w.Abort(ctx) })
			run(t, w)
			checkNoTable(t, f, "gone")
		})
	}
	t.Run("canceled", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		w, err := f.plugin.CreateTable(cctx, "public", "gone", catalog.WriteSpec{Columns: src.arrow})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(cctx, batches[0]); err != nil {
			t.Fatal(err)
		}
		cancel()
		if _, err := w.Commit(cctx); err == nil {
			t.Fatal("commit after cancel succeeded")
		}
		w.Abort(ctx)
		checkNoTable(t, f, "gone")
	})
}

func oneIntBatch(t *testing.T, name string) arrow.RecordBatch {
	t.Helper()
	b := array.NewInt64Builder(memory.DefaultAllocator)
	defer b.Release()
	b.AppendValues([]int64{1, 2}, nil)
	arr := b.NewArray()
	defer arr.Release()
	return array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: name, Type: arrow.PrimitiveTypes.Int64}}, nil), []arrow.Array{arr}, 2)
}

func checkNoTable(t *testing.T, f *fixture, name string) {
	t.Helper()
	if _, err := f.plugin.Table(context.Background(), "public", name); !errors.Is(err, catalog.ErrTableNotFound) {
		t.Errorf("table %s after a failed write: %v", name, err)
	}
}

// TestWriteStatements: an existing table, a plugin that is not writable,
// InsertInto's all or nothing, DropTable of tables, views and missing
// names, and the remote statements.
func TestWriteStatements(t *testing.T) {
	f := writableFixture(t)
	ctx := context.Background()
	src := f.table(t, "public", "nums")
	if _, err := f.plugin.CreateTable(ctx, "public", "nums", catalog.WriteSpec{Columns: src.arrow}); !errors.Is(err, catalog.ErrTableExists) {
		t.Errorf("CreateTable over a table: %v", err)
	}
	f.plugin.writable = false
	if _, err := f.plugin.CreateTable(ctx, "public", "n2", catalog.WriteSpec{Columns: src.arrow}); !errors.Is(err, catalog.ErrNotWritable) ||
		err.Error() != "Unable to create or drop objects. Schema [pg.public] is immutable." {
		t.Errorf("CreateTable, not writable: %v", err)
	}
	f.plugin.writable = true

	batches := scanAll(t, src)
	defer releaseAll(batches)
	w, err := f.plugin.InsertInto(ctx, "public", "nums", nil)
	if err != nil {
		t.Fatal(err)
	}
	bad := oneIntBatch(t, "n")
	defer bad.Release()
	if err := w.Write(ctx, batches[0]); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(ctx, bad); sqlstate.Code(err) != sqlstate.DatatypeMismatch {
		t.Errorf("a wrong batch: %v", err)
	}
	w.Abort(ctx)
	if got := pgxRows(t, f.url, "SELECT count(*) FROM nums", nil); got[0] != "12" {
		t.Errorf("after a failed insert nums has %s rows, want 12", got[0])
	}
	w, err = f.plugin.InsertInto(ctx, "public", "nums", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(ctx, batches[0]); err != nil {
		t.Fatal(err)
	}
	if n, err := w.Commit(ctx); err != nil || n != 12 {
		t.Errorf("insert: %d rows, %v", n, err)
	}
	if got := pgxRows(t, f.url, "SELECT count(*) FROM nums", nil); got[0] != "24" {
		t.Errorf("after an insert nums has %s rows, want 24", got[0])
	}

	n, err := f.plugin.CreateTableAsRemote(ctx, "public", "ctas", []string{"a"}, catalog.RemoteStatement{Text: "SELECT x FROM generate_series(1, $1::int) x", Args: []any{5}})
	if err != nil || n != 5 {
		t.Errorf("remote CTAS: %d rows, %v", n, err)
	}
	if _, err := f.plugin.CreateTableAsRemote(ctx, "public", "ctas", nil, catalog.RemoteStatement{Text: "SELECT 1"}); !errors.Is(err, catalog.ErrTableExists) {
		t.Errorf("remote CTAS over a table: %v", err)
	}
	if n, err := f.plugin.InsertRemote(ctx, "public", "ctas", nil, catalog.RemoteStatement{Text: "SELECT a FROM ctas"}); err != nil || n != 5 {
		t.Errorf("remote insert: %d rows, %v", n, err)
	}
	if got := pgxRows(t, f.url, "SELECT sum(a) FROM ctas", nil); got[0] != "30" {
		t.Errorf("sum after remote writes %s, want 30", got[0])
	}
	if f.plugin.RemoteServer() != src.RemoteServer() {
		t.Errorf("RemoteServer %q, tables' %q", f.plugin.RemoteServer(), src.RemoteServer())
	}

	if err := f.plugin.DropTable(ctx, "public", "ctas"); err != nil {
		t.Fatal(err)
	}
	checkNoTable(t, f, "ctas")
	if err := f.plugin.DropTable(ctx, "public", "ctas"); !errors.Is(err, catalog.ErrTableNotFound) {
		t.Errorf("drop of a missing table: %v", err)
	}
	if err := f.plugin.DropTable(ctx, "Shop", "cheap"); sqlstate.Code(err) != sqlstate.WrongObjectType {
		t.Errorf("drop of a view: %v", err)
	}
}
