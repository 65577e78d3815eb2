package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// styleSettings are the output and input styles the style cases run
// under, one SET statement list each.
var styleSettings = [][]string{
	{"SET DateStyle = 'ISO, MDY'"},
	{"SET DateStyle = 'ISO, DMY'"},
	{"SET DateStyle = 'SQL, MDY'"},
	{"SET DateStyle = 'SQL, DMY'"},
	{"SET DateStyle = 'Postgres, MDY'"},
	{"SET DateStyle = 'Postgres, DMY'"},
	{"SET DateStyle = 'Postgres, YMD'"},
	{"SET DateStyle = 'German'"},
	{"SET DateStyle = 'SQL, DMY'", "SET TIME ZONE 'America/New_York'"},
	{"SET DateStyle = 'Postgres'", "SET TIME ZONE 'Asia/Kolkata'"},
	{"SET DateStyle = 'SQL'", "SET TIME ZONE 5"},
	{"SET IntervalStyle = postgres_verbose"},
	{"SET IntervalStyle = sql_standard"},
	{"SET IntervalStyle = iso_8601"},
	{"SET extra_float_digits = 0"},
	{"SET extra_float_digits = -3"},
	{"SET extra_float_digits = -15"},
	{"SET extra_float_digits = 2"},
	{"SET bytea_output = escape"},
}

// styleQueries are run under every style; %s is the Users table (on
// PostgreSQL, through the postgresql plugin and as Parquet).
var styleQueries = []string{
	`SELECT signup, last_login, created_at FROM %s ORDER BY "UserID" LIMIT 4`,
	`SELECT signup::text, last_login::text, created_at::text, 'on ' || signup FROM %s ORDER BY "UserID" LIMIT 3`,
	`SELECT score, ratio, score::text, ratio::text, score / 7 FROM %s ORDER BY "UserID" LIMIT 4`,
	`SELECT avatar, avatar::text FROM %s WHERE avatar IS NOT NULL ORDER BY "UserID" LIMIT 3`,
	`SELECT last_login - created_at, (last_login - created_at)::text FROM %s ORDER BY "UserID" LIMIT 4`,
	`SELECT count(*) FROM %s WHERE signup > '01/02/2021'`,
}

// styleExpressions are run under every style without a table.
var styleExpressions = []string{
	`SELECT date '2024-01-31', date '0044-03-15 BC', date 'infinity', timestamp '2024-07-04 09:08:07.25'`,
	`SELECT timestamptz '2024-01-31 10:00:00+00', timestamptz '2024-07-31 10:00:00.5+00', timestamptz '0010-01-01 00:00:00+00 BC'`,
	`SELECT '01/02/2024'::date, '01/02/2024'::date::text, '03.04.2024'::date, '05-06-2024'::timestamp`,
	`SELECT ARRAY[date '2024-01-31', date '2024-12-25'], ARRAY[date '2024-01-31']::text, ARRAY[1.5::float8 / 7]::text`,
	`SELECT interval '1 year 2 mons 3 days 04:05:06.5', interval '-1 year -2 mons', interval '-3 days' + interval '04:05:06',
	  interval '1 mon -2 days', interval '0 seconds', interval '-00:00:01.25', interval '1 day', interval '-1 day -00:00:01',
	  interval '2 hours 1 second', interval '100 years', interval '1 mon 2 days'::text`,
	`SELECT 1.0/3.0::float8, 2e-10::float8, 123456789012345678::float8, 1e15::float8, 0.1::float4, (1/3.0)::float4,
	  '-0'::float8, 'NaN'::float8, '-Infinity'::float4, 100::float8, 1.5e300::float8`,
	`SELECT '\x00015c41e9ff'::bytea, 'a\b'::bytea, ''::bytea, '\x4142'::bytea::text`,
}

// TestStylesMatchPostgreSQL sets each style and compares the answers of
// the style queries, in text format over the simple and the extended
// protocol and in binary format, with PostgreSQL's.
func TestStylesMatchPostgreSQL(t *testing.T) {
	f := gateway(t)
	ctx := context.Background()
	tables := []string{`postgresql.public."Users"`, `dfs.data."users.parquet"`}
	for _, settings := range styleSettings {
		pg, _ := sessionConn(t, f.pgURL)
		auger, _ := sessionConn(t, fmt.Sprintf("postgres://postgres@%s/anydb?sslmode=disable", f.addr))
		for _, set := range settings {
			mustStep(t, ctx, pg, set)
			mustStep(t, ctx, auger, set)
		}
		for _, q := range styleQueries {
			want := styleAnswers(ctx, pg, fmt.Sprintf(q, `"Users"`))
			for _, table := range tables {
				compareStyle(t, settings, fmt.Sprintf(q, table), want, styleAnswers(ctx, auger, fmt.Sprintf(q, table)))
			}
		}
		for _, q := range styleExpressions {
			compareStyle(t, settings, q, styleAnswers(ctx, pg, q), styleAnswers(ctx, auger, q))
		}
		pg.Close(ctx)
		auger.Close(ctx)
	}
}

func mustStep(t *testing.T, ctx context.Context, conn *pgx.Conn, sql string) {
	t.Helper()
	if _, err := conn.Exec(ctx, sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func compareStyle(t *testing.T, settings []string, sql string, want, got [3]string) {
	t.Helper()
	for i, how := range []string{"simple", "extended text", "extended binary"} {
		if got[i] != want[i] {
			t.Errorf("%v: %s (%s)\n got: %s\nwant: %s", settings, sql, how, got[i], want[i])
		}
	}
}

// styleAnswers is a query's rows through the simple protocol, through the
// extended protocol in text format and in binary format (the raw bytes).
func styleAnswers(ctx context.Context, conn *pgx.Conn, sql string) [3]string {
	var out [3]string
	results, err := conn.PgConn().Exec(ctx, sql).ReadAll()
	out[0] = rowsText(results, err)
	for i, format := range []int16{0, 1} {
		r := conn.PgConn().ExecParams(ctx, sql, nil, nil, nil, []int16{format}).Read()
		out[i+1] = rowsText([]*pgconn.Result{r}, r.Err)
	}
	return out
}

// rowsText writes results' rows (values quoted, as bytes for binary
// format) or their error.
func rowsText(results []*pgconn.Result, err error) string {
	if err != nil {
		return "error " + err.Error()
	}
	var b strings.Builder
	for _, r := range results {
		for _, row := range r.Rows {
			for _, v := range row {
				fmt.Fprintf(&b, " %q", v)
			}
			b.WriteString(";")
		}
	}
	return b.String()
}
