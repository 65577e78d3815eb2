package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/exec"
	"auger/internal/sqlstate"
	"auger/internal/types"
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
	op, err := st.Run(context.Background(), nil)
	if err != nil {
		return "", err
	}
	return drainRows(op)
}

// drain renders an operator's rows, failing the test on an error.
func drain(t *testing.T, op exec.Operator) string {
	t.Helper()
	rows, err := drainRows(op)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func drainRows(op exec.Operator) (string, error) {
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
	stmts, err := s.Prepare(context.Background(), "USE mem.other; SELECT y FROM other_t WHERE x = 1; SHOW TABLES", nil)
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
	stmts, err := s.Prepare(context.Background(), "USE mem; SELECT * FROM nope; SELECT 1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(stmts) != 2 || stmts[1].Err() == nil {
		t.Fatalf("want the failing statement last, got %d statements", len(stmts))
	}
	if _, err := run(t, stmts[1]); sqlstate.Code(err) != sqlstate.UndefinedTable {
		t.Errorf("error %v", err)
	}
	if _, err := s.Prepare(context.Background(), "SELECT 1; SELEC 2", nil); sqlstate.Code(err) != sqlstate.SyntaxError {
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
		stmts, err := s.Prepare(context.Background(), c.sql, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.sql, err)
		}
		got, err := run(t, stmts[0])
		if err != nil || got != c.want {
			t.Errorf("%s: got %q, %v; want %q", c.sql, got, err, c.want)
		}
	}
	stmts, _ := s.Prepare(context.Background(), "SHOW TABLES", nil)
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
		"SELECT now() = CURRENT_TIMESTAMP, CURRENT_DATE = current_date, extract(epoch from now()) > 1700000000, now() - localtimestamp", nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := run(t, stmts[0])
	if err != nil || got != `true,true,true,{"months":0,"days":0,"nanoseconds":0}` {
		t.Errorf("got %q, %v", got, err)
	}
}

// TestParameters checks that $n parameters take the types PostgreSQL
// infers for them and that bound values, in text format, reach the query.
func TestParameters(t *testing.T) {
	s := session(t)
	cases := []struct {
		sql    string
		given  []uint32
		want   []uint32 // the inferred parameter type OIDs
		values []*string
		rows   string
	}{
		{"SELECT $1", nil, []uint32{25}, []*string{ptr("hi")}, "hi"},
		{"SELECT $1 + 1, $2::int", nil, []uint32{23, 23}, []*string{ptr("41"), ptr("7")}, "42,7"},
		{"SELECT $1 || 'a'", nil, []uint32{25}, []*string{nil}, "(null)"},
		{"SELECT 1 WHERE $1 > DATE '2024-01-01'", nil, []uint32{1082}, []*string{ptr("2024-02-01")}, "1"},
		{"SELECT $1", []uint32{20}, []uint32{20}, []*string{ptr("9000000000")}, "9000000000"},
		{"SELECT x FROM (SELECT 1 AS x UNION ALL SELECT 2) t WHERE x IN (SELECT $1 + 1)", nil, []uint32{23}, []*string{ptr("1")}, "2"},
	}
	for _, c := range cases {
		stmts, err := s.Prepare(context.Background(), c.sql, c.given)
		if err != nil || stmts[0].Err() != nil {
			t.Fatalf("%s: %v %v", c.sql, err, stmts[0].Err())
		}
		var oids []uint32
		for _, dt := range stmts[0].Params {
			oids = append(oids, types.WireOID(dt))
		}
		if !reflect.DeepEqual(oids, c.want) {
			t.Errorf("%s: parameter types %v, want %v", c.sql, oids, c.want)
		}
		op, err := stmts[0].Run(context.Background(), c.values)
		if err != nil {
			t.Errorf("%s: %v", c.sql, err)
			continue
		}
		if got := drain(t, op); got != c.rows {
			t.Errorf("%s: got %q, want %q", c.sql, got, c.rows)
		}
	}
}

func TestParameterErrors(t *testing.T) {
	s := session(t)
	stmts, _ := s.Prepare(context.Background(), "SELECT $2", nil)
	if code := sqlstate.Code(stmts[0].Err()); code != sqlstate.IndeterminateDatatype {
		t.Errorf("a skipped parameter gave %q, want 42P18", code)
	}
	stmts, _ = s.Prepare(context.Background(), "SELECT $1 + 1", nil)
	if _, err := stmts[0].Run(context.Background(), nil); sqlstate.Code(err) != sqlstate.ProtocolViolation {
		t.Errorf("running without the parameter gave %v, want 08P01", err)
	}
	if _, err := stmts[0].Run(context.Background(), []*string{ptr("x")}); sqlstate.Code(err) != sqlstate.InvalidTextRepresentation {
		t.Errorf("a malformed integer gave %v, want 22P02", err)
	}
}

func ptr(s string) *string { return &s }
