package main

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// execModes are pgx's ways of running a query: prepared and cached
// (binary results), described then run, the unnamed statement with text
// parameters, and the simple protocol.
var execModes = map[string]pgx.QueryExecMode{
	"CacheStatement": pgx.QueryExecModeCacheStatement,
	"CacheDescribe":  pgx.QueryExecModeCacheDescribe,
	"DescribeExec":   pgx.QueryExecModeDescribeExec,
	"Exec":           pgx.QueryExecModeExec,
	"SimpleProtocol": pgx.QueryExecModeSimpleProtocol,
}

// pgxQueries cover the common types in binary results: every column of
// the users and types tables, and literals of the types Parquet lacks.
var pgxQueries = []struct {
	sql  string
	args []any
}{
	{`SELECT "UserID", "Username", email, score, balance, active, signup, last_login, created_at, avatar, token,
		small, big, ratio FROM {T} WHERE "UserID" BETWEEN $1 AND $2 ORDER BY 1`, []any{1, 40}},
	{`SELECT "ID", doc, docb, raw, uid, tod, note, amount FROM {Y} ORDER BY 1`, nil},
	{`SELECT interval '1 day 02:03:04.5', interval '-3 months', ARRAY[1, 2, NULL]::int[], ARRAY['a', NULL, 'b c']::text[],
		1.5::float4, 2.25::float8, 12345.678::numeric(10, 3), '2024-01-02 03:04:05.25+02'::timestamptz,
		'2024-01-02 03:04:05'::timestamp, '2024-02-29'::date, '23:59:59.5'::time, 'x'::varchar, true, 7::int2,
		'{"a": [1, 2]}'::jsonb, '{"b": 1}'::json, '\x00ff'::bytea, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid`, nil},
	{`SELECT $1::int4 + 1, $2::int8 * 2, $3::numeric + 1, $4::text || '!', $5::date + 1, $6::timestamptz, $7::bool, $8::float8 / 2`,
		[]any{41, int64(1) << 40, "12.50", "hi", "2024-02-28", "2024-03-01 12:00:00+00", true, 3.0}},
}

// TestPgxExecModesMatchPostgreSQL runs each query in every pgx mode on
// Auger and on PostgreSQL and compares the decoded Go values.
func TestPgxExecModesMatchPostgreSQL(t *testing.T) {
	f := gateway(t)
	auger, direct := f.connect(t), f.direct(t)
	for _, q := range pgxQueries {
		for name, mode := range execModes {
			for _, source := range []string{"postgresql", "local parquet"} {
				want, err := pgxValues(direct, directSQL(q.sql), mode, q.args, source)
				if err != nil {
					t.Fatalf("PostgreSQL %s: %s: %v", name, q.sql, err)
				}
				sql := augerSQL(q.sql, source)
				got, err := pgxValues(auger, sql, mode, q.args, source)
				if err != nil {
					t.Errorf("%s %s: %s: %v", source, name, sql, err)
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %s: %s\n got %v\nwant %v", source, name, sql, got, want)
				}
			}
		}
	}
}

// pgxValues runs sql in mode and returns its column types (those a
// source's copy cannot keep mapped as comparableTypes maps them) and
// decoded rows.
func pgxValues(conn *pgx.Conn, sql string, mode pgx.QueryExecMode, args []any, source string) ([]any, error) {
	rows, err := conn.Query(context.Background(), sql, append([]any{mode}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var oids []uint32
	for _, fd := range rows.FieldDescriptions() {
		oids = append(oids, fd.DataTypeOID)
	}
	out := []any{comparableTypes(source, oids)}
	for rows.Next() {
		v, err := rows.Values()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// TestPgxBatchWithFailure sends a pgx Batch (one pipeline, one Sync)
// whose middle statement fails, and compares what each statement
// returns with PostgreSQL: the ones before it succeed, it fails, and the
// ones after are skipped; the connection then goes on.
func TestPgxBatchWithFailure(t *testing.T) {
	f := gateway(t)
	for _, mode := range []string{"cache_statement", "cache_describe", "describe_exec", "exec", "simple_protocol"} {
		want := batchOutcome(t, connectIn(t, f.pgURL, mode), directSQL)
		got := batchOutcome(t, connectIn(t, f.url(), mode), func(sql string) string { return augerSQL(sql, "local parquet") })
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %v\nwant %v", mode, got, want)
		}
	}
}

// batchOutcome runs a batch with a failing statement in the middle and
// returns each statement's value or SQLSTATE, then a query's after it.
func batchOutcome(t *testing.T, conn *pgx.Conn, table func(string) string) []string {
	ctx := context.Background()
	b := &pgx.Batch{}
	b.Queue(table(`SELECT count(*) FROM {T} WHERE "UserID" < $1`), 10)
	b.Queue(`SELECT $1::int + 1`, 1)
	b.Queue(table(`SELECT sum(10 / ("UserID" - $1)) FROM {T}`), 5)
	b.Queue(`SELECT $1::text || 'b'`, "a")
	b.Queue(table(`SELECT max("UserID") FROM {T}`))
	results := conn.SendBatch(ctx, b)
	var out []string
	for range b.QueuedQueries {
		var v any
		if err := results.QueryRow().Scan(&v); err != nil {
			out = append(out, "error "+sqlState(err))
		} else {
			out = append(out, fmt.Sprint(v))
		}
	}
	if err := results.Close(); err != nil {
		out = append(out, "close: error "+sqlState(err))
	}
	var after int
	if err := conn.QueryRow(ctx, `SELECT 42`).Scan(&after); err != nil {
		out = append(out, "after: "+err.Error())
	} else {
		out = append(out, fmt.Sprint("after: ", after))
	}
	return out
}

// connectIn opens a pgx connection whose default exec mode is mode (as
// pgx's default_query_exec_mode names it).
func connectIn(t *testing.T, url, mode string) *pgx.Conn {
	t.Helper()
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	conn, err := pgx.Connect(context.Background(), url+sep+"default_query_exec_mode="+mode)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}
