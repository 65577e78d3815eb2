package postgres

import (
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/scalar"
	"github.com/jackc/pgx/v5"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/testenv"
	"auger/internal/types"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.StopServers()
	os.Exit(code)
}

// fixture creates a fresh database with a mixed-case schema and table and
// returns a plugin pointed at it as Drill's jdbc config would.
func fixture(t *testing.T) catalog.Plugin {
	p, _ := fixtureWithURL(t)
	return p
}

// directText runs a one-column query straight on PostgreSQL, in UTC.
func directText(t *testing.T, url, sql string) []string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SET TimeZone = 'UTC'"); err != nil {
		t.Fatal(err)
	}
	rows, err := conn.Query(ctx, sql)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func fixtureWithURL(t *testing.T) (catalog.Plugin, string) {
	url := testenv.CreateDatabase(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, stmt := range []string{
		`CREATE SCHEMA "Shop"`,
		`CREATE DOMAIN positive AS numeric(8,3) CHECK (VALUE > 0)`,
		`CREATE TYPE mood AS ENUM ('sad', 'happy')`,
		`CREATE TABLE "Shop"."Items" ("ItemID" int PRIMARY KEY, name text NOT NULL, price positive, feel mood,
			tags text[], added timestamptz, span interval, doc jsonb)`,
		`INSERT INTO "Shop"."Items" VALUES
			(1, 'O''Brien', 1.5, 'happy', '{a,b}', '2024-01-01 10:00:00+02', '1 day 02:00:00', '{"k": 1}'),
			(2, '''; DROP TABLE x; --', 20.125, 'sad', NULL, NULL, NULL, NULL),
			(3, 'zoë', NULL, NULL, '{}', '2024-02-29 23:59:59.5+00', '-1 mon', '[]')`,
		`CREATE VIEW "Shop".cheap AS SELECT * FROM "Shop"."Items" WHERE price < 10`,
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	p, err := New("pg", &config.Plugin{Type: "jdbc", Username: cfg.User,
		URL:              "jdbc:postgresql://" + cfg.Host + ":" + strconv.Itoa(int(cfg.Port)) + "/" + cfg.Database + "?sslmode=disable",
		SourceParameters: map[string]any{"maximumPoolSize": float64(2)}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p, url
}

func TestCatalog(t *testing.T) {
	p := fixture(t)
	ctx := context.Background()
	schemas, err := p.Schemas(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(schemas, ","); got != "Shop,public" {
		t.Errorf("schemas %s", got)
	}
	tables, err := p.Tables(ctx, "Shop")
	if err != nil || strings.Join(tables, ",") != "Items,cheap" {
		t.Errorf("tables %v %v", tables, err)
	}
	tbl, err := p.Table(ctx, "Shop", "items")
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	for _, f := range tbl.Schema().Fields() {
		cols = append(cols, f.Name+":"+f.Type.String())
	}
	want := "ItemID:int32,name:utf8,price:decimal(8, 3),feel:utf8,tags:utf8,added:timestamp[us, tz=UTC],span:month_day_nano_interval,doc:extension<arrow.json[storage_type=utf8]>"
	if got := strings.Join(cols, ","); got != want {
		t.Errorf("columns\n%s\nwant\n%s", got, want)
	}
	if _, err := p.Table(ctx, "Shop", "nope"); !errors.Is(err, catalog.ErrTableNotFound) {
		t.Errorf("missing tbl: %v", err)
	}
	if _, err := p.Tables(ctx, "nope"); sqlstate.Code(err) != sqlstate.InvalidSchemaName {
		t.Errorf("missing schema: %v", err)
	}
}

func col(t catalog.Table, name string) *expr.Column {
	for i, f := range t.Schema().Fields() {
		if f.Name == name {
			return &expr.Column{Index: i, Name: name, Typ: f.Type}
		}
	}
	panic(name)
}

func str(s string) *expr.Literal { return &expr.Literal{Value: scalar.NewStringScalar(s)} }

func TestRemoteQueryBindsEveryLiteral(t *testing.T) {
	p := fixture(t)
	tbl, err := p.Table(context.Background(), "Shop", "Items")
	if err != nil {
		t.Fatal(err)
	}
	id, name := col(tbl, "ItemID"), col(tbl, "name")
	filters := []expr.Expr{
		&expr.Or{Args: []expr.Expr{
			&expr.Compare{Op: expr.Eq, Left: name, Right: str("O'Brien")},
			&expr.InList{Arg: name, List: []expr.Expr{str("'; DROP TABLE x; --"), str("zoë")}},
		}},
		&expr.IsNull{Arg: id, Negated: true},
		&expr.Compare{Op: expr.Lt, Left: id, Right: &expr.Literal{Value: scalar.NewInt32Scalar(3)}},
	}
	req := catalog.ScanRequest{Columns: []int{1, 0, 4}, Filters: filters, Limit: 10}
	sql, args, err := tbl.(*table).remoteQuery(req)
	if err != nil {
		t.Fatal(err)
	}
	want := `SELECT name, "ItemID", tags::pg_catalog.text FROM "Shop"."Items" WHERE (name = $1::pg_catalog.text OR name IN ($2::pg_catalog.text, $3::pg_catalog.text)) AND "ItemID" IS NOT NULL AND "ItemID" < $4::int LIMIT $5`
	if sql != want {
		t.Errorf("remote SQL\n%s\nwant\n%s", sql, want)
	}
	if len(args) != 5 || args[0] != "O'Brien" || args[1] != "'; DROP TABLE x; --" {
		t.Errorf("args %v", args)
	}
	verdicts := tbl.SupportsFilters(append(filters,
		&expr.Compare{Op: expr.Gt, Left: name, Right: str("m")},
		&expr.Compare{Op: expr.Eq, Left: col(tbl, "tags"), Right: str("{}")},
		&expr.Like{Arg: name, Pattern: str("O%")},
		&expr.Like{Arg: name, Pattern: str("o%"), CaseInsensitive: true}))
	wantVerdicts := []catalog.FilterVerdict{catalog.Exact, catalog.Exact, catalog.Exact, catalog.Unsupported,
		catalog.Unsupported, catalog.Exact, catalog.Unsupported}
	for i, v := range verdicts {
		if v != wantVerdicts[i] {
			t.Errorf("verdict %d = %s, want %s", i, v, wantVerdicts[i])
		}
	}
	rows := scan(t, tbl, req)
	if strings.Join(rows, "\n") != "O'Brien|1|{a,b}\n'; DROP TABLE x; --|2|NULL" {
		t.Errorf("rows:\n%s", strings.Join(rows, "\n"))
	}
}

func scan(t *testing.T, tbl catalog.Table, req catalog.ScanRequest) []string {
	t.Helper()
	ctx := context.Background()
	r, err := tbl.Scan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var out []string
	for {
		b, err := r.Next(ctx)
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < int(b.NumRows()); i++ {
			var cells []string
			for _, c := range b.Columns() {
				if c.IsNull(i) {
					cells = append(cells, "NULL")
				} else {
					cells = append(cells, types.FormatText(c, i, time.UTC))
				}
			}
			out = append(out, strings.Join(cells, "|"))
		}
		b.Release()
	}
}

// TestDecodesTypes reads every column through the plugin's binary decoder
// and compares its PostgreSQL text rendering with PostgreSQL's own.
func TestDecodesTypes(t *testing.T) {
	p, url := fixtureWithURL(t)
	tbl, err := p.Table(context.Background(), "Shop", "Items")
	if err != nil {
		t.Fatal(err)
	}
	all := make([]int, tbl.Schema().NumFields())
	for i := range all {
		all[i] = i
	}
	rows := scan(t, tbl, catalog.ScanRequest{Columns: all, Limit: -1})
	want := directText(t, url, `SELECT concat_ws('|', "ItemID", name, coalesce(price::text, 'NULL'), coalesce(feel::text, 'NULL'),
		coalesce(tags::text, 'NULL'), coalesce(added::text, 'NULL'), coalesce(span::text, 'NULL'), coalesce(doc::text, 'NULL'))
		FROM "Shop"."Items" ORDER BY "ItemID"`)
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	if n := len(scan(t, tbl, catalog.ScanRequest{Columns: nil, Limit: -1})); n != 3 {
		t.Errorf("column-less scan counted %d rows", n)
	}
	view, err := p.Table(context.Background(), "Shop", "cheap")
	if err != nil {
		t.Fatal(err)
	}
	if rows := scan(t, view, catalog.ScanRequest{Columns: []int{0}, Limit: -1}); strings.Join(rows, ",") != "1" {
		t.Errorf("view rows %v", rows)
	}
}

func TestUnreachableServer(t *testing.T) {
	p, err := New("down", &config.Plugin{Type: "jdbc", URL: "jdbc:postgresql://127.0.0.1:1/db", Username: "u", Password: "hunter2",
		SourceParameters: map[string]any{"connectionTimeout": float64(2000)}})
	if err != nil {
		t.Fatal("a down server must not fail the plugin's creation:", err)
	}
	start := time.Now()
	_, err = p.Schemas(context.Background())
	if !errors.Is(err, catalog.ErrSourceUnavailable) || sqlstate.Code(err) != sqlstate.SQLClientUnableToConnect {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(err.Error(), `plugin "down"`) || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("message %q", err.Error())
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
}
