package planner

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// rowPair is one column of two compared rows, brought to one type.
type rowPair struct{ left, right expr.Expr }

// rowComparison compares two rows column by column, as PostgreSQL does:
// = holds when every pair is equal, <> when one differs, and an ordering
// is decided by the first pair that is not equal (NULL when a NULL comes
// first).
func rowComparison(op expr.CompareOp, pairs []rowPair) expr.Expr {
	cmp := func(op expr.CompareOp, p rowPair) expr.Expr {
		return &expr.Compare{Op: op, Left: p.left, Right: p.right}
	}
	if len(pairs) == 1 {
		return cmp(op, pairs[0])
	}
	args := make([]expr.Expr, len(pairs))
	switch op {
	case expr.Eq, expr.Ne:
		for i, p := range pairs {
			args[i] = cmp(op, p)
		}
		if op == expr.Eq {
			return &expr.And{Args: args}
		}
		return &expr.Or{Args: args}
	}
	strict := map[expr.CompareOp]expr.CompareOp{expr.Lt: expr.Lt, expr.Le: expr.Lt, expr.Gt: expr.Gt, expr.Ge: expr.Gt}[op]
	out := cmp(op, pairs[len(pairs)-1])
	for i := len(pairs) - 2; i >= 0; i-- {
		out = &expr.Or{Args: []expr.Expr{cmp(strict, pairs[i]),
			&expr.And{Args: []expr.Expr{cmp(expr.Eq, pairs[i]), out}}}}
	}
	return out
}

// rowDistinct is `left IS [NOT] DISTINCT FROM right` for rows: distinct
// when any pair is.
func rowDistinct(pairs []rowPair, not bool) expr.Expr {
	args := make([]expr.Expr, len(pairs))
	for i, p := range pairs {
		args[i] = &expr.Not{Arg: notDistinct(p.left, p.right)}
	}
	var distinct expr.Expr = &expr.Or{Args: args}
	if len(args) == 1 {
		distinct = args[0]
	}
	if not {
		return &expr.Not{Arg: distinct}
	}
	return distinct
}

// bindRowBinary binds a comparison (or IS [NOT] DISTINCT FROM) with a row
// on either side; both sides must be rows of as many columns.
func bindRowBinary(sc *scope, n *sql.BinaryOp) (bound, error) {
	l, lok := n.Left.(*sql.Row)
	r, rok := n.Right.(*sql.Row)
	if sub, ok := n.Right.(*sql.SubqueryExpr); ok && lok && sub.Kind == "scalar" {
		// PostgreSQL reads a row compared with a scalar subquery as a
		// comparison with the subquery's one row.
		if _, cmp := compareOps[n.Op]; cmp {
			return bindRowSubquery(sc, rowTest{kind: "row", op: n.Op, row: l, query: sub.Query, pos: sub.Location})
		}
	}
	if !lok || !rok {
		return bound{}, rowWithValue(sc, n.Left, n.Right, n.Op, n.Pos())
	}
	op := n.Op
	distinct := op == "IS DISTINCT FROM" || op == "IS NOT DISTINCT FROM"
	if distinct {
		op = "="
	}
	if _, ok := compareOps[op]; !ok {
		return bound{}, unsupported("operator "+n.Op+" between rows", n.Pos())
	}
	pairs, err := bindRowPairs(sc, l.Items, r.Items, op, n.Pos())
	if err != nil {
		return bound{}, err
	}
	if distinct {
		return bound{Expr: rowDistinct(pairs, n.Op == "IS NOT DISTINCT FROM")}, nil
	}
	return bound{Expr: rowComparison(compareOps[op], pairs)}, nil
}

// bindRowPairs binds the columns of two rows compared with op.
func bindRowPairs(sc *scope, left, right []sql.Expr, op string, pos int) ([]rowPair, error) {
	if len(left) != len(right) {
		return nil, sqlstate.New(sqlstate.SyntaxError, "unequal number of entries in row expressions").At(pos + 1)
	}
	pairs := make([]rowPair, len(left))
	for i := range left {
		l, err := bindExpr(sc, left[i])
		if err != nil {
			return nil, err
		}
		r, err := bindExpr(sc, right[i])
		if err != nil {
			return nil, err
		}
		if pairs[i].left, pairs[i].right, err = unify(l, r, op, pos); err != nil {
			return nil, err
		}
	}
	return pairs, nil
}

// rowWithValue is PostgreSQL's error for a row compared with a value that
// is not a row: no operator takes a record and that value's type.
func rowWithValue(sc *scope, left, right sql.Expr, op string, pos int) error {
	name := func(e sql.Expr) (string, error) {
		if _, ok := e.(*sql.Row); ok {
			return "record", nil
		}
		b, err := bindExpr(sc, e)
		if err != nil {
			return "", err
		}
		if b.Unknown {
			return "unknown", nil
		}
		return types.PostgresName(b.Expr.Type()), nil
	}
	l, err := name(left)
	if err != nil {
		return err
	}
	r, err := name(right)
	if err != nil {
		return err
	}
	return sqlstate.New(sqlstate.UndefinedFunction, "operator does not exist: %s %s %s", l, op, r).
		WithHint("No operator matches the given name and argument types. You might need to add explicit type casts.").
		At(pos + 1)
}

// bindRowInList binds `(a, b) [NOT] IN ((1, 2), (3, 4))`: whether the row
// equals one of the listed rows.
func bindRowInList(sc *scope, n *sql.InList) (bound, error) {
	row := n.Arg.(*sql.Row)
	alternatives := make([]expr.Expr, len(n.List))
	for i, it := range n.List {
		item, ok := it.(*sql.Row)
		if !ok {
			return bound{}, rowWithValue(sc, row, it, "=", n.Pos())
		}
		pairs, err := bindRowPairs(sc, row.Items, item.Items, "=", n.Pos())
		if err != nil {
			return bound{}, err
		}
		alternatives[i] = rowComparison(expr.Eq, pairs)
	}
	var out expr.Expr = &expr.Or{Args: alternatives}
	if len(alternatives) == 1 {
		out = alternatives[0]
	}
	if n.Negated {
		out = &expr.Not{Arg: out}
	}
	return bound{Expr: out}, nil
}

// bindRowIsNull binds `ROW(...) IS [NOT] NULL`: whether every column is
// NULL (is not NULL).
func bindRowIsNull(sc *scope, n *sql.IsNull) (bound, error) {
	row := n.Arg.(*sql.Row)
	args := make([]expr.Expr, len(row.Items))
	for i, it := range row.Items {
		b, err := bindExpr(sc, it)
		if err != nil {
			return bound{}, err
		}
		args[i] = &expr.IsNull{Arg: b.Expr, Negated: n.Negated}
	}
	if len(args) == 1 {
		return bound{Expr: args[0]}, nil
	}
	return bound{Expr: &expr.And{Args: args}}, nil
}

// rowTest is a row compared with a subquery's rows: `(a, b) IN (q)`
// (kind "in"), `(a, b) op ANY|ALL (q)` ("any", "all"), or `(a, b) op (q)`
// with the one row of q ("row").
type rowTest struct {
	kind, op string
	row      *sql.Row
	query    sql.Query
	pos      int
}

// rowTestOf reads a subquery expression whose left side is a row.
func rowTestOf(s *sql.SubqueryExpr) rowTest {
	return rowTest{kind: s.Kind, op: s.Op, row: s.Arg.(*sql.Row), query: s.Query, pos: s.Pos()}
}

// bindRowSubquery binds a row compared with a subquery's rows. The
// subquery yields the comparison of the row (read as outer values) with
// each of its rows; IN, ANY and ALL then ask whether TRUE equals any (all)
// of them, which keeps SQL's NULL rules, and `op (q)` is that one
// comparison, NULL without a row.
func bindRowSubquery(sc *scope, s rowTest) (bound, error) {
	row := s.row
	plan, outer, err := sc.binder.bindCorrelated(sc.ctx, sc, s.query)
	if err != nil {
		return bound{}, err
	}
	switch n := plan.Schema().NumFields(); {
	case n < len(row.Items):
		return bound{}, sqlstate.New(sqlstate.SyntaxError, "subquery has too few columns").At(s.pos + 1)
	case n > len(row.Items):
		return bound{}, sqlstate.New(sqlstate.SyntaxError, "subquery has too many columns").At(s.pos + 1)
	}
	op := s.op
	if s.kind == "in" {
		op = "="
	}
	corr := &correlation{values: outer}
	pairs := make([]rowPair, len(row.Items))
	for i, it := range row.Items {
		l, err := bindExpr(sc, it)
		if err != nil {
			return bound{}, err
		}
		f := plan.Schema().Field(i)
		le, re, err := unify(l, bound{Expr: &expr.Column{Index: i, Name: f.Name, Typ: f.Type}}, op, s.pos)
		if err != nil {
			return bound{}, err
		}
		pairs[i] = rowPair{left: corr.slot(le), right: re}
	}
	match := &Project{Input: plan, Exprs: []expr.Expr{rowComparison(compareOps[op], pairs)}, Names: []string{"match"}}
	boolean := arrow.FixedWidthTypes.Boolean
	if s.kind == "row" {
		return bound{Expr: &expr.Subquery{Kind: "scalar", Plan: match, Outer: corr.values, Typ: boolean}}, nil
	}
	return bound{Expr: &expr.Subquery{Kind: s.kind, Op: expr.Eq, Arg: &expr.Literal{Value: scalar.NewBooleanScalar(true)},
		Plan: match, Outer: corr.values, Typ: boolean}}, nil
}
