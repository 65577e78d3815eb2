package planner

import (
	"time"

	"auger/internal/exec"
	"auger/internal/expr"

	"github.com/apache/arrow-go/v18/arrow"
)

// foldConstants computes, when planning, the calls of immutable functions
// whose arguments are all constants (nested calls first), so that a
// filter comparing with upper('x') or date_trunc('day', TIMESTAMP '...')
// reaches the source as a comparison with a literal. Volatile functions
// (random) are left alone, and the clock's stable ones wait for the
// statement's time. A call that fails stays a call: its error comes when
// the statement runs.
func foldConstants(n Node) (Node, bool) {
	return transformUp(n, func(n Node) (Node, bool) {
		changed := false
		out, _ := mapNodeExprs(n, func(e expr.Expr) (expr.Expr, error) {
			folded, ch := foldExpr(e)
			changed = changed || ch
			return folded, nil
		})
		if !changed {
			return n, false
		}
		return out, true
	})
}

// foldExpr folds the foldable calls of an expression, bottom up.
func foldExpr(e expr.Expr) (expr.Expr, bool) {
	changed := false
	if children := expr.Children(e); len(children) > 0 {
		next := make([]expr.Expr, len(children))
		for i, c := range children {
			var ch bool
			next[i], ch = foldExpr(c)
			changed = changed || ch
		}
		if changed {
			e = expr.WithChildren(e, next)
		}
	}
	switch n := e.(type) {
	case *expr.Arith:
		return foldLiteralExpr(n, changed, n.Left, n.Right)
	case *expr.Cast:
		if n.Char.OID == 0 {
			return foldLiteralExpr(n, changed, n.Arg)
		}
	case *expr.Compare:
		return refitCompare(n, changed)
	}
	f, ok := e.(*expr.Func)
	if !ok || !exec.Foldable(f, false) {
		return e, changed
	}
	v, err := exec.EvalConstant(f, time.Time{}, exec.NoSession)
	if err != nil {
		return e, changed
	}
	return &expr.Literal{Value: v}, true
}

// foldLiteralExpr computes arithmetic or a cast of number literals
// (0.06 - 0.01); one that fails stays, to fail when the statement runs.
// Other types wait: a timestamptz's arithmetic and text depend on the
// session's time zone.
func foldLiteralExpr(e expr.Expr, changed bool, operands ...expr.Expr) (expr.Expr, bool) {
	if !isNumber(e.Type()) {
		return e, changed
	}
	for _, o := range operands {
		if _, ok := o.(*expr.Literal); !ok || !isNumber(o.Type()) {
			return e, changed
		}
	}
	v, err := exec.EvalLiteralExpr(e)
	if err != nil {
		return e, changed
	}
	return &expr.Literal{Value: v}, true
}

// refitCompare compares a column with a folded literal in the column's
// own type when the literal fits it exactly: `discount > 0.06 - 0.01`
// bound the column cast to numeric, which folding made needless; without
// the cast the comparison runs on the column as it is and can reach the
// source.
func refitCompare(c *expr.Compare, changed bool) (expr.Expr, bool) {
	if l, r, ok := uncastWithLiteral(c.Left, c.Right); ok {
		return &expr.Compare{Op: c.Op, Left: l, Right: r}, true
	}
	if r, l, ok := uncastWithLiteral(c.Right, c.Left); ok {
		return &expr.Compare{Op: c.Op, Left: l, Right: r}, true
	}
	return c, changed
}

// uncastWithLiteral turns a numeric cast of an exact value compared with a
// number literal into the value and the literal in the value's type.
func uncastWithLiteral(side, other expr.Expr) (expr.Expr, expr.Expr, bool) {
	cast, ok := side.(*expr.Cast)
	lit, isLit := other.(*expr.Literal)
	if !ok || !isLit || cast.Char.OID != 0 || !isExact(cast.To) || !isExact(cast.Arg.Type()) {
		return nil, nil, false
	}
	fitted, ok := losslessCast(lit.Value, cast.Arg.Type())
	if !ok {
		return nil, nil, false
	}
	return cast.Arg, &expr.Literal{Value: fitted}, true
}

func isExact(dt arrow.DataType) bool {
	c := classOf(dt)
	return c == classInteger || c == classDecimal
}

func isNumber(dt arrow.DataType) bool {
	return isExact(dt) || classOf(dt) == classFloat
}
