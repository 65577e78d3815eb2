package main

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// The tables holding the same rows: PostgreSQL's "Users" (the reference) and
// its Parquet copies, local and on S3.
var usersTables = map[string]string{
	"postgresql":    `postgresql.public."Users"`,
	"local parquet": "dfs.data.`users.parquet`",
	"local folder":  "dfs.data.`sales_by_year`",
	"s3 workspace":  "s3.warehouse.`users.parquet`",
	"s3 root path":  "s3.root.`warehouse/users.parquet`",
}

// referenceQueries run through Auger on every users table and, with {T}
// replaced by "Users", directly on PostgreSQL; the text results must match
// cell for cell. Each query orders its rows by a unique key.
var referenceQueries = []string{
	`SELECT * FROM {T} WHERE "UserID" <= 100 AND "UserID" IN (1, 2, 3, 4, 5, 42, 43, 44, 45, 99)`,
	`SELECT "Username" FROM {T} WHERE "UserID" = 42`,
	`SELECT "UserID", email, balance FROM {T} WHERE balance > 1000.5 AND NOT active`,
	`SELECT "UserID" FROM {T} WHERE email IS NULL`,
	`SELECT "UserID", score FROM {T} WHERE score IS NOT NULL AND (score < 2 OR score > 100)`,
	`SELECT "UserID", signup FROM {T} WHERE signup >= '2023-01-01' AND signup < DATE '2024-06-01'`,
	`SELECT "UserID", last_login, created_at FROM {T} WHERE last_login > '2024-03-01 00:00:00'`,
	`SELECT "UserID", token, avatar FROM {T} WHERE "UserID" NOT IN (1, 2, 3) AND small BETWEEN -10 AND 10`,
	`SELECT "UserID", "Username" FROM {T} WHERE "Username" = 'O''Brien_3'`,
	`SELECT "UserID", "Username" FROM {T} WHERE "Username" IN ('''; DROP TABLE x; --_6', 'zoë_4', '日本語_5')`,
	`SELECT "UserID" AS id, big, ratio FROM {T} WHERE big <> 0 AND ratio > 30`,
	`SELECT "UserID" FROM {T} WHERE active = true AND "UserID" IN (1, 3, 4, NULL)`,
	`SELECT "UserID" FROM {T} WHERE "UserID" NOT IN (2, NULL)`,
	`SELECT "UserID", email FROM {T} WHERE email IS NOT NULL AND "UserID" > 95`,
}

// sortedByFirst orders result rows by their first cell numerically, as the
// queries do not say ORDER BY (it comes with the SQL engine).
func sortedByFirst(r result) result {
	rows := append([][]*string(nil), r.Rows...)
	key := func(c *string) string {
		if c == nil {
			return ""
		}
		return fmt.Sprintf("%012s", *c)
	}
	for i := 1; i < len(rows); i++ {
		for j := i; j > 0 && key(rows[j][0]) < key(rows[j-1][0]); j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
	return result{Columns: r.Columns, Rows: rows}
}

func TestQueriesMatchPostgreSQL(t *testing.T) {
	f := gateway(t)
	auger := f.connect(t)
	direct := f.direct(t)
	for _, q := range referenceQueries {
		want := sortedByFirst(mustText(t, direct, strings.ReplaceAll(q, "{T}", `"Users"`)))
		if len(want.Rows) == 0 && !strings.Contains(q, "NOT IN (2, NULL)") {
			t.Fatalf("reference query returns no rows, so it proves nothing: %s", q)
		}
		for source, table := range usersTables {
			sql := strings.ReplaceAll(q, "{T}", table)
			got, err := textQuery(t, auger, sql)
			if err != nil {
				t.Errorf("%s: %s: %v", source, sql, err)
				continue
			}
			got = sortedByFirst(got)
			if got.String() != want.String() {
				t.Errorf("%s: %s\n got:\n%s\nwant:\n%s", source, sql, got, want)
			}
		}
	}
}

// TestSelectWithoutFrom compares constant queries with PostgreSQL's answers.
func TestSelectWithoutFrom(t *testing.T) {
	f := gateway(t)
	auger, direct := f.connect(t), f.direct(t)
	for _, q := range []string{
		`SELECT 1, 'a', NULL, 2.50, -3, 3000000000, TRUE`,
		`SELECT 1 AS one WHERE 1 = 1`,
		`SELECT 1 AS one WHERE 1 > 2`,
		`SELECT DATE '2024-02-29' AS d, CAST('12.345' AS numeric(6,2)) AS n, '1e20'::float8 AS f`,
		`SELECT 1 LIMIT 0`,
	} {
		want := mustText(t, direct, q)
		if got := mustText(t, auger, q); got.String() != want.String() {
			t.Errorf("%s\n got:\n%s\nwant:\n%s", q, got, want)
		}
	}
}

func TestLimit(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	for source, table := range usersTables {
		r := mustText(t, conn, "SELECT * FROM "+table+" LIMIT 10")
		if len(r.Rows) != 10 || len(r.Columns) != len(usersColumns) {
			t.Errorf("%s: LIMIT 10 gave %d rows of %d columns", source, len(r.Rows), len(r.Columns))
		}
		r = mustText(t, conn, `SELECT "UserID" FROM `+table+` WHERE "UserID" > 50 LIMIT 3 OFFSET 2`)
		if len(r.Rows) != 3 {
			t.Errorf("%s: LIMIT 3 OFFSET 2 after a filter gave %d rows", source, len(r.Rows))
		}
	}
}

// TestBinaryResults reads every type through pgx's default extended
// protocol, which asks for binary results, and compares the decoded values
// with those read from PostgreSQL directly.
func TestBinaryResults(t *testing.T) {
	f := gateway(t)
	auger := f.connect(t)
	direct := f.direct(t)
	q := `SELECT * FROM {T} WHERE "UserID" IN (1, 2, 3, 4, 5, 42, 43, 44)`
	want := collectValues(t, direct, strings.ReplaceAll(q, "{T}", `"Users"`))
	for source, table := range usersTables {
		if source == "local folder" {
			continue // same files, already covered by the text comparison
		}
		got := collectValues(t, auger, strings.ReplaceAll(q, "{T}", table))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: binary values differ\n got: %v\nwant: %v", source, got, want)
		}
	}
}

// collectValues decodes rows with pgx (binary format for every known type),
// keyed by the first column.
func collectValues(t *testing.T, conn *pgx.Conn, sql string) map[string][]any {
	t.Helper()
	rows, err := conn.Query(context.Background(), sql)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) ([]any, error) { return r.Values() })
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	byKey := map[string][]any{}
	for _, r := range out {
		byKey[fmt.Sprint(r[0])] = r
	}
	return byKey
}
