package sql

// Leftmost is where PostgreSQL points at an expression in an error about
// it as a whole (its exprLocation): the leftmost of the expression's own
// location and those of the operands written before it, so `a + b` and
// `'x'::int` point at their first operand. -1 when unknown.
func Leftmost(e Expr) int {
	var first Expr
	switch n := e.(type) {
	case *BinaryOp:
		first = n.Left
	case *Cast:
		first = n.Arg
	case *IsNull:
		first = n.Arg
	case *InList:
		first = n.Arg
	case *Like:
		first = n.Arg
	case *BoolTest:
		first = n.Arg
	case *Subscript:
		first = n.Arg
	case *AnyAll:
		first = n.Left
	case *BoolOp:
		if len(n.Args) > 1 {
			first = n.Args[0]
		}
	}
	return leftmostOf(e.Pos(), first)
}

func leftmostOf(own int, first Expr) int {
	if first == nil {
		return own
	}
	if at := Leftmost(first); at >= 0 && (own < 0 || at < own) {
		return at
	}
	return own
}
