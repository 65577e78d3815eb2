package sql

import (
	"reflect"
	"testing"

	"auger/internal/sqlstate"
)

// parseOneStatement parses text that holds one statement.
func parseOneStatement(t *testing.T, text string) Statement {
	t.Helper()
	stmts, err := Parse(text)
	if err != nil || len(stmts) != 1 {
		t.Fatalf("Parse(%q) = %d statements, %v", text, len(stmts), err)
	}
	return stmts[0]
}

func TestParseCreateTableAs(t *testing.T) {
	cases := []struct {
		in                   string
		name                 string
		columns, partitionBy []string
		ifNotExists          bool
	}{
		{"CREATE TABLE t AS SELECT 1", "t", nil, nil, false},
		{"create table if not exists dfs.tmp.`Sales` (a, \"B\") as select 1, 2", `dfs.tmp."Sales"`, []string{"a", "B"}, nil, true},
		{"CREATE TABLE s3.lake.t PARTITION BY (Year, `Month`) AS SELECT 1 AS year, 2 AS \"Month\"", "s3.lake.t", nil, []string{"year", "Month"}, false},
		{"CREATE TABLE t (a, b) PARTITION BY (a) AS SELECT 1, 2", "t", []string{"a", "b"}, []string{"a"}, false},
		{"CREATE TABLE t AS SELECT a, row_number() OVER (PARTITION BY a) FROM x", "t", nil, nil, false},
		{"CREATE TABLE t AS (SELECT 1 UNION SELECT 2)", "t", nil, nil, false},
		{"CREATE TABLE t AS VALUES (1), (2)", "t", nil, nil, false},
	}
	for _, c := range cases {
		got, ok := parseOneStatement(t, c.in).(*CreateTableAs)
		if !ok {
			t.Errorf("%q: not a CreateTableAs", c.in)
			continue
		}
		if got.Name.String() != c.name || !reflect.DeepEqual(got.Columns, c.columns) ||
			!reflect.DeepEqual(got.PartitionBy, c.partitionBy) || got.IfNotExists != c.ifNotExists || got.Query == nil {
			t.Errorf("%q = %s %v %v %v %T", c.in, got.Name, got.Columns, got.PartitionBy, got.IfNotExists, got.Query)
		}
		if want, _ := RewriteBackticks(c.in); got.Text() != want {
			t.Errorf("%q: Text() = %q, want the statement as written", c.in, got.Text())
		}
	}
}

func TestParseInsert(t *testing.T) {
	cases := []struct {
		in      string
		table   string
		columns []string
		values  bool
	}{
		{"INSERT INTO postgresql.public.t SELECT * FROM s", "postgresql.public.t", nil, false},
		{"insert into T (a, \"B\") values (1, 'x'), (2, NULL)", "t", []string{"a", "B"}, true},
		{"WITH w AS (SELECT 1 AS a) INSERT INTO t (a) SELECT a FROM w", "t", []string{"a"}, false},
	}
	for _, c := range cases {
		got, ok := parseOneStatement(t, c.in).(*Insert)
		if !ok {
			t.Errorf("%q: not an Insert", c.in)
			continue
		}
		_, isValues := got.Query.(*Values)
		if got.Table.String() != c.table || !reflect.DeepEqual(got.Columns, c.columns) || isValues != c.values {
			t.Errorf("%q = %s %v %T", c.in, got.Table, got.Columns, got.Query)
		}
	}
	if sel := parseOneStatement(t, cases[2].in).(*Insert).Query.(*Select); len(sel.With) != 1 {
		t.Errorf("WITH before INSERT should reach the SELECT: %+v", sel.With)
	}
}

func TestParseDrop(t *testing.T) {
	name := func(loc int, parts ...Ident) Name { return Name{Parts: parts, Location: loc} }
	cases := []struct {
		in   string
		want Drop
	}{
		{"DROP TABLE t", Drop{Names: []Name{name(11, Ident{Name: "t"})}}},
		{"drop table if exists dfs.tmp.`X`, s3.lake.y CASCADE", Drop{IfExists: true, Names: []Name{
			name(21, Ident{Name: "dfs"}, Ident{Name: "tmp"}, Ident{Name: "X", Quoted: true}),
			name(34, Ident{Name: "s3"}, Ident{Name: "lake"}, Ident{Name: "y"})}}},
		{"DROP VIEW IF EXISTS v RESTRICT;", Drop{View: true, IfExists: true, Names: []Name{name(20, Ident{Name: "v"})}}},
	}
	for _, c := range cases {
		got, ok := parseOneStatement(t, c.in).(*Drop)
		if !ok {
			t.Errorf("%q: not a Drop", c.in)
			continue
		}
		c.want.base = got.base
		if !reflect.DeepEqual(*got, c.want) {
			t.Errorf("%q = %+v, want %+v", c.in, *got, c.want)
		}
	}
}

func TestParseCreateView(t *testing.T) {
	cases := []struct {
		in, name, query string
		columns         []string
		replace         bool
	}{
		{"CREATE VIEW dfs.tmp.v AS SELECT a FROM t WHERE b = 'as'", "dfs.tmp.v", "SELECT a FROM t WHERE b = 'as'", nil, false},
		{"create or replace view `V` (x, y) as\n  (select 1, 2)  ", `"V"`, "(select 1, 2)", []string{"x", "y"}, true},
	}
	for _, c := range cases {
		got, ok := parseOneStatement(t, c.in).(*CreateView)
		if !ok {
			t.Errorf("%q: not a CreateView", c.in)
			continue
		}
		if got.Name.String() != c.name || got.QueryText != c.query || !reflect.DeepEqual(got.Columns, c.columns) || got.Replace != c.replace || got.Query == nil {
			t.Errorf("%q = %s %q %v %v", c.in, got.Name, got.QueryText, got.Columns, got.Replace)
		}
	}
}

func TestParseAlterSession(t *testing.T) {
	cases := []struct {
		in   string
		want SetVariable
	}{
		{"ALTER SESSION SET `store.format` = 'csv'", SetVariable{Name: "store.format", Value: "csv", Values: []string{"csv"}}},
		{"alter session set store.parquet.block-size = 1048576", SetVariable{}},
		{"ALTER SESSION SET `store.parquet.block-size` = 1048576", SetVariable{Name: "store.parquet.block-size", Value: "1048576", Values: []string{"1048576"}}},
		{"ALTER SESSION RESET `store.format`", SetVariable{Name: "store.format", Default: true, Reset: true}},
		{"alter session reset all", SetVariable{Default: true, Reset: true, All: true}},
	}
	for _, c := range cases {
		stmts, err := Parse(c.in)
		if c.want.Name == "" && !c.want.All {
			if sqlstate.Code(err) != sqlstate.SyntaxError {
				t.Errorf("%q: want a syntax error, got %v", c.in, err)
			}
			continue
		}
		if err != nil || len(stmts) != 1 {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		got, ok := stmts[0].(*SetVariable)
		if !ok {
			t.Errorf("%q = %T", c.in, stmts[0])
			continue
		}
		c.want.base = got.base
		if !reflect.DeepEqual(*got, c.want) {
			t.Errorf("%q = %+v, want %+v", c.in, *got, c.want)
		}
	}
}

func TestParseWriteErrors(t *testing.T) {
	cases := []struct {
		in, code string
		position int
	}{
		{"INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING", sqlstate.FeatureNotSupported, 26},
		{"INSERT INTO t VALUES (1) RETURNING *", sqlstate.FeatureNotSupported, 0},
		{"INSERT INTO t DEFAULT VALUES", sqlstate.FeatureNotSupported, 0},
		{"CREATE TEMP TABLE t AS SELECT 1", sqlstate.FeatureNotSupported, 19},
		{"CREATE TABLE t AS SELECT 1 WITH NO DATA", sqlstate.FeatureNotSupported, 0},
		{"SELECT 1 INTO t", sqlstate.FeatureNotSupported, 0},
		{"CREATE MATERIALIZED VIEW m AS SELECT 1", sqlstate.FeatureNotSupported, 0},
		{"ALTER SYSTEM SET work_mem = '1MB'", sqlstate.FeatureNotSupported, 0},
		{"ALTER SESSION SHOW x", sqlstate.SyntaxError, 15},
		{"ALTER SESSION SET TRANSACTION READ ONLY", sqlstate.FeatureNotSupported, 0},
		{"CREATE TABLE t PARTITION BY a AS SELECT 1 AS a", sqlstate.SyntaxError, 29},
		{"CREATE TABLE t PARTITION BY (a AS SELECT 1 AS a", sqlstate.SyntaxError, 32},
		{"CREATE TABLE t PARTITION BY (a) (b int)", sqlstate.FeatureNotSupported, 0},
		{"CREATE TABLE t PARTITION BY (a) AS SELECT 1 AS a FROM", sqlstate.SyntaxError, 54},
		{"DROP TABLE", sqlstate.SyntaxError, 11},
		{"DROP TABLE a b", sqlstate.SyntaxError, 14},
		{"DROP TABLE a,", sqlstate.SyntaxError, 14},
	}
	for _, c := range cases {
		_, err := Parse(c.in)
		e, ok := err.(*sqlstate.Error)
		if !ok || e.Code != c.code || (c.position != 0 && e.Position != c.position) {
			t.Errorf("%q: %v (%#v), want %s at %d", c.in, err, err, c.code, c.position)
		}
	}
}
