package planner

import (
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// bindDistinctOn plans SELECT DISTINCT ON (keys): the rows sorted by ORDER
// BY (and by the keys it leaves out), the first of each key kept. As in
// PostgreSQL, the keys must be the leftmost ORDER BY expressions.
func bindDistinctOn(sc *scope, s *sql.Select, input Node, exprs []expr.Expr, names []string) (Node, error) {
	order, err := bindOrderBy(sc, s.OrderBy, exprs, names)
	if err != nil {
		return nil, err
	}
	on, keys, err := distinctOnKeys(sc, s, exprs, names, order)
	if err != nil {
		return nil, err
	}
	var plan Node = &DistinctOn{Input: &Sort{Input: input, Keys: keys}, Keys: on}
	return &Project{Input: plan, Exprs: exprs, Names: names}, nil
}

// distinctOnKeys binds the DISTINCT ON keys (which may name output
// columns, as ORDER BY keys do) and the sort they need: order, the bound
// ORDER BY, extended by distinctOnSort.
func distinctOnKeys(sc *scope, s *sql.Select, exprs []expr.Expr, names []string, order []SortKey) ([]expr.Expr, []SortKey, error) {
	on := make([]expr.Expr, len(s.DistinctOn))
	for i, e := range s.DistinctOn {
		k, err := bindOrderExpr(sc, e, exprs, names)
		if err != nil {
			return nil, nil, err
		}
		on[i] = k
	}
	keys, err := distinctOnSort(on, order, s.DistinctOn)
	return on, keys, err
}

// distinctOnSort is PostgreSQL's transformDistinctOnClause: the ORDER BY
// keys, which must start with DISTINCT ON's, then the DISTINCT ON keys
// ORDER BY does not have.
func distinctOnSort(on []expr.Expr, order []SortKey, items []sql.Expr) ([]SortKey, error) {
	mismatch := func(i int) error {
		return sqlstate.New("42P10", "SELECT DISTINCT ON expressions must match initial ORDER BY expressions").
			At(items[i].Pos() + 1)
	}
	taken := map[int]bool{}
	skipped := false
	for _, k := range order {
		i := indexOfExpr(on, k.Expr)
		switch {
		case i < 0:
			skipped = true
		case skipped:
			return nil, mismatch(i)
		default:
			taken[i] = true
		}
	}
	keys := append([]SortKey{}, order...)
	for i, e := range on {
		if taken[i] || indexOfExpr(sortExprs(keys), e) >= 0 {
			continue
		}
		if skipped {
			return nil, mismatch(i)
		}
		keys = append(keys, SortKey{Expr: e})
	}
	return keys, nil
}

func sortExprs(keys []SortKey) []expr.Expr {
	out := make([]expr.Expr, len(keys))
	for i, k := range keys {
		out[i] = k.Expr
	}
	return out
}
