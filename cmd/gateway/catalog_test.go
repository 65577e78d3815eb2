package main

import (
	"context"
	"strings"
	"testing"
)

func cells(r result, col int) []string {
	var out []string
	for _, row := range r.Rows {
		if row[col] == nil {
			out = append(out, "NULL")
		} else {
			out = append(out, *row[col])
		}
	}
	return out
}

func contains(list []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, l := range list {
			found = found || l == w
		}
		if !found {
			return false
		}
	}
	return true
}

func TestShowSchemas(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	for _, stmt := range []string{"SHOW SCHEMAS", "show databases;"} {
		r := mustText(t, conn, stmt)
		if strings.Join(r.Columns, ",") != "SCHEMA_NAME" {
			t.Errorf("%s: columns %v", stmt, r.Columns)
		}
		names := cells(r, 0)
		want := []string{"dfs", "dfs.data", "dfs.root", "information_schema", "postgresql", "postgresql.public",
			"postgresql.Sales", "s3", "s3.root", "s3.warehouse", "downpg"}
		if !contains(names, want...) {
			t.Errorf("%s: got %v, want all of %v", stmt, names, want)
		}
		if contains(names, "postgresql.pg_catalog") || contains(names, "postgresql.information_schema") {
			t.Errorf("%s lists PostgreSQL's system schemas: %v", stmt, names)
		}
	}
	r := mustText(t, conn, "SHOW SCHEMAS LIKE 'dfs%'")
	if got := strings.Join(cells(r, 0), ","); got != "dfs,dfs.data,dfs.root,dfs.tmp" {
		t.Errorf("SHOW SCHEMAS LIKE: %s", got)
	}
}

func TestUseAndShowTables(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	r := mustText(t, conn, "USE postgresql.public")
	if r.String() != "ok | summary\nt | Default schema changed to [postgresql.public]" {
		t.Errorf("USE result:\n%s", r)
	}
	r = mustText(t, conn, "SHOW TABLES")
	if strings.Join(r.Columns, ",") != "TABLE_SCHEMA,TABLE_NAME" {
		t.Errorf("SHOW TABLES columns %v", r.Columns)
	}
	if got := strings.Join(cells(r, 1), ","); got != "Arrays,NoUsers,Types,Users,active_users,user_count" {
		t.Errorf("SHOW TABLES in postgresql.public: %s", got)
	}
	if got := mustText(t, conn, `SELECT "Username" FROM "Users" WHERE "UserID" = 42`); len(got.Rows) != 1 {
		t.Errorf("unqualified name after USE: %s", got)
	}
	if got := mustText(t, conn, `SELECT "UserID" FROM active_users WHERE "UserID" < 5`); len(got.Rows) != 2 {
		t.Errorf("view after USE: %s", got)
	}
	if got := mustText(t, conn, `SELECT n FROM user_count`); got.String() != "n\n100" {
		t.Errorf("materialized view: %s", got)
	}
	// Unquoted names are case-insensitive, as in Drill.
	if got := mustText(t, conn, `SELECT username FROM users WHERE userid = 42`); got.String() != "Username\nBob_42" {
		t.Errorf("case-insensitive names: %s", got)
	}
	r = mustText(t, conn, "SHOW TABLES IN dfs.data")
	want := "arrays.parquet,arrays_folder,corrupt.parquet,no_users.parquet,no_users_folder,sales_by_year,types.parquet,types_folder,users.parquet"
	if got := strings.Join(cells(r, 1), ","); got != want {
		t.Errorf("SHOW TABLES IN dfs.data: %s, want %s", got, want)
	}
	if got := strings.Join(cells(r, 0), ","); got != strings.Repeat("dfs.data,", 8)+"dfs.data" {
		t.Errorf("SHOW TABLES IN dfs.data schemas: %s", got)
	}
	mustText(t, conn, "USE dfs.data")
	if got := mustText(t, conn, "SELECT \"UserID\" FROM `users.parquet` WHERE \"UserID\" = 7"); got.String() != "UserID\n7" {
		t.Errorf("file table after USE dfs.data: %s", got)
	}
	if got := mustText(t, conn, "SELECT \"UserID\" FROM s3.warehouse.`users.parquet` WHERE \"UserID\" = 8"); got.String() != "UserID\n8" {
		t.Errorf("qualified name while USE dfs.data: %s", got)
	}
}

func TestDescribe(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	r := mustText(t, conn, "DESCRIBE dfs.data.`users.parquet`")
	if strings.Join(r.Columns, ",") != "COLUMN_NAME,DATA_TYPE,IS_NULLABLE" {
		t.Fatalf("DESCRIBE columns %v", r.Columns)
	}
	want := []string{
		"UserID | INTEGER | NO", "Username | CHARACTER VARYING | NO", "email | CHARACTER VARYING | YES",
		"score | DOUBLE | YES", "balance | DECIMAL(12, 2) | YES", "active | BOOLEAN | YES", "signup | DATE | YES",
		"last_login | TIMESTAMP | YES", "created_at | TIMESTAMP WITH TIME ZONE | YES",
		"avatar | BINARY VARYING | YES", "token | UUID | YES", "small | SMALLINT | YES", "big | BIGINT | YES",
		"ratio | FLOAT | YES",
	}
	got := strings.Split(r.String(), "\n")[1:]
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("DESCRIBE users.parquet:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	pg := mustText(t, conn, `DESCRIBE postgresql.public."Users"`)
	if got := strings.Join(strings.Split(pg.String(), "\n")[1:], "\n"); got != strings.Join(want, "\n") {
		t.Errorf("DESCRIBE of the PostgreSQL twin differs:\n%s", got)
	}
}

func TestInformationSchema(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	r := mustText(t, conn, `SELECT TABLE_NAME FROM information_schema.`+"`TABLES`"+` WHERE TABLE_SCHEMA = 'postgresql.Sales'`)
	if r.String() != "TABLE_NAME\norders" {
		t.Errorf("information_schema.TABLES: %s", r)
	}
	r = mustText(t, conn, `SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.`+"`COLUMNS`"+` WHERE TABLE_SCHEMA = 's3.warehouse' AND TABLE_NAME = 'users.parquet' AND COLUMN_NAME = 'balance'`)
	if r.String() != "COLUMN_NAME | DATA_TYPE\nbalance | DECIMAL(12, 2)" {
		t.Errorf("information_schema.COLUMNS: %s", r)
	}
}

func TestMultipleStatementsAndEmptyQuery(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	ctx := context.Background()
	results, err := conn.PgConn().Exec(ctx, `USE postgresql.public; SELECT "UserID" FROM "Users" WHERE "UserID" = 3; SHOW TABLES LIKE 'user%'`).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 3 {
		t.Fatalf("got %d results, want 3", len(results))
	}
	if string(results[1].Rows[0][0]) != "3" || len(results[2].Rows) != 2 || string(results[2].Rows[1][1]) != "user_count" {
		t.Errorf("results: %q / %q", results[1].Rows, results[2].Rows)
	}
	for _, empty := range []string{"", "  ;  ", "-- nothing here"} {
		if _, err := conn.PgConn().Exec(ctx, empty).ReadAll(); err != nil {
			t.Errorf("empty query %q: %v", empty, err)
		}
	}
	// An error in the second statement: the first has run, the third does not.
	results, err = conn.PgConn().Exec(ctx, `USE dfs.data; SELECT * FROM nope; USE s3.warehouse`).ReadAll()
	if sqlState(err) != "42P01" || len(results) == 0 || len(results[0].Rows) != 1 {
		t.Fatalf("error = %v, want 42P01", err)
	}
	r := mustText(t, conn, "SELECT \"UserID\" FROM `users.parquet` WHERE \"UserID\" = 1")
	if r.String() != "UserID\n1" {
		t.Errorf("the USE before the failing statement did not stick: %s", r)
	}
}

// TestExplain shows pushdown in the plan: the PostgreSQL scan takes the
// comparison and the limit, and keeps the string range comparison out.
func TestExplain(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	r := mustText(t, conn, `EXPLAIN SELECT "Username" FROM postgresql.public."Users" WHERE "UserID" = 42 AND "Username" > 'a' LIMIT 5`)
	plan := strings.Join(cells(r, 0), "\n")
	if r.Columns[0] != "QUERY PLAN" ||
		!strings.Contains(plan, `Scan postgresql.public.Users columns=[Username] filter=("UserID" = 42)(exact)`) ||
		!strings.Contains(plan, `Filter ("Username" > 'a')`) {
		t.Errorf("plan:\n%s", plan)
	}
	r = mustText(t, conn, "EXPLAIN SELECT \"UserID\" FROM dfs.data.`users.parquet` LIMIT 3")
	if plan := strings.Join(cells(r, 0), "\n"); !strings.Contains(plan, "columns=[UserID] limit=3") {
		t.Errorf("parquet plan:\n%s", plan)
	}
}
