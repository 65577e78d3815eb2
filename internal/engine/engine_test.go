package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/sqlstate"
)

// memPlugin serves tables of (x int32, y string) rows from memory.
type memPlugin struct{}

var xy = arrow.NewSchema([]arrow.Field{
	{Name: "x", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	{Name: "y", Type: arrow.BinaryTypes.String, Nullable: true},
}, nil)

func (memPlugin) Schemas(context.Context) ([]string, error) { return []string{"main", "other"}, nil }
func (memPlugin) DefaultSchema() string                     { return "main" }
func (memPlugin) Close() error                              { return nil }
func (memPlugin) Tables(_ context.Context, s string) ([]string, error) {
	return []string{s + "_t"}, nil
}
func (memPlugin) Table(_ context.Context, s, name string) (catalog.Table, error) {
	if name != s+"_t" {
		return nil, fmt.Errorf("%w: %s", catalog.ErrTableNotFound, name)
	}
	return catalog.NewMemTable(xy, func(context.Context) ([][]any, error) {
		return [][]any{{int32(1), s}, {int32(2), nil}, {nil, "z"}}, nil
	}), nil
}

func init() {
	catalog.Register("enginetest", func(string, *config.Plugin) (catalog.Plugin, error) { return memPlugin{}, nil })
}

func session(t *testing.T) *Session {
	cat, err := catalog.New(&config.Storage{Plugins: map[string]*config.Plugin{
		"mem": {Name: "mem", Type: "enginetest", Enabled: true}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return (&Engine{Catalog: cat}).NewSession()
}

// run executes a statement and renders its rows.
func run(t *testing.T, st *Statement) (string, error) {
	t.Helper()
	op, err := st.Run(context.Background())
	if err != nil {
		return "", err
	}
	defer op.Close()
	var rows []string
	for {
		b, err := op.Next(context.Background())
		if errors.Is(err, io.EOF) {
			return strings.Join(rows, " "), nil
		}
		if err != nil {
			return "", err
		}
		for i := 0; i < int(b.NumRows()); i++ {
			var cells []string
			for _, c := range b.Columns() {
				cells = append(cells, c.ValueStr(i))
			}
			rows = append(rows, strings.Join(cells, ","))
		}
		b.Release()
	}
}

func TestUseAppliesToLaterStatements(t *testing.T) {
	s := session(t)
	stmts, err := s.Prepare(context.Background(), "USE mem.other; SELECT y FROM other_t WHERE x = 1; SHOW TABLES")
	if err != nil {
		t.Fatal(err)
	}
	if len(stmts) != 3 {
		t.Fatalf("%d statements", len(stmts))
	}
	if got := stmts[1].Columns.Field(0).Name; got != "y" {
		t.Errorf("columns known before running: %s", got)
	}
	var out []string
	for _, st := range stmts {
		rows, err := run(t, st)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rows)
	}
	want := "true,Default schema changed to [mem.other]|other|mem.other,other_t"
	if got := strings.Join(out, "|"); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if s.DefaultSchema().String() != "mem.other" {
		t.Errorf("session schema %s", s.DefaultSchema())
	}
}

func TestPlanningErrorStopsTheRest(t *testing.T) {
	s := session(t)
	stmts, err := s.Prepare(context.Background(), "USE mem; SELECT * FROM nope; SELECT 1")
	if err != nil {
		t.Fatal(err)
	}
	if len(stmts) != 2 || stmts[1].Err() == nil {
		t.Fatalf("want the failing statement last, got %d statements", len(stmts))
	}
	if _, err := run(t, stmts[1]); sqlstate.Code(err) != sqlstate.UndefinedTable {
		t.Errorf("error %v", err)
	}
	if _, err := s.Prepare(context.Background(), "SELECT 1; SELEC 2"); sqlstate.Code(err) != sqlstate.SyntaxError {
		t.Errorf("a syntax error anywhere fails the whole string: %v", err)
	}
}

func TestCatalogStatements(t *testing.T) {
	s := session(t)
	cases := []struct{ sql, want string }{
		{"SHOW SCHEMAS", "information_schema mem mem.main mem.other"},
		{"SHOW DATABASES LIKE 'mem.%'", "mem.main mem.other"},
		{"SHOW TABLES IN mem.other", "mem.other,other_t"},
		{"DESCRIBE mem.main.main_t", "x,INTEGER,YES y,CHARACTER VARYING,YES"},
		{"DESCRIBE mem.main.main_t y", "y,CHARACTER VARYING,YES"},
		{"SELECT x, y FROM mem.main_t WHERE y IS NULL OR x > 1", "2,(null)"},
		{"SELECT * FROM mem.main.main_t WHERE x IN (1, NULL) LIMIT 5", "1,main"},
	}
	for _, c := range cases {
		stmts, err := s.Prepare(context.Background(), c.sql)
		if err != nil {
			t.Fatalf("%s: %v", c.sql, err)
		}
		got, err := run(t, stmts[0])
		if err != nil || got != c.want {
			t.Errorf("%s: got %q, %v; want %q", c.sql, got, err, c.want)
		}
	}
	stmts, _ := s.Prepare(context.Background(), "SHOW TABLES")
	if sqlstate.Code(stmts[0].Err()) != sqlstate.InvalidSchemaName {
		t.Errorf("SHOW TABLES without USE: %v", stmts[0].Err())
	}
}

func TestLikeMatch(t *testing.T) {
	cases := []struct {
		pattern, s string
		want       bool
	}{
		{"dfs%", "dfs.data", true}, {"DFS%", "dfs", true}, {"%data", "dfs.data", true},
		{"d_s", "dfs", true}, {"d_s", "dfss", false}, {"a\\%b", "a%b", true}, {"a\\%b", "axb", false},
		{"%", "", true}, {"", "x", false}, {"%.%", "nodot", false},
	}
	for _, c := range cases {
		if got := likeMatch(c.pattern, c.s); got != c.want {
			t.Errorf("likeMatch(%q, %q) = %v", c.pattern, c.s, got)
		}
	}
}

func TestClockFunctions(t *testing.T) {
	s := session(t)
	stmts, err := s.Prepare(context.Background(),
		"SELECT now() = CURRENT_TIMESTAMP, CURRENT_DATE = current_date, extract(epoch from now()) > 1700000000, now() - localtimestamp")
	if err != nil {
		t.Fatal(err)
	}
	got, err := run(t, stmts[0])
	if err != nil || got != `true,true,true,{"months":0,"days":0,"nanoseconds":0}` {
		t.Errorf("got %q, %v", got, err)
	}
}
