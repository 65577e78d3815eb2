package main

import (
	"encoding/json"
	"fmt"
	"reflect"
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

// inspection is what pyclient.py's inspect command answers.
type inspection struct {
	Schemas     []string            `json:"schemas"`
	Tables      map[string][]string `json:"tables"`
	Columns     map[string][][]any  `json:"columns"`
	PrimaryKeys map[string][]any    `json:"primary_keys"`
}

// inspect runs the SQLAlchemy inspector through pyclient.py.
func inspect(t *testing.T, dsn string, schemas []string, tables [][2]string) inspection {
	t.Helper()
	out := runPython(t, dsn, []pyCommand{{Op: "inspect", Schemas: schemas, Tables: tables}}, func(s string) string { return s })
	var in inspection
	if err := json.Unmarshal([]byte(out[0]), &in); err != nil {
		t.Fatalf("inspect: %v: %s", err, out[0])
	}
	return in
}

// TestSQLAlchemyInspector browses every kind of schema with SQLAlchemy's
// inspector: get_schema_names lists them, get_table_names their tables,
// and get_columns and get_pk_constraint describe the users tables as
// PostgreSQL describes "Users" (for Parquet files: one string type, text,
// nullability as the file says, and no primary key).
func TestSQLAlchemyInspector(t *testing.T) {
	f := gateway(t)
	want := inspect(t, f.directDSN(t), []string{"public"}, [][2]string{{"public", "Users"}})
	got := inspect(t, f.dsn(), []string{"postgresql.public", "dfs.data", "s3.warehouse"},
		[][2]string{{"postgresql.public", "Users"}, {"dfs.data", "users.parquet"}, {"s3.warehouse", "users.parquet"}})
	for _, s := range []string{"postgresql.public", "dfs.data", "s3.warehouse", "information_schema"} {
		if !contains(got.Schemas, s) {
			t.Errorf("get_schema_names: %v lacks %s", got.Schemas, s)
		}
	}
	if !reflect.DeepEqual(got.Tables["postgresql.public"], want.Tables["public"]) {
		t.Errorf("get_table_names(postgresql.public): %v, PostgreSQL's public: %v", got.Tables["postgresql.public"], want.Tables["public"])
	}
	for _, s := range []string{"dfs.data", "s3.warehouse"} {
		if !contains(got.Tables[s], "users.parquet") {
			t.Errorf("get_table_names(%s): %v lacks users.parquet", s, got.Tables[s])
		}
	}
	wantColumns, wantKey := want.Columns["public.Users"], want.PrimaryKeys["public.Users"]
	if len(wantColumns) != len(usersColumns) || len(want.Tables["public"]) == 0 {
		t.Fatalf("PostgreSQL's inspector answered %+v", want)
	}
	if c := got.Columns["postgresql.public.Users"]; !reflect.DeepEqual(c, wantColumns) {
		t.Errorf("get_columns(postgresql.public.Users):\n got %v\nwant %v", c, wantColumns)
	}
	if k := got.PrimaryKeys["postgresql.public.Users"]; !reflect.DeepEqual(k, wantKey) {
		t.Errorf("get_pk_constraint(postgresql.public.Users): %v, want %v", k, wantKey)
	}
	for _, name := range []string{"dfs.data.users.parquet", "s3.warehouse.users.parquet"} {
		if c := fileColumns(got.Columns[name]); !reflect.DeepEqual(c, fileColumns(wantColumns)) {
			t.Errorf("get_columns(%s):\n got %v\nwant %v", name, c, fileColumns(wantColumns))
		}
		if k := got.PrimaryKeys[name]; !reflect.DeepEqual(k, []any{[]any{}, nil}) {
			t.Errorf("get_pk_constraint(%s): %v, want none", name, k)
		}
	}
}

// fileColumns renders inspector columns as a Parquet copy can keep them:
// name and type, VARCHAR read as TEXT, without nullability or default.
func fileColumns(columns [][]any) []string {
	var out []string
	for _, c := range columns {
		typ := fmt.Sprint(c[1])
		if strings.HasPrefix(typ, "VARCHAR") {
			typ = "TEXT"
		}
		out = append(out, fmt.Sprint(c[0], " ", typ))
	}
	return out
}

// TestPsycopg2InformationSchema reads information_schema through
// psycopg2, whose dictionary keys are the column names RowDescription
// gives: they, their types and the rows for the PostgreSQL users table
// must be PostgreSQL's own.
func TestPsycopg2InformationSchema(t *testing.T) {
	f := gateway(t)
	comparePython(t, f, []pyCommand{
		{Op: "query", SQL: `SELECT column_name, ordinal_position, is_nullable, data_type, udt_name,
			character_maximum_length, numeric_precision, numeric_scale, column_default
			FROM information_schema.columns WHERE table_name = 'Users' AND table_schema IN ('public', 'postgresql.public') ORDER BY ordinal_position`},
		{Op: "query", SQL: `SELECT table_name, table_type FROM information_schema.tables
			WHERE table_name = 'Users' AND table_schema IN ('public', 'postgresql.public')`},
		{Op: "query", SQL: `SELECT constraint_type, count(*) FROM information_schema.table_constraints
			WHERE table_name = 'Users' AND table_schema IN ('public', 'postgresql.public') GROUP BY 1 ORDER BY 1`},
	}, "postgresql")
}
