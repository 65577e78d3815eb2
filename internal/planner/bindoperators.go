package planner

import (
	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// registryOperators are the binary operators the function registry
// resolves: || on text, the regular-expression matches, ^, the bitwise
// operators and those of json and jsonb.
var registryOperators = map[string]bool{
	"||": true, "~": true, "~*": true, "!~": true, "!~*": true,
	"^": true, "&": true, "|": true, "#": true, "<<": true, ">>": true,
	"->": true, "->>": true, "#>": true, "#>>": true, "?": true, "?|": true, "?&": true, "#-": true,
}

// jsonbOperand tells whether a bound operand is a typed jsonb value: its
// @>, <@ and - are the registry's jsonb operators.
func jsonbOperand(b bound) bool {
	_, ok := b.Expr.Type().(*types.JSONBType)
	return !b.Unknown && ok
}

// bindRegistryOperator binds a binary operator of the registry.
func bindRegistryOperator(sc *scope, n *sql.BinaryOp) (bound, error) {
	l, err := bindExpr(sc, n.Left)
	if err != nil {
		return bound{}, err
	}
	r, err := bindExpr(sc, n.Right)
	if err != nil {
		return bound{}, err
	}
	if n.Op == "||" {
		if b, ok, err := arrayConcat(l, r, n.Pos()); ok {
			return b, err
		}
	}
	return resolveOperator(n.Op, []bound{l, r}, n.Pos())
}

// isTemporal tells whether a type is a date, time, timestamp or interval:
// the registry types their arithmetic.
func isTemporal(dt arrow.DataType) bool {
	switch dt.ID() {
	case arrow.DATE32, arrow.TIMESTAMP, arrow.TIME64, arrow.INTERVAL_MONTH_DAY_NANO:
		return true
	}
	return false
}

// temporalOperand tells whether a bound operand is a typed temporal value.
func temporalOperand(b bound) bool { return !b.Unknown && isTemporal(b.Expr.Type()) }

// bindDistinctFrom binds a IS [NOT] DISTINCT FROM b, the comparison that
// treats NULLs as equal values: a IS NOT DISTINCT FROM b is
// (a = b AND a IS NOT NULL AND b IS NOT NULL) OR (a IS NULL AND b IS NULL),
// which never yields NULL and which a source can take as a filter.
func bindDistinctFrom(sc *scope, n *sql.BinaryOp) (bound, error) {
	l, err := bindExpr(sc, n.Left)
	if err != nil {
		return bound{}, err
	}
	r, err := bindExpr(sc, n.Right)
	if err != nil {
		return bound{}, err
	}
	le, re, err := unify(l, r, "=", n.Pos())
	if err != nil {
		return bound{}, err
	}
	same := notDistinct(le, re)
	if n.Op == "IS NOT DISTINCT FROM" {
		return bound{Expr: same}, nil
	}
	return bound{Expr: &expr.Not{Arg: same}}, nil
}

// notDistinct is `l IS NOT DISTINCT FROM r`: equal, or both NULL.
func notDistinct(l, r expr.Expr) expr.Expr {
	return &expr.Or{Args: []expr.Expr{
		&expr.And{Args: []expr.Expr{&expr.Compare{Op: expr.Eq, Left: l, Right: r},
			&expr.IsNull{Arg: l, Negated: true}, &expr.IsNull{Arg: r, Negated: true}}},
		&expr.And{Args: []expr.Expr{&expr.IsNull{Arg: l}, &expr.IsNull{Arg: r}}},
	}}
}

// bindBoolTest binds x IS [NOT] TRUE / FALSE / UNKNOWN, which never
// yield NULL: x IS TRUE is (x IS NOT NULL AND x), x IS NOT TRUE is
// (x IS NULL OR NOT x), and so on.
func bindBoolTest(sc *scope, n *sql.BoolTest) (bound, error) {
	b, err := bindExpr(sc, n.Arg)
	if err != nil {
		return bound{}, err
	}
	x := b.Expr
	if b.Unknown {
		if x, err = literalAs(b, arrow.FixedWidthTypes.Boolean, n.Pos()); err != nil {
			return bound{}, err
		}
	}
	if id := x.Type().ID(); id != arrow.BOOL && id != arrow.NULL {
		return bound{}, sqlstate.New(sqlstate.DatatypeMismatch, "argument of %s must be type boolean, not type %s",
			n.Test, types.PostgresName(x.Type())).At(n.Arg.Pos() + 1)
	}
	if x.Type().ID() == arrow.NULL {
		x = castTo(x, arrow.FixedWidthTypes.Boolean)
	}
	notNull, isNull := &expr.IsNull{Arg: x, Negated: true}, &expr.IsNull{Arg: x}
	var out expr.Expr
	switch n.Test {
	case "IS TRUE":
		out = &expr.And{Args: []expr.Expr{notNull, x}}
	case "IS NOT TRUE":
		out = &expr.Or{Args: []expr.Expr{isNull, &expr.Not{Arg: x}}}
	case "IS FALSE":
		out = &expr.And{Args: []expr.Expr{notNull, &expr.Not{Arg: x}}}
	case "IS NOT FALSE":
		out = &expr.Or{Args: []expr.Expr{isNull, x}}
	case "IS UNKNOWN":
		out = isNull
	default:
		out = notNull
	}
	return bound{Expr: out}, nil
}

// bindPrefixOperator binds a prefix operator other than + and numeric -:
// @ |/ ||/ ~, and - on an interval.
func bindPrefixOperator(n *sql.UnaryOp, arg bound) (bound, error) {
	return resolveOperator(n.Op, []bound{arg}, n.Pos())
}
