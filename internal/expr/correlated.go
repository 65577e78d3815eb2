package expr

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
)

// Correlated reads a value of the outer row that a correlated subquery
// runs for: slot Slot of the enclosing Subquery's Outer values (or of a
// LATERAL item's). Before the subquery runs, the planner puts the value in
// its place.
type Correlated struct {
	Slot int
	Name string // the outer column's name, for display
	Typ  arrow.DataType
}

// Type implements Expr.
func (c *Correlated) Type() arrow.DataType { return c.Typ }

// String implements Expr.
func (c *Correlated) String() string { return fmt.Sprintf("outer(%d:%s)", c.Slot, c.Name) }

// Rewrite returns a copy of e in which every node for which f returns true
// is replaced by f's expression; the others are copied with their children
// rewritten. The original is not changed.
func Rewrite(e Expr, f func(Expr) (Expr, bool)) Expr {
	if out, ok := f(e); ok {
		return out
	}
	children := Children(e)
	if len(children) == 0 {
		return e
	}
	next := make([]Expr, len(children))
	for i, c := range children {
		next[i] = Rewrite(c, f)
	}
	return WithChildren(e, next)
}
