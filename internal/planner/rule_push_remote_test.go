package planner

import (
	"context"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/expr"
)

// serverTable is an in-memory table that says it lives on a SQL server,
// so that the rule's choices show in the plan; its third column (c) is
// one the server compares otherwise.
type serverTable struct {
	*catalog.MemTable
	server string
}

func (s serverTable) RemoteServer() string              { return s.server }
func (s serverTable) RemoteName() (schema, name string) { return "public", "t" }
func (s serverTable) RemoteColumns() []catalog.RemoteColumn {
	return []catalog.RemoteColumn{{SameOrder: true}, {SameOrder: true}, {}}
}
func (s serverTable) RunRemote(context.Context, catalog.RemoteStatement) (catalog.BatchReader, error) {
	return nil, nil
}

func serverScan(server string) *Scan {
	mem := catalog.NewMemTable(threeColumns, func(context.Context) ([][]any, error) { return nil, nil })
	return NewScan(serverTable{MemTable: mem, server: server}, server+".t")
}

func TestPushRemote(t *testing.T) {
	a, b, c := col(0), col(1), col(2)
	eq := func(l, r expr.Expr) expr.Expr { return &expr.Compare{Op: expr.Eq, Left: l, Right: r} }
	join := func(l, r Node, kind JoinKind) *Join {
		return &Join{Left: l, Right: r, Kind: kind, Cond: eq(col(0), &expr.Column{Index: 3, Typ: arrow.PrimitiveTypes.Int32})}
	}
	count := AggCall{Func: "count", Typ: arrow.PrimitiveTypes.Int64}
	cases := []struct {
		name string
		plan Node
		want string // the plan's first line, "" when the rule changes nothing
	}{
		{"a lone scan stays a scan", serverScan("pg"), ""},
		{"a filter over a join of one server's tables", &Filter{Input: join(serverScan("pg"), serverScan("pg"), LeftJoin), Cond: gt(a, 1)},
			`RemoteQuery pg tables=[pg.t, pg.t] Remote SQL: SELECT s.c0 AS c0, s.c1 AS c1, s.c2 AS c2, s.c3 AS c3, s.c4 AS c4, s.c5 AS c5 FROM ` +
				`(SELECT l.c0 AS c0, l.c1 AS c1, l.c2 AS c2, r.c0 AS c3, r.c1 AS c4, r.c2 AS c5 FROM (SELECT a AS c0, b AS c1, c AS c2 FROM public.t) l ` +
				`LEFT JOIN (SELECT a AS c0, b AS c1, c AS c2 FROM public.t) r ON l.c0 = r.c0) s WHERE s.c0 > $1::int Parameters: $1=1`},
		{"two servers never merge", join(serverScan("pg"), serverScan("other"), InnerJoin), ""},
		{"a table of no server", join(serverScan("pg"), testScan(catalog.Exact), InnerJoin), ""},
		{"an aggregate whole", &Aggregate{Input: serverScan("pg"), Groups: []expr.Expr{a}, Aggs: []AggCall{count,
			{Func: "sum", Arg: a, Typ: arrow.PrimitiveTypes.Int64}}},
			`RemoteQuery pg tables=[pg.t] Remote SQL: SELECT s.c0 AS c0, pg_catalog.count(*)::bigint AS c1, pg_catalog.sum(s.c0)::bigint AS c2 ` +
				`FROM (SELECT a AS c0, b AS c1, c AS c2 FROM public.t) s GROUP BY 1`},
		{"or not at all: min of a string", &Aggregate{Input: serverScan("pg"), Aggs: []AggCall{count,
			{Func: "min", Arg: b, Typ: arrow.BinaryTypes.String}}}, ""},
		{"grouping by a column compared otherwise", &Aggregate{Input: serverScan("pg"), Groups: []expr.Expr{c}, Aggs: []AggCall{count}}, ""},
		{"a string range filter", &Limit{Input: &Filter{Input: serverScan("pg"), Cond: &expr.Compare{Op: expr.Lt, Left: b,
			Right: &expr.Literal{Value: scalar.NewStringScalar("m")}}}, Count: 1}, ""},
		{"text in bytewise order", &Sort{Input: serverScan("pg"), Keys: []SortKey{{Expr: b, Desc: true}}},
			`RemoteQuery pg tables=[pg.t] Remote SQL: SELECT s.c0 AS c0, s.c1 AS c1, s.c2 AS c2 FROM (SELECT a AS c0, b AS c1, c AS c2 FROM public.t) s ` +
				`ORDER BY s.c1 COLLATE pg_catalog."C" DESC NULLS LAST`},
		{"a limit over a projection dropping the sort key", &Limit{Input: &Project{Input: &Sort{Input: serverScan("pg"), Keys: []SortKey{{Expr: a}}},
			Exprs: []expr.Expr{b}, Names: []string{"b"}}, Offset: 2, Count: 3},
			`RemoteQuery pg tables=[pg.t] Remote SQL: SELECT s.c1 AS c0 FROM (SELECT s.c0 AS c0, s.c1 AS c1, s.c2 AS c2 FROM ` +
				`(SELECT a AS c0, b AS c1, c AS c2 FROM public.t) s ORDER BY s.c0 ASC NULLS LAST LIMIT $1::bigint OFFSET $2::bigint) s ` +
				`ORDER BY s.c0 ASC NULLS LAST Parameters: $1=3, $2=2`},
		{"a function", &Limit{Input: &Project{Input: serverScan("pg"), Names: []string{"x"},
			Exprs: []expr.Expr{&expr.Func{Name: "random", Typ: arrow.PrimitiveTypes.Float64}}}, Count: 1}, ""},
	}
	for _, tc := range cases {
		got, changed := pushRemote(tc.plan)
		first := strings.SplitN(Explain(got), "\n", 2)[0]
		if tc.want == "" {
			if changed || strings.Contains(Explain(got), "RemoteQuery") {
				t.Errorf("%s: pushed:\n%s", tc.name, Explain(got))
			}
			continue
		}
		if !changed || first != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, first, tc.want)
		}
		if !got.Schema().Equal(tc.plan.Schema()) {
			t.Errorf("%s: schema %s, the subtree's %s", tc.name, got.Schema(), tc.plan.Schema())
		}
	}
}

// TestPushRemoteOff: with pushdown off the optimiser leaves the subtree
// to the engine.
func TestPushRemoteOff(t *testing.T) {
	plan := &Limit{Input: &Sort{Input: serverScan("pg"), Keys: []SortKey{{Expr: col(0)}}}, Count: 2}
	if got := Explain(Optimize(plan, Options{})); !strings.HasPrefix(got, "RemoteQuery") {
		t.Errorf("pushdown on:\n%s", got)
	}
	if got := Explain(Optimize(plan, Options{NoPushdown: true})); strings.Contains(got, "RemoteQuery") || strings.Contains(got, "limit=") {
		t.Errorf("pushdown off:\n%s", got)
	}
}
