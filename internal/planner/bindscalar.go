package planner

import (
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/exec"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// bindScalarCall binds a call of a scalar function: its arguments, then
// the overload the executor's function registry resolves the call to.
func bindScalarCall(sc *scope, f *sql.FuncCall) (bound, error) {
	args := make([]bound, len(f.Args))
	for i, a := range f.Args {
		b, err := bindExpr(sc, a)
		if err != nil {
			return bound{}, err
		}
		args[i] = b
	}
	if len(f.ArgNames) > 0 {
		named, err := namedArguments(f, args)
		if err != nil {
			return bound{}, err
		}
		args = named
	}
	if setReturning[f.Name] {
		return bindSetCall(sc, f, args)
	}
	if b, ok, err := bindArrayFunc(f, args); ok {
		return b, err
	}
	switch {
	case f.Name == "pg_typeof" && len(args) == 1:
		return bindTypeOf(sc, f.Args[0], args[0]), nil
	case f.Name == "coalesce" || f.Name == "greatest" || f.Name == "least":
		return bindCommonCall(f, args)
	case f.Name == "nullif" && len(args) == 2:
		l, r, err := unify(args[0], args[1], "=", f.Pos())
		if err != nil {
			return bound{}, err
		}
		return resolveCall(f.Name, []bound{{Expr: l}, {Expr: r}}, f.Pos())
	}
	b, err := resolveCall(f.Name, args, f.Pos())
	if sqlstate.Code(err) == sqlstate.UndefinedFunction && len(args) == 1 && !exec.HasFunction(f.Name) {
		if cast, ok, castErr := functionStyleCast(f, args[0]); ok {
			return cast, castErr
		}
	}
	return b, err
}

// noFunction is PostgreSQL's 42883 for a call no overload takes.
func noFunction(name string, args []bound, pos int) error {
	return exec.NoFunctionError(name, callArgs(args)).At(pos + 1)
}

// callArgs describes bound arguments for resolution.
func callArgs(args []bound) []exec.CallArg {
	out := make([]exec.CallArg, len(args))
	for i, a := range args {
		out[i] = exec.CallArg{Type: a.Expr.Type(), Unknown: a.Unknown}
	}
	return out
}

// resolveCall resolves a function call through the registry and brings
// the arguments to the overload's parameter types.
func resolveCall(name string, args []bound, pos int) (bound, error) {
	res, err := exec.ResolveFunction(name, callArgs(args))
	if err != nil {
		return bound{}, withPosition(err, pos)
	}
	return resolvedCall(name, false, args, res, pos)
}

// resolveOperator resolves a prefix (one operand) or binary operator
// through the registry.
func resolveOperator(op string, args []bound, pos int) (bound, error) {
	res, err := exec.ResolveOperator(op, callArgs(args))
	if err != nil {
		return bound{}, withPosition(err, pos)
	}
	return resolvedCall(op, true, args, res, pos)
}

func resolvedCall(name string, operator bool, args []bound, res exec.Resolution, pos int) (bound, error) {
	exprs := make([]expr.Expr, len(args))
	for i, a := range args {
		if a.Unknown {
			e, err := literalAs(a, res.ArgTypes[i], pos)
			if err != nil {
				return bound{}, err
			}
			exprs[i] = e
			continue
		}
		exprs[i] = castTo(a.Expr, res.ArgTypes[i])
	}
	if res.Overload.Inline != nil {
		e, err := res.Overload.Inline(exprs)
		return bound{Expr: e}, withPosition(err, pos)
	}
	call := &expr.Func{Name: name, Args: exprs, Typ: res.Result, Operator: operator, Overload: res.Overload}
	return bound{Expr: call}, nil
}

// bindCommonCall binds COALESCE, GREATEST and LEAST: their arguments are
// brought to one type, with PostgreSQL's 42804 when there is none.
func bindCommonCall(f *sql.FuncCall, args []bound) (bound, error) {
	if len(args) == 0 {
		return resolveCall(f.Name, args, f.Pos())
	}
	exprs, _, err := commonOf(args, strings.ToUpper(f.Name), f.Pos())
	if err != nil {
		return bound{}, err
	}
	common := make([]bound, len(exprs))
	for i, e := range exprs {
		common[i] = bound{Expr: e}
	}
	return resolveCall(f.Name, common, f.Pos())
}

// coalesceOf is COALESCE of expressions of one type, for the plans the
// planner writes itself (a FULL JOIN's USING column).
func coalesceOf(args ...expr.Expr) expr.Expr {
	res, err := exec.ResolveFunction("coalesce", []exec.CallArg{{Type: args[0].Type()}})
	if err != nil {
		panic(fmt.Sprintf("the registry has no coalesce: %v", err))
	}
	return &expr.Func{Name: "coalesce", Args: args, Typ: args[0].Type(), Overload: res.Overload}
}

// functionStyleCast binds typename(x), which PostgreSQL reads as a cast
// when no function of that name takes x.
func functionStyleCast(f *sql.FuncCall, arg bound) (bound, bool, error) {
	to, ok := types.FromPostgresName(f.Name, nil)
	if !ok {
		return bound{}, false, nil
	}
	char, _ := types.CharTypeOf(f.Name, nil)
	b, err := castBound(arg, to, char, f.Pos())
	return b, true, err
}

// namedArguments puts arguments given by name (make_interval(days => 3))
// in their parameters' places, the skipped ones at their default, 0.
func namedArguments(f *sql.FuncCall, args []bound) ([]bound, error) {
	names := exec.ParameterNames(f.Name)
	out := make([]bound, 0, len(names))
	for pos, name := range names {
		var arg *bound
		for i, n := range f.ArgNames {
			if n == name || n == "" && i == pos {
				arg = &args[i]
			}
		}
		if arg == nil {
			zero := bound{Expr: &expr.Literal{Value: scalar.NewInt32Scalar(0)}}
			if pos == len(names)-1 {
				zero = bound{Expr: &expr.Literal{Value: scalar.NewFloat64Scalar(0)}}
			}
			arg = &zero
		}
		out = append(out, *arg)
	}
	for _, n := range f.ArgNames {
		if n != "" && !contains(names, n) {
			return nil, noNamedFunction(f, args)
		}
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// noNamedFunction is 42883 for a call naming a parameter the function
// has not.
func noNamedFunction(f *sql.FuncCall, args []bound) error {
	parts := make([]string, len(args))
	for i, a := range args {
		t := "unknown"
		if !a.Unknown {
			t = types.PostgresName(a.Expr.Type())
		}
		if f.ArgNames[i] != "" {
			t = f.ArgNames[i] + " => " + t
		}
		parts[i] = t
	}
	return sqlstate.New(sqlstate.UndefinedFunction, "function %s(%s) does not exist", f.Name, strings.Join(parts, ", ")).
		WithHint("No function matches the given name and argument types. You might need to add explicit type casts.").At(f.Pos() + 1)
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
		c, ok := valuesType(typ, t)
		if !ok {
			return nil, nil, sqlstate.New(sqlstate.DatatypeMismatch, "%s types %s and %s cannot be matched",
				what, types.PostgresName(typ), types.PostgresName(t)).At(a.location(pos) + 1)
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

// bindTextOperands binds the two text operands of LIKE.
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
		// PostgreSQL settles a CASE's type from its ELSE first.
		results = append([]bound{e}, results...)
	}
	exprs, typ, err := commonOf(results, "CASE", n.Pos())
	if err != nil {
		return bound{}, err
	}
	if n.Else != nil {
		out.Else, exprs = exprs[0], exprs[1:]
	}
	for i := range out.Whens {
		out.Whens[i].Then = exprs[i]
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
