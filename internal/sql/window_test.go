package sql

import (
	"strings"
	"testing"

	"auger/internal/sqlstate"
)

// renderWindow prints a window specification compactly.
func renderWindow(w *WindowSpec) string {
	if w.Name != "" {
		return w.Name
	}
	var parts []string
	if w.Base != "" {
		parts = append(parts, w.Base)
	}
	for i, p := range w.PartitionBy {
		if i == 0 {
			parts = append(parts, "PARTITION BY")
		}
		parts = append(parts, renderExpr(p))
	}
	for i, o := range w.OrderBy {
		if i == 0 {
			parts = append(parts, "ORDER BY")
		}
		key := renderExpr(o.Expr)
		if o.Desc {
			key += " DESC"
		}
		parts = append(parts, key)
	}
	if f := w.Frame; f != nil {
		parts = append(parts, f.Mode.String(), renderBound(f.Start), "AND", renderBound(f.End))
		if f.Exclude != ExcludeNoOthers {
			parts = append(parts, f.Exclude.String())
		}
	}
	return "(" + strings.Join(parts, " ") + ")"
}

func renderBound(b FrameBound) string {
	if b.Offset == nil {
		return b.Kind.String()
	}
	return strings.Replace(b.Kind.String(), "n", renderExpr(b.Offset), 1)
}

func TestParseWindows(t *testing.T) {
	cases := []struct{ in, want string }{
		{"SELECT rank() OVER () FROM t", "rank OVER ()"},
		{`SELECT sum(x) OVER (PARTITION BY a, "B" ORDER BY c DESC) FROM t`, `sum OVER (PARTITION BY a "B" ORDER BY c DESC)`},
		{"SELECT count(*) OVER w FROM t WINDOW w AS (ORDER BY a)", "count OVER w | w AS (ORDER BY a)"},
		{"SELECT lag(x) OVER (w ORDER BY b) FROM t WINDOW w AS (PARTITION BY a), v AS (w)",
			"lag OVER (w ORDER BY b) | w AS (PARTITION BY a) | v AS (w)"},
		{"SELECT sum(x) OVER (ORDER BY a ROWS 2 PRECEDING) FROM t",
			"sum OVER (ORDER BY a ROWS 2 PRECEDING AND CURRENT ROW)"},
		{"SELECT sum(x) OVER (ORDER BY a RANGE BETWEEN INTERVAL '1 day' PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES) FROM t",
			"sum OVER (ORDER BY a RANGE CAST('1 day' AS interval) PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES)"},
		{"SELECT sum(x) OVER (ORDER BY a GROUPS BETWEEN CURRENT ROW AND 3 FOLLOWING EXCLUDE CURRENT ROW) FROM t",
			"sum OVER (ORDER BY a GROUPS CURRENT ROW AND 3 FOLLOWING EXCLUDE CURRENT ROW)"},
		{"SELECT sum(x) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING EXCLUDE GROUP) FROM t",
			"sum OVER (ROWS UNBOUNDED PRECEDING AND 1 PRECEDING EXCLUDE GROUP)"},
		{"SELECT sum(x) OVER (ROWS BETWEEN CURRENT ROW AND CURRENT ROW EXCLUDE NO OTHERS) FROM t",
			"sum OVER (ROWS CURRENT ROW AND CURRENT ROW)"},
	}
	for _, c := range cases {
		stmts, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		s := stmts[0].(*Select)
		f := s.Items[0].Expr.(*FuncCall)
		got := []string{f.Name + " OVER " + renderWindow(f.Over)}
		for _, d := range s.Windows {
			got = append(got, d.Name+" AS "+renderWindow(d.Spec))
		}
		if strings.Join(got, " | ") != c.want {
			t.Errorf("Parse(%q)\n got %s\nwant %s", c.in, strings.Join(got, " | "), c.want)
		}
	}
}

func TestParseWindowErrors(t *testing.T) {
	cases := []struct{ in, code, message string }{
		{"SELECT sum(x) OVER (ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM t", "42P20", "frame start cannot be UNBOUNDED FOLLOWING"},
		{"SELECT sum(x) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM t", "42P20", "frame starting from current row cannot have preceding rows"},
		{"SELECT string_agg(x, ',' ORDER BY x) OVER () FROM t", sqlstate.FeatureNotSupported, "aggregate ORDER BY is not implemented for window functions"},
		{"SELECT count(*) FILTER (WHERE x) OVER () FROM t", sqlstate.FeatureNotSupported, "FILTER in a window function is not supported yet"},
		{"SELECT sum(x) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED) FROM t", sqlstate.SyntaxError, "syntax error"},
	}
	for _, c := range cases {
		_, err := Parse(c.in)
		e, ok := err.(*sqlstate.Error)
		if !ok || e.Code != c.code || !strings.HasPrefix(e.Message, c.message) {
			t.Errorf("Parse(%q) error %v, want %s %q", c.in, err, c.code, c.message)
		}
	}
}

// TestWindowQuotedNames: quoted names in window clauses keep their case.
func TestWindowQuotedNames(t *testing.T) {
	stmts, err := Parse(`SELECT rank() OVER (PARTITION BY "Aa" ORDER BY "Bb" ROWS 1 PRECEDING) FROM t WINDOW w AS (ORDER BY "Cc")`)
	if err != nil {
		t.Fatal(err)
	}
	s := stmts[0].(*Select)
	over := s.Items[0].Expr.(*FuncCall).Over
	refs := []Expr{over.PartitionBy[0], over.OrderBy[0].Expr, s.Windows[0].Spec.OrderBy[0].Expr}
	for _, r := range refs {
		if !r.(*ColumnRef).Name.Parts[0].Quoted {
			t.Errorf("%s lost its quotes", r.(*ColumnRef).Name)
		}
	}
}
