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
