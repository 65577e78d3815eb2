package planner

import (
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/exec"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// bound is a bound expression. A string literal keeps its text and stays of
// unknown type until the context decides it, as in PostgreSQL.
type bound struct {
	Expr    expr.Expr
	Unknown bool
	Text    string
	param   *Parameters // set for a parameter of unknown type
	style   types.Style // for an unknown-typed literal: the session zone and date order it reads in
	// at is the 1-based position of the expression where PostgreSQL points
	// in an error about it (sql.Leftmost); 0 when unknown.
	at int
}

// bindExpr binds an expression and notes where it stands in the statement.
func bindExpr(sc *scope, e sql.Expr) (bound, error) {
	b, err := bindExprNode(sc, e)
	b.at = sql.Leftmost(e) + 1
	return b, err
}

func bindExprNode(sc *scope, e sql.Expr) (bound, error) {
	switch n := e.(type) {
	case *sql.ColumnRef:
		c, err := sc.column(n)
		if err != nil {
			return bound{}, err
		}
		return bound{Expr: c}, nil
	case *sql.Const:
		b, err := bindConst(n)
		if b.Unknown {
			b.style = exec.SessionOf(sc.ctx).TextStyle()
		}
		return b, err
	case *sql.BinaryOp:
		return bindBinary(sc, n)
	case *sql.BoolOp:
		return bindBool(sc, n)
	case *sql.IsNull:
		if _, ok := n.Arg.(*sql.Row); ok {
			return bindRowIsNull(sc, n)
		}
		arg, err := bindExpr(sc, n.Arg)
		if err != nil {
			return bound{}, err
		}
		return bound{Expr: &expr.IsNull{Arg: arg.Expr, Negated: n.Negated}}, nil
	case *sql.InList:
		return bindInList(sc, n)
	case *sql.Cast:
		return bindCast(sc, n)
	case *sql.Param:
		if sc.binder == nil || sc.binder.Params == nil {
			return bound{}, sqlstate.New(sqlstate.InvalidParameterReference, "there is no parameter $%d", n.Number).At(n.Pos() + 1)
		}
		return sc.binder.Params.bind(n)
	case *sql.UnaryOp:
		return bindUnary(sc, n)
	case *sql.FuncCall:
		if n.Over != nil || windowFuncs[n.Name] {
			return bindWindowCall(sc, n)
		}
		return bindFuncCall(sc, n)
	case *sql.Like:
		return bindLike(sc, n)
	case *sql.BoolTest:
		return bindBoolTest(sc, n)
	case *sql.Case:
		return bindCase(sc, n)
	case *sql.SubqueryExpr:
		return bindSubquery(sc, n)
	case *sql.ArrayExpr:
		return bindArrayExpr(sc, n)
	case *sql.Subscript:
		return bindSubscript(sc, n)
	case *sql.FieldSelect:
		return bindFieldSelect(sc, n)
	case *sql.AnyAll:
		return bindAnyAll(sc, n)
	case *sql.Row:
		return bound{}, unsupported("a row value here", n.Pos())
	}
	return bound{}, unsupported("this expression", e.Pos())
}

func bindConst(c *sql.Const) (bound, error) {
	switch c.Kind {
	case sql.ConstNull:
		return bound{Expr: &expr.Literal{Value: scalar.MakeNullScalar(arrow.Null)}}, nil
	case sql.ConstBool:
		return bound{Expr: &expr.Literal{Value: scalar.NewBooleanScalar(c.Value == "true")}}, nil
	case sql.ConstString:
		return bound{Expr: &expr.Literal{Value: scalar.NewStringScalar(c.Value)}, Unknown: true, Text: c.Value}, nil
	case sql.ConstInteger:
		n, err := strconv.ParseInt(c.Value, 10, 64)
		if err != nil {
			return numericConst(c)
		}
		if n >= -1<<31 && n < 1<<31 {
			return bound{Expr: &expr.Literal{Value: scalar.NewInt32Scalar(int32(n))}}, nil
		}
		return bound{Expr: &expr.Literal{Value: scalar.NewInt64Scalar(n)}}, nil
	}
	return numericConst(c)
}

// numericConst types a literal like 4.25 as numeric: a Decimal128 with the
// literal's own scale when it fits, otherwise the exact Numeric type.
func numericConst(c *sql.Const) (bound, error) {
	if dec, ok := decimalLiteral(c.Value); ok {
		return bound{Expr: &expr.Literal{Value: dec}}, nil
	}
	s, err := types.ParseLiteral(types.Numeric, c.Value)
	if err != nil {
		return bound{}, withPosition(err, c.Location)
	}
	return bound{Expr: &expr.Literal{Value: s}}, nil
}

func decimalLiteral(text string) (scalar.Scalar, bool) {
	if strings.ContainsAny(text, "eE") {
		return nil, false
	}
	scale := 0
	if i := strings.IndexByte(text, '.'); i >= 0 {
		scale = len(text) - i - 1
	}
	digits := len(strings.TrimLeft(strings.NewReplacer("-", "", ".", "").Replace(text), "0"))
	precision := max(digits, scale+1)
	if precision > 38 {
		return nil, false
	}
	s, err := types.ParseLiteral(&arrow.Decimal128Type{Precision: int32(precision), Scale: int32(scale)}, text)
	return s, err == nil
}

var compareOps = map[string]expr.CompareOp{
	"=": expr.Eq, "<>": expr.Ne, "<": expr.Lt, "<=": expr.Le, ">": expr.Gt, ">=": expr.Ge,
}

func bindBinary(sc *scope, n *sql.BinaryOp) (bound, error) {
	_, leftRow := n.Left.(*sql.Row)
	_, rightRow := n.Right.(*sql.Row)
	switch {
	case leftRow || rightRow:
		return bindRowBinary(sc, n)
	case registryOperators[n.Op]:
		return bindRegistryOperator(sc, n)
	case n.Op == "IS DISTINCT FROM" || n.Op == "IS NOT DISTINCT FROM":
		return bindDistinctFrom(sc, n)
	}
	if op, ok := arithOps[n.Op]; ok {
		return bindArithOp(sc, n, op)
	}
	if _, ok := containmentOps[n.Op]; ok {
		return bindContainment(sc, n)
	}
	op, ok := compareOps[n.Op]
	if !ok {
		return bound{}, unsupported("operator "+n.Op, n.Pos())
	}
	l, err := bindExpr(sc, n.Left)
	if err != nil {
		return bound{}, err
	}
	r, err := bindExpr(sc, n.Right)
	if err != nil {
		return bound{}, err
	}
	le, re, err := unify(l, r, n.Op, n.Pos())
	if err != nil {
		return bound{}, err
	}
	return bound{Expr: &expr.Compare{Op: op, Left: le, Right: re}}, nil
}

func bindUnary(sc *scope, n *sql.UnaryOp) (bound, error) {
	if c, ok := n.Arg.(*sql.Const); ok && n.Op == "-" && (c.Kind == sql.ConstInteger || c.Kind == sql.ConstNumeric) {
		neg := *c
		neg.Value = "-" + c.Value
		return bindConst(&neg)
	}
	arg, err := bindExpr(sc, n.Arg)
	if err != nil {
		return bound{}, err
	}
	switch {
	case n.Op == "+":
		return arg, nil
	case n.Op == "-" && !temporalOperand(arg):
		return negate(arg, n.Pos())
	}
	return bindPrefixOperator(n, arg)
}

func bindBool(sc *scope, n *sql.BoolOp) (bound, error) {
	args := make([]expr.Expr, len(n.Args))
	for i, a := range n.Args {
		e, err := bindCondition(sc, a, n.Op)
		if err != nil {
			return bound{}, err
		}
		args[i] = e
	}
	switch n.Op {
	case "AND":
		return bound{Expr: &expr.And{Args: args}}, nil
	case "OR":
		return bound{Expr: &expr.Or{Args: args}}, nil
	}
	return bound{Expr: &expr.Not{Arg: args[0]}}, nil
}

func bindInList(sc *scope, n *sql.InList) (bound, error) {
	if _, ok := n.Arg.(*sql.Row); ok {
		return bindRowInList(sc, n)
	}
	arg, err := bindExpr(sc, n.Arg)
	if err != nil {
		return bound{}, err
	}
	items := make([]bound, len(n.List))
	for i, it := range n.List {
		if items[i], err = bindExpr(sc, it); err != nil {
			return bound{}, err
		}
	}
	arg = typedLike(arg, items)
	list := make([]expr.Expr, len(items))
	var left expr.Expr
	for i, it := range items {
		le, re, err := unify(arg, it, "=", n.Pos())
		if err != nil {
			return bound{}, err
		}
		left, list[i] = le, re
	}
	return bound{Expr: &expr.InList{Arg: left, List: list, Negated: n.Negated}}, nil
}

// typedLike gives a NULL of no type the type of the first typed value of
// others (NULL IN (NULL, 1) compares integers).
func typedLike(b bound, others []bound) bound {
	if b.Expr.Type().ID() != arrow.NULL {
		return b
	}
	for _, o := range others {
		if t := o.Expr.Type(); !o.Unknown && t.ID() != arrow.NULL {
			return bound{Expr: castTo(b.Expr, t), at: b.at}
		}
	}
	return b
}

func bindCast(sc *scope, n *sql.Cast) (bound, error) {
	to, ok := types.FromPostgresName(n.TypeName, n.Typmods)
	if n.TypeName == "time with time zone" {
		return bound{}, sqlstate.New(sqlstate.FeatureNotSupported, "type time with time zone is not supported yet").At(n.Pos() + 1)
	}
	if !ok {
		return bound{}, sqlstate.New(sqlstate.UndefinedObject, "type %q does not exist", n.TypeName).At(n.Pos() + 1)
	}
	if isEmptyArray(n.Arg) {
		return emptyArrayCast(to, n.Pos())
	}
	arg, err := bindExpr(sc, n.Arg)
	if err != nil {
		return bound{}, err
	}
	if b, ok, err := bindRegCast(arg, to, n.Pos()); ok {
		return b, err
	}
	if b, ok, err := bindVectorText(sc, n.Arg, arg, to, n.Pos()); ok {
		return b, err
	}
	if types.IsArray(to) || types.IsArray(arg.Expr.Type()) {
		return bindArrayCast(arg, to, n.Pos())
	}
	if to.ID() == arrow.INTERVAL_MONTH_DAY_NANO && types.IsIntervalQualifier(n.Typmods) {
		return qualifiedInterval(arg, n)
	}
	char, _ := types.CharTypeOf(n.TypeName, n.Typmods)
	return castBound(arg, to, char, n.Pos())
}

// qualifiedInterval reads a literal under an interval field qualifier
// (`interval '90' day`, `interval '1-2' year to month`).
func qualifiedInterval(arg bound, n *sql.Cast) (bound, error) {
	if !arg.Unknown || arg.param != nil {
		return bound{}, sqlstate.New(sqlstate.FeatureNotSupported, "interval field qualifiers are supported on literals only").At(n.Pos() + 1)
	}
	v, err := types.ParseIntervalQualified(arg.Text, n.Typmods)
	if err != nil {
		return bound{}, sqlstate.New(sqlstate.InvalidTextRepresentation, "invalid input syntax for type interval: %q", arg.Text).At(arg.location(n.Pos()) + 1)
	}
	return bound{Expr: &expr.Literal{Value: scalar.NewMonthDayNanoIntervalScalar(v)}}, nil
}

// castBound is an explicit cast of a bound expression to to (a character
// type when char says so): an unknown literal read by the type's input
// function, else a Cast, with PostgreSQL's 42846 for casts it does not
// have.
func castBound(arg bound, to arrow.DataType, char types.CharType, pos int) (bound, error) {
	if arg.Unknown && arrow.IsDecimal(to.ID()) && arg.param == nil {
		// numeric(p,s) reads the text as numeric, then applies its
		// precision and scale: an overflow is not an input error and
		// has no position.
		e, err := literalAs(arg, types.Numeric, pos)
		if err != nil {
			return bound{}, err
		}
		return bound{Expr: castTo(e, to)}, nil
	}
	if arg.Unknown {
		e, err := literalAs(arg, to, pos)
		if err != nil || char.OID == 0 {
			return bound{Expr: e}, err
		}
		return bound{Expr: &expr.Cast{Arg: e, To: to, Char: char}}, nil
	}
	from := arg.Expr.Type()
	if !types.CanCast(from, to) {
		return bound{}, types.CannotCast(from, to).At(pos + 1)
	}
	if char.OID != 0 {
		text := arg.Expr
		if from.ID() != arrow.STRING {
			text = castTo(text, to)
		}
		return bound{Expr: &expr.Cast{Arg: text, To: to, Char: char}}, nil
	}
	switch {
	case from.ID() == arrow.STRING && to.ID() == arrow.STRING:
		// The value stays; the cast drops a character type's identity
		// (varchar, bpchar) so that the column reports text.
		return bound{Expr: &expr.Cast{Arg: arg.Expr, To: to}}, nil
	case arrow.TypeEqual(from, to):
		return arg, nil
	}
	return bound{Expr: castTo(arg.Expr, to)}, nil
}

func pgTypeName(dt arrow.DataType) string { return types.PostgresName(dt) }
