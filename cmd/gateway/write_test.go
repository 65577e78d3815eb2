package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// writableDir is the folder of the writable workspace dfs.tmp.
func writableDir(f *fixture) string { return filepath.Join(filepath.Dir(f.dataDir), "tmp") }

// textRows renders a query's rows in PostgreSQL's text format, one string
// per row, NULL for NULL.
func textRows(t *testing.T, conn *pgx.Conn, query string) []string {
	t.Helper()
	return rowStrings(mustText(t, conn, query))
}

// mustExec runs a statement on the gateway and returns its command tag.
func mustExec(t *testing.T, conn *pgx.Conn, statement string) string {
	t.Helper()
	tag, err := conn.Exec(context.Background(), statement)
	if err != nil {
		t.Fatalf("%s: %v", statement, err)
	}
	return tag.String()
}

// folderEntries lists a folder's entries, hidden ones included.
func folderEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// TestCTASRoundTrip copies the types table and the users table from
// PostgreSQL to local Parquet, from there to S3 Parquet and back into
// PostgreSQL; each copy reads back row by row as the source does.
func TestCTASRoundTrip(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	direct := f.direct(t)
	for _, c := range []struct{ source, key, name string }{
		{`"Types"`, `"ID"`, "rt_types"}, {`"Users"`, `"UserID"`, "rt_users"}} {
		t.Run(c.name, func(t *testing.T) { roundTrip(t, conn, direct, c.source, c.key, c.name) })
	}
}

// roundTrip copies source through dfs.tmp and s3.tmp back to PostgreSQL
// as name, comparing each copy with the source ordered by key.
func roundTrip(t *testing.T, conn, direct *pgx.Conn, source, key, name string) {
	want := textRows(t, direct, "SELECT * FROM "+source+" ORDER BY "+key)
	stages := []struct{ from, to string }{
		{"postgresql.public." + source, "dfs.tmp." + name},
		{"dfs.tmp." + name, "s3.tmp." + name},
		{"s3.tmp." + name, "postgresql.public." + name},
	}
	for _, s := range stages {
		mustExec(t, conn, "DROP TABLE IF EXISTS "+s.to)
		t.Cleanup(func() { conn.Exec(context.Background(), "DROP TABLE IF EXISTS "+s.to) })
		tag := mustExec(t, conn, "CREATE TABLE "+s.to+" AS SELECT * FROM "+s.from)
		if tag != "SELECT "+strconv.Itoa(len(want)) {
			t.Errorf("%s: tag %q, want SELECT %d", s.to, tag, len(want))
		}
		got := textRows(t, conn, "SELECT * FROM "+s.to+" ORDER BY "+key)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s differs from %s:\n%s\nwant\n%s", s.to, source, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestCTASExisting: a name that is taken fails with 42P07, and with IF NOT
// EXISTS gives PostgreSQL's notice and tag.
func TestCTASExisting(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	mustExec(t, conn, "DROP TABLE IF EXISTS dfs.tmp.taken")
	mustExec(t, conn, "CREATE TABLE dfs.tmp.taken AS SELECT 1 AS a")
	defer mustExec(t, conn, "DROP TABLE dfs.tmp.taken")
	_, err := conn.Exec(context.Background(), "CREATE TABLE dfs.tmp.taken AS SELECT 2 AS a")
	if sqlState(err) != "42P07" || !strings.Contains(err.Error(), `relation "taken" already exists`) {
		t.Errorf("CTAS over a table: %v", err)
	}
	if tag := mustExec(t, conn, "CREATE TABLE IF NOT EXISTS dfs.tmp.taken AS SELECT 2 AS a"); tag != "CREATE TABLE AS" {
		t.Errorf("IF NOT EXISTS tag %q", tag)
	}
	if got := textRows(t, conn, "SELECT a FROM dfs.tmp.taken"); !reflect.DeepEqual(got, []string{"1"}) {
		t.Errorf("the table should be untouched: %v", got)
	}
	_, err = conn.Exec(context.Background(), "CREATE TABLE dfs.data.nope AS SELECT 1")
	if sqlState(err) != "42501" || !strings.Contains(err.Error(), "Unable to create or drop objects. Schema [dfs.data] is immutable.") {
		t.Errorf("CTAS into a read-only workspace: %v", err)
	}
}

// TestCTASFailureLeavesNothing: a source error after some rows and a
// statement timeout leave the writable folder as it was, hidden
// temporary names included.
func TestCTASFailureLeavesNothing(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	before := folderEntries(t, writableDir(f))
	for _, c := range []struct{ statement, code string }{
		{`CREATE TABLE dfs.tmp.failed AS SELECT "UserID", 1 / ("UserID" - 40) AS x FROM postgresql.public."Users" ORDER BY "UserID"`, "22012"},
		{"SET statement_timeout = 200; CREATE TABLE dfs.tmp.failed AS SELECT g, md5(g::text) FROM generate_series(1, 100000000) g", "57014"},
	} {
		_, err := conn.Exec(context.Background(), c.statement)
		if sqlState(err) != c.code {
			t.Errorf("%s: %v, want %s", c.statement, err, c.code)
		}
		if after := folderEntries(t, writableDir(f)); !reflect.DeepEqual(after, before) {
			t.Errorf("%s left %v (before %v)", c.statement, after, before)
		}
	}
	mustExec(t, conn, "RESET statement_timeout")
}

// TestInsertIntoPostgres: INSERT ... VALUES and INSERT ... SELECT add the
// rows; a failing one adds none.
func TestInsertIntoPostgres(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	direct := f.direct(t)
	ctx := context.Background()
	if _, err := direct.Exec(ctx, "DROP TABLE IF EXISTS ins_target; CREATE TABLE ins_target (id int, name text, amount numeric(10,2))"); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ statement, tag, code string }{
		{"INSERT INTO postgresql.public.ins_target VALUES (1, 'é', 1.5), (2, NULL, NULL)", "INSERT 0 2", ""},
		{`INSERT INTO postgresql.public.ins_target (id, name) SELECT "UserID", "Username" FROM dfs.data.` + "`users.parquet`" + ` WHERE "UserID" <= 3`, "INSERT 0 3", ""},
		{`INSERT INTO postgresql.public.ins_target (id) SELECT 1 / ("UserID" - 10) FROM dfs.data.` + "`users.parquet`", "", "22012"},
	}
	for _, c := range cases {
		tag, err := conn.Exec(ctx, c.statement)
		if sqlState(err) != c.code || (err == nil && tag.String() != c.tag) {
			t.Errorf("%s: %q %v, want %q %s", c.statement, tag.String(), err, c.tag, c.code)
		}
	}
	want := textRows(t, direct, "SELECT * FROM ins_target ORDER BY id, name")
	if len(want) != 5 {
		t.Errorf("PostgreSQL holds %d rows, want 5: the failed INSERT should add none", len(want))
	}
	if got := textRows(t, conn, "SELECT * FROM postgresql.public.ins_target ORDER BY id, name"); !reflect.DeepEqual(got, want) {
		t.Errorf("read back %v, want %v", got, want)
	}
	mustExec(t, conn, "DROP TABLE postgresql.public.ins_target")
}

// TestCTASPartitionByPrunes: a table written PARTITION BY reads back whole,
// and a filter on dir0 skips the other folders.
func TestCTASPartitionByPrunes(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	mustExec(t, conn, "DROP TABLE IF EXISTS dfs.tmp.by_active")
	mustExec(t, conn, `CREATE TABLE dfs.tmp.by_active PARTITION BY (active) AS SELECT "UserID", "Username", active FROM postgresql.public."Users" WHERE active IS NOT NULL`)
	defer mustExec(t, conn, "DROP TABLE dfs.tmp.by_active")
	want := textRows(t, f.direct(t), `SELECT "UserID", "Username", active FROM "Users" WHERE active IS NOT NULL ORDER BY 1`)
	if got := textRows(t, conn, `SELECT "UserID", "Username", active FROM dfs.tmp.by_active ORDER BY 1`); !reflect.DeepEqual(got, want) {
		t.Errorf("partitioned table:\n%v\nwant\n%v", got, want)
	}
	folders := folderEntries(t, filepath.Join(writableDir(f), "by_active"))
	if len(folders) != 2 {
		t.Fatalf("want one folder per value of active, got %v", folders)
	}
	plan := strings.Join(textRows(t, conn, "EXPLAIN SELECT count(*) FROM dfs.tmp.by_active WHERE dir0 = '"+folders[0]+"'"), "\n")
	if !strings.Contains(plan, "pruned by path: 1 of 2") {
		t.Errorf("dir0 should skip the other folder:\n%s", plan)
	}
}
