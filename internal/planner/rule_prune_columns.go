package planner

import (
	"sort"

	"auger/internal/expr"
)

// pruneColumns narrows a Scan under a Project (through any Filters and
// Sorts) to the columns those nodes read, renumbering their references.
func pruneColumns(n Node) (Node, bool) {
	return transformUp(n, func(n Node) (Node, bool) {
		top, reads := readsOf(n)
		if top == nil {
			return n, false
		}
		chain, scan := chainDownToScan(top.Children()[0])
		if scan == nil {
			return n, false
		}
		used := usedColumns(reads, chain)
		if len(used) == len(scan.Columns) {
			return n, false
		}
		return rebuildPruned(top, chain, scan, used), true
	})
}

// readsOf returns the expressions a Project or Aggregate reads from its
// input, or a nil node for other nodes.
func readsOf(n Node) (Node, []expr.Expr) {
	switch t := n.(type) {
	case *Project:
		return t, t.Exprs
	case *Aggregate:
		reads := append([]expr.Expr{}, t.Groups...)
		for _, a := range t.Aggs {
			reads = append(reads, a.exprs()...)
		}
		return t, reads
	}
	return nil, nil
}

// chainDownToScan follows Filters and Sorts, which keep their input's
// columns, down to a Scan.
func chainDownToScan(n Node) ([]Node, *Scan) {
	var chain []Node
	for {
		switch t := n.(type) {
		case *Filter:
			chain = append(chain, t)
			n = t.Input
		case *Sort:
			chain = append(chain, t)
			n = t.Input
		case *Scan:
			return chain, t
		default:
			return nil, nil
		}
	}
}

// exprsOf lists the expressions a Filter or Sort reads.
func exprsOf(n Node) []expr.Expr {
	switch t := n.(type) {
	case *Filter:
		return []expr.Expr{t.Cond}
	case *Sort:
		out := make([]expr.Expr, len(t.Keys))
		for i, k := range t.Keys {
			out[i] = k.Expr
		}
		return out
	}
	return nil
}

func usedColumns(reads []expr.Expr, chain []Node) []int {
	seen := map[int]bool{}
	exprs := append([]expr.Expr{}, reads...)
	for _, n := range chain {
		exprs = append(exprs, exprsOf(n)...)
	}
	for _, e := range exprs {
		for _, c := range expr.Columns(e) {
			seen[c] = true
		}
	}
	used := make([]int, 0, len(seen))
	for c := range seen {
		used = append(used, c)
	}
	sort.Ints(used)
	return used
}

func rebuildPruned(top Node, chain []Node, scan *Scan, used []int) Node {
	position := make(map[int]int, len(used))
	next := *scan
	next.Columns = make([]int, len(used))
	for i, c := range used {
		position[c] = i
		next.Columns[i] = scan.Columns[c]
	}
	renumber := func(e expr.Expr) expr.Expr {
		return expr.MapColumns(e, func(c *expr.Column) expr.Expr {
			return &expr.Column{Index: position[c.Index], Name: c.Name, Typ: c.Typ}
		})
	}
	var input Node = &next
	for i := len(chain) - 1; i >= 0; i-- {
		input = renumbered(chain[i], input, renumber)
	}
	return renumberTop(top, input, renumber)
}

// renumberTop rebuilds a Project or Aggregate over a new input.
func renumberTop(top, input Node, renumber func(expr.Expr) expr.Expr) Node {
	renumberAll := func(es []expr.Expr) []expr.Expr {
		out := make([]expr.Expr, len(es))
		for i, e := range es {
			out[i] = renumber(e)
		}
		return out
	}
	if p, ok := top.(*Project); ok {
		return &Project{Input: input, Exprs: renumberAll(p.Exprs), Names: p.Names}
	}
	a := top.(*Aggregate)
	next := *a
	next.Input, next.Groups, next.Aggs = input, renumberAll(a.Groups), make([]AggCall, len(a.Aggs))
	for i, c := range a.Aggs {
		next.Aggs[i], _ = c.mapExprs(func(e expr.Expr) (expr.Expr, error) { return renumber(e), nil })
	}
	return &next
}

// renumbered rebuilds a Filter or Sort over a new input with its
// expressions renumbered.
func renumbered(n, input Node, renumber func(expr.Expr) expr.Expr) Node {
	switch t := n.(type) {
	case *Filter:
		return &Filter{Input: input, Cond: renumber(t.Cond)}
	case *Sort:
		keys := make([]SortKey, len(t.Keys))
		for i, k := range t.Keys {
			keys[i] = SortKey{Expr: renumber(k.Expr), Desc: k.Desc, NullsFirst: k.NullsFirst}
		}
		return &Sort{Input: input, Keys: keys}
	}
	return n.WithChildren(input)
}
