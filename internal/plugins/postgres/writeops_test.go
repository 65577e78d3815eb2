package postgres

import (
	"context"
	"errors"
	"slices"
	"testing"

	"auger/internal/catalog"
	"auger/internal/sqlstate"
)

// TestWriteNotWritable: without "writable" every write is refused with
// Drill's wording and ErrNotWritable.
func TestWriteNotWritable(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	want := "Unable to create or drop objects. Schema [pg.public] is immutable."
	src := f.table(t, "public", "x")
	_, errCreate := f.plugin.CreateTable(ctx, "public", "y", catalog.WriteSpec{Columns: src.arrow})
	_, errInsert := f.plugin.InsertInto(ctx, "public", "x", nil)
	errDrop := f.plugin.DropTable(ctx, "public", "x")
	_, errRemote := f.plugin.InsertRemote(ctx, "public", "x", nil, catalog.RemoteStatement{Text: "SELECT 1"})
	for i, err := range []error{errCreate, errInsert, errDrop, errRemote} {
		if !errors.Is(err, catalog.ErrNotWritable) || err.Error() != want {
			t.Errorf("write %d: %v, want %q wrapping ErrNotWritable", i, err, want)
		}
	}
	f.table(t, "public", "x")
}

// TestWriteExistingTable: CREATE TABLE over a table, whether by COPY or on
// the server, wraps ErrTableExists with PostgreSQL's 42P07.
func TestWriteExistingTable(t *testing.T) {
	f := writableFixture(t)
	ctx := context.Background()
	src := f.table(t, "public", "x")
	_, err := f.plugin.CreateTable(ctx, "public", "many", catalog.WriteSpec{Columns: src.arrow})
	if !errors.Is(err, catalog.ErrTableExists) || sqlstate.Code(err) != sqlstate.DuplicateTable {
		t.Errorf("CreateTable over a table: %v", err)
	}
	_, err = f.plugin.CreateTableAsRemote(ctx, "public", "many", nil, catalog.RemoteStatement{Text: "SELECT 1"})
	if !errors.Is(err, catalog.ErrTableExists) || sqlstate.Code(err) != sqlstate.DuplicateTable {
		t.Errorf("CreateTableAsRemote over a table: %v", err)
	}
	_, err = f.plugin.CreateTable(ctx, "public", "z", catalog.WriteSpec{Columns: src.arrow, PartitionBy: []int{0}})
	if sqlstate.Code(err) != sqlstate.FeatureNotSupported {
		t.Errorf("PARTITION BY: %v", err)
	}
}

// TestInsertIntoAllOrNothing: committed rows all arrive in the named
// columns; aborted ones none.
func TestInsertIntoAllOrNothing(t *testing.T) {
	f := writableFixture(t)
	ctx := context.Background()
	f.exec(t, `CREATE TABLE target (id int, n bigint)`)
	batch := oneIntBatch(t, "n")
	defer batch.Release()
	for _, commit := range []bool{false, true} {
		w, err := f.plugin.InsertInto(ctx, "public", "target", []string{"n"})
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if err := w.Write(ctx, batch); err != nil {
				t.Fatal(err)
			}
		}
		if !commit {
			if err := w.Abort(ctx); err != nil {
				t.Fatal(err)
			}
			if got := pgxRows(t, f.url, `SELECT count(*) FROM target`, nil); !slices.Equal(got, []string{"0"}) {
				t.Errorf("rows after Abort: %q", got)
			}
			continue
		}
		n, err := w.Commit(ctx)
		if err != nil || n != 6 {
			t.Fatalf("Commit: %d, %v", n, err)
		}
	}
	got := pgxRows(t, f.url, `SELECT coalesce(id::text, 'null') || ',' || n FROM target ORDER BY n`, nil)
	want := []string{"null,1", "null,1", "null,1", "null,2", "null,2", "null,2"}
	if !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
}

// TestDropTable: a table goes, a missing one is ErrTableNotFound, a view
// gets PostgreSQL's 42809.
func TestDropTable(t *testing.T) {
	f := writableFixture(t)
	ctx := context.Background()
	f.exec(t, `CREATE TABLE doomed (n int)`, `CREATE VIEW v AS SELECT 1 AS n`)
	if err := f.plugin.DropTable(ctx, "public", "doomed"); err != nil {
		t.Fatal(err)
	}
	checkNoTable(t, f, "doomed")
	if err := f.plugin.DropTable(ctx, "public", "doomed"); !errors.Is(err, catalog.ErrTableNotFound) {
		t.Errorf("drop of a missing table: %v", err)
	}
	err := f.plugin.DropTable(ctx, "public", "v")
	if sqlstate.Code(err) != sqlstate.WrongObjectType || err.Error() != `"v" is not a table` {
		t.Errorf("drop of a view: %v", err)
	}
}

// TestRemoteWrite: CREATE TABLE AS and INSERT run on the server with the
// query's parameters and count the rows their command tags give.
func TestRemoteWrite(t *testing.T) {
	f := writableFixture(t)
	ctx := context.Background()
	if got := f.plugin.RemoteServer(); got != f.table(t, "public", "many").RemoteServer() {
		t.Errorf("RemoteServer %q differs from its tables'", got)
	}
	q := catalog.RemoteStatement{Text: `SELECT n, label FROM public.many WHERE n <= $1`, Args: []any{int32(5)}}
	n, err := f.plugin.CreateTableAsRemote(ctx, "public", "few", []string{"k", "l"}, q)
	if err != nil || n != 5 {
		t.Fatalf("CreateTableAsRemote: %d, %v", n, err)
	}
	q.Args = []any{int32(2)}
	n, err = f.plugin.InsertRemote(ctx, "public", "few", []string{"k", "l"}, q)
	if err != nil || n != 2 {
		t.Fatalf("InsertRemote: %d, %v", n, err)
	}
	got := pgxRows(t, f.url, `SELECT k || ':' || l FROM few ORDER BY k, l`, nil)
	want := []string{"1:row 1", "1:row 1", "2:row 2", "2:row 2", "3:row 3", "4:row 4", "5:row 5"}
	if !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	_, err = f.plugin.InsertRemote(ctx, "public", "few", nil, catalog.RemoteStatement{Text: `SELECT 'x', 'y'`})
	if sqlstate.Code(err) != "22P02" {
		t.Errorf("bad insert: %v", err)
	}
}
