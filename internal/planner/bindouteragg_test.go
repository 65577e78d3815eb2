package planner

import (
	"context"
	"errors"
	"testing"

	"auger/internal/sqlstate"
)

// runQuery binds, optimises and runs a query over the window tests'
// table t (p text, o integer, v integer, w bigint).
func runQuery(t *testing.T, b *Binder, query string) (string, error) {
	t.Helper()
	plan, err := bindText(t, b, query)
	if err != nil {
		return "", err
	}
	resolved, err := ResolveSubqueries(context.Background(), Optimize(plan, Options{}))
	if err != nil {
		return "", err
	}
	return runPlan(resolved)
}

// checkResults runs queries and compares their rows.
func checkResults(t *testing.T, cases []struct{ query, want string }) {
	t.Helper()
	b := windowBinder(t)
	for _, c := range cases {
		if got, err := runQuery(t, b, c.query); err != nil || got != c.want {
			t.Errorf("%s\n got %q, %v\nwant %q", c.query, got, err, c.want)
		}
	}
}

// checkErrors runs queries that must fail with a SQLSTATE and message.
func checkErrors(t *testing.T, cases []struct{ query, code, message string }) {
	t.Helper()
	b := windowBinder(t)
	for _, c := range cases {
		_, err := runQuery(t, b, c.query)
		var se *sqlstate.Error
		if !errors.As(err, &se) || se.Code != c.code || se.Message != c.message {
			t.Errorf("%s\n got %v\nwant %s %s", c.query, err, c.code, c.message)
		}
	}
}

// TestOuterAggregates computes an aggregate whose arguments read only
// outer columns in the outer query, as PostgreSQL does: the outer query
// becomes a grouped one, the subquery reads the aggregate's value.
func TestOuterAggregates(t *testing.T) {
	checkResults(t, []struct{ query, want string }{
		{"SELECT (SELECT max(t.v) FROM t u LIMIT 1) FROM t", "20"},
		{"SELECT p, (SELECT count(t.v)) FROM t GROUP BY p ORDER BY 1", "a,2 b,1 NULL,1"},
		{"SELECT p FROM t GROUP BY p HAVING (SELECT max(t.o)) > 2 ORDER BY 1", "b NULL"},
		{"SELECT (SELECT count(*) FROM t u WHERE u.o < max(t.o)) FROM t", "4"},
		{"SELECT (SELECT (SELECT sum(t.w))) FROM t", "15"},
		{"SELECT p, (SELECT max(t.v) FILTER (WHERE t.o > 1)) FROM t GROUP BY p ORDER BY 1", "a,20 b,5 NULL,3"},
		{"SELECT 1 FROM t ORDER BY (SELECT max(t.o))", "1"},
		// An aggregate reading the subquery's own columns stays there.
		{"SELECT o, (SELECT max(u.v + t.o) FROM t u) FROM t ORDER BY w", "1,21 2,22 2,22 5,25 3,23"},
	})
}

func TestOuterAggregateErrors(t *testing.T) {
	checkErrors(t, []struct{ query, code, message string }{
		{"SELECT o, (SELECT max(t.v)) FROM t", "42803", `column "t.o" must appear in the GROUP BY clause or be used in an aggregate function`},
		{"SELECT * FROM t WHERE EXISTS (SELECT max(t.v))", "42803", "aggregate functions are not allowed in WHERE"},
		{"SELECT * FROM t JOIN t u ON EXISTS (SELECT max(t.v))", "42803", "aggregate functions are not allowed in JOIN conditions"},
		{"SELECT * FROM t, LATERAL (SELECT max(t.v)) x", "42803", "aggregate functions are not allowed in FROM clause of their own query level"},
		{"SELECT 1 FROM t GROUP BY (SELECT max(t.v))", "42803", "aggregate functions are not allowed in GROUP BY"},
		{"SELECT (SELECT max(count(t.v)) FROM t u) FROM t", "42803", "aggregate function calls cannot be nested"},
		{"SELECT (SELECT max(t.v) FROM t u) FROM t", "21000", "more than one row returned by a subquery used as an expression"},
	})
}
