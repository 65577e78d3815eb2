package planner

import (
	"auger/internal/expr"
)

// pruneProjectSetInput narrows the input of a ProjectSet under a Project
// or Aggregate (through Filters and Sorts) to the columns read above it
// and by its functions: a Project of just those columns goes below it,
// which prune_columns then carries down into the scan. Expressions above
// are renumbered.
func pruneProjectSetInput(n Node) (Node, bool) {
	return transformUp(n, func(n Node) (Node, bool) {
		top, reads := readsOf(n)
		if top == nil {
			return n, false
		}
		chain, ps := chainDownTo[*ProjectSet](top.Children()[0])
		if ps == nil {
			return n, false
		}
		exprs := append([]expr.Expr{}, reads...)
		for _, c := range chain {
			exprs = append(exprs, exprsOf(c)...)
		}
		for _, f := range ps.Funcs {
			exprs = append(exprs, f)
		}
		width := ps.Input.Schema().NumFields()
		var used []int
		for _, c := range columnsOf(exprs) {
			if c < width {
				used = append(used, c)
			}
		}
		if len(used) == width {
			return n, false
		}
		narrowed, position := narrowProjectSet(ps, used)
		return overNarrowed(top, chain, narrowed, position), true
	})
}

// narrowProjectSet puts a Project of the used input columns under a
// ProjectSet; position maps each column of the old ProjectSet's output
// to its place in the new one's.
func narrowProjectSet(ps *ProjectSet, used []int) (*ProjectSet, map[int]int) {
	input := ps.Input.Schema()
	project := &Project{Input: ps.Input}
	position := map[int]int{}
	for i, c := range used {
		position[c] = i
		f := input.Field(c)
		project.Exprs = append(project.Exprs, &expr.Column{Index: c, Name: f.Name, Typ: f.Type})
		project.Names = append(project.Names, f.Name)
	}
	width := input.NumFields()
	for i := 0; i < len(ps.Funcs)+1; i++ {
		position[width+i] = len(used) + i
	}
	out := *ps
	out.Input = project
	out.Funcs = make([]*expr.Func, len(ps.Funcs))
	for i, f := range ps.Funcs {
		out.Funcs[i] = expr.MapColumns(f, func(c *expr.Column) expr.Expr {
			return &expr.Column{Index: position[c.Index], Name: c.Name, Typ: c.Typ}
		}).(*expr.Func)
	}
	return &out, position
}
