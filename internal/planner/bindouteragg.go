package planner

import (
	"auger/internal/sql"
)

// selectLevel identifies one SELECT among the queries of a statement, so
// that an aggregate call in one of its subqueries can ask for it to be
// planned as an aggregation.
type selectLevel struct {
	regrouped bool // already planned again as an aggregation
}

// regroupError asks a SELECT planned without aggregation to be planned
// again with it: a subquery in its select list (or ORDER BY, or a window)
// calls an aggregate that belongs to it.
type regroupError struct {
	level *selectLevel
}

// Error implements error; the SELECT it names catches it, so it never
// reaches a client.
func (e *regroupError) Error() string { return "the query aggregates through a subquery" }

// aggregateParts are the expressions an aggregate call reads rows with:
// its arguments, its ORDER BY and its FILTER.
func aggregateParts(f *sql.FuncCall) []sql.Expr {
	parts := append([]sql.Expr{}, f.Args...)
	for _, o := range f.OrderBy {
		parts = append(parts, o.Expr)
	}
	if f.Filter != nil {
		parts = append(parts, f.Filter)
	}
	return parts
}

// aggregateLevel is PostgreSQL's level of an aggregate call: the number of
// queries out from sc that it belongs to, the nearest query whose columns
// its arguments read. A call that reads no column belongs here (0).
func aggregateLevel(sc *scope, f *sql.FuncCall) int {
	level := -1
	for _, e := range aggregateParts(f) {
		walkSQL(e, func(n sql.Expr) {
			if ref, ok := n.(*sql.ColumnRef); ok {
				if l := sc.levelOf(ref); level < 0 || l < level {
					level = l
				}
			}
		})
	}
	if level < 0 {
		return 0
	}
	return level
}

// levelOf is how many queries out from sc a column name binds; a name no
// query has (or an ambiguous one) counts as this query's, whose binding
// reports the error.
func (sc *scope) levelOf(ref *sql.ColumnRef) int {
	parts := identNames(ref.Name.Parts)
	level := 0
	for s := sc; s != nil; s = s.outerScope() {
		if _, found, err := s.localColumn(parts); found || err != nil {
			return level
		}
		level++
	}
	return 0
}

// bindOuterAggregate binds an aggregate call of a subquery that belongs to
// the query level queries out: the call is computed there, and the
// subquery reads its value as an outer value.
func bindOuterAggregate(sc *scope, f *sql.FuncCall, level int) (bound, error) {
	target := sc.outer.scope
	if level > 1 {
		inner, err := bindOuterAggregate(target, f, level-1)
		if err != nil {
			return bound{}, err
		}
		return bound{Expr: sc.outer.corr.slot(inner.Expr)}, nil
	}
	if target.aggs == nil {
		if target.level != nil && !target.level.regrouped && regroupingClauses[target.clause] {
			return bound{}, &regroupError{level: target.level}
		}
		return bound{}, aggregateNotAllowed(target.clause).At(f.Pos() + 1)
	}
	call, err := bindAggCall(target.aggs.input.in("aggregate"), f)
	if err != nil {
		return bound{}, err
	}
	return bound{Expr: sc.outer.corr.slot(target.aggs.placeholder(call).Expr)}, nil
}

// regroupingClauses are the clauses of a SELECT without aggregation where
// a subquery's aggregate of the SELECT's level makes it an aggregation:
// the select list and ORDER BY ("") and the windows.
var regroupingClauses = map[string]bool{"": true, "window function": true, "window definition": true}

// recursiveUses is how often the recursive term being bound has read its
// working table so far (0 outside one).
func (b *Binder) recursiveUses() int {
	if b.recur == nil {
		return 0
	}
	return b.recur.uses
}

// setRecursiveUses puts back the count of recursiveUses, before a clause
// is bound again.
func (b *Binder) setRecursiveUses(n int) {
	if b.recur != nil {
		b.recur.uses = n
	}
}
