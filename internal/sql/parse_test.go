package sql

import (
	"strings"
	"testing"

	"auger/internal/sqlstate"
)

func TestRewriteBackticks(t *testing.T) {
	cases := []struct{ in, want string }{
		{"SELECT * FROM dfs.data.`users.parquet`", `SELECT * FROM dfs.data."users.parquet"`},
		{"SELECT * FROM dfs.`/abs/path/file.parquet`", `SELECT * FROM dfs."/abs/path/file.parquet"`},
		{"SELECT '`not`' FROM `t`", `SELECT '` + "`not`" + `' FROM "t"`},
		{"SELECT 'it''s `x`', `a\"b`", `SELECT 'it''s ` + "`x`" + `', "a""b"`},
		{"SELECT E'\\'`x`' FROM `t`", "SELECT E'\\'`x`' FROM \"t\""},
		{"-- `c`\nSELECT `t`.x /* `d` /* `e` */ */", "-- `c`\nSELECT \"t\".x /* `d` /* `e` */ */"},
		{"SELECT $$`x`$$, $tag$ `y` $tag$, `z`", "SELECT $$`x`$$, $tag$ `y` $tag$, \"z\""},
		{"SELECT \"`q`\" FROM `a``b`", "SELECT \"`q`\" FROM \"a`b\""},
		{"SELECT $1 FROM `t`", `SELECT $1 FROM "t"`},
	}
	for _, c := range cases {
		got, err := RewriteBackticks(c.in)
		if err != nil || got != c.want {
			t.Errorf("RewriteBackticks(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	_, err := RewriteBackticks("SELECT * FROM `open")
	if sqlstate.Code(err) != sqlstate.SyntaxError || err.(*sqlstate.Error).Position != 15 {
		t.Errorf("unterminated backtick: %v", err)
	}
}

func FuzzRewriteBackticks(f *testing.F) {
	for _, s := range []string{"SELECT `a`", "'`'", "$x$`$x$", "/* ` */", "`a``b`", "E'\\''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := RewriteBackticks(s)
		if !strings.Contains(s, "`") && (err != nil || out != s) {
			t.Errorf("text without backticks changed: %q -> %q, %v", s, out, err)
		}
	})
}

// render prints a statement tree compactly for comparison.
func render(s Statement) string {
	switch n := s.(type) {
	case *Use:
		return "USE " + n.Schema.String()
	case *ShowSchemas:
		return "SHOW SCHEMAS" + likeText(n.Like)
	case *ShowTables:
		out := "SHOW TABLES"
		if n.Schema != nil {
			out += " IN " + n.Schema.String()
		}
		return out + likeText(n.Like)
	case *ShowFiles:
		return "SHOW FILES"
	case *Describe:
		out := "DESCRIBE " + n.Table.String()
		if n.Column != nil {
			out += " " + *n.Column
		}
		return out
	case *Select:
		return renderSelect(n)
	}
	return "?"
}

func likeText(l *string) string {
	if l == nil {
		return ""
	}
	return " LIKE " + *l
}

func renderSelect(s *Select) string {
	var items []string
	for _, it := range s.Items {
		switch {
		case it.Star && len(it.StarQualifier) > 0:
			items = append(items, it.StarQualifier[0].Name+".*")
		case it.Star:
			items = append(items, "*")
		default:
			e := renderExpr(it.Expr)
			if it.Alias != "" {
				e += " AS " + it.Alias
			}
			items = append(items, e)
		}
	}
	out := "SELECT " + strings.Join(items, ", ")
	if s.From != nil {
		out += " FROM " + renderFrom(s.From)
	}
	if s.Where != nil {
		out += " WHERE " + renderExpr(s.Where)
	}
	for i, g := range s.GroupBy {
		if i == 0 {
			out += " GROUP BY "
		} else {
			out += ", "
		}
		out += renderExpr(g)
	}
	if s.Having != nil {
		out += " HAVING " + renderExpr(s.Having)
	}
	for i, o := range s.OrderBy {
		if i == 0 {
			out += " ORDER BY "
		} else {
			out += ", "
		}
		out += renderExpr(o.Expr)
		if o.Desc {
			out += " DESC"
		}
		if o.NullsFirst != nil {
			out += map[bool]string{true: " NULLS FIRST", false: " NULLS LAST"}[*o.NullsFirst]
		}
	}
	if s.Limit != nil {
		out += " LIMIT " + renderExpr(s.Limit)
	}
	if s.Offset != nil {
		out += " OFFSET " + renderExpr(s.Offset)
	}
	return out
}

func renderFrom(f FromItem) string {
	switch n := f.(type) {
	case *TableRef:
		out := n.Name.String()
		if n.Alias != "" {
			out += " " + n.Alias
		}
		return out
	case *Join:
		kind := [...]string{"JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN"}[n.Kind]
		out := "(" + renderFrom(n.Left) + " " + kind + " " + renderFrom(n.Right)
		if n.On != nil {
			out += " ON " + renderExpr(n.On)
		}
		return out + ")"
	case *FunctionRef:
		return renderFunctionRef(n)
	}
	return "?"
}

func renderExpr(e Expr) string {
	switch n := e.(type) {
	case *ColumnRef:
		return n.Name.String()
	case *Const:
		switch n.Kind {
		case ConstNull:
			return "NULL"
		case ConstString:
			return "'" + n.Value + "'"
		case ConstNumeric:
			return n.Value + "n"
		}
		return n.Value
	case *Param:
		return "$" + string(rune('0'+n.Number))
	case *BinaryOp:
		return "(" + renderExpr(n.Left) + " " + n.Op + " " + renderExpr(n.Right) + ")"
	case *UnaryOp:
		return n.Op + renderExpr(n.Arg)
	case *BoolOp:
		var parts []string
		for _, a := range n.Args {
			parts = append(parts, renderExpr(a))
		}
		if n.Op == "NOT" {
			return "NOT " + parts[0]
		}
		return "(" + strings.Join(parts, " "+n.Op+" ") + ")"
	case *IsNull:
		if n.Negated {
			return renderExpr(n.Arg) + " IS NOT NULL"
		}
		return renderExpr(n.Arg) + " IS NULL"
	case *InList:
		var parts []string
		for _, a := range n.List {
			parts = append(parts, renderExpr(a))
		}
		op := " IN "
		if n.Negated {
			op = " NOT IN "
		}
		return renderExpr(n.Arg) + op + "(" + strings.Join(parts, ", ") + ")"
	case *Cast:
		return "CAST(" + renderExpr(n.Arg) + " AS " + n.TypeName + ")"
	case *Like:
		op := " LIKE "
		if n.CaseInsensitive {
			op = " ILIKE "
		}
		if n.Negated {
			op = " NOT" + op
		}
		return renderExpr(n.Arg) + op + renderExpr(n.Pattern)
	case *Case:
		out := "CASE"
		if n.Operand != nil {
			out += " " + renderExpr(n.Operand)
		}
		for _, w := range n.Whens {
			out += " WHEN " + renderExpr(w.When) + " THEN " + renderExpr(w.Then)
		}
		if n.Else != nil {
			out += " ELSE " + renderExpr(n.Else)
		}
		return out + " END"
	case *BoolTest:
		return renderExpr(n.Arg) + " " + n.Test
	case *FuncCall:
		var args []string
		for i, a := range n.Args {
			if n.ArgNames != nil && n.ArgNames[i] != "" {
				args = append(args, n.ArgNames[i]+" => "+renderExpr(a))
				continue
			}
			args = append(args, renderExpr(a))
		}
		if n.Star {
			args = append(args, "*")
		}
		prefix := ""
		if n.Distinct {
			prefix = "DISTINCT "
		}
		return n.Name + "(" + prefix + strings.Join(args, ", ") + ")"
	}
	return renderArrayExpr(e)
}

func TestParse(t *testing.T) {
	cases := []struct{ in, want string }{
		{`SELECT "username" FROM Postgresql.public."Users" WHERE "UserID" = 42`,
			`SELECT "username" FROM postgresql.public."Users" WHERE ("UserID" = 42)`},
		{"select * from dfs.data.`sales_by_year` limit 10", `SELECT * FROM dfs.data."sales_by_year" LIMIT 10`},
		{"SELECT * FROM dfs.`/abs/path/file.parquet`", `SELECT * FROM dfs."/abs/path/file.parquet"`},
		{"SELECT u.*, a AS b FROM s.t u WHERE NOT x IS NULL OR y IN (1, 'two', NULL) AND z != 2.5",
			"SELECT u.*, a AS b FROM s.t u WHERE (NOT x IS NULL OR (y IN (1, 'two', NULL) AND (z <> 2.5n)))"},
		{"SELECT a FROM t WHERE b BETWEEN 1 AND 3 AND c NOT IN (4) AND d IS NOT NULL",
			"SELECT a FROM t WHERE (((b >= 1) AND (b <= 3)) AND c NOT IN (4) AND d IS NOT NULL)"},
		{"SELECT x::numeric(10,2), CAST(y AS varchar), DATE '2024-01-01', -5, $1 FROM t OFFSET 3",
			"SELECT CAST(x AS numeric), CAST(y AS character varying), CAST('2024-01-01' AS date), -5, $1 FROM t OFFSET 3"},
		{"SELECT 1 FETCH FIRST 2 ROWS ONLY", "SELECT 1 LIMIT 2"},
		{"SELECT * FROM a, b x LEFT JOIN c ON x.k = c.k JOIN d ON TRUE CROSS JOIN e",
			"SELECT * FROM (a CROSS JOIN (((b x LEFT JOIN c ON (x.k = c.k)) JOIN d ON true) CROSS JOIN e))"},
		{"SELECT CASE WHEN a THEN 1 ELSE 2 END, CASE b WHEN 1 THEN 'x' END, COALESCE(a, b), NULLIF(a, 0), GREATEST(1, 2), a || b FROM t WHERE c NOT ILIKE 'A%' AND d LIKE '_b'",
			"SELECT CASE WHEN a THEN 1 ELSE 2 END, CASE b WHEN 1 THEN 'x' END, coalesce(a, b), nullif(a, 0), greatest(1, 2), (a || b) FROM t WHERE (c NOT ILIKE 'A%' AND d LIKE '_b')"},
		{"SELECT region, COUNT(*), sum(DISTINCT x), pg_catalog.max(y) FROM t WHERE z GROUP BY region, 2 HAVING count(*) > 1",
			"SELECT region, count(*), sum(DISTINCT x), max(y) FROM t WHERE z GROUP BY region, 2 HAVING (count(*) > 1)"},
		{`SELECT a AS x FROM t ORDER BY x DESC, 2, "B" ASC NULLS FIRST, c DESC NULLS LAST LIMIT 1`,
			`SELECT a AS x FROM t ORDER BY x DESC, 2, "B" NULLS FIRST, c DESC NULLS LAST LIMIT 1`},
		{"SELECT 99999999999999999999, TRUE", "SELECT 99999999999999999999n, true"},
		{"SELECT a FROM t WHERE a LIKE 'x!%' ESCAPE '!' AND a NOT SIMILAR TO 'x%' ESCAPE '#' AND a SIMILAR TO 'y'",
			"SELECT a FROM t WHERE (a LIKE like_escape('x!%', '!') AND (a !~ similar_to_escape('x%', '#')) AND (a ~ similar_to_escape('y')))"},
		{"SELECT a IS DISTINCT FROM b, a IS NOT DISTINCT FROM 1, b IS NOT TRUE, c IS UNKNOWN FROM t",
			"SELECT (a IS DISTINCT FROM b), (a IS NOT DISTINCT FROM 1), b IS NOT TRUE, c IS UNKNOWN FROM t"},
		{"SELECT a FROM t WHERE a BETWEEN SYMMETRIC 3 AND 1",
			"SELECT a FROM t WHERE (((a >= 3) AND (a <= 1)) OR ((a >= 1) AND (a <= 3)))"},
		{"SELECT 2 ^ 3, |/ a, @ b, ~ c, a # b, a << 2, make_interval(days => 3, hours => 2), CURRENT_TIMESTAMP, LOCALTIME FROM t",
			"SELECT (2 ^ 3), |/a, @b, ~c, (a # b), (a << 2), make_interval(days => 3, hours => 2), current_timestamp(), localtime() FROM t"},
		{"USE postgresql.public", "USE postgresql.public"},
		{"use `dfs`.`data`;", `USE "dfs"."data"`},
		{"SHOW SCHEMAS", "SHOW SCHEMAS"},
		{"show databases like 'dfs%'", "SHOW SCHEMAS LIKE dfs%"},
		{"SHOW TABLES", "SHOW TABLES"},
		{"SHOW TABLES IN dfs.data", "SHOW TABLES IN dfs.data"},
		{"show tables from postgresql.\"Sales\" LIKE 'o%';", `SHOW TABLES IN postgresql."Sales" LIKE o%`},
		{"SHOW FILES IN dfs.tmp", "SHOW FILES"},
		{"DESCRIBE dfs.data.`users.parquet`", `DESCRIBE dfs.data."users.parquet"`},
		{"desc t email", "DESCRIBE t email"},
	}
	for _, c := range cases {
		stmts, err := Parse(c.in)
		if err != nil || len(stmts) != 1 {
			t.Errorf("Parse(%q): %d statements, %v", c.in, len(stmts), err)
			continue
		}
		if got := render(stmts[0]); got != c.want {
			t.Errorf("Parse(%q)\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func TestParseSplitsStatements(t *testing.T) {
	stmts, err := Parse("USE dfs.data; -- comment; still comment\nSHOW TABLES;; SELECT ';' /* ; */ FROM `a;b`;")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range stmts {
		got = append(got, s.Text())
	}
	want := []string{"USE dfs.data", "-- comment; still comment\nSHOW TABLES", `SELECT ';' /* ; */ FROM "a;b"`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("statements %q, want %q", got, want)
	}
	for _, empty := range []string{"", "  ; ;", "-- only a comment", "/* x */"} {
		if stmts, err := Parse(empty); err != nil || len(stmts) != 0 {
			t.Errorf("Parse(%q) = %d statements, %v", empty, len(stmts), err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		in, code, message string
		position          int
	}{
		{"SELEC 1", sqlstate.SyntaxError, `syntax error at or near "SELEC"`, 1},
		{"SELECT * FORM t", sqlstate.SyntaxError, `syntax error at or near "FORM"`, 10},
		{"SELECT 1; SELEC 2", sqlstate.SyntaxError, `syntax error at or near "SELEC"`, 11},
		{"SELECT 'é' + , 1", sqlstate.SyntaxError, `syntax error at or near ","`, 15}, // bytes: é is two
		{"USE", sqlstate.SyntaxError, "expected a name", 4},
		{"SHOW TABLES IN dfs extra", sqlstate.SyntaxError, `"extra"`, 20},
		{"SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY a) FROM t", sqlstate.FeatureNotSupported, "WITHIN GROUP", 0},
		{"SELECT a FROM t ORDER BY a USING <", sqlstate.FeatureNotSupported, "USING", 0},
		{"SELECT a FROM (SELECT 1)", sqlstate.SyntaxError, "must have an alias", 0},
		{"UPDATE t SET a = 1", sqlstate.FeatureNotSupported, "UPDATE", 0},
	}
	for _, c := range cases {
		_, err := Parse(c.in)
		e, ok := err.(*sqlstate.Error)
		if !ok || e.Code != c.code || !strings.Contains(e.Message, c.message) || (c.position > 0 && e.Position != c.position) {
			t.Errorf("Parse(%q) error %#v, want %s %q at %d", c.in, err, c.code, c.message, c.position)
		}
	}
}
