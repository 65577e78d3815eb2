package planner

import (
	"strings"
	"testing"
)

// TestSubqueryValues runs correlated subqueries in the clauses whose nodes
// compute them through a SubqueryValues: join conditions, window
// arguments, aggregate FILTERs.
func TestSubqueryValues(t *testing.T) {
	checkResults(t, []struct{ query, want string }{
		{"SELECT t.w, u.w FROM t LEFT JOIN t u ON u.w = t.w + 1 AND EXISTS (SELECT 1 FROM t x WHERE x.o = t.o AND x.v IS NULL) ORDER BY 1",
			"1,NULL 2,3 3,4 4,NULL 5,NULL"},
		{"SELECT t.w, u.w FROM t RIGHT JOIN t u ON t.w = u.w - 1 AND u.o > (SELECT min(x.o) FROM t x WHERE x.p = u.p) ORDER BY 2",
			"NULL,1 1,2 2,3 NULL,4 NULL,5"},
		{"SELECT t.w, u.w FROM t JOIN t u ON u.w = t.w AND (SELECT count(*) FROM t x WHERE x.o = u.o) > 1 ORDER BY 1", "2,2 3,3"},
		{"SELECT w, sum((SELECT count(*) FROM t u WHERE u.o < t.o)) OVER (ORDER BY w) FROM t ORDER BY 1", "1,0 2,1 3,2 4,6 5,9"},
		{"SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM t u WHERE u.w = t.w * 2)) FROM t", "2"},
		{"SELECT DISTINCT ON ((SELECT count(*) FROM t u WHERE u.o = t.o)) w FROM t ORDER BY (SELECT count(*) FROM t u WHERE u.o = t.o), w", "1 2"},
	})
}

// TestSubqueryValuesAreLazy runs a subquery only for the rows that need
// its value, as PostgreSQL does: the others would divide by zero.
func TestSubqueryValuesAreLazy(t *testing.T) {
	checkResults(t, []struct{ query, want string }{
		{"SELECT w, CASE WHEN o > 2 THEN (SELECT 10 / (t.o - 2)) ELSE 0 END FROM t ORDER BY 1", "1,0 2,0 3,0 4,3 5,10"},
		{"SELECT w, CASE WHEN o = 2 THEN 0 WHEN (SELECT 10 / (t.o - 2)) > 5 THEN 1 END FROM t ORDER BY 1", "1,NULL 2,0 3,0 4,NULL 5,1"},
		{"SELECT w, COALESCE(v, (SELECT 100 / (t.v - t.v))) FROM t ORDER BY 1", "1,10 2,20 3,NULL 4,5 5,3"},
		{"SELECT w FROM t WHERE o <> 2 AND (SELECT 10 / (t.o - 2)) > 0 ORDER BY 1", "4 5"},
		{"SELECT w FROM t WHERE o = 2 OR (SELECT 10 / (t.o - 2)) > 5 ORDER BY 1", "2 3 5"},
		{"SELECT sum((SELECT 10 / (t.o - 2))) FILTER (WHERE o <> 2) FROM t", "3"},
	})
}

// TestSubqueryGuards shows the guard a CASE branch gives its subquery.
func TestSubqueryGuards(t *testing.T) {
	plan, err := bindText(t, windowBinder(t), "SELECT CASE WHEN o > 2 THEN (SELECT t.v) END FROM t")
	if err != nil {
		t.Fatal(err)
	}
	project := plan.(*Project)
	subs := correlatedSubqueries(project)
	guards := subqueryGuards(project, subs)
	if len(guards) != 1 || guards[0] == nil || !strings.Contains(guards[0].String(), `coalesce(("o" > 2), false)`) {
		t.Errorf("guards %v", guards)
	}
}
