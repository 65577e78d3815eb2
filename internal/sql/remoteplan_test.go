package sql

import (
	"reflect"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/types"
)

// TestRemotePlan builds statements relation by relation and checks the
// text PostgreSQL's deparser prints and the parameters bound.
func TestRemotePlan(t *testing.T) {
	i32, i64, str := arrow.PrimitiveTypes.Int32, arrow.PrimitiveTypes.Int64, arrow.BinaryTypes.String
	col := func(i int, dt arrow.DataType) *expr.Column { return &expr.Column{Index: i, Typ: dt} }
	names := func(i int) string { return []string{"id", "name", "Grp"}[i] }
	table := func(p *RemotePlan, name string, filters ...expr.Expr) *RemoteRel {
		r, err := p.Table("public", name, []string{"id", "name", "Grp"}, []bool{false, false, true}, filters, names, -1)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	five := lit(scalar.NewInt32Scalar(5))
	cases := []struct {
		name  string
		build func(p *RemotePlan) (*RemoteRel, error)
		want  string
		args  []any
	}{
		{"table with a filter", func(p *RemotePlan) (*RemoteRel, error) {
			return table(p, "t", &expr.Compare{Op: expr.Gt, Left: col(0, i32), Right: five}), nil
		}, `SELECT id AS c0, name AS c1, "Grp"::pg_catalog.text AS c2 FROM public.t WHERE id > $1::int`, []any{int64(5)}},
		{"top-N with bytewise text order", func(p *RemotePlan) (*RemoteRel, error) {
			sorted := p.Sort(table(p, "t"), []RemoteSortKey{{Column: 1, Bytewise: true}, {Column: 0, Desc: true, NullsFirst: true}})
			return p.Limit(sorted, 2, 10)
		}, `SELECT s.c0 AS c0, s.c1 AS c1, s.c2 AS c2 FROM (SELECT id AS c0, name AS c1, "Grp"::pg_catalog.text AS c2 FROM public.t) s ` +
			`ORDER BY s.c1 COLLATE pg_catalog."C" ASC NULLS LAST, s.c0 DESC NULLS FIRST LIMIT $1::bigint OFFSET $2::bigint`,
			[]any{int64(10), int64(2)}},
		{"join then aggregate with a filter above", func(p *RemotePlan) (*RemoteRel, error) {
			l, r := table(p, "a"), table(p, "b")
			j, err := p.Join(l, r, RemoteLeft, &expr.Compare{Op: expr.Eq, Left: col(0, i32), Right: col(3, i32)})
			if err != nil {
				return nil, err
			}
			agg, err := p.Aggregate(j, []expr.Expr{col(1, str)}, []arrow.DataType{nil}, []RemoteAgg{
				{Func: "count", Type: i64},
				{Func: "sum", Arg: col(3, i32), Distinct: true, Filter: &expr.IsNull{Arg: col(4, str), Negated: true}, Type: types.Numeric},
			})
			if err != nil {
				return nil, err
			}
			return p.Filter(agg, &expr.Compare{Op: expr.Gt, Left: col(1, i64), Right: lit(scalar.NewInt64Scalar(1))})
		}, `SELECT s.c0 AS c0, s.c1 AS c1, s.c2 AS c2 FROM (SELECT s.c1 AS c0, pg_catalog.count(*)::bigint AS c1, ` +
			`pg_catalog.sum(DISTINCT s.c3) FILTER (WHERE s.c4 IS NOT NULL)::numeric AS c2 FROM (` +
			`SELECT l.c0 AS c0, l.c1 AS c1, l.c2 AS c2, r.c0 AS c3, r.c1 AS c4, r.c2 AS c5 FROM ` +
			`(SELECT id AS c0, name AS c1, "Grp"::pg_catalog.text AS c2 FROM public.a) l LEFT JOIN ` +
			`(SELECT id AS c0, name AS c1, "Grp"::pg_catalog.text AS c2 FROM public.b) r ON l.c0 = r.c0) s GROUP BY 1) s ` +
			`WHERE s.c1 > $1::bigint`, []any{int64(1)}},
		{"cross and semi joins", func(p *RemotePlan) (*RemoteRel, error) {
			c, err := p.Join(table(p, "a"), table(p, "b"), RemoteInner, nil)
			if err != nil {
				return nil, err
			}
			proj, err := p.Project(c, []expr.Expr{col(0, i32), &expr.Arith{Op: expr.Add, Left: col(3, i32), Right: five}}, []arrow.DataType{nil, i32})
			if err != nil {
				return nil, err
			}
			return p.Join(proj, table(p, "c"), RemoteAnti, &expr.Compare{Op: expr.Eq, Left: col(1, i32), Right: col(2, i32)})
		}, `SELECT l.c0 AS c0, l.c1 AS c1 FROM (SELECT s.c0 AS c0, (s.c3 + $1::int)::int AS c1 FROM (` +
			`SELECT l.c0 AS c0, l.c1 AS c1, l.c2 AS c2, r.c0 AS c3, r.c1 AS c4, r.c2 AS c5 FROM ` +
			`(SELECT id AS c0, name AS c1, "Grp"::pg_catalog.text AS c2 FROM public.a) l JOIN ` +
			`(SELECT id AS c0, name AS c1, "Grp"::pg_catalog.text AS c2 FROM public.b) r ON true) s) l ` +
			`WHERE NOT EXISTS (SELECT FROM (SELECT id AS c0, name AS c1, "Grp"::pg_catalog.text AS c2 FROM public.c) r WHERE l.c1 = r.c0)`,
			[]any{int64(5)}},
		{"an order survives a projection and reaches the statement", func(p *RemotePlan) (*RemoteRel, error) {
			sorted := p.Sort(table(p, "t"), []RemoteSortKey{{Column: 2}})
			return p.Project(sorted, []expr.Expr{col(2, str)}, []arrow.DataType{nil})
		}, `SELECT s.c0 AS c0 FROM (SELECT s.c2 AS c0 FROM (SELECT id AS c0, name AS c1, "Grp"::pg_catalog.text AS c2 FROM public.t) s) s ` +
			`ORDER BY s.c0 ASC NULLS LAST`, nil},
	}
	for _, c := range cases {
		p := &RemotePlan{}
		rel, err := c.build(p)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		text, args, err := p.Statement(rel)
		if err != nil || text != c.want || !reflect.DeepEqual(args, c.args) {
			t.Errorf("%s:\n got %s %v %v\nwant %s %v", c.name, text, args, err, c.want, c.args)
		}
	}
}

// TestRemotePlanOrderLost: a projection that drops the column its input
// is ordered by cannot keep the order, so it is refused.
func TestRemotePlanOrderLost(t *testing.T) {
	p := &RemotePlan{}
	r, err := p.Table("public", "t", []string{"a", "b"}, nil, nil, func(int) string { return "" }, -1)
	if err != nil {
		t.Fatal(err)
	}
	a := &expr.Column{Index: 0, Typ: arrow.PrimitiveTypes.Int32}
	limited, err := p.Limit(p.Sort(r, []RemoteSortKey{{Column: 1}}), 0, 3)
	if err != nil {
		t.Fatal(err)
	}
	dropped, err := p.Project(limited, []expr.Expr{a}, []arrow.DataType{nil})
	if err != nil {
		t.Fatal(err)
	}
	text, _, err := p.Statement(dropped)
	want := `SELECT s.c0 AS c0 FROM (SELECT s.c0 AS c0, s.c1 AS c1 FROM (SELECT a AS c0, b AS c1 FROM public.t) s ` +
		`ORDER BY s.c1 ASC NULLS LAST LIMIT $1::bigint) s ORDER BY s.c1 ASC NULLS LAST`
	if err != nil || text != want {
		t.Errorf("got %s %v\nwant %s", text, err, want)
	}
	if _, err := p.Filter(dropped, &expr.IsNull{Arg: a}); err == nil {
		t.Error("a filter over rows ordered by a dropped column was accepted")
	}
	if _, err := p.Limit(dropped, 0, 1); err == nil {
		t.Error("a limit over rows ordered by a dropped column was accepted")
	}
}
