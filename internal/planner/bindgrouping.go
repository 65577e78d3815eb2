package planner

import (
	"fmt"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// maxGroupingSets is PostgreSQL's limit on the grouping sets of a query.
const maxGroupingSets = 4096

// groupingNode is one element of GROUP BY with its expressions bound: a
// list of group expression positions (an expression, or several in
// parentheses), or ROLLUP, CUBE, GROUPING SETS or () over other elements.
type groupingNode struct {
	kind      sql.GroupingKind
	positions []int // GroupingSimple: the expressions grouped together
	children  []groupingNode
}

// bindGrouping binds GROUP BY: the distinct group expressions, and the
// grouping sets (positions among them) when GROUP BY is more than one
// list of expressions; nil sets mean one set of them all.
func bindGrouping(sc *scope, s *sql.Select) ([]expr.Expr, [][]int, error) {
	var groups []expr.Expr
	nodes := make([]groupingNode, len(s.GroupBy))
	plain := true
	for i, item := range s.GroupBy {
		n, err := bindGroupingNode(sc, s, item, &groups)
		if err != nil {
			return nil, nil, err
		}
		nodes[i] = n
		plain = plain && n.kind == sql.GroupingSimple
	}
	if plain && !s.GroupDistinct {
		return groups, nil, nil
	}
	sets, err := expandGroupingSets(nodes, s.GroupDistinct)
	if err != nil {
		return nil, nil, err
	}
	if len(sets) == 1 && len(sets[0]) == len(groups) {
		return groups, nil, nil
	}
	return groups, sets, nil
}

// bindGroupingNode binds one element of GROUP BY, adding the expressions it
// names to groups (an expression named twice has one position).
func bindGroupingNode(sc *scope, s *sql.Select, item sql.Expr, groups *[]expr.Expr) (groupingNode, error) {
	set, ok := item.(*sql.GroupingSet)
	if !ok {
		e, err := bindGroupItem(sc, s, item)
		if err != nil {
			return groupingNode{}, err
		}
		return groupingNode{kind: sql.GroupingSimple, positions: []int{groupPosition(groups, e)}}, nil
	}
	n := groupingNode{kind: set.Kind}
	for _, child := range set.Items {
		c, err := bindGroupingNode(sc, s, child, groups)
		if err != nil {
			return groupingNode{}, err
		}
		if set.Kind == sql.GroupingSimple {
			n.positions = append(n.positions, c.positions...)
		} else {
			n.children = append(n.children, c)
		}
	}
	return n, nil
}

// groupPosition is e's position among the group expressions, added when new.
func groupPosition(groups *[]expr.Expr, e expr.Expr) int {
	fp := expr.Fingerprint(e)
	for i, g := range *groups {
		if expr.Fingerprint(g) == fp {
			return i
		}
	}
	*groups = append(*groups, e)
	return len(*groups) - 1
}

// expandGroupingSets turns GROUP BY's elements into grouping sets as
// PostgreSQL does: each element stands for a list of sets (ROLLUP (a, b)
// for (a, b), (a), (); CUBE (a, b) for every subset; GROUPING SETS for the
// sets of its elements, in turn), and the elements combine as a cross
// product, each resulting set the union of one set of each. A set names an
// expression once; with distinct, a set met twice counts once.
func expandGroupingSets(nodes []groupingNode, distinct bool) ([][]int, error) {
	sets := [][]int{{}}
	for _, n := range nodes {
		var next [][]int
		for _, left := range sets {
			for _, right := range setsOf(n) {
				next = append(next, unionSet(left, right))
			}
		}
		if len(next) > maxGroupingSets {
			return nil, sqlstate.New("54001", "too many grouping sets present (maximum %d)", maxGroupingSets)
		}
		sets = next
	}
	if distinct {
		sets = distinctSets(sets)
	}
	return sets, nil
}

// setsOf lists the grouping sets one element stands for.
func setsOf(n groupingNode) [][]int {
	switch n.kind {
	case sql.GroupingSimple:
		return [][]int{n.positions}
	case sql.GroupingEmpty:
		return [][]int{{}}
	case sql.GroupingRollup:
		var out [][]int
		for k := len(n.children); k >= 0; k-- {
			out = append(out, unionOf(n.children[:k]))
		}
		return out
	case sql.GroupingCube:
		return cubeSets(n.children)
	}
	var out [][]int
	for _, c := range n.children {
		out = append(out, setsOf(c)...)
	}
	return out
}

// cubeSets is every subset of the elements, the whole first.
func cubeSets(elems []groupingNode) [][]int {
	var out [][]int
	full := 1<<len(elems) - 1
	for mask := full; mask >= 0; mask-- {
		var picked []groupingNode
		for i := range elems {
			if mask&(1<<(len(elems)-1-i)) != 0 {
				picked = append(picked, elems[i])
			}
		}
		out = append(out, unionOf(picked))
	}
	return out
}

// unionOf is the set of the expressions of simple elements.
func unionOf(elems []groupingNode) []int {
	var out []int
	for _, e := range elems {
		out = unionSet(out, e.positions)
	}
	return out
}

// unionSet is a followed by the positions of b it lacks.
func unionSet(a, b []int) []int {
	out := append([]int{}, a...)
	for _, p := range b {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// distinctSets drops the sets that hold the same positions as an earlier one.
func distinctSets(sets [][]int) [][]int {
	var out [][]int
	seen := map[string]bool{}
	for _, s := range sets {
		key := fmt.Sprint(slices.Sorted(slices.Values(s)))
		if !seen[key] {
			seen[key] = true
			out = append(out, s)
		}
	}
	return out
}

// bindGroupingCall binds grouping(a, b, ...): each argument must be one of
// the query's group expressions.
func bindGroupingCall(sc *scope, f *sql.FuncCall) (bound, error) {
	if sc.aggs == nil {
		return bound{}, groupingNotAllowed(sc.clause).At(f.Pos() + 1)
	}
	if len(f.Args) >= 32 {
		return bound{}, sqlstate.New("54023", "GROUPING must have fewer than 32 arguments").At(f.Pos() + 1)
	}
	call := AggCall{Func: "grouping", Typ: arrow.PrimitiveTypes.Int32}
	for _, a := range f.Args {
		b, err := bindExpr(sc.aggs.input.in("aggregate"), a)
		if err != nil {
			return bound{}, err
		}
		pos := indexOfExpr(sc.aggs.groups, b.Expr)
		if pos < 0 {
			return bound{}, sqlstate.New("42803", "arguments to GROUPING must be grouping expressions of the associated query level").
				At(a.Pos() + 1)
		}
		call.Grouping = append(call.Grouping, pos)
	}
	return sc.aggs.placeholder(call), nil
}

// groupingNotAllowed is PostgreSQL's error for grouping() where no
// grouping is.
func groupingNotAllowed(clause string) *sqlstate.Error {
	if clause == "" {
		return sqlstate.New("42803", "grouping operations are not allowed here")
	}
	return sqlstate.New("42803", "grouping operations are not allowed in %s", clause)
}
