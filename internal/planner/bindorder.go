package planner

import (
	"strconv"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// bindOrderBy binds ORDER BY keys as PostgreSQL does: an integer constant
// is a select-list position, a bare name an output column first, anything
// else an expression over the FROM columns. Keys are over the sort's input,
// so an output column stands for the expression that computes it.
func bindOrderBy(sc *scope, items []sql.OrderItem, outputs []expr.Expr, names []string) ([]SortKey, error) {
	keys := make([]SortKey, len(items))
	for i, item := range items {
		e, err := bindOrderExpr(sc, item.Expr, outputs, names)
		if err != nil {
			return nil, err
		}
		if err := checkOrdering(e, item.Expr.Pos()); err != nil {
			return nil, err
		}
		nullsFirst := item.Desc
		if item.NullsFirst != nil {
			nullsFirst = *item.NullsFirst
		}
		keys[i] = SortKey{Expr: e, Desc: item.Desc, NullsFirst: nullsFirst}
	}
	return keys, nil
}

func bindOrderExpr(sc *scope, e sql.Expr, outputs []expr.Expr, names []string) (expr.Expr, error) {
	if c, ok := e.(*sql.Const); ok && c.Kind == sql.ConstInteger {
		n, err := strconv.Atoi(c.Value)
		if err != nil || n < 1 || n > len(outputs) {
			return nil, sqlstate.New("42P10", "ORDER BY position %s is not in select list", c.Value).At(c.Pos() + 1)
		}
		return outputs[n-1], nil
	}
	if ref, ok := e.(*sql.ColumnRef); ok && len(ref.Name.Parts) == 1 {
		i, matches := outputNamed(names, ref.Name.Parts[0].Name)
		if matches > 1 && !sameExprs(outputs, names, ref.Name.Parts[0].Name) {
			return nil, sqlstate.New(sqlstate.AmbiguousColumn, "ORDER BY %q is ambiguous", ref.Name.Parts[0].Name).At(ref.Pos() + 1)
		}
		if matches >= 1 {
			return outputs[i], nil
		}
	}
	b, err := bindExpr(sc, e)
	if err != nil {
		return nil, err
	}
	return b.Expr, nil
}

// outputNamed finds the output columns called name, exactly as written
// (names are folded to lower case unless quoted): the first one's index
// and how many there are.
func outputNamed(names []string, name string) (index, matches int) {
	index = -1
	for i, n := range names {
		if n == name {
			if matches == 0 {
				index = i
			}
			matches++
		}
	}
	return index, matches
}

// sameExprs tells whether all output columns called name compute the same
// expression (`SELECT a, a ORDER BY a` is not ambiguous).
func sameExprs(outputs []expr.Expr, names []string, name string) bool {
	first := ""
	for i, n := range names {
		if n != name {
			continue
		}
		if first == "" {
			first = expr.Fingerprint(outputs[i])
		} else if expr.Fingerprint(outputs[i]) != first {
			return false
		}
	}
	return true
}
