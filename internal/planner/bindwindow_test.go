package planner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/exec"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// windowPlugin serves one table, main.t (p text, o integer, v integer, w
// bigint), from memory.
type windowPlugin struct{}

var windowTable = arrow.NewSchema([]arrow.Field{
	{Name: "p", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "o", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	{Name: "v", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	{Name: "w", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
}, nil)

func (windowPlugin) Schemas(context.Context) ([]string, error)        { return []string{"main"}, nil }
func (windowPlugin) DefaultSchema() string                            { return "main" }
func (windowPlugin) Close() error                                     { return nil }
func (windowPlugin) Tables(context.Context, string) ([]string, error) { return []string{"t"}, nil }
func (windowPlugin) Table(_ context.Context, _, name string) (catalog.Table, error) {
	if name != "t" {
		return nil, fmt.Errorf("%w: %s", catalog.ErrTableNotFound, name)
	}
	return catalog.NewMemTable(windowTable, func(context.Context) ([][]any, error) {
		return [][]any{
			{"a", int32(1), int32(10), int64(1)}, {"a", int32(2), int32(20), int64(2)}, {"a", int32(2), nil, int64(3)},
			{"b", int32(5), int32(5), int64(4)}, {nil, int32(3), int32(3), int64(5)},
		}, nil
	}), nil
}

func init() {
	catalog.Register("windowtest", func(string, *config.Plugin) (catalog.Plugin, error) { return windowPlugin{}, nil })
}

func windowBinder(t *testing.T) *Binder {
	t.Helper()
	cat, err := catalog.New(&config.Storage{Plugins: map[string]*config.Plugin{
		"mem": {Name: "mem", Type: "windowtest", Enabled: true}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &Binder{Catalog: cat, Schema: catalog.SchemaRef{Plugin: "mem", Sub: "main"}}
}

// bindText parses and binds one query.
func bindText(t *testing.T, b *Binder, text string) (Node, error) {
	t.Helper()
	stmts, err := sql.Parse(text)
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return b.BindQuery(context.Background(), stmts[0].(sql.Query))
}

// TestWindowPlans shows the Window nodes the binder plans: one per
// partitioning and ordering, functions that share one computed together
// whatever their frames, a Project below that keeps only the columns
// read (which prune_columns carries into the scan), grouped queries
// windowed over their groups.
func TestWindowPlans(t *testing.T) {
	cases := []struct{ query, plan string }{
		{"SELECT o, rank() OVER (PARTITION BY p ORDER BY o), sum(v) OVER (PARTITION BY p ORDER BY o ROWS 1 PRECEDING) FROM t", `
Project "o" AS o, "rank" AS rank, "sum" AS sum
  Window partition=["p"] order=["o" NULLS LAST] funcs=[rank(), sum("v") ROWS BETWEEN 1 PRECEDING AND CURRENT ROW]
    Project "p" AS p, "o" AS o, "v" AS v
      Scan mem.main.t columns=[p, o, v]`},
		{"SELECT row_number() OVER (ORDER BY o DESC), lag(v) OVER (ORDER BY o DESC), count(*) OVER () FROM t", `
Project "row_number" AS row_number, "lag" AS lag, "count" AS count
  Window partition=[] order=[] funcs=[count(*) RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW]
    Window partition=[] order=["o" DESC NULLS FIRST] funcs=[row_number(), lag("v", 1, NULL)]
      Project "o" AS o, "v" AS v
        Scan mem.main.t columns=[o, v]`},
		{"SELECT p, sum(v), rank() OVER (ORDER BY sum(v) DESC) FROM t GROUP BY p ORDER BY 3", `
Project "p" AS p, "sum" AS sum, "rank" AS rank
  Sort "rank" NULLS LAST
    Window partition=[] order=["sum" DESC NULLS FIRST] funcs=[rank()]
      Aggregate groups=["p"] aggs=[sum("v")]
        Scan mem.main.t columns=[p, v]`},
		{"SELECT DISTINCT p, max(w) OVER w FROM t WINDOW w AS (PARTITION BY p)", `
Project "p" AS p, "max" AS max
  Aggregate groups=["p", "max"] aggs=[]
    Project "p" AS p, "max" AS max
      Window partition=["p"] order=[] funcs=[max("w") RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW]
        Project "p" AS p, "w" AS w
          Scan mem.main.t columns=[p, w]`},
		{"SELECT v FROM t ORDER BY row_number() OVER (ORDER BY w) LIMIT 2", `
Project "v" AS v
  TopN offset=0 count=2 "row_number" NULLS LAST
    Window partition=[] order=["w" NULLS LAST] funcs=[row_number()]
      Project "v" AS v, "w" AS w
        Scan mem.main.t columns=[v, w]`},
	}
	b := windowBinder(t)
	for _, c := range cases {
		plan, err := bindText(t, b, c.query)
		if err != nil {
			t.Errorf("%s: %v", c.query, err)
			continue
		}
		if got := "\n" + strings.TrimRight(Explain(Optimize(plan, Options{})), "\n"); got != c.plan {
			t.Errorf("%s\n got:%s\nwant:%s", c.query, got, c.plan)
		}
	}
}

// TestWindowResults runs bound window queries over the in-memory table.
func TestWindowResults(t *testing.T) {
	cases := []struct{ query, want string }{
		{"SELECT p, o, rank() OVER (PARTITION BY p ORDER BY o), sum(v) OVER (PARTITION BY p ORDER BY o) FROM t ORDER BY p, o, v",
			"a,1,1,10 a,2,2,30 a,2,2,30 b,5,1,5 NULL,3,1,3"},
		{"SELECT w, lag(w, 1, 0) OVER (ORDER BY w), lead(v) OVER (ORDER BY w) FROM t",
			"1,0,20 2,1,NULL 3,2,5 4,3,3 5,4,NULL"},
		{"SELECT p, count(*), sum(count(*)) OVER (ORDER BY p) FROM t GROUP BY p ORDER BY 1", "a,3,3 b,1,4 NULL,1,5"},
		{"SELECT DISTINCT p, max(w) OVER (PARTITION BY p) FROM t ORDER BY 1", "a,3 b,4 NULL,5"},
		{"SELECT count(*) FROM (SELECT row_number() OVER () AS r FROM t) s WHERE r > 2", "3"},
	}
	b := windowBinder(t)
	for _, c := range cases {
		plan, err := bindText(t, b, c.query)
		if err != nil {
			t.Errorf("%s: %v", c.query, err)
			continue
		}
		got, err := runPlan(Optimize(plan, Options{}))
		if err != nil || got != c.want {
			t.Errorf("%s\n got %q, %v\nwant %q", c.query, got, err, c.want)
		}
	}
}

// runPlan builds and drains a plan, rendering its rows.
func runPlan(plan Node) (string, error) {
	op, err := Build(context.Background(), plan)
	if err != nil {
		return "", err
	}
	defer op.Close()
	var rows []string
	for {
		batch, err := op.Next(context.Background())
		if errors.Is(err, io.EOF) {
			return strings.Join(rows, " "), nil
		}
		if err != nil {
			return "", err
		}
		for r := 0; r < int(batch.NumRows()); r++ {
			var cells []string
			for _, col := range batch.Columns() {
				if col.IsNull(r) {
					cells = append(cells, "NULL")
				} else {
					cells = append(cells, types.FormatText(col, r, time.UTC))
				}
			}
			rows = append(rows, strings.Join(cells, ","))
		}
		batch.Release()
	}
}

func TestWindowBindErrors(t *testing.T) {
	cases := []struct{ query, code, message string }{
		{"SELECT v FROM t WHERE rank() OVER () > 1", "42P20", "window functions are not allowed in WHERE"},
		{"SELECT v FROM t GROUP BY v HAVING rank() OVER () > 1", "42P20", "window functions are not allowed in HAVING"},
		{"SELECT sum(v) FROM t GROUP BY rank() OVER ()", "42P20", "window functions are not allowed in GROUP BY"},
		{"SELECT sum(rank() OVER ()) FROM t", "42803", "aggregate function calls cannot contain window function calls"},
		{"SELECT lag(rank() OVER ()) OVER () FROM t", "42P20", "window function calls cannot be nested"},
		{"SELECT rank() OVER (ORDER BY rank() OVER ()) FROM t", "42P20", "window functions are not allowed in window definitions"},
		{"SELECT rank() OVER w FROM t", "42704", `window "w" does not exist`},
		{"SELECT rank() OVER (w ORDER BY o) FROM t WINDOW w AS (ORDER BY v)", "42P20", `cannot override ORDER BY clause of window "w"`},
		{"SELECT upper(p) OVER () FROM t", "42809", "OVER specified, but upper is not a window function nor an aggregate function"},
		{"SELECT rank() FROM t", "42809", "window function rank requires an OVER clause"},
		{"SELECT count(DISTINCT v) OVER () FROM t", "0A000", "DISTINCT is not implemented for window functions"},
		{"SELECT ntile(w) OVER () FROM t", "42883", "function ntile(bigint) does not exist"},
		{"SELECT lag(v, 1, p) OVER () FROM t", "42883", "function lag(integer, integer, text) does not exist"},
		{"SELECT sum(v) OVER (ORDER BY p RANGE 1 PRECEDING) FROM t", "0A000", "RANGE with offset PRECEDING/FOLLOWING is not supported for column type text"},
		{"SELECT sum(v) OVER (ORDER BY o RANGE 1.5 PRECEDING) FROM t", "0A000",
			"RANGE with offset PRECEDING/FOLLOWING is not supported for column type integer and offset type numeric"},
		{"SELECT sum(v) OVER (ORDER BY o, v RANGE 1 PRECEDING) FROM t", "42P20", "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column"},
		{"SELECT sum(v) OVER (GROUPS CURRENT ROW) FROM t", "42P20", "GROUPS mode requires an ORDER BY clause"},
		{"SELECT sum(v) OVER (ORDER BY o ROWS v PRECEDING) FROM t", "42P10", "argument of ROWS must not contain variables"},
		{"SELECT sum(v) OVER (ORDER BY o ROWS p PRECEDING) FROM t", "42804", "argument of ROWS must be type bigint, not type text"},
		{"SELECT rank() OVER (ORDER BY o) FROM t GROUP BY p", "42803", `column "t.o" must appear in the GROUP BY clause or be used in an aggregate function`},
	}
	b := windowBinder(t)
	for _, c := range cases {
		_, err := bindText(t, b, c.query)
		var e *sqlstate.Error
		if !errors.As(err, &e) || e.Code != c.code || e.Message != c.message {
			t.Errorf("%s: error %v, want %s %s", c.query, err, c.code, c.message)
		}
	}
}

// TestWindowUsesTheQueryBudget: the Window takes its reservation when the
// plan is built, from the budget of the context it is built in (rows are
// pulled with another context).
func TestWindowUsesTheQueryBudget(t *testing.T) {
	plan, err := bindText(t, windowBinder(t), "SELECT rank() OVER (ORDER BY o), p FROM t")
	if err != nil {
		t.Fatal(err)
	}
	budget := exec.NewBudget(64)
	op, err := Build(exec.WithBudget(context.Background(), budget), Optimize(plan, Options{}))
	if err != nil {
		t.Fatal(err)
	}
	defer op.Close()
	if _, err := op.Next(context.Background()); sqlstate.Code(err) != sqlstate.OutOfMemory {
		t.Errorf("a Window past a 64-byte budget: %v, want SQLSTATE 53200", err)
	}
}
