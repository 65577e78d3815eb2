package planner

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// groupingPlugin serves one table, t (a integer, b text, c bigint).
type groupingPlugin struct{}

func (groupingPlugin) Schemas(context.Context) ([]string, error)        { return []string{"main"}, nil }
func (groupingPlugin) DefaultSchema() string                            { return "main" }
func (groupingPlugin) Tables(context.Context, string) ([]string, error) { return []string{"t"}, nil }
func (groupingPlugin) Close() error                                     { return nil }
func (groupingPlugin) Table(_ context.Context, _, name string) (catalog.Table, error) {
	if name != "t" {
		return nil, fmt.Errorf("%w: %s", catalog.ErrTableNotFound, name)
	}
	return testScan(catalog.Unsupported).Table, nil
}

func init() {
	catalog.Register("groupingtest", func(string, *config.Plugin) (catalog.Plugin, error) { return groupingPlugin{}, nil })
}

// bindAggregate binds a query over t and returns its Aggregate node.
func bindAggregate(t *testing.T, query string) (*Aggregate, error) {
	t.Helper()
	return bindAggregateOver(t, "groupingtest", query)
}

// bindAggregateOver binds a query over the tables of a plugin of the
// registered type and returns its Aggregate node.
func bindAggregateOver(t *testing.T, pluginType, query string) (*Aggregate, error) {
	t.Helper()
	cat, err := catalog.New(&config.Storage{Plugins: map[string]*config.Plugin{
		"mem": {Name: "mem", Type: pluginType, Enabled: true}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	stmts, err := sql.Parse(query)
	if err != nil {
		t.Fatal(err)
	}
	b := &Binder{Catalog: cat, Schema: catalog.SchemaRef{Plugin: "mem", Sub: "main"}}
	plan, err := b.BindQuery(context.Background(), stmts[0].(sql.Query))
	if err != nil {
		return nil, err
	}
	for n := plan; n != nil; {
		if a, ok := n.(*Aggregate); ok {
			return a, nil
		}
		children := n.Children()
		if len(children) == 0 {
			break
		}
		n = children[0]
	}
	t.Fatalf("no Aggregate in\n%s", Explain(plan))
	return nil, nil
}

// TestGroupingSetsExpansion checks how GROUP BY's elements become grouping
// sets, as PostgreSQL expands them: the group expressions (each once) and
// the sets as lists of them.
func TestGroupingSetsExpansion(t *testing.T) {
	cases := []struct {
		groupBy string
		groups  string
		sets    string // "" for one set of every group expression
	}{
		{"a, b", `"a" "b"`, ""},
		{"a, a, (b, c)", `"a" "b" "c"`, ""},
		{"()", ``, ""},
		{"ROLLUP (a, b)", `"a" "b"`, "[[0 1] [0] []]"},
		{"ROLLUP (a, (b, c))", `"a" "b" "c"`, "[[0 1 2] [0] []]"},
		{"CUBE (a, b)", `"a" "b"`, "[[0 1] [0] [1] []]"},
		{"GROUPING SETS ((a, b), (a), ())", `"a" "b"`, "[[0 1] [0] []]"},
		{"GROUPING SETS (a, ROLLUP (b), CUBE (c))", `"a" "b" "c"`, "[[0] [1] [] [2] []]"},
		{"c, ROLLUP (a, b)", `"c" "a" "b"`, "[[0 1 2] [0 1] [0]]"},
		{"a, ROLLUP (a, b)", `"a" "b"`, "[[0 1] [0] [0]]"},
		{"DISTINCT a, ROLLUP (a, b)", `"a" "b"`, "[[0 1] [0]]"},
		{"ROLLUP (a), ROLLUP (b)", `"a" "b"`, "[[0 1] [0] [1] []]"},
		{"DISTINCT ROLLUP (a), ROLLUP (a)", `"a"`, "[[0] []]"},
		{"ROLLUP (a), ROLLUP (a)", `"a"`, "[[0] [0] [0] []]"},
		{"GROUPING SETS ((a, b))", `"a" "b"`, ""},
		{"GROUPING SETS ((b, a))", `"b" "a"`, ""},
		{"ROLLUP (1, a + 1)", `("c" * 2) ("a" + 1)`, "[[0 1] [0] []]"},
		{"CUBE (x, c)", `("c" * 2) "c"`, "[[0 1] [0] [1] []]"},
	}
	for _, c := range cases {
		t.Run(c.groupBy, func(t *testing.T) {
			a, err := bindAggregate(t, "SELECT c * 2 AS x, count(*) FROM t GROUP BY "+c.groupBy)
			if !strings.Contains(c.groups, `"c"`) {
				a, err = bindAggregate(t, "SELECT count(*) FROM t GROUP BY "+c.groupBy)
			}
			if err != nil {
				t.Fatal(err)
			}
			groups := make([]string, len(a.Groups))
			for i, g := range a.Groups {
				groups[i] = g.String()
			}
			if got := strings.Join(groups, " "); got != c.groups {
				t.Errorf("groups %s, want %s", got, c.groups)
			}
			sets := ""
			if a.GroupingSets != nil {
				sets = fmt.Sprint(a.GroupingSets)
			}
			if sets != c.sets {
				t.Errorf("sets %s, want %s", sets, c.sets)
			}
		})
	}
}

// TestGroupingCalls checks grouping() and the aggregate clauses as they
// bind: grouping() names positions among the group expressions; its
// arguments, FILTER and ORDER BY fail as PostgreSQL fails them.
func TestGroupingCalls(t *testing.T) {
	a, err := bindAggregate(t, "SELECT grouping(b, a), count(*) FILTER (WHERE c > 1), string_agg(b, ',' ORDER BY c DESC) FROM t GROUP BY ROLLUP (a, b)")
	if err != nil {
		t.Fatal(err)
	}
	var calls []string
	for _, c := range a.Aggs {
		calls = append(calls, c.String())
	}
	want := `grouping(#1, #0) | count(*) FILTER (WHERE ("c" > 1)) | string_agg("b" ORDER BY "c" DESC NULLS FIRST)`
	if got := strings.Join(calls, " | "); got != want {
		t.Errorf("calls %s\nwant  %s", got, want)
	}
	for _, c := range []struct{ query, code, message string }{
		{"SELECT grouping(c) FROM t GROUP BY a", "42803", "arguments to GROUPING must be grouping expressions"},
		{"SELECT a FROM t WHERE grouping(a) = 0 GROUP BY a", "42803", "grouping operations are not allowed in WHERE"},
		{"SELECT count(*) FILTER (WHERE b) FROM t", "42804", "argument of FILTER must be type boolean, not type text"},
		{"SELECT count(*) FILTER (WHERE sum(a) > 1) FROM t", "42803", "aggregate functions are not allowed in FILTER"},
		{"SELECT string_agg(DISTINCT b, ',' ORDER BY c) FROM t", "42P10", "ORDER BY expressions must appear in argument list"},
		{"SELECT lower(b ORDER BY c) FROM t", "42809", "ORDER BY specified, but lower is not an aggregate function"},
		{"SELECT b, count(*) FROM t GROUP BY CUBE (a)", "42803", `column "t.b" must appear in the GROUP BY clause`},
	} {
		_, err := bindAggregate(t, c.query)
		if sqlstate.Code(err) != c.code || !strings.Contains(err.Error(), c.message) {
			t.Errorf("%s: %v, want %s %q", c.query, err, c.code, c.message)
		}
	}
}
