package sql

import (
	"strings"
	"testing"
)

// renderArrayExpr renders the array expressions for TestParseArrays.
func renderArrayExpr(e Expr) string {
	all := func(es []Expr) string {
		parts := make([]string, len(es))
		for i, x := range es {
			parts[i] = renderExpr(x)
		}
		return strings.Join(parts, ", ")
	}
	bound := func(e Expr) string {
		if e == nil {
			return ""
		}
		return renderExpr(e)
	}
	switch n := e.(type) {
	case *ArrayExpr:
		return "ARRAY[" + all(n.Elements) + "]"
	case *Subscript:
		out := renderExpr(n.Arg)
		for _, i := range n.Indexes {
			if i.Slice {
				out += "[" + bound(i.Lower) + ":" + bound(i.Upper) + "]"
			} else {
				out += "[" + bound(i.Upper) + "]"
			}
		}
		return out
	case *AnyAll:
		q := " ANY "
		if n.All {
			q = " ALL "
		}
		return "(" + renderExpr(n.Left) + " " + n.Op + q + renderExpr(n.Right) + ")"
	case *SubqueryExpr:
		return n.Kind + "(" + render(n.Query.(*Select)) + ")"
	case *FieldSelect:
		return "(" + renderExpr(n.Arg) + ")." + n.Field
	}
	return "?"
}

func renderFunctionRef(f *FunctionRef) string {
	out := renderExpr(f.Call)
	if f.Ordinality {
		out += " WITH ORDINALITY"
	}
	if f.Alias != "" {
		out += " " + f.Alias
	}
	if len(f.ColumnAliases) > 0 {
		out += "(" + strings.Join(f.ColumnAliases, ", ") + ")"
	}
	return out
}

func TestParseArrays(t *testing.T) {
	cases := []struct{ in, want string }{
		{"SELECT ARRAY[1, 2], ARRAY[[1, 2], [3, 4]], ARRAY[]::int[]",
			"SELECT ARRAY[1, 2], ARRAY[ARRAY[1, 2], ARRAY[3, 4]], CAST(ARRAY[] AS integer[])"},
		{"SELECT a[1], a[1:2][3], b[:2], b[2:], (ARRAY[1, 2])[i + 1]",
			"SELECT a[1], a[1:2][3], b[:2], b[2:], ARRAY[1, 2][(i + 1)]"},
		{"SELECT x = ANY(a), x <> ALL('{1}'), x != SOME(a), '{1}'::text[][], CAST(y AS varchar(3)[])",
			"SELECT (x = ANY a), (x <> ALL '{1}'), (x <> ANY a), CAST('{1}' AS text[]), CAST(y AS character varying[])"},
		{"SELECT ARRAY(SELECT 1)", "SELECT array(SELECT 1)"},
		{"SELECT (a).b, (t.c).d", "SELECT (a).b, (t.c).d"},
		{`SELECT t."Tags"[1] FROM t, unnest(t."Tags", t.b) WITH ORDINALITY AS u(x, y, n), generate_series(1, 3)`,
			`SELECT t."Tags"[1] FROM ((t CROSS JOIN unnest(t."Tags", t.b) WITH ORDINALITY u(x, y, n)) CROSS JOIN generate_series(1, 3))`},
	}
	for _, c := range cases {
		stmts, err := Parse(c.in)
		if err != nil || len(stmts) != 1 {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if got := render(stmts[0]); got != c.want {
			t.Errorf("Parse(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
	for _, bad := range []string{"SELECT (a).b[1]", "SELECT * FROM ROWS FROM (unnest(a), unnest(b))"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}
