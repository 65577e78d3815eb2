package planner

import (
	"sort"

	"auger/internal/expr"
)

// pruneColumns narrows a Scan under a Project (through any Filters) to the
// columns the Project and the Filters read, renumbering their references.
func pruneColumns(n Node) (Node, bool) {
	return transformUp(n, func(n Node) (Node, bool) {
		p, ok := n.(*Project)
		if !ok {
			return n, false
		}
		filters, scan := filtersDownToScan(p.Input)
		if scan == nil {
			return n, false
		}
		used := usedColumns(p.Exprs, filters)
		if len(used) == len(scan.Columns) {
			return n, false
		}
		return rebuildPruned(p, filters, scan, used), true
	})
}

// filtersDownToScan follows a chain of Filters to a Scan.
func filtersDownToScan(n Node) ([]*Filter, *Scan) {
	var filters []*Filter
	for {
		switch t := n.(type) {
		case *Filter:
			filters = append(filters, t)
			n = t.Input
		case *Scan:
			return filters, t
		default:
			return nil, nil
		}
	}
}

func usedColumns(exprs []expr.Expr, filters []*Filter) []int {
	seen := map[int]bool{}
	for _, e := range exprs {
		for _, c := range expr.Columns(e) {
			seen[c] = true
		}
	}
	for _, f := range filters {
		for _, c := range expr.Columns(f.Cond) {
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

func rebuildPruned(p *Project, filters []*Filter, scan *Scan, used []int) Node {
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
	for i := len(filters) - 1; i >= 0; i-- {
		input = &Filter{Input: input, Cond: renumber(filters[i].Cond)}
	}
	exprs := make([]expr.Expr, len(p.Exprs))
	for i, e := range p.Exprs {
		exprs[i] = renumber(e)
	}
	return &Project{Input: input, Exprs: exprs, Names: p.Names}
}
