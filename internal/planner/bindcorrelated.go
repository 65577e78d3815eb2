package planner

import (
	"context"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// outerScope links the scope of a subquery (or of a LATERAL item) to the
// query around it, whose columns it may read.
type outerScope struct {
	scope *scope       // the enclosing query's scope, where the subquery stands
	corr  *correlation // the outer values the subquery reads
}

// correlation collects the outer values a subquery reads, one slot each:
// expressions over the enclosing scope (its columns, or its own slots when
// the value comes from further out).
type correlation struct {
	values []expr.Expr
}

// slot returns the reference to an outer value, adding it when new.
func (c *correlation) slot(e expr.Expr) *expr.Correlated {
	fp := expr.Fingerprint(e)
	i := 0
	for ; i < len(c.values); i++ {
		if expr.Fingerprint(c.values[i]) == fp {
			break
		}
	}
	if i == len(c.values) {
		c.values = append(c.values, e)
	}
	return &expr.Correlated{Slot: i, Name: displayName(e), Typ: e.Type()}
}

func displayName(e expr.Expr) string {
	switch n := e.(type) {
	case *expr.Column:
		return n.Name
	case *expr.Correlated:
		return n.Name
	}
	return e.String()
}

// bindCorrelated plans a query that may read the columns of sc (and of the
// queries around it) and returns those outer values.
func (b *Binder) bindCorrelated(ctx context.Context, sc *scope, q sql.Query) (Node, []expr.Expr, error) {
	saved := b.outer
	corr := &correlation{}
	b.outer = &outerScope{scope: sc, corr: corr}
	plan, err := b.BindQuery(ctx, q)
	b.outer = saved
	return plan, corr.values, err
}

// liftSubquery lifts a subquery in the select list or HAVING of a grouped
// query: the outer values it reads must be group expressions, as in
// PostgreSQL.
func (c *aggCollector) liftSubquery(s *expr.Subquery) (expr.Expr, error) {
	out := *s
	if s.Arg != nil {
		arg, err := c.lift(s.Arg)
		if err != nil {
			return nil, err
		}
		out.Arg = arg
	}
	out.Outer = make([]expr.Expr, len(s.Outer))
	for i, o := range s.Outer {
		lifted, err := c.lift(o)
		if err != nil {
			if col, ok := o.(*expr.Column); ok {
				return nil, sqlstate.New("42803", "subquery uses ungrouped column %q from outer query",
					c.input.qualifierOf(col.Index)+"."+col.Name)
			}
			return nil, err
		}
		out.Outer[i] = lifted
	}
	return &out, nil
}

// subqueryName is PostgreSQL's name for a subquery in the select list:
// EXISTS is "exists", a scalar subquery takes its column's name.
func subqueryName(s *sql.SubqueryExpr) (string, int) {
	switch s.Kind {
	case "exists":
		return "exists", 2
	case "scalar":
		q := s.Query
		for {
			op, ok := q.(*sql.SetOp)
			if !ok {
				break
			}
			q = op.Left
		}
		if sel, ok := q.(*sql.Select); ok && len(sel.Items) > 0 && !sel.Items[0].Star {
			if sel.Items[0].Alias != "" {
				return sel.Items[0].Alias, 2
			}
			return figureName(sel.Items[0].Expr)
		}
	}
	return "", 0
}
