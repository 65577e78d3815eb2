package planner

import (
	"sort"

	"auger/internal/expr"
)

// pruneJoinInputs narrows the inputs of a join under a Project or
// Aggregate (through Filters and Sorts) to the columns read above it and
// by its condition: each side gets a Project of just those columns, which
// prune_columns then carries down into the side's scan. Expressions above
// the join are renumbered.
func pruneJoinInputs(n Node) (Node, bool) {
	return transformUp(n, func(n Node) (Node, bool) {
		top, reads := readsOf(n)
		if top == nil {
			return n, false
		}
		chain, join := chainDownTo[*Join](top.Children()[0])
		if join == nil {
			return n, false
		}
		exprs := append([]expr.Expr{}, reads...)
		for _, c := range chain {
			exprs = append(exprs, exprsOf(c)...)
		}
		if join.Cond != nil {
			exprs = append(exprs, join.Cond)
		}
		used := columnsOf(exprs)
		if len(used) == join.Left.Schema().NumFields()+join.Right.Schema().NumFields() {
			return n, false
		}
		narrowed, position := narrowJoin(join, used)
		return overNarrowed(top, chain, narrowed, position), true
	})
}

// chainDownTo follows Filters and Sorts down to a node of type T; the
// chain is empty and the node nil when another node comes first.
func chainDownTo[T Node](n Node) ([]Node, T) {
	var chain []Node
	for {
		switch t := n.(type) {
		case *Filter, *Sort:
			chain = append(chain, t)
			n = t.Children()[0]
		case T:
			return chain, t
		default:
			var none T
			return nil, none
		}
	}
}

// overNarrowed rebuilds top and the chain of Filters and Sorts between
// it and a node that pruning narrowed, with their columns renumbered by
// position (old index to new).
func overNarrowed(top Node, chain []Node, narrowed Node, position map[int]int) Node {
	renumber := func(e expr.Expr) expr.Expr {
		return expr.MapColumns(e, func(c *expr.Column) expr.Expr {
			return &expr.Column{Index: position[c.Index], Name: c.Name, Typ: c.Typ}
		})
	}
	input := narrowed
	for i := len(chain) - 1; i >= 0; i-- {
		input = renumbered(chain[i], input, renumber)
	}
	return renumberTop(top, input, renumber)
}

func columnsOf(exprs []expr.Expr) []int {
	seen := map[int]bool{}
	for _, e := range exprs {
		for _, c := range expr.Columns(e) {
			seen[c] = true
		}
	}
	out := make([]int, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Ints(out)
	return out
}

// narrowJoin puts a Project of the used columns over each side of a join
// and returns the new join with the map from old to new column positions.
func narrowJoin(j *Join, used []int) (*Join, map[int]int) {
	width := j.Left.Schema().NumFields()
	var left, right []int
	for _, c := range used {
		if c < width {
			left = append(left, c)
		} else {
			right = append(right, c-width)
		}
	}
	position := map[int]int{}
	for i, c := range left {
		position[c] = i
	}
	for i, c := range right {
		position[c+width] = len(left) + i
	}
	next := &Join{Left: selectColumns(j.Left, left), Right: selectColumns(j.Right, right), Kind: j.Kind}
	if j.Cond != nil {
		next.Cond = expr.MapColumns(j.Cond, func(c *expr.Column) expr.Expr {
			return &expr.Column{Index: position[c.Index], Name: c.Name, Typ: c.Typ}
		})
	}
	return next, position
}

// selectColumns projects some columns of a node, unless that is all of them.
func selectColumns(n Node, cols []int) Node {
	schema := n.Schema()
	if len(cols) == schema.NumFields() {
		return n
	}
	exprs := make([]expr.Expr, len(cols))
	names := make([]string, len(cols))
	for i, c := range cols {
		f := schema.Field(c)
		exprs[i] = &expr.Column{Index: c, Name: f.Name, Typ: f.Type}
		names[i] = f.Name
	}
	return &Project{Input: n, Exprs: exprs, Names: names}
}
