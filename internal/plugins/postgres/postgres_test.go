package postgres

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/testenv"
	"auger/internal/types"
)

func TestMain(m *testing.M) {
	code := testenv.RunCheckingArrowMemory(m)
	testenv.StopServers()
	os.Exit(code)
}

// fixtureSQL builds the test database: a mixed-case schema and table, the
// relation kinds a schema can list, and a table with every type the plugin
// decodes, with NULLs, unicode and extreme values.
var fixtureSQL = []string{
	`CREATE SCHEMA "Shop"`,
	`CREATE DOMAIN positive AS numeric(8,3) CHECK (VALUE > 0)`,
	`CREATE DOMAIN very_positive AS positive CHECK (VALUE > 1)`,
	`CREATE TYPE mood AS ENUM ('sad', 'happy')`,
	`CREATE TABLE "Shop"."Users" ("UserID" int PRIMARY KEY, "Username" text NOT NULL, email varchar(40),
		score positive, rank very_positive, feel mood, tags text[], joined timestamptz)`,
	`INSERT INTO "Shop"."Users" VALUES
		(1, 'O''Brien', 'ob@example.com', 1.5, 2.25, 'happy', '{a,b}', '2024-01-01 10:00:00+02'),
		(2, '''; DROP TABLE x; --', NULL, 20.125, NULL, 'sad', NULL, NULL),
		(3, 'zoë 🙂', 'zoe@example.com', NULL, 3, NULL, '{}', '2024-02-29 23:59:59.5+00'),
		(4, 'Ann', NULL, 4, 4.5, 'happy', '{c}', '1999-12-31 23:59:59.999999+00')`,
	`CREATE TABLE x (n int)`,
	`CREATE VIEW "Shop".cheap AS SELECT * FROM "Shop"."Users" WHERE score < 10`,
	`CREATE MATERIALIZED VIEW "Shop".mat AS SELECT "UserID" FROM "Shop"."Users"`,
	`CREATE TABLE "Shop".events (at date, what text) PARTITION BY RANGE (at)`,
	`CREATE TABLE "Shop".events_2024 PARTITION OF "Shop".events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
	`CREATE FOREIGN DATA WRAPPER nowhere`,
	`CREATE SERVER nowhere FOREIGN DATA WRAPPER nowhere`,
	`CREATE FOREIGN TABLE "Shop".remote (n int) SERVER nowhere`,
	`CREATE SEQUENCE "Shop".seq`,
	`CREATE INDEX users_name ON "Shop"."Users" ("Username")`,
	`CREATE TYPE "Shop".pair AS (a int, b int)`,
	`CREATE TABLE "Shop"."Dup" (n int)`,
	`CREATE TABLE "Shop"."DUP" (n int)`,
	`CREATE TABLE everything (id int PRIMARY KEY, b bool, i2 int2, i4 int4, i8 int8, f4 float4, f8 float8,
		n10 numeric(10,2), n50 numeric(50,10), nfree numeric, t text, vc varchar(10), bp char(5), nm name,
		by bytea, d date, tm time, ts timestamp, tstz timestamptz, iv interval, u uuid, j json, jb jsonb,
		o oid, arr int[], e mood, addr inet, r int4range)`,
	`INSERT INTO everything VALUES
		(1, true, 12, 123456, 1234567890123, 1.5, 2.25, 12345678.91,
		 '1234567890123456789012345678901234567890.0123456789', '-0.000123456789012345678901234567890',
		 'zoë 🙂 O''Brien', 'ünïcödé', 'ab', 'a name', '\x00ff10', '2024-02-29', '13:45:56.789012',
		 '2024-02-29 13:45:56.789012', '2024-02-29 13:45:56.789012+05:30', '1 year 2 mons 3 days 04:05:06.789',
		 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{ "a" : [1, 2.50] }', '{"b": {"c": null}, "a": 1}', 4242,
		 '{1,NULL,3}', 'happy', '192.168.0.1/24', '[1,10)'),
		(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
		(3, false, -32768, 2147483647, -9223372036854775808, '-Infinity', 'NaN', -99999999.99,
		 '-9999999999999999999999999999999999999999.9999999999', 'NaN', '', '', '', '', '', '0044-03-15 BC',
		 '24:00:00', '4713-01-01 00:00:00 BC', '1970-01-01 00:00:00+00', '-178000000 years -1 days -00:00:00.000001',
		 '00000000-0000-0000-0000-000000000000', '[]', '"\u00e9"', 0, '{}', 'sad', '::1', 'empty'),
		(4, true, 32767, -2147483648, 9223372036854775807, 1.17549435e-38, -0.0, 0, 0, '123.4500',
		 E'tab\there\nnewline', 'x', 'abcde', 'n', '\x', 'infinity', '00:00:00', '-infinity', 'infinity',
		 '0 seconds', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'null', '12.5e3', 4294967295, NULL, NULL, NULL, NULL),
		(5, NULL, 0, 0, 0, 0, 'Infinity', 0.01, '0.0000000001', 'Infinity', 'x', NULL, NULL, NULL, NULL,
		 '-infinity', NULL, 'infinity', '-infinity', '-1 mons +2 days', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
	`CREATE TABLE nums (id int, free numeric, d38 numeric(38,10), d76 numeric(76,20), d5 numeric(5,0), d4 numeric(4,4))`,
	`INSERT INTO nums VALUES
		(1, 0, 0, 0, 0, 0),
		(2, 1, 1, 1, 1, 0.0001),
		(3, -1, -1, -1, -1, -0.9999),
		(4, 0.5, 0.5, 0.5, 99999, 0.5),
		(5, 12345.6789, 9999999999999999999999999999.9999999999, '99999999999999999999999999999999999999999999999999999999.99999999999999999999', -99999, -0.0001),
		(6, '1e-30', '-0.0000000001', '-99999999999999999999999999999999999999999999999999999999.99999999999999999999', 10000, 0.1),
		(7, '1e100', 123456789012345678.0123456789, '0.00000000000000000001', 123, 0.12),
		(8, '123.4500', 10000, 10000, 1000, 0.123),
		(9, '-Infinity', 100000000, 1e40, 0, 0),
		(10, 10000, 0.0001, 0.0001, 0, 0),
		(11, 0.0001, 1.0001, 100000000.00000001, 0, 0),
		(12, '100000000.00000001', 0.00001, 1e-19, 0, 0)`,
	// 100 million rows that stream: a generate_series in FROM would be
	// materialised first.
	`CREATE VIEW big AS SELECT a * 10000 + b AS x FROM generate_series(0, 9999) a CROSS JOIN generate_series(1, 10000) b`,
	// Rows of 9 kB, so that PostgreSQL sends each as it is made, every 10 ms.
	`CREATE VIEW slow AS SELECT repeat('.', 9000) || g AS wide
		FROM generate_series(1, 100000) g CROSS JOIN LATERAL (SELECT pg_sleep(0.01 + g * 0)) nap`,
	`CREATE TABLE many AS SELECT x AS n, 'row ' || x AS label FROM generate_series(1, 20000) x`,
	`CREATE TABLE arrays (id int, i int[], t text[], n numeric(6,2)[], ts timestamptz[], m int[][], d date[],
		b bytea[], u uuid[], f float8[], vc varchar(5)[], inets inet[])`,
	`INSERT INTO arrays VALUES
		(1, '{1,NULL,-2147483648}', '{"a b","x\"y",NULL,"",NULL}', '{1.5,NULL,-9999.99}',
		 '{"2024-01-01 10:00:00+02",infinity}', '{{1,2},{3,NULL}}', '{2024-02-29,-infinity}', '{"\\x00ff",NULL}',
		 '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}', '{NaN,-Infinity,1e-300}', '{ab,NULL}', '{192.168.0.1}'),
		(2, '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}'),
		(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
		(4, '{7}', '{zoë}', '{0.01}', '{}', '{{5},{6},{7}}', NULL, '{"\\x"}', '{}', '{0}', '{}', '{}')`,
	`CREATE TABLE odd_arrays (id int, i int[])`,
	`INSERT INTO odd_arrays VALUES (1, '{{1,2}}'), (2, '[0:1]={1,2}')`,
}

// fixture is a fresh database built from fixtureSQL with a plugin pointed at
// it as Drill's jdbc configuration would be, reading into a checked
// allocator that must be empty when the test ends.
type fixture struct {
	url    string
	plugin *Plugin
	alloc  *memory.CheckedAllocator
}

func newFixture(t *testing.T, params map[string]any) *fixture {
	t.Helper()
	f := &fixture{url: testenv.CreateDatabase(t)}
	f.exec(t, fixtureSQL...)
	f.plugin = f.newPlugin(t, "pg", "", "", params)
	return f
}

// newPlugin makes a plugin for the fixture's database, as user (with
// password) when user is set.
func (f *fixture) newPlugin(t *testing.T, name, user, password string, params map[string]any) *Plugin {
	t.Helper()
	cfg, err := pgx.ParseConfig(f.url)
	if err != nil {
		t.Fatal(err)
	}
	if user == "" {
		user, password = cfg.User, cfg.Password
	}
	jdbc := fmt.Sprintf("jdbc:postgresql://%s/%s?sslmode=disable&prepareThreshold=0&ApplicationName=auger-test",
		net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))), cfg.Database)
	p, err := New(name, &config.Plugin{Type: "jdbc", URL: jdbc, Username: user, Password: password, SourceParameters: params})
	if err != nil {
		t.Fatal(err)
	}
	alloc := memory.NewCheckedAllocator(memory.NewGoAllocator())
	p.(*Plugin).alloc = alloc
	t.Cleanup(func() {
		p.Close()
		alloc.AssertSize(t, 0)
	})
	if f.alloc == nil {
		f.alloc = alloc
	}
	return p.(*Plugin)
}

func (f *fixture) exec(t *testing.T, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, f.url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, stmt := range stmts {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
}

func (f *fixture) table(t *testing.T, schema, name string) *table {
	t.Helper()
	tbl, err := f.plugin.Table(context.Background(), schema, name)
	if err != nil {
		t.Fatal(err)
	}
	return tbl.(*table)
}

// role creates a login role for one test and drops it afterwards.
func (f *fixture) role(t *testing.T, grants ...string) string {
	t.Helper()
	name := fmt.Sprintf("auger_role_%d_%d", os.Getpid(), time.Now().UnixNano())
	ident := pgx.Identifier{name}.Sanitize()
	f.exec(t, "CREATE ROLE "+ident+" LOGIN PASSWORD 'secret-pw'")
	t.Cleanup(func() { f.exec(t, "DROP OWNED BY "+ident, "DROP ROLE "+ident) })
	for _, g := range grants {
		f.exec(t, strings.ReplaceAll(g, "$role", ident))
	}
	return name
}

func TestRegistered(t *testing.T) {
	if !slices.Contains(catalog.RegisteredTypes(), "jdbc") {
		t.Errorf("plugin types %v lack jdbc", catalog.RegisteredTypes())
	}
}

func TestCatalog(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	schemas, err := f.plugin.Schemas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(schemas, ","); got != "Shop,public" {
		t.Errorf("schemas %s, want Shop,public", got)
	}
	if f.plugin.DefaultSchema() != "public" {
		t.Errorf("default schema %s", f.plugin.DefaultSchema())
	}
	cases := []struct{ schema, want string }{
		{"Shop", "DUP,Dup,Users,cheap,events,events_2024,mat,remote"},
		{"shop", "DUP,Dup,Users,cheap,events,events_2024,mat,remote"},
		{"public", "arrays,big,everything,many,nums,odd_arrays,slow,x"},
	}
	for _, c := range cases {
		tables, err := f.plugin.Tables(ctx, c.schema)
		if err != nil || strings.Join(tables, ",") != c.want {
			t.Errorf("Tables(%s) = %v, %v; want %s", c.schema, tables, err, c.want)
		}
	}
	if _, err := f.plugin.Tables(ctx, "nope"); !errors.Is(err, catalog.ErrSchemaNotFound) || sqlstate.Code(err) != sqlstate.InvalidSchemaName {
		t.Errorf("Tables of a missing schema: %v", err)
	}
}

func TestTableResolution(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	cases := []struct {
		schema, name string
		want         string // the table found, or the SQLSTATE of the error
		sentinel     error
	}{
		{"Shop", "Users", "Shop.Users", nil},
		{"Shop", "users", "Shop.Users", nil},
		{"shop", "USERS", "Shop.Users", nil},
		{"Shop", "Dup", "Shop.Dup", nil},
		{"Shop", "DUP", "Shop.DUP", nil},
		{"Shop", "dup", sqlstate.AmbiguousTable, nil},
		{"Shop", "nope", sqlstate.UndefinedTable, catalog.ErrTableNotFound},
		{"Shop", "seq", sqlstate.UndefinedTable, catalog.ErrTableNotFound},
		{"Shop", "users_name", sqlstate.UndefinedTable, catalog.ErrTableNotFound},
		{"nope", "Users", sqlstate.InvalidSchemaName, catalog.ErrSchemaNotFound},
	}
	for _, c := range cases {
		tbl, err := f.plugin.Table(ctx, c.schema, c.name)
		if err != nil {
			if sqlstate.Code(err) != c.want || (c.sentinel != nil && !errors.Is(err, c.sentinel)) {
				t.Errorf("Table(%s, %s): %v (%s), want %s", c.schema, c.name, err, sqlstate.Code(err), c.want)
			}
			continue
		}
		if got := tbl.(*table).schema + "." + tbl.(*table).name; got != c.want {
			t.Errorf("Table(%s, %s) = %s, want %s", c.schema, c.name, got, c.want)
		}
	}
}

func TestArrowSchema(t *testing.T) {
	f := newFixture(t, nil)
	users := `UserID:int32!:23 Username:utf8!:25 email:utf8:1043 score:decimal(8, 3):1700 rank:decimal(8, 3):1700 ` +
		`feel:utf8:25 tags:list<item: utf8, nullable>:1009 joined:timestamp[us, tz=UTC]:1184`
	cases := []struct {
		schema, table string
		want          string // name:type[!: not null]:the PostgreSQL type OID reported
	}{
		{"Shop", "Users", users},
		{"Shop", "cheap", strings.ReplaceAll(users, "!", "")},
		{"public", "everything", `id:int32!:23 b:bool:16 i2:int16:21 i4:int32:23 i8:int64:20 f4:float32:700 f8:float64:701 ` +
			`n10:decimal(10, 2):1700 n50:decimal256(50, 10):1700 nfree:numeric:1700 t:utf8:25 vc:utf8:1043 bp:utf8:1042 ` +
			`nm:utf8:19 by:binary:17 d:date32:1082 tm:time64[us]:1083 ts:timestamp[us]:1114 tstz:timestamp[us, tz=UTC]:1184 ` +
			`iv:month_day_nano_interval:1186 u:extension<arrow.uuid>:2950 j:extension<arrow.json[storage_type=utf8]>:114 ` +
			`jb:jsonb:3802 o:uint32:26 arr:list<item: int32, nullable>:1007 e:utf8:25 addr:utf8:25 r:utf8:25`},
		{"public", "arrays", `id:int32:23 i:list<item: int32, nullable>:1007 t:list<item: utf8, nullable>:1009 ` +
			`n:list<item: decimal(6, 2), nullable>:1231 ts:list<item: timestamp[us, tz=UTC], nullable>:1185 ` +
			`m:list<item: list<item: int32, nullable>, nullable>:1007 d:list<item: date32, nullable>:1182 ` +
			`b:list<item: binary, nullable>:1001 u:list<item: extension<arrow.uuid>, nullable>:2951 ` +
			`f:list<item: float64, nullable>:1022 vc:list<item: utf8, nullable>:1015 inets:utf8:25`},
	}
	for _, c := range cases {
		var cols []string
		for _, fld := range f.table(t, c.schema, c.table).Schema().Fields() {
			null := ""
			if !fld.Nullable {
				null = "!"
			}
			cols = append(cols, fmt.Sprintf("%s:%s%s:%d", fld.Name, fld.Type, null, types.FieldOID(fld)))
		}
		if got := strings.Join(cols, " "); got != c.want {
			t.Errorf("%s.%s columns\n got %s\nwant %s", c.schema, c.table, got, c.want)
		}
	}
}

// TestSchemasNeedUsage connects as a role that may use "Shop" only.
func TestSchemasNeedUsage(t *testing.T) {
	f := newFixture(t, nil)
	f.exec(t, `CREATE SCHEMA hidden`, `CREATE TABLE hidden.secret (n int)`)
	role := f.role(t, `GRANT USAGE ON SCHEMA "Shop" TO $role`, `REVOKE ALL ON SCHEMA public FROM PUBLIC`)
	p := f.newPlugin(t, "limited", role, "secret-pw", nil)
	ctx := context.Background()
	schemas, err := p.Schemas(ctx)
	if err != nil || strings.Join(schemas, ",") != "Shop" {
		t.Errorf("schemas %v, %v; want Shop", schemas, err)
	}
	if _, err := p.Table(ctx, "hidden", "secret"); !errors.Is(err, catalog.ErrSchemaNotFound) {
		t.Errorf("a schema without USAGE: %v", err)
	}
	tbl, err := p.Table(ctx, "Shop", "users")
	if err != nil {
		t.Fatal(err)
	}
	_, err = readRows(t, tbl, catalog.ScanRequest{Columns: []int{0}, Limit: -1})
	if sqlstate.Code(err) != "42501" || !strings.Contains(err.Error(), "permission denied") {
		t.Errorf("scan without SELECT: %v (%s), want PostgreSQL's 42501", err, sqlstate.Code(err))
	}
}

func col(t *table, name string) *expr.Column {
	idx := t.Schema().FieldIndices(name)
	if len(idx) != 1 {
		panic("no column " + name)
	}
	return &expr.Column{Index: idx[0], Name: name, Typ: t.Schema().Field(idx[0]).Type}
}

func lit(s scalar.Scalar) *expr.Literal { return &expr.Literal{Value: s} }
func str(s string) *expr.Literal        { return lit(scalar.NewStringScalar(s)) }
func i32(v int32) *expr.Literal         { return lit(scalar.NewInt32Scalar(v)) }

func TestScan(t *testing.T) {
	f := newFixture(t, nil)
	users := f.table(t, "Shop", "Users")
	id, name, email := col(users, "UserID"), col(users, "Username"), col(users, "email")
	nullText := lit(scalar.MakeNullScalar(arrow.BinaryTypes.String))
	cases := []struct {
		name    string
		columns []int
		filters []expr.Expr
		limit   int64
		want    string // rows separated by "; ", values by "|"
	}{
		{"projection in another order", []int{1, 0}, nil, -1,
			"O'Brien|1; '; DROP TABLE x; --|2; zoë 🙂|3; Ann|4"},
		{"quote in a literal", []int{0}, []expr.Expr{&expr.Compare{Op: expr.Eq, Left: name, Right: str("O'Brien")}}, -1, "1"},
		{"statement in a literal is data", []int{0, 1}, []expr.Expr{&expr.Compare{Op: expr.Eq, Left: name, Right: str("'; DROP TABLE x; --")}}, -1,
			"2|'; DROP TABLE x; --"},
		{"unicode", []int{0}, []expr.Expr{&expr.Compare{Op: expr.Ne, Left: str("zoë 🙂"), Right: name}}, -1, "1; 2; 4"},
		{"in list with null", []int{0}, []expr.Expr{&expr.InList{Arg: name, List: []expr.Expr{str("zoë 🙂"), nullText, str("Ann")}}}, -1, "3; 4"},
		{"not in list with null is never true", []int{0}, []expr.Expr{&expr.InList{Arg: name, List: []expr.Expr{str("Ann"), nullText}, Negated: true}}, -1, ""},
		{"is null", []int{0, 2}, []expr.Expr{&expr.IsNull{Arg: email}}, -1, "2|NULL; 4|NULL"},
		{"is not null on an array column", []int{0, 6}, []expr.Expr{&expr.IsNull{Arg: col(users, "tags"), Negated: true}}, -1, "1|{a,b}; 3|{}; 4|{c}"},
		{"and or not", []int{0}, []expr.Expr{
			&expr.Or{Args: []expr.Expr{&expr.Compare{Op: expr.Lt, Left: id, Right: i32(2)}, &expr.Not{Arg: &expr.IsNull{Arg: col(users, "rank")}}}},
			&expr.Compare{Op: expr.Ne, Left: id, Right: i32(3)},
		}, -1, "1; 4"},
		{"arithmetic", []int{0}, []expr.Expr{&expr.Compare{Op: expr.Gt, Left: &expr.Arith{Op: expr.Mul, Left: id, Right: i32(2), Typ: id.Typ}, Right: i32(5)}}, -1, "3; 4"},
		{"like", []int{0}, []expr.Expr{&expr.Like{Arg: name, Pattern: str("%'%")}}, -1, "1; 2"},
		{"decimal literal", []int{0}, []expr.Expr{&expr.Compare{Op: expr.Ge, Left: col(users, "score"),
			Right: mustLiteral(t, col(users, "score").Typ, "4.000")}}, -1, "2; 4"},
		{"timestamptz literal", []int{0}, []expr.Expr{&expr.Compare{Op: expr.Lt, Left: col(users, "joined"),
			Right: mustLiteral(t, col(users, "joined").Typ, "2024-01-01 08:00:00.000001+00")}}, -1, "1; 4"},
		{"limit", []int{0}, []expr.Expr{&expr.IsNull{Arg: id, Negated: true}}, 2, "1; 2"},
		{"limit zero", []int{0}, nil, 0, ""},
		{"empty projection", []int{}, []expr.Expr{&expr.Compare{Op: expr.Gt, Left: id, Right: i32(1)}}, -1, "; ; "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for i, v := range users.SupportsFilters(c.filters) {
				if v != catalog.Exact {
					t.Errorf("filter %s: %s, want exact", c.filters[i], v)
				}
			}
			rows, err := readRows(t, users, catalog.ScanRequest{Columns: c.columns, Filters: c.filters, Limit: c.limit})
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(rows, "; "); got != c.want {
				t.Errorf("rows %q, want %q", got, c.want)
			}
		})
	}
	var tables int
	conn, err := pgx.Connect(context.Background(), f.url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM pg_tables WHERE tablename = 'x'").Scan(&tables); err != nil || tables != 1 {
		t.Errorf("table x after the scans: %d, %v", tables, err)
	}
}

// TestEveryLiteralType filters on each column of everything with the value
// row 1 holds, as a literal of the column's type: PostgreSQL must find row 1.
func TestEveryLiteralType(t *testing.T) {
	f := newFixture(t, nil)
	tbl := f.table(t, "public", "everything")
	values := map[string]string{
		"b": "true", "i2": "12", "i4": "123456", "i8": "1234567890123", "f4": "1.5", "f8": "2.25", "n10": "12345678.91",
		"n50": "1234567890123456789012345678901234567890.0123456789", "nfree": "-0.000123456789012345678901234567890",
		"t": "zoë 🙂 O'Brien", "vc": "ünïcödé", "nm": "a name", "d": "2024-02-29", "ts": "2024-02-29 13:45:56.789012",
		"tstz": "2024-02-29 08:15:56.789012+00", "u": "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "o": "4242",
	}
	for name, text := range values {
		c := col(tbl, name)
		filters := []expr.Expr{&expr.Compare{Op: expr.Eq, Left: c, Right: mustLiteral(t, c.Typ, text)}}
		want := "1"
		if name == "b" {
			want = "1; 4"
		}
		checkIDs(t, tbl, name, filters, want)
	}
	widened := &expr.Cast{Arg: col(tbl, "i2"), To: arrow.PrimitiveTypes.Int64}
	checkIDs(t, tbl, "i2 as bigint", []expr.Expr{&expr.Compare{Op: expr.Eq, Left: widened, Right: lit(scalar.NewInt64Scalar(12))}}, "1")
	tm := col(tbl, "tm")
	checkIDs(t, tbl, "tm", []expr.Expr{&expr.Compare{Op: expr.Eq, Left: tm, Right: lit(scalar.NewTime64Scalar(49556789012, arrow.FixedWidthTypes.Time64us))}}, "1")
	by := col(tbl, "by")
	checkIDs(t, tbl, "by", []expr.Expr{&expr.Compare{Op: expr.Eq, Left: by,
		Right: lit(scalar.NewBinaryScalar(memory.NewBufferBytes([]byte{0, 0xff, 0x10}), arrow.BinaryTypes.Binary))}}, "1")
}

func checkIDs(t *testing.T, tbl *table, name string, filters []expr.Expr, want string) {
	t.Helper()
	if v := tbl.SupportsFilters(filters); v[0] != catalog.Exact {
		t.Errorf("%s: %s is %s", name, filters[0], v[0])
	}
	rows, err := readRows(t, tbl, catalog.ScanRequest{Columns: []int{0}, Filters: filters, Limit: -1})
	if err != nil || strings.Join(rows, "; ") != want {
		t.Errorf("%s: %s found %v, %v; want %s", name, filters[0], rows, err, want)
	}
}

func mustLiteral(t *testing.T, dt arrow.DataType, text string) *expr.Literal {
	t.Helper()
	s, err := types.ParseLiteral(dt, text)
	if err != nil {
		t.Fatalf("literal %s %q: %v", dt, text, err)
	}
	return lit(s)
}

func TestSupportsFilters(t *testing.T) {
	f := newFixture(t, nil)
	tbl := f.table(t, "public", "everything")
	c := func(name string) *expr.Column { return col(tbl, name) }
	eq := func(l, r expr.Expr) expr.Expr { return &expr.Compare{Op: expr.Eq, Left: l, Right: r} }
	textRange := &expr.Compare{Op: expr.Lt, Left: c("t"), Right: str("m")}
	cases := []struct {
		filter expr.Expr
		want   catalog.FilterVerdict
	}{
		{eq(c("t"), str("a")), catalog.Exact},
		{&expr.Compare{Op: expr.Ne, Left: c("vc"), Right: str("a")}, catalog.Exact},
		{&expr.Compare{Op: expr.Ge, Left: c("i4"), Right: i32(3)}, catalog.Exact},
		{&expr.InList{Arg: c("t"), List: []expr.Expr{str("a"), str("b")}, Negated: true}, catalog.Exact},
		{&expr.Like{Arg: c("t"), Pattern: str("a%")}, catalog.Exact},
		{&expr.IsNull{Arg: c("e")}, catalog.Exact},
		{&expr.IsNull{Arg: c("jb"), Negated: true}, catalog.Exact},
		{textRange, catalog.Unsupported},
		{&expr.Compare{Op: expr.Gt, Left: str("m"), Right: c("nm")}, catalog.Unsupported},
		{&expr.Like{Arg: c("t"), Pattern: str("a%"), CaseInsensitive: true}, catalog.Unsupported},
		{eq(c("bp"), str("ab")), catalog.Unsupported},
		{eq(c("e"), str("happy")), catalog.Unsupported},
		{eq(c("arr"), str("{}")), catalog.Unsupported},
		{&expr.IsNull{Arg: &expr.Compare{Op: expr.Eq, Left: c("jb"), Right: c("jb")}}, catalog.Unsupported},
		{&expr.And{Args: []expr.Expr{eq(c("i4"), i32(1)), textRange}}, catalog.Unsupported},
		{&expr.Or{Args: []expr.Expr{eq(c("i4"), i32(1)), textRange}}, catalog.Unsupported},
		{&expr.Not{Arg: textRange}, catalog.Unsupported},
		{eq(&expr.Cast{Arg: c("i4"), To: arrow.PrimitiveTypes.Int64}, lit(scalar.NewInt64Scalar(1))), catalog.Exact},
		{eq(&expr.Cast{Arg: c("i4"), To: arrow.BinaryTypes.String}, str("1")), catalog.Unsupported},
		{eq(&expr.Cast{Arg: c("f8"), To: arrow.PrimitiveTypes.Int64}, lit(scalar.NewInt64Scalar(2))), catalog.Unsupported},
		{eq(&expr.Func{Name: "length", Args: []expr.Expr{c("t")}, Typ: arrow.PrimitiveTypes.Int32}, i32(1)), catalog.Unsupported},
	}
	filters := make([]expr.Expr, len(cases))
	for i, cs := range cases {
		filters[i] = cs.filter
	}
	got := tbl.SupportsFilters(filters)
	for i, cs := range cases {
		if got[i] != cs.want {
			t.Errorf("%s: %s, want %s", cs.filter, got[i], cs.want)
		}
	}
}

// TestDecodingMatchesPgx reads tables through the plugin's decoder and
// compares every value with what pgx's own codecs make of the same remote
// query's result.
func TestDecodingMatchesPgx(t *testing.T) {
	f := newFixture(t, nil)
	cases := []struct {
		schema, table string
		columns       []int // nil: all
	}{
		{"public", "everything", nil},
		{"public", "everything", []int{27, 20, 9, 0}},
		{"public", "nums", nil},
		{"Shop", "Users", nil},
		{"Shop", "cheap", nil},
		{"public", "arrays", nil},
	}
	for _, c := range cases {
		tbl := f.table(t, c.schema, c.table)
		columns := c.columns
		if columns == nil {
			for i := range tbl.Schema().NumFields() {
				columns = append(columns, i)
			}
		}
		req := catalog.ScanRequest{Columns: columns, Limit: -1}
		got, err := readRows(t, tbl, req)
		if err != nil {
			t.Fatal(err)
		}
		query, args, err := tbl.remoteQuery(req)
		if err != nil {
			t.Fatal(err)
		}
		want := pgxRows(t, f.url, query, args)
		if len(got) != len(want) || len(got) == 0 {
			t.Fatalf("%s: %d rows, pgx %d", query, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s row %d\n got %s\npgx  %s", query, i, got[i], want[i])
			}
		}
	}
}

// TestNumericText checks unconstrained numerics against PostgreSQL's own
// text output, digit for digit.
func TestNumericText(t *testing.T) {
	f := newFixture(t, nil)
	tbl := f.table(t, "public", "nums")
	ctx := context.Background()
	r, err := tbl.Scan(ctx, catalog.ScanRequest{Columns: []int{1}, Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := r.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	got := b.Column(0).(*types.NumericArray).Storage().(*array.String)
	want := pgxRows(t, f.url, "SELECT free::text FROM nums", nil)
	if got.Len() != len(want) {
		t.Fatalf("%d numerics, want %d", got.Len(), len(want))
	}
	for i, w := range want {
		if got.Value(i) != w {
			t.Errorf("numeric %d: %s, PostgreSQL says %s", i, got.Value(i), w)
		}
	}
}

// readRows scans and renders each row as "v|v|v" in the canonical form
// canonArrow gives.
func readRows(t *testing.T, tbl catalog.Table, req catalog.ScanRequest) ([]string, error) {
	t.Helper()
	ctx := context.Background()
	r, err := tbl.Scan(ctx, req)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	rows := []string{}
	for {
		b, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		if !b.Schema().Equal(r.Schema()) || int(b.NumCols()) != len(req.Columns) {
			t.Errorf("batch schema %s, reader's %s", b.Schema(), r.Schema())
		}
		for i := range int(b.NumRows()) {
			cells := make([]string, b.NumCols())
			for j, c := range b.Columns() {
				cells[j] = canonArrow(c, i)
			}
			rows = append(rows, strings.Join(cells, "|"))
		}
		b.Release()
	}
}

// pgxRows runs a query with pgx, which decodes with its own codecs, and
// renders rows as readRows does.
func pgxRows(t *testing.T, url, query string, args []any) []string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := []string{}
	fds := rows.FieldDescriptions()
	for rows.Next() {
		dests := make([]any, len(fds))
		for i, fd := range fds {
			dests[i] = new(any)
			if fd.DataTypeOID == types.OIDJSON || fd.DataTypeOID == types.OIDJSONB {
				dests[i] = new([]byte) // the JSON text, not its decoding
			}
			if _, ok := types.ElementOID(fd.DataTypeOID); ok {
				dests[i] = new(pgtype.Array[any]) // keeps the dimensions
			}
		}
		if err := rows.Scan(dests...); err != nil {
			t.Fatal(err)
		}
		cells := make([]string, len(fds))
		for i, d := range dests {
			cells[i] = canonPgx(d, fds[i].DataTypeOID)
		}
		out = append(out, strings.Join(cells, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func canonFloat(f float64, bits int) string { return strconv.FormatFloat(f, 'g', -1, bits) }

// canonNumeric renders a number as a fraction, since pgx drops the scale
// of zeros (0.00 reads as 0); TestNumericText checks the scale.
func canonNumeric(s string) string {
	if r, ok := new(big.Rat).SetString(s); ok {
		return r.RatString()
	}
	return s
}

func canonInterval(months, days int32, micros int64) string {
	return fmt.Sprintf("%dmon%dd%dus", months, days, micros)
}

// canonArrow renders an Arrow value for comparison with canonPgx.
func canonArrow(arr arrow.Array, i int) string {
	if arr.IsNull(i) {
		return "NULL"
	}
	switch a := arr.(type) {
	case *array.Float32:
		return canonFloat(float64(a.Value(i)), 32)
	case *array.Float64:
		return canonFloat(a.Value(i), 64)
	case *array.Decimal128:
		return canonNumeric(a.Value(i).ToString(a.DataType().(*arrow.Decimal128Type).Scale))
	case *array.Decimal256:
		return canonNumeric(a.Value(i).ToString(a.DataType().(*arrow.Decimal256Type).Scale))
	case *types.NumericArray:
		return canonNumeric(a.Storage().(*array.String).Value(i))
	case *array.Binary:
		return hex.EncodeToString(a.Value(i))
	case *array.Date32:
		return infinite(int64(a.Value(i)), math32Max, math32Min, "date ")
	case *array.Timestamp:
		return infinite(int64(a.Value(i)), int64(^uint64(0)>>1), -int64(^uint64(0)>>1)-1, "ts ")
	case *array.Time64:
		return strconv.FormatInt(int64(a.Value(i)), 10) + "us"
	case *array.MonthDayNanoInterval:
		v := a.Value(i)
		return canonInterval(v.Months, v.Days, v.Nanoseconds/1000)
	case *extensions.UUIDArray:
		return a.Value(i).String()
	case array.ExtensionArray:
		return canonArrow(a.Storage(), i)
	case *array.List:
		start, end := a.ValueOffsets(i)
		parts := make([]string, 0, end-start)
		for j := int(start); j < int(end); j++ {
			parts = append(parts, canonArrow(a.ListValues(), j))
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	return arr.ValueStr(i)
}

const (
	math32Max = int64(int32(^uint32(0) >> 1))
	math32Min = -math32Max - 1
)

func infinite(v, maxV, minV int64, prefix string) string {
	switch v {
	case maxV:
		return "infinity"
	case minV:
		return "-infinity"
	}
	return prefix + strconv.FormatInt(v, 10)
}

// canonPgx renders what pgx scanned into dest.
func canonPgx(dest any, oid uint32) string {
	if p, ok := dest.(*[]byte); ok {
		if *p == nil {
			return "NULL"
		}
		return string(*p)
	}
	if a, ok := dest.(*pgtype.Array[any]); ok {
		if !a.Valid {
			return "NULL"
		}
		return canonPgxArray(a.Elements, a.Dims, oid)
	}
	switch v := (*dest.(*any)).(type) {
	case nil:
		return "NULL"
	case float32:
		return canonFloat(float64(v), 32)
	case float64:
		return canonFloat(v, 64)
	case pgtype.Numeric:
		s, err := v.Value()
		if err != nil {
			return err.Error()
		}
		return canonNumeric(s.(string))
	case []byte:
		return hex.EncodeToString(v)
	case time.Time:
		if oid == types.OIDDate {
			return "date " + strconv.FormatInt(v.Unix()/86400, 10)
		}
		return "ts " + strconv.FormatInt(v.UnixMicro(), 10)
	case pgtype.InfinityModifier:
		return v.String()
	case pgtype.Time:
		return strconv.FormatInt(v.Microseconds, 10) + "us"
	case pgtype.Interval:
		return canonInterval(v.Months, v.Days, v.Microseconds)
	case [16]byte:
		return uuid.UUID(v).String()
	default:
		return fmt.Sprint(v)
	}
}

func TestBatches(t *testing.T) {
	f := newFixture(t, nil)
	tbl := f.table(t, "public", "many")
	cases := []struct {
		name    string
		columns []int
		limit   int64
		want    []int64
	}{
		{"all rows", []int{1, 0}, -1, []int64{8192, 8192, 3616}},
		{"no columns", []int{}, -1, []int64{8192, 8192, 3616}},
		{"limit", []int{0}, 8193, []int64{8192, 1}},
		{"exactly one batch", []int{}, 8192, []int64{8192}},
	}
	for _, c := range cases {
		ctx := context.Background()
		r, err := tbl.Scan(ctx, catalog.ScanRequest{Columns: c.columns, Limit: c.limit})
		if err != nil {
			t.Fatal(err)
		}
		var sizes []int64
		var last int64
		for {
			b, err := r.Next(ctx)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			sizes = append(sizes, b.NumRows())
			if len(c.columns) > 0 {
				ids := b.Column(slices.Index(c.columns, 0)).(*array.Int32)
				if ids.Value(0) != int32(last+1) {
					t.Errorf("%s: batch starts at %d after %d", c.name, ids.Value(0), last)
				}
				last = int64(ids.Value(ids.Len() - 1))
			}
			b.Release()
		}
		if _, err := r.Next(ctx); !errors.Is(err, io.EOF) {
			t.Errorf("%s: Next after the end: %v", c.name, err)
		}
		r.Close()
		if !slices.Equal(sizes, c.want) {
			t.Errorf("%s: batches %v, want %v", c.name, sizes, c.want)
		}
	}
}

// TestCloseMidStream abandons a result of 100 million rows after one batch:
// Close must return at once and give the pool's only connection back.
func TestCloseMidStream(t *testing.T) {
	f := newFixture(t, map[string]any{"maximumPoolSize": float64(1)})
	tbl := f.table(t, "public", "big")
	ctx := context.Background()
	r, err := tbl.Scan(ctx, catalog.ScanRequest{Columns: []int{0}, Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b.Release()
	closedMidStream(t, ctx, f, r)
}

// TestScanTakesConnectionOnFirstBatch opens two scans through a pool of
// one connection: a scan holds the connection only from its first batch
// to its end, so reading one to the end and then the other does not wait.
func TestScanTakesConnectionOnFirstBatch(t *testing.T) {
	f := newFixture(t, map[string]any{"maximumPoolSize": float64(1)})
	tbl := f.table(t, "public", "many")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	first, err := tbl.Scan(ctx, catalog.ScanRequest{Columns: []int{0}, Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	second, err := tbl.Scan(ctx, catalog.ScanRequest{Columns: []int{0}, Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	for _, r := range []catalog.BatchReader{first, second} {
		rows := int64(0)
		for {
			b, err := r.Next(ctx)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			rows += b.NumRows()
			b.Release()
		}
		if rows != 20000 {
			t.Errorf("read %d rows, want 20000", rows)
		}
	}
}

// waitNoQuery waits until no backend runs a query like pattern.
func waitNoQuery(t *testing.T, url, pattern string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	for range 100 {
		err := conn.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
			WHERE state = 'active' AND query LIKE $1 AND pid <> pg_backend_pid()`, pattern).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Errorf("%d queries like %q still run on the server", n, pattern)
}

// TestCancel stops a slow remote query through the context of Scan and of
// Next, and checks the plugin serves the next statement.
func TestCancel(t *testing.T) {
	f := newFixture(t, map[string]any{"maximumPoolSize": float64(1)})
	tbl := f.table(t, "public", "slow")
	for _, where := range []string{"scan", "next"} {
		ctx := context.Background()
		timed, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
		scanCtx, nextCtx := ctx, timed
		if where == "scan" {
			scanCtx = timed
		}
		start := time.Now()
		r, err := tbl.Scan(scanCtx, catalog.ScanRequest{Columns: []int{0}, Limit: -1})
		if err == nil {
			_, err = r.Next(nextCtx)
			r.Close()
		}
		cancel()
		if err == nil || sqlstate.Code(err) != sqlstate.QueryCanceled || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: error %v (%s), want 57014 wrapping the deadline", where, err, sqlstate.Code(err))
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: canceling took %s", where, d)
		}
		if _, err := f.plugin.Tables(ctx, "public"); err != nil {
			t.Errorf("%s: the plugin fails after a cancel: %v", where, err)
		}
	}
	waitNoQuery(t, f.url, "%FROM public.slow%")
}

// TestRemoteErrors checks PostgreSQL's errors keep their SQLSTATE.
func TestRemoteErrors(t *testing.T) {
	f := newFixture(t, nil)
	tbl := f.table(t, "Shop", "Users")
	id := col(tbl, "UserID")
	cases := []struct {
		filter expr.Expr
		code   string
		msg    string
	}{
		{&expr.Compare{Op: expr.Eq, Left: &expr.Arith{Op: expr.Div, Left: id, Right: i32(0), Typ: id.Typ}, Right: i32(1)}, "22012", "division by zero"},
		{&expr.Compare{Op: expr.Eq, Left: &expr.Arith{Op: expr.Mul, Left: id, Right: i32(2147483647), Typ: id.Typ}, Right: i32(1)}, "22003", "integer out of range"},
	}
	for _, c := range cases {
		_, err := readRows(t, tbl, catalog.ScanRequest{Columns: []int{0}, Filters: []expr.Expr{c.filter}, Limit: -1})
		if sqlstate.Code(err) != c.code || err.Error() != c.msg {
			t.Errorf("%s: %v (%s), want %s %q", c.filter, err, sqlstate.Code(err), c.code, c.msg)
		}
	}
	f.exec(t, `DROP TABLE "Shop"."Users" CASCADE`)
	_, err := readRows(t, tbl, catalog.ScanRequest{Columns: []int{0}, Limit: -1})
	if sqlstate.Code(err) != sqlstate.UndefinedTable {
		t.Errorf("scan of a dropped table: %v (%s)", err, sqlstate.Code(err))
	}
}

// TestTableChangedUnderneath: a column whose type changed after the table
// was described is an error, not misread bytes.
func TestTableChangedUnderneath(t *testing.T) {
	f := newFixture(t, nil)
	tbl := f.table(t, "public", "many")
	f.exec(t, `ALTER TABLE many ALTER COLUMN n TYPE bigint`)
	_, err := readRows(t, tbl, catalog.ScanRequest{Columns: []int{0}, Limit: -1})
	if err == nil || !strings.Contains(err.Error(), `column "n"`) {
		t.Errorf("scan after a type change: %v", err)
	}
}

func TestUnreachableServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	p, err := New("down", &config.Plugin{Type: "jdbc", URL: "jdbc:postgresql://" + addr + "/db", Username: "u", Password: "hunter2",
		SourceParameters: map[string]any{"connectionTimeout": float64(2000)}})
	if err != nil {
		t.Fatal("a down server must not fail the plugin's creation:", err)
	}
	defer p.Close()
	ctx := context.Background()
	calls := []func() error{
		func() error { _, err := p.Schemas(ctx); return err },
		func() error { _, err := p.Tables(ctx, "public"); return err },
		func() error { _, err := p.Table(ctx, "public", "t"); return err },
	}
	for i, call := range calls {
		start := time.Now()
		err := call()
		if !errors.Is(err, catalog.ErrSourceUnavailable) || sqlstate.Code(err) != sqlstate.SQLClientUnableToConnect {
			t.Fatalf("call %d: error %v (%s)", i, err, sqlstate.Code(err))
		}
		if msg := err.Error(); !strings.HasPrefix(msg, `plugin "down": cannot connect to `+addr+": ") || strings.Contains(msg, "hunter2") {
			t.Errorf("message %q", msg)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("call %d took %s", i, d)
		}
	}
}

// TestReconnects points a plugin at a port where nothing listens yet, then
// opens a proxy to the real server there: the next use must connect.
func TestReconnects(t *testing.T) {
	f := newFixture(t, nil)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cfg, err := pgx.ParseConfig(f.url)
	if err != nil {
		t.Fatal(err)
	}
	p, err := New("later", &config.Plugin{Type: "jdbc", URL: "jdbc:postgresql://" + addr + "/" + cfg.Database + "?sslmode=disable",
		Username: cfg.User, Password: cfg.Password})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx := context.Background()
	if _, err := p.Schemas(ctx); !errors.Is(err, catalog.ErrSourceUnavailable) {
		t.Fatalf("before the server is up: %v", err)
	}
	proxy(t, addr, net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))))
	schemas, err := p.Schemas(ctx)
	if err != nil || !slices.Contains(schemas, "Shop") {
		t.Errorf("once the server is up: %v, %v", schemas, err)
	}
}

// proxy forwards connections to addr to upstream until the test ends.
func proxy(t *testing.T, addr, upstream string) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			u, err := net.Dial("tcp", upstream)
			if err != nil {
				c.Close()
				continue
			}
			go func() { io.Copy(u, c); u.Close() }()
			go func() { io.Copy(c, u); c.Close() }()
		}
	}()
}

func TestConfig(t *testing.T) {
	defaultMax := int32(max(4, runtime.NumCPU()))
	cases := []struct {
		name string
		cfg  config.Plugin
		want string // the settings that matter, or the error
	}{
		{"drill's example", config.Plugin{URL: "jdbc:postgresql://db.example:5433/sales", Username: "drill", Password: "pw"},
			"host=db.example port=5433 db=sales user=drill pw=pw max=default min=0 connect=10s params=[application_name=auger timezone=UTC] tls"},
		{"fields override the URL's user", config.Plugin{URL: "jdbc:postgresql://a:b@h/d?user=x&sslmode=disable", Username: "u", Password: "p"},
			"host=h port=5432 db=d user=u pw=p max=default min=0 connect=10s params=[application_name=auger timezone=UTC]"},
		{"the URL's user when the fields are empty", config.Plugin{URL: "jdbc:postgresql://a:b@h/d?sslmode=disable"},
			"host=h port=5432 db=d user=a pw=b max=default min=0 connect=10s params=[application_name=auger timezone=UTC]"},
		{"pgjdbc parameters", config.Plugin{Username: "u", URL: "jdbc:postgresql://h:1/d?ssl=true&currentSchema=Shop&ApplicationName=bi&prepareThreshold=0&loginTimeout=3&statement_timeout=5000"},
			"host=h port=1 db=d user=u pw= max=default min=0 connect=3s params=[application_name=bi search_path=Shop statement_timeout=5000 timezone=UTC] tls"},
		{"libpq names win", config.Plugin{Username: "u", URL: "jdbc:postgresql://h/d?sslmode=disable&connect_timeout=4&loginTimeout=3&connectTimeout=2&search_path=a&currentSchema=b&sslfactory=x&tcpKeepAlive=true"},
			"host=h port=5432 db=d user=u pw= max=default min=0 connect=4s params=[application_name=auger search_path=a timezone=UTC]"},
		{"hikari settings", config.Plugin{Username: "u", URL: "jdbc:postgresql://h/d?sslmode=disable", SourceParameters: map[string]any{
			"maximumPoolSize": float64(7), "minimumIdle": "2", "idleTimeout": float64(60000), "maxLifetime": float64(1800000),
			"connectionTimeout": float64(2500), "connectionTestQuery": "SELECT 1"}},
			"host=h port=5432 db=d user=u pw= max=7 min=2 connect=2.5s params=[application_name=auger timezone=UTC] idle=1m0s life=30m0s"},
		{"not postgresql", config.Plugin{URL: "jdbc:mysql://h/d", Password: "pw"}, `storage plugin "pg": field "url": want jdbc:postgresql://host:port/database`},
		{"bad pool size", config.Plugin{URL: "jdbc:postgresql://h/d", SourceParameters: map[string]any{"maximumPoolSize": "many"}},
			`storage plugin "pg": field "sourceParameters": maximumPoolSize: strconv.ParseInt: parsing "many": invalid syntax`},
	}
	for _, c := range cases {
		p, err := New("pg", &c.cfg)
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = describeConfig(p.(*Plugin), defaultMax)
		}
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
	for _, url := range []string{"jdbc:postgresql://u:s3cret@h:99999/d", "jdbc:postgresql://u:s3cret@h/d?x=%zz", "jdbc:postgresql://h/d?password=s3cret&port=x"} {
		_, err := New("pg", &config.Plugin{URL: url, Password: "s3cret"})
		if err == nil || strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), `field "url"`) {
			t.Errorf("%s: %v", url, err)
		}
	}
}

func describeConfig(p *Plugin, defaultMax int32) string {
	pc, cc := p.config, p.config.ConnConfig
	var params []string
	for k, v := range cc.RuntimeParams {
		params = append(params, k+"="+v)
	}
	slices.Sort(params)
	maxConns := strconv.Itoa(int(pc.MaxConns))
	if pc.MaxConns == defaultMax {
		maxConns = "default"
	}
	s := fmt.Sprintf("host=%s port=%d db=%s user=%s pw=%s max=%s min=%d connect=%s params=%v",
		cc.Host, cc.Port, cc.Database, cc.User, cc.Password, maxConns, pc.MinConns, cc.ConnectTimeout, params)
	if cc.TLSConfig != nil {
		s += " tls"
	}
	if pc.MaxConnIdleTime != 30*time.Minute {
		s += " idle=" + pc.MaxConnIdleTime.String()
	}
	if pc.MaxConnLifetime != time.Hour {
		s += " life=" + pc.MaxConnLifetime.String()
	}
	return s
}

// BenchmarkScan reads 20000 rows of an int and a text column; its
// allocations per operation show that decoding allocates nothing per row.
func BenchmarkScan(b *testing.B) {
	url := testenv.CreateDatabase(b)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `CREATE TABLE many AS SELECT x AS n, 'row ' || x AS label FROM generate_series(1, 20000) x`); err != nil {
		b.Fatal(err)
	}
	conn.Close(ctx)
	cfg, _ := pgx.ParseConfig(url)
	p, err := New("bench", &config.Plugin{URL: fmt.Sprintf("jdbc:postgresql://%s:%d/%s?sslmode=disable", cfg.Host, cfg.Port, cfg.Database), Username: cfg.User})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	tbl, err := p.Table(ctx, "public", "many")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r, err := tbl.Scan(ctx, catalog.ScanRequest{Columns: []int{0, 1}, Limit: -1})
		if err != nil {
			b.Fatal(err)
		}
		for {
			rec, err := r.Next(ctx)
			if err != nil {
				break
			}
			rec.Release()
		}
		r.Close()
	}
}

// canonPgxArray renders the elements pgx decoded from an array (in
// row-major order) as canonArrow renders a list: one pair of braces per
// dimension.
func canonPgxArray(elems []any, dims []pgtype.ArrayDimension, oid uint32) string {
	if len(dims) == 0 {
		return "{}"
	}
	elem, _ := types.ElementOID(oid)
	step := len(elems) / int(dims[0].Length)
	parts := make([]string, dims[0].Length)
	for i := range parts {
		part := elems[i*step : (i+1)*step]
		if len(dims) > 1 {
			parts[i] = canonPgxArray(part, dims[1:], oid)
		} else {
			parts[i] = canonPgx(&part[0], elem)
		}
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// TestArraysOfOtherShapes reads arrays the declared type cannot hold: a
// two-dimensional value in an int[] column, a lower bound other than 1.
func TestArraysOfOtherShapes(t *testing.T) {
	f := newFixture(t, nil)
	tbl := f.table(t, "public", "odd_arrays")
	cases := []struct {
		id   int32
		want string
	}{
		{1, "a 2-dimensional array in a column read as 1-dimensional"},
		{2, "arrays with lower bounds other than 1 are not supported"},
	}
	for _, c := range cases {
		id := &expr.Column{Index: 0, Name: "id", Typ: arrow.PrimitiveTypes.Int32}
		filter := &expr.Compare{Op: expr.Eq, Left: id, Right: &expr.Literal{Value: scalar.NewInt32Scalar(c.id)}}
		_, err := readRows(t, tbl, catalog.ScanRequest{Columns: []int{0, 1}, Filters: []expr.Expr{filter}, Limit: -1})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("row %d: %v, want an error saying %q", c.id, err, c.want)
		}
	}
}

// TestRunRemoteCloseMidStream runs a statement built for a plan subtree
// over 100 million rows and abandons it after one batch: Close returns at
// once, the query stops on the server, and the pool's only connection is
// back.
func TestRunRemoteCloseMidStream(t *testing.T) {
	f := newFixture(t, map[string]any{"maximumPoolSize": float64(1)})
	tbl := f.table(t, "public", "big")
	ctx := context.Background()
	p := &sql.RemotePlan{}
	rel, err := p.Table(tbl.schema, tbl.name, []string{tbl.arrow.Field(0).Name}, nil, nil, func(i int) string { return tbl.arrow.Field(i).Name }, -1)
	if err != nil {
		t.Fatal(err)
	}
	id := &expr.Column{Index: 0, Typ: tbl.arrow.Field(0).Type}
	if rel, err = p.Filter(rel, &expr.IsNull{Arg: id, Negated: true}); err != nil {
		t.Fatal(err)
	}
	text, args, err := p.Statement(rel)
	if err != nil {
		t.Fatal(err)
	}
	schema := arrow.NewSchema([]arrow.Field{tbl.arrow.Field(0)}, nil)
	r, err := tbl.RunRemote(ctx, catalog.RemoteStatement{Text: text, Args: args, Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b.NumRows() != batchRows || !b.Schema().Equal(schema) {
		t.Errorf("first batch: %d rows of %s", b.NumRows(), b.Schema())
	}
	b.Release()
	closedMidStream(t, ctx, f, r)
}

// closedMidStream closes a reader of public.big part-way and checks that
// the remote query stops and its connection goes back to the pool.
func closedMidStream(t *testing.T, ctx context.Context, f *fixture, r catalog.BatchReader) {
	t.Helper()
	start := time.Now()
	r.Close()
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %s", d)
	}
	short, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := f.plugin.Schemas(short); err != nil {
		t.Errorf("the pool's connection is not back after Close: %v", err)
	}
	waitNoQuery(t, f.url, "%FROM public.big%")
}
