package planner

import "testing"

// TestRowComparisons compares rows column by column with SQL's NULL
// rules: = and <> as AND and OR of the columns, orderings decided by the
// first column that differs, IN and NOT IN over lists and subqueries.
func TestRowComparisons(t *testing.T) {
	checkResults(t, []struct{ query, want string }{
		{"SELECT w, (o, v) = (2, 20), (o, v) < (2, 15), (o, v) IS DISTINCT FROM (2, NULL) FROM t ORDER BY w",
			"1,f,t,t 2,t,f,t 3,NULL,NULL,f 4,f,f,t 5,f,f,t"},
		{"SELECT w FROM t WHERE (p, o) IN (SELECT p, o FROM t WHERE v IS NULL) ORDER BY 1", "2 3"},
		{"SELECT w FROM t WHERE (o, v) NOT IN (SELECT o, v FROM t WHERE w = 3) ORDER BY 1", "1 4 5"},
		{"SELECT w, (o, v) >= (SELECT 2, 20) FROM t ORDER BY 1", "1,f 2,t 3,NULL 4,t 5,t"},
		{"SELECT w, (o, v) = (SELECT o, v FROM t WHERE w > 9) FROM t WHERE w = 1", "1,NULL"},
		{"SELECT w, (o, w) >= ALL (SELECT o, w FROM t u WHERE u.p = t.p) FROM t ORDER BY 1", "1,f 2,f 3,t 4,t 5,t"},
		{"SELECT w FROM t WHERE (o, v) IN ((2, 20), (5, 5)) ORDER BY 1", "2 4"},
		{"SELECT w FROM t WHERE ROW(p, v) IS NOT NULL ORDER BY 1", "1 2 4"},
	})
}

func TestRowComparisonErrors(t *testing.T) {
	checkErrors(t, []struct{ query, code, message string }{
		{"SELECT (1, 2) = (1, 2, 3)", "42601", "unequal number of entries in row expressions"},
		{"SELECT (o, v) IN (SELECT o FROM t) FROM t", "42601", "subquery has too few columns"},
		{"SELECT (o, v) IN (SELECT o, v, w FROM t) FROM t", "42601", "subquery has too many columns"},
		{"SELECT (1, 2) = 1", "42883", "operator does not exist: record = integer"},
		{"SELECT (1, true) < (1, 2)", "42883", "operator does not exist: boolean < integer"},
		{"SELECT (o, v) = (SELECT o, v FROM t) FROM t", "21000", "more than one row returned by a subquery used as an expression"},
	})
}
