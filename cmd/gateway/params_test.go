package main

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// parameterQueries are queries with $n parameters and the values a client
// binds; pgx prepares each, reads the parameter types the server infers,
// and sends the values in binary where it can.
var parameterQueries = []struct {
	sql  string
	args []any
}{
	{`SELECT "UserID", "Username" FROM {T} WHERE "UserID" = $1`, []any{5}},
	{`SELECT "UserID" FROM {T} WHERE "UserID" BETWEEN $1 AND $2 ORDER BY 1`, []any{10, 14}},
	{`SELECT "UserID" FROM {T} WHERE "Username" LIKE $1 ORDER BY 1`, []any{"B%"}},
	{`SELECT "UserID", signup FROM {T} WHERE signup > $1 AND "UserID" < $2 ORDER BY 1`, []any{time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC), 30}},
	{`SELECT "UserID" FROM {T} WHERE last_login < $1 ORDER BY 1`, []any{time.Date(2024, 1, 20, 0, 0, 0, 0, time.UTC)}},
	{`SELECT "UserID" FROM {T} WHERE created_at >= $1 AND "UserID" < 20 ORDER BY 1`, []any{time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)}},
	{`SELECT "UserID", balance FROM {T} WHERE balance > $1 AND "UserID" < 40 ORDER BY 1`, []any{100.5}},
	{`SELECT "UserID" FROM {T} WHERE score > $1 AND active = $2 ORDER BY 1`, []any{50.5, true}},
	{`SELECT "UserID" FROM {T} WHERE token = $1`, []any{uuid.NewSHA1(uuid.NameSpaceOID, []byte("alice_1")).String()}},
	{`SELECT "UserID" FROM {T} WHERE email = $1`, []any{nil}},
	{`SELECT $1 || "Username", $2 + "UserID" FROM {T} WHERE "UserID" < 4 ORDER BY 2`, []any{"name: ", 1000}},
	{`SELECT "UserID" FROM {T} WHERE "UserID" IN (SELECT "UserID" + $1 FROM {P} WHERE small > $2) ORDER BY 1`, []any{1, 30}},
	{`SELECT count(*) FROM {T} WHERE small < $1 OR big > $2`, []any{int16(-40), int64(1) << 40}},
	{`SELECT "UserID", $1::int + 1 FROM {T} WHERE "UserID" = $1::int`, []any{"3"}},
	{`SELECT "UserID", lag("UserID", $1) OVER (ORDER BY "UserID"), sum("UserID") OVER (ORDER BY "UserID" ROWS BETWEEN $2 PRECEDING AND CURRENT ROW) FROM {T} WHERE "UserID" < 10 ORDER BY 1`, []any{2, 3}},
	{`SELECT "UserID", count(*) OVER (ORDER BY score RANGE BETWEEN $1 PRECEDING AND CURRENT ROW) FROM {T} WHERE "UserID" < 30 ORDER BY 1`, []any{5.5}},
	{`SELECT "ID" FROM {A} WHERE ints = $1 ORDER BY 1`, []any{[]int32{3}}},
	{`SELECT "ID" FROM {A} WHERE $1 = ANY(tags) ORDER BY 1`, []any{"red"}},
	{`SELECT "ID", ints || $1::int[] FROM {A} WHERE "ID" < 4 ORDER BY 1`, []any{[]int32{7, 8}}},
	{`SELECT "ID" FROM {A} WHERE tags && $1 ORDER BY 1`, []any{[]string{"red", "zoë"}}},
	{`SELECT unnest($1::text[]) AS t, generate_series(1, $2) AS n ORDER BY 2`, []any{[]string{"a", "b c"}, 3}},
}

// TestParametersMatchPostgreSQL runs prepared statements with bound
// parameters through Auger on every source and directly on PostgreSQL,
// and compares the parameter types, the column types and the values.
func TestParametersMatchPostgreSQL(t *testing.T) {
	f := gateway(t)
	auger, direct := f.connect(t), f.direct(t)
	for _, q := range parameterQueries {
		want, err := boundQuery(direct, directSQL(q.sql), q.args)
		if err != nil {
			t.Fatalf("PostgreSQL: %s: %v", q.sql, err)
		}
		for source := range usersTables {
			sql := augerSQL(q.sql, source)
			got, err := boundQuery(auger, sql, q.args)
			if err != nil {
				t.Errorf("%s: %s: %v", source, sql, err)
				continue
			}
			if !reflect.DeepEqual(got.params, want.params) {
				t.Errorf("%s: %s\n parameter types %v, PostgreSQL's %v", source, sql, got.params, want.params)
			}
			if got.rows != want.rows || !reflect.DeepEqual(comparableTypes(source, got.columns), comparableTypes(source, want.columns)) {
				t.Errorf("%s: %s\n got %v %s\nwant %v %s", source, sql, got.columns, got.rows, want.columns, want.rows)
			}
		}
	}
}

// boundResult is what a prepared statement reports and returns.
type boundResult struct {
	params, columns []uint32
	rows            string
}

// boundQuery prepares sql, then runs it with args, decoding every value.
func boundQuery(conn *pgx.Conn, sql string, args []any) (boundResult, error) {
	ctx := context.Background()
	sd, err := conn.Prepare(ctx, "", sql)
	if err != nil {
		return boundResult{}, err
	}
	r := boundResult{params: sd.ParamOIDs}
	for _, fd := range sd.Fields {
		r.columns = append(r.columns, fd.DataTypeOID)
	}
	rows, err := conn.Query(ctx, sql, args...)
	if err != nil {
		return r, err
	}
	values, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) ([]any, error) { return row.Values() })
	if err != nil {
		return r, err
	}
	var b strings.Builder
	for _, v := range values {
		fmt.Fprintln(&b, v...)
	}
	r.rows = b.String()
	if len(values) == 0 && !strings.Contains(sql, "email = $1") {
		return r, fmt.Errorf("no rows: the query does not test anything")
	}
	return r, nil
}

// TestParameterErrors checks PostgreSQL's errors for parameters the
// statement cannot type or the client does not send.
func TestParameterErrors(t *testing.T) {
	f := gateway(t)
	auger := f.connect(t)
	ctx := context.Background()
	_, err := auger.Prepare(ctx, "", "SELECT $2")
	if sqlState(err) != "42P18" {
		t.Errorf("a skipped parameter: %v, want 42P18", err)
	}
	_, err = auger.Exec(ctx, `SELECT "UserID" FROM `+usersTables["local parquet"]+` WHERE "UserID" = $1`, "x")
	if pgErr, ok := err.(*pgconn.PgError); !ok || pgErr.Code != "22P02" {
		t.Errorf("a malformed integer parameter: %v, want 22P02", err)
	}
	var n int
	if err := auger.QueryRow(ctx, "SELECT 1").Scan(&n); err != nil || n != 1 {
		t.Errorf("the connection does not serve after a parameter error: %v", err)
	}
}
