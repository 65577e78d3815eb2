package planner

import (
	"errors"
	"testing"

	"auger/internal/sqlstate"
)

// TestJoinUsingAlias names a USING join's merged columns, and only them.
func TestJoinUsingAlias(t *testing.T) {
	checkResults(t, []struct{ query, want string }{
		{"SELECT j.o, t.w, u.w FROM t JOIN t u USING (o) AS j WHERE t.w < u.w ORDER BY 2", "2,2,3"},
		{"SELECT j.* FROM t LEFT JOIN t u USING (p, o) AS j ORDER BY 1, 2", "a,1 a,2 a,2 a,2 a,2 b,5 NULL,3"},
	})
	checkErrors(t, []struct{ query, code, message string }{
		{"SELECT j.w FROM t JOIN t u USING (o) AS j", "42703", "column j.w does not exist"},
		{"SELECT 1 FROM t JOIN t u USING (o) AS t", "42712", `table name "t" specified more than once`},
	})
}

// TestLateralOfOuterJoins plans a LATERAL item of a RIGHT or FULL join as
// a join when it reads nothing before it, and fails as PostgreSQL does
// when it does.
func TestLateralOfOuterJoins(t *testing.T) {
	checkResults(t, []struct{ query, want string }{
		{"SELECT t.w, s.x FROM t RIGHT JOIN LATERAL (SELECT 2 AS x) s ON t.w = s.x", "2,2"},
		{"SELECT t.w, s.x FROM t FULL JOIN LATERAL (SELECT 9 AS x) s ON t.w = s.x ORDER BY 1", "1,NULL 2,NULL 3,NULL 4,NULL 5,NULL NULL,9"},
	})
	checkErrors(t, []struct{ query, code, message string }{
		{"SELECT * FROM t RIGHT JOIN LATERAL (SELECT t.w) s ON true", "42P10", `invalid reference to FROM-clause entry for table "t"`},
		{"WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT 3 OFFSET 1) SELECT * FROM r", "0A000",
			"OFFSET in a recursive query is not implemented"},
	})
}

// TestHiddenFromItems gives PostgreSQL's hint when a subquery in FROM, or
// a join condition, names a FROM item it cannot see.
func TestHiddenFromItems(t *testing.T) {
	b := windowBinder(t)
	cases := []struct{ query, message, hint string }{
		{"SELECT * FROM t, (SELECT t.w) s", `invalid reference to FROM-clause entry for table "t"`,
			`There is an entry for table "t", but it cannot be referenced from this part of the query.`},
		{"SELECT * FROM t x, (SELECT p AS q) s", `column "p" does not exist`,
			`There is a column named "p" in table "x", but it cannot be referenced from this part of the query.`},
		{"SELECT * FROM t a LEFT JOIN (t JOIN t u ON a.w = 1) ON true", `invalid reference to FROM-clause entry for table "a"`,
			`There is an entry for table "a", but it cannot be referenced from this part of the query.`},
		{"SELECT * FROM t, (SELECT x.w) s", `missing FROM-clause entry for table "x"`, ""},
	}
	for _, c := range cases {
		_, err := runQuery(t, b, c.query)
		var se *sqlstate.Error
		if !errors.As(err, &se) || se.Message != c.message || se.Hint != c.hint {
			t.Errorf("%s\n got %v (hint %q)\nwant %s (hint %q)", c.query, err, hintOf(se), c.message, c.hint)
		}
	}
}

func hintOf(e *sqlstate.Error) string {
	if e == nil {
		return ""
	}
	return e.Hint
}
