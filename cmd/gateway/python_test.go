package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"auger/internal/testenv"
)

// pyCommand is one command of testdata/clients/pyclient.py.
type pyCommand struct {
	Op       string      `json:"op"`
	SQL      string      `json:"sql,omitempty"`
	Params   any         `json:"params,omitempty"`
	ItemSize int         `json:"itersize,omitempty"`
	Schemas  []string    `json:"schemas,omitempty"`
	Tables   [][2]string `json:"tables,omitempty"`
}

// runPython runs commands through pyclient.py on the server at dsn, with
// {T} in each SQL rewritten by table, and returns one JSON answer per
// command.
func runPython(t *testing.T, dsn string, cmds []pyCommand, table func(string) string) []string {
	t.Helper()
	testenv.PythonClients(t)
	var in strings.Builder
	for _, c := range cmds {
		c.SQL = table(c.SQL)
		line, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		in.Write(line)
		in.WriteString("\n")
	}
	out, err := testenv.RunPython("testdata/clients/pyclient.py", in.String(), dsn)
	if err != nil {
		t.Fatalf("pyclient.py on %s: %v\noutput:\n%s", dsn, err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(cmds) {
		t.Fatalf("pyclient.py on %s answered %d commands of %d:\n%s", dsn, len(lines), len(cmds), out)
	}
	return lines
}

// directDSN is the libpq address of the reference PostgreSQL.
func (f *fixture) directDSN(t *testing.T) string {
	cfg, err := pgconn.ParseConfig(f.pgURL)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("host=%s port=%d dbname=%s user=%s sslmode=disable", cfg.Host, cfg.Port, cfg.Database, cfg.User)
}

// dsn is the libpq address of the gateway.
func (f *fixture) dsn() string {
	host, port := splitAddr(f.addr)
	return fmt.Sprintf("host=%s port=%s dbname=anydb user=analyst sslmode=disable", host, port)
}

// comparePython runs commands on PostgreSQL and on Auger for each source
// and reports every answer that differs.
func comparePython(t *testing.T, f *fixture, cmds []pyCommand, sources ...string) {
	t.Helper()
	want := runPython(t, f.directDSN(t), cmds, directSQL)
	for _, source := range sources {
		got := runPython(t, f.dsn(), cmds, func(sql string) string { return augerSQL(sql, source) })
		for i := range cmds {
			if got[i] != want[i] {
				t.Errorf("%s: %s %s\n got %s\nwant %s", source, cmds[i].Op, augerSQL(cmds[i].SQL, source), got[i], want[i])
			}
		}
	}
}

// TestPsycopg2Parameters runs parameterised queries through psycopg2,
// which puts the values into the query text itself, and compares the
// columns (with their type OIDs) and rows with PostgreSQL's.
func TestPsycopg2Parameters(t *testing.T) {
	f := gateway(t)
	comparePython(t, f, []pyCommand{
		{Op: "query", SQL: `SELECT "UserID", "Username", signup FROM {T} WHERE "UserID" = %s`, Params: []any{7}},
		{Op: "query", SQL: `SELECT "UserID", balance FROM {T} WHERE "Username" LIKE %s AND balance > %s ORDER BY 1`, Params: []any{"%a%", 10.5}},
		{Op: "query", SQL: `SELECT "UserID" FROM {T} WHERE signup >= %s::date AND last_login < %s ORDER BY 1`, Params: []any{"2023-01-01", "2024-03-01 00:00:00"}},
		{Op: "query", SQL: `SELECT "UserID", email::text FROM {T} WHERE email IS NOT DISTINCT FROM %s ORDER BY 1 LIMIT %s`, Params: []any{nil, 5}},
		{Op: "query", SQL: `SELECT "UserID" FROM {T} WHERE "Username" = %(name)s OR "UserID" = %(id)s ORDER BY 1`, Params: map[string]any{"name": "O'Brien_3", "id": 4}},
		{Op: "query", SQL: `SELECT "UserID" FROM {T} WHERE "UserID" IN %s ORDER BY 1`, Params: []any{[]int{2, 4, 8}}},
		{Op: "query", SQL: `SELECT nope FROM {T}`},
		{Op: "query", SQL: `SELECT count(*) FROM {T}`},
	}, "postgresql", "local parquet", "s3 workspace")
}

// TestPsycopg2NamedCursor reads a result through a psycopg2 named
// cursor, which declares a server-side cursor and fetches from it.
func TestPsycopg2NamedCursor(t *testing.T) {
	f := gateway(t)
	comparePython(t, f, []pyCommand{
		{Op: "named", SQL: `SELECT "UserID", "Username" FROM {T} ORDER BY 1`, ItemSize: 7},
		{Op: "query", SQL: `SELECT 1 AS after`},
	}, "postgresql", "local parquet")
}

// TestSQLAlchemyText connects an SQLAlchemy engine and runs text()
// queries with bind parameters.
func TestSQLAlchemyText(t *testing.T) {
	f := gateway(t)
	comparePython(t, f, []pyCommand{
		{Op: "sa_text", SQL: `SELECT "UserID", "Username" FROM {T} WHERE "UserID" < :n ORDER BY 1`, Params: map[string]any{"n": 5}},
		{Op: "sa_text", SQL: `SELECT "UserID", signup FROM {T} WHERE signup = :d`, Params: map[string]any{"d": "2021-02-02"}},
		{Op: "sa_text", SQL: `SELECT count(*) AS n FROM {T} WHERE "Username" <> :name`, Params: map[string]any{"name": "x"}},
	}, "postgresql", "local parquet", "s3 workspace")
}
