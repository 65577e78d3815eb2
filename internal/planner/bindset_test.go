package planner

import (
	"context"
	"strings"
	"testing"

	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// planOf binds and optimises a query that reads no table.
func planOf(t *testing.T, query string) (Node, error) {
	t.Helper()
	stmts, err := sql.Parse(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	b := &Binder{}
	plan, err := b.BindQuery(context.Background(), stmts[0].(sql.Query))
	if err != nil {
		return nil, err
	}
	return Optimize(plan, Options{}), nil
}

func TestSetReturningFunctionsPlan(t *testing.T) {
	cases := []struct {
		query, want string
	}{
		{"SELECT unnest(ARRAY[1, 2]) + 1 AS u, generate_series(1, 3) AS g ORDER BY 2 DESC", `
Project ("unnest" + 1) AS u, "generate_series" AS g
  Sort "generate_series" DESC NULLS FIRST
    ProjectSet unnest('{1,2}') AS unnest, generate_series(1, 3) AS generate_series
      OneRow`},
		{"SELECT unnest(ARRAY[unnest(ARRAY[1, 2]), 10])", `
Project "unnest" AS unnest
  ProjectSet unnest(array("unnest", 10)) AS unnest
    ProjectSet unnest('{1,2}') AS unnest
      OneRow`},
		{"SELECT g, x FROM generate_series(1, 3) g, unnest(ARRAY[g, g * 10]) WITH ORDINALITY AS u(x, n) WHERE n > 1", `
Project "g" AS g, "x" AS x
  Filter ("n" > 1)
    ProjectSet unnest(array("g", ("g" * 10))) AS x WITH ORDINALITY
      ProjectSet generate_series(1, 3) AS g
        OneRow`},
		{"SELECT a, b FROM generate_series(1, 2) a LEFT JOIN unnest(ARRAY[a]) b ON true", `
Project "a" AS a, "b" AS b
  ProjectSet unnest(array("a")) AS b outer
    ProjectSet generate_series(1, 2) AS a
      OneRow`},
	}
	for _, c := range cases {
		plan, err := planOf(t, c.query)
		if err != nil {
			t.Errorf("%s: %v", c.query, err)
			continue
		}
		if got := "\n" + strings.TrimRight(Explain(plan), "\n"); got != c.want {
			t.Errorf("%s\nplan:%s\nwant:%s", c.query, got, c.want)
		}
	}
}

func TestSetReturningFunctionsMisplaced(t *testing.T) {
	cases := []struct {
		query, code, message string
	}{
		{"SELECT 1 WHERE unnest(ARRAY[1]) = 1", sqlstate.FeatureNotSupported, "set-returning functions are not allowed in WHERE"},
		{"SELECT CASE WHEN true THEN unnest(ARRAY[1]) END", sqlstate.FeatureNotSupported, "set-returning functions are not allowed in CASE"},
		{"SELECT coalesce(unnest(ARRAY[1]), 2)", sqlstate.FeatureNotSupported, "set-returning functions are not allowed in COALESCE"},
		{"SELECT count(unnest(ARRAY[1]))", sqlstate.FeatureNotSupported, "aggregate function calls cannot contain set-returning function calls"},
		{"SELECT * FROM unnest(ARRAY[generate_series(1, 2)])", sqlstate.FeatureNotSupported, "set-returning functions must appear at top level of FROM"},
		{"SELECT unnest(ARRAY[1], ARRAY[2])", sqlstate.UndefinedFunction, "function unnest(integer[], integer[]) does not exist"},
		{"SELECT unnest('{1}')", "42725", "function unnest(unknown) is not unique"},
		{"SELECT * FROM unnest(ARRAY[1]) WITH ORDINALITY AS t(a, b, c)", "42P10", `table "t" has 2 columns available but 3 columns specified`},
	}
	for _, c := range cases {
		_, err := planOf(t, c.query)
		if err == nil || sqlstate.Code(err) != c.code || !strings.HasPrefix(err.Error(), c.message) {
			t.Errorf("%s: %v (%s), want %s %q", c.query, err, sqlstate.Code(err), c.code, c.message)
		}
	}
}
