package sql

import (
	"reflect"
	"testing"
)

func parseSelect(t *testing.T, text string) Query {
	t.Helper()
	stmts, err := Parse(text)
	if err != nil || len(stmts) != 1 {
		t.Fatalf("Parse(%q) = %v, %v", text, stmts, err)
	}
	return stmts[0].(Query)
}

func TestParseFromShapes(t *testing.T) {
	cases := []struct {
		in    string
		check func(Query) bool
	}{
		{"SELECT * FROM a JOIN b USING (x, y)", func(q Query) bool {
			j := q.(*Select).From.(*Join)
			return reflect.DeepEqual(j.Using, []string{"x", "y"}) && !j.Natural && j.On == nil
		}},
		{"SELECT * FROM a NATURAL LEFT JOIN b", func(q Query) bool {
			j := q.(*Select).From.(*Join)
			return j.Natural && j.Kind == JoinLeft
		}},
		{"SELECT * FROM t AS x(a, b)", func(q Query) bool {
			r := q.(*Select).From.(*TableRef)
			return r.Alias == "x" && reflect.DeepEqual(r.Columns, []string{"a", "b"})
		}},
		{"SELECT * FROM t, LATERAL (SELECT t.a) s(c)", func(q Query) bool {
			s := q.(*Select).From.(*Join).Right.(*SubqueryRef)
			return s.Lateral && s.Alias == "s" && reflect.DeepEqual(s.Columns, []string{"c"})
		}},
		{"SELECT * FROM (VALUES (1, 'a'), (2, 'b')) v(id, name)", func(q Query) bool {
			v, ok := q.(*Select).From.(*SubqueryRef).Query.(*Values)
			return ok && len(v.Rows) == 2 && len(v.Rows[1]) == 2
		}},
		{"VALUES (1), (2) ORDER BY 1 LIMIT 1", func(q Query) bool {
			v := q.(*Values)
			return len(v.Rows) == 2 && len(v.OrderBy) == 1 && v.Limit != nil
		}},
		{"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r", func(q Query) bool {
			c := q.(*Select).With[0]
			return c.Recursive && reflect.DeepEqual(c.Columns, []string{"n"})
		}},
		{"SELECT DISTINCT ON (a, b + 1) a FROM t", func(q Query) bool {
			s := q.(*Select)
			return !s.Distinct && len(s.DistinctOn) == 2
		}},
		{"SELECT DISTINCT a FROM t", func(q Query) bool {
			s := q.(*Select)
			return s.Distinct && s.DistinctOn == nil
		}},
		{"SELECT a FROM t WHERE a < ALL (SELECT b FROM u) AND a <> ANY (SELECT b FROM u)", func(q Query) bool {
			args := q.(*Select).Where.(*BoolOp).Args
			all, any := args[0].(*SubqueryExpr), args[1].(*SubqueryExpr)
			return all.Kind == "all" && all.Op == "<" && any.Kind == "any" && any.Op == "<>"
		}},
		{"SELECT a FROM t WHERE a = ANY (SELECT b FROM u)", func(q Query) bool {
			return q.(*Select).Where.(*SubqueryExpr).Kind == "in"
		}},
	}
	for _, c := range cases {
		if q := parseSelect(t, c.in); !c.check(q) {
			t.Errorf("Parse(%q) = %#v", c.in, q)
		}
	}
}

// TestSubqueryNamesKeepQuotes checks that the quoted names of a subquery
// in an expression are marked as quoted, like those of the outer query.
func TestSubqueryNamesKeepQuotes(t *testing.T) {
	q := parseSelect(t, `SELECT 1 FROM t WHERE EXISTS (SELECT "Col" FROM "Tab" WHERE "Col" = t.x)`)
	sub := q.(*Select).Where.(*SubqueryExpr).Query.(*Select)
	item := sub.Items[0].Expr.(*ColumnRef)
	table := sub.From.(*TableRef)
	if !item.Name.Parts[0].Quoted || !table.Name.Parts[0].Quoted {
		t.Errorf("quotes lost: %+v %+v", item.Name, table.Name)
	}
	if cmp := sub.Where.(*BinaryOp); !cmp.Left.(*ColumnRef).Name.Parts[0].Quoted || cmp.Right.(*ColumnRef).Name.Parts[0].Quoted {
		t.Errorf("quotes of the condition wrong: %+v", cmp)
	}
}

func TestParseJoinUsingAlias(t *testing.T) {
	stmts, err := Parse(`SELECT j.a FROM t JOIN u USING (a, b) AS j`)
	if err != nil {
		t.Fatal(err)
	}
	j := stmts[0].(*Select).From.(*Join)
	if j.UsingAlias != "j" || len(j.Using) != 2 {
		t.Errorf("join %+v", j)
	}
	if _, err := Parse(`SELECT 1 FROM (t JOIN u USING (a)) AS j`); err == nil {
		t.Errorf("an alias on a whole join parsed, which the binder cannot plan yet")
	}
}
