package planner

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// bindScalarCall binds the scalar functions Auger computes so far.
func bindScalarCall(sc *scope, f *sql.FuncCall) (bound, error) {
	args := make([]bound, len(f.Args))
	for i, a := range f.Args {
		b, err := bindExpr(sc, a)
		if err != nil {
			return bound{}, err
		}
		args[i] = b
	}
	if b, ok, err := bindTextFunc(f, args); ok {
		return b, err
	}
	if b, ok, err := bindMathFunc(f, args); ok {
		return b, err
	}
	if b, ok, err := bindDateFunc(f, args); ok {
		return b, err
	}
	if typ, ok := clockFuncs[f.Name]; ok && len(args) == 0 {
		return bound{Expr: &expr.Func{Name: f.Name, Typ: typ}}, nil
	}
	switch {
	case (f.Name == "lower" || f.Name == "upper") && len(args) == 1:
		return textFunc(f, args, arrow.BinaryTypes.String)
	case (f.Name == "length" || f.Name == "char_length" || f.Name == "character_length") && len(args) == 1:
		return textFunc(&sql.FuncCall{Name: "length", Location: f.Location}, args, arrow.PrimitiveTypes.Int32)
	case (f.Name == "coalesce" || f.Name == "greatest" || f.Name == "least") && len(args) > 0:
		exprs, typ, err := commonOf(args, f.Name, f.Pos())
		if err != nil {
			return bound{}, err
		}
		return bound{Expr: &expr.Func{Name: f.Name, Args: exprs, Typ: typ}}, nil
	case f.Name == "nullif" && len(args) == 2:
		l, r, err := unify(args[0], args[1], "=", f.Pos())
		if err != nil {
			return bound{}, err
		}
		return bound{Expr: &expr.Func{Name: "nullif", Args: []expr.Expr{l, r}, Typ: l.Type()}}, nil
	}
	return bound{}, noFunction(f.Name, args, f.Pos())
}

func noFunction(name string, args []bound, pos int) error {
	names := ""
	for i, a := range args {
		if i > 0 {
			names += ", "
		}
		if a.Unknown {
			names += "unknown"
		} else {
			names += baseTypeName(a.Expr.Type())
		}
	}
	return sqlstate.New(sqlstate.UndefinedFunction, "function %s(%s) does not exist", name, names).
		WithHint("No function matches the given name and argument types. You might need to add explicit type casts.").At(pos + 1)
}

// textFunc binds a function of one text argument.
func textFunc(f *sql.FuncCall, args []bound, result arrow.DataType) (bound, error) {
	arg, ok := asText(args[0])
	if !ok {
		return bound{}, noFunction(f.Name, args, f.Pos())
	}
	return bound{Expr: &expr.Func{Name: f.Name, Args: []expr.Expr{arg}, Typ: result}}, nil
}

// asText gives a text expression for a text argument or an unknown literal.
func asText(b bound) (expr.Expr, bool) {
	t := b.Expr.Type()
	if b.Unknown || t.ID() == arrow.STRING {
		return b.Expr, true
	}
	if t.ID() == arrow.NULL {
		return &expr.Literal{Value: scalar.MakeNullScalar(arrow.BinaryTypes.String)}, true
	}
	return nil, false
}

// commonOf resolves the type several values are brought to (CASE results,
// COALESCE arguments): the common type of the typed ones, text when all
// are unknown literals.
func commonOf(args []bound, what string, pos int) ([]expr.Expr, arrow.DataType, error) {
	var typ arrow.DataType
	for _, a := range args {
		t := a.Expr.Type()
		if a.Unknown || t.ID() == arrow.NULL {
			continue
		}
		if typ == nil || arrow.TypeEqual(typ, t) {
			typ = t
			continue
		}
		c, ok := commonType(typ, t)
		if !ok {
			return nil, nil, sqlstate.New(sqlstate.DatatypeMismatch, "%s types %s and %s cannot be matched",
				what, types.PostgresName(t), types.PostgresName(typ)).At(pos + 1)
		}
		typ = c
	}
	if typ == nil {
		typ = arrow.BinaryTypes.String
	}
	out := make([]expr.Expr, len(args))
	for i, a := range args {
		if a.Unknown && typ.ID() != arrow.STRING {
			e, err := literalAs(a, typ, pos)
			if err != nil {
				return nil, nil, err
			}
			out[i] = e
			continue
		}
		out[i] = castTo(a.Expr, typ)
	}
	return out, typ, nil
}

// bindConcat is text || text. A number on either side joins as its text.
func bindConcat(sc *scope, n *sql.BinaryOp) (bound, error) {
	var parts [2]expr.Expr
	for i, side := range []sql.Expr{n.Left, n.Right} {
		b, err := bindExpr(sc, side)
		if err != nil {
			return bound{}, err
		}
		e, ok := asText(b)
		if !ok && classOf(b.Expr.Type()) == classInteger {
			e, ok = castTo(b.Expr, arrow.BinaryTypes.String), true
		}
		if !ok {
			return bound{}, unsupported("|| with "+types.PostgresName(b.Expr.Type()), n.Pos())
		}
		parts[i] = e
	}
	return bound{Expr: &expr.Func{Name: "concat_op", Args: parts[:], Typ: arrow.BinaryTypes.String}}, nil
}

// bindTextOperands binds the two text operands of a matching operator op.
func bindTextOperands(sc *scope, l, r sql.Expr, op string, pos int) ([2]expr.Expr, error) {
	var parts [2]expr.Expr
	for i, side := range []sql.Expr{l, r} {
		b, err := bindExpr(sc, side)
		if err != nil {
			return parts, err
		}
		e, ok := asText(b)
		if !ok {
			return parts, sqlstate.New(sqlstate.UndefinedFunction, "operator does not exist: %s %s text",
				types.PostgresName(b.Expr.Type()), op).At(pos + 1)
		}
		parts[i] = e
	}
	return parts, nil
}

func bindLike(sc *scope, n *sql.Like) (bound, error) {
	parts, err := bindTextOperands(sc, n.Arg, n.Pattern, "~~", n.Pos())
	if err != nil {
		return bound{}, err
	}
	var e expr.Expr = &expr.Like{Arg: parts[0], Pattern: parts[1], CaseInsensitive: n.CaseInsensitive}
	if n.Negated {
		e = &expr.Not{Arg: e}
	}
	return bound{Expr: e}, nil
}

func bindCase(sc *scope, n *sql.Case) (bound, error) {
	out := &expr.Case{}
	var results []bound
	for _, w := range n.Whens {
		cond, err := bindWhen(sc, n.Operand, w.When, n.Pos())
		if err != nil {
			return bound{}, err
		}
		then, err := bindExpr(sc, w.Then)
		if err != nil {
			return bound{}, err
		}
		out.Whens = append(out.Whens, expr.When{Cond: cond})
		results = append(results, then)
	}
	if n.Else != nil {
		e, err := bindExpr(sc, n.Else)
		if err != nil {
			return bound{}, err
		}
		results = append(results, e)
	}
	exprs, typ, err := commonOf(results, "CASE", n.Pos())
	if err != nil {
		return bound{}, err
	}
	for i := range out.Whens {
		out.Whens[i].Then = exprs[i]
	}
	if n.Else != nil {
		out.Else = exprs[len(exprs)-1]
	}
	out.Typ = typ
	return bound{Expr: out}, nil
}

// bindWhen binds a WHEN: a condition, or with a CASE operand the
// comparison operand = value.
func bindWhen(sc *scope, operand, when sql.Expr, pos int) (expr.Expr, error) {
	if operand == nil {
		return bindCondition(sc, when, "CASE/WHEN")
	}
	cmp := &sql.BinaryOp{Op: "=", Left: operand, Right: when, Location: pos}
	b, err := bindExpr(sc, cmp)
	return b.Expr, err
}

// regexOps are PostgreSQL's regular-expression match operators.
var regexOps = map[string]bool{"~": true, "~*": true, "!~": true, "!~*": true}

// bindRegex binds text ~ pattern (~* ignoring case; !~ and !~* negated).
func bindRegex(sc *scope, n *sql.BinaryOp) (bound, error) {
	parts, err := bindTextOperands(sc, n.Left, n.Right, n.Op, n.Pos())
	if err != nil {
		return bound{}, err
	}
	name := "regex_match"
	if strings.HasSuffix(n.Op, "*") {
		name = "regex_imatch"
	}
	var e expr.Expr = &expr.Func{Name: name, Args: parts[:], Typ: arrow.FixedWidthTypes.Boolean}
	if strings.HasPrefix(n.Op, "!") {
		e = &expr.Not{Arg: e}
	}
	return bound{Expr: e}, nil
}
