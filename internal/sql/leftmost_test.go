package sql

import "testing"

// TestLeftmost points at the first operand of operators and casts, as
// PostgreSQL's exprLocation does.
func TestLeftmost(t *testing.T) {
	cases := map[string]int{
		"SELECT a + b":          7,
		"SELECT 'x'::int":       7,
		"SELECT (a || 'x') = b": 8,
		"SELECT lower(a)":       7,
		"SELECT a IS TRUE":      7,
		"SELECT a IN (1, 2)":    7,
		"SELECT NOT a":          7,
	}
	for query, want := range cases {
		stmts, err := Parse(query)
		if err != nil {
			t.Fatal(err)
		}
		e := stmts[0].(*Select).Items[0].Expr
		if got := Leftmost(e); got != want {
			t.Errorf("Leftmost(%s) = %d, want %d", query, got, want)
		}
	}
}
