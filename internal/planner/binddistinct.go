package planner

import (
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// bindDistinct plans SELECT DISTINCT: the select list, grouped by all of
// its columns, then ordered. As in PostgreSQL, ORDER BY may only use what
// the select list computes.
func bindDistinct(sc *scope, s *sql.Select, input Node, exprs []expr.Expr, names []string) (Node, error) {
	keys, err := bindOrderBy(sc, s.OrderBy, exprs, names)
	if err != nil {
		return nil, err
	}
	return distinctOver(s, input, exprs, names, keys)
}

// distinctOver plans SELECT DISTINCT of bound exprs over input, ordered by
// keys (also over input).
func distinctOver(s *sql.Select, input Node, exprs []expr.Expr, names []string, keys []SortKey) (Node, error) {
	if err := checkDistinctItems(s, exprs); err != nil {
		return nil, err
	}
	project := &Project{Input: input, Exprs: exprs, Names: names}
	outputs := project.Schema()
	groups := make([]expr.Expr, len(exprs))
	for i := range exprs {
		groups[i] = &expr.Column{Index: i, Name: names[i], Typ: outputs.Field(i).Type}
	}
	var plan Node = &Project{Input: &Aggregate{Input: project, Groups: groups}, Exprs: groups, Names: names}
	for i, k := range keys {
		pos := indexOfExpr(exprs, k.Expr)
		if pos < 0 {
			return nil, sqlstate.New("42P10", "for SELECT DISTINCT, ORDER BY expressions must appear in select list").
				At(s.OrderBy[i].Expr.Pos() + 1)
		}
		keys[i].Expr = groups[pos]
	}
	if len(keys) > 0 {
		plan = &Sort{Input: plan, Keys: keys}
	}
	return plan, nil
}

func indexOfExpr(exprs []expr.Expr, e expr.Expr) int {
	for i, x := range exprs {
		if expr.Fingerprint(x) == expr.Fingerprint(e) {
			return i
		}
	}
	return -1
}
