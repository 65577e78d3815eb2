package planner

import "testing"

// TestDistinctOnGroups keeps the first group of each DISTINCT ON key, the
// groups sorted by ORDER BY, aggregates and output names included.
func TestDistinctOnGroups(t *testing.T) {
	checkResults(t, []struct{ query, want string }{
		{"SELECT DISTINCT ON (p) p, o, count(*) FROM t GROUP BY p, o ORDER BY p, count(*) DESC, o", "a,2,2 b,5,1 NULL,3,1"},
		{"SELECT DISTINCT ON (n) o > 1 AS n, sum(w) FROM t GROUP BY 1, p ORDER BY n, sum(w) DESC", "f,1 t,5"},
		{"SELECT DISTINCT ON (p) p, max(v) FROM t GROUP BY p HAVING count(*) > 1 ORDER BY p", "a,20"},
	})
	checkErrors(t, []struct{ query, code, message string }{
		{"SELECT DISTINCT ON (p) p, count(*) FROM t GROUP BY p ORDER BY count(*)", "42P10",
			"SELECT DISTINCT ON expressions must match initial ORDER BY expressions"},
	})
}
