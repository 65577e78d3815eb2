package planner

import "auger/internal/expr"

// chooseBuildSide makes the smaller input of a join its right one, the
// side the hash join holds in memory, when the sizes of both are known: a
// join of a large left input and a small right one keeps its sides; the
// other way round they are swapped (an inner join stays inner, a left
// join becomes a right join and a right one a left one, a full join stays
// full) and a Project above puts the columns back in their order. Semi
// and anti joins keep their sides.
func chooseBuildSide(n Node) (Node, bool) {
	return transformUp(n, func(n Node) (Node, bool) {
		j, ok := n.(*Join)
		if !ok {
			return n, false
		}
		if _, swappable := swappedKinds[j.Kind]; !swappable {
			return n, false // a semi or anti join keeps its left rows
		}
		left, lok := estimatedBytes(j.Left)
		right, rok := estimatedBytes(j.Right)
		if !lok || !rok || left >= right {
			return n, false
		}
		return swapJoin(j), true
	})
}

var swappedKinds = map[JoinKind]JoinKind{InnerJoin: InnerJoin, LeftJoin: RightJoin, RightJoin: LeftJoin, FullJoin: FullJoin}

// swapJoin exchanges a join's inputs under a Project that restores the
// order of its columns.
func swapJoin(j *Join) Node {
	wl, wr := j.Left.Schema().NumFields(), j.Right.Schema().NumFields()
	swapped := &Join{Left: j.Right, Right: j.Left, Kind: swappedKinds[j.Kind]}
	if j.Cond != nil {
		swapped.Cond = expr.MapColumns(j.Cond, func(c *expr.Column) expr.Expr {
			moved := *c
			if c.Index < wl {
				moved.Index = c.Index + wr
			} else {
				moved.Index = c.Index - wl
			}
			return &moved
		})
	}
	fields := swapped.Schema().Fields()
	exprs := make([]expr.Expr, 0, wl+wr)
	names := make([]string, 0, wl+wr)
	for i := 0; i < wl+wr; i++ {
		from := wr + i // a left column
		if i >= wl {
			from = i - wl
		}
		exprs = append(exprs, &expr.Column{Index: from, Name: fields[from].Name, Typ: fields[from].Type})
		names = append(names, fields[from].Name)
	}
	return &Project{Input: swapped, Exprs: exprs, Names: names}
}
