package planner

import (
	"context"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/exec"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// bindArrayExpr binds ARRAY[...]: its elements brought to their common
// type, as PostgreSQL resolves them (ARRAY[1, 2.5] is numeric[], ARRAY['a']
// text[]); elements that are arrays make an array of one more dimension.
// An ARRAY of constants is computed now.
func bindArrayExpr(sc *scope, n *sql.ArrayExpr) (bound, error) {
	if len(n.Elements) == 0 {
		return bound{}, sqlstate.New(sqlstate.IndeterminateDatatype, "cannot determine type of empty array").
			WithHint("Explicitly cast to the desired type, for example ARRAY[]::integer[].").At(n.Pos() + 1)
	}
	elems := make([]bound, len(n.Elements))
	for i, e := range n.Elements {
		b, err := bindExpr(sc, e)
		if err != nil {
			return bound{}, err
		}
		elems[i] = b
	}
	exprs, typ, err := commonOf(elems, "ARRAY", n.Pos())
	if err != nil {
		return bound{}, err
	}
	if exactTypesDiffer(elems, typ) {
		if exprs, err = allAs(elems, types.Numeric, n.Pos()); err != nil {
			return bound{}, err
		}
		typ = types.Numeric
	}
	return constantFolded(arrayCall("array", exprs, types.ArrayOf(typ)))
}

// arrayCall is a call of an array function, computed by its overload.
func arrayCall(name string, args []expr.Expr, typ arrow.DataType) *expr.Func {
	return &expr.Func{Name: name, Args: args, Typ: typ, Overload: exec.ArrayOverload(name)}
}

// exactTypesDiffer tells whether values meeting in the decimal type
// common came with other types (integers, other scales): PostgreSQL's
// numeric keeps each value's own scale (ARRAY[1.5, 2] is {1.5,2}), which
// only the unconstrained numeric does.
func exactTypesDiffer(args []bound, common arrow.DataType) bool {
	if _, ok := common.(arrow.DecimalType); !ok {
		return false
	}
	for _, a := range args {
		if !a.Unknown && a.Expr.Type().ID() != arrow.NULL && !arrow.TypeEqual(a.Expr.Type(), common) {
			return true
		}
	}
	return false
}

// allAs brings values to one type, unknown literals read as it.
func allAs(args []bound, dt arrow.DataType, pos int) ([]expr.Expr, error) {
	out := make([]expr.Expr, len(args))
	for i, a := range args {
		if a.Unknown {
			e, err := literalAs(a, dt, pos)
			if err != nil {
				return nil, err
			}
			out[i] = e
			continue
		}
		out[i] = castTo(a.Expr, dt)
	}
	return out, nil
}

// constantFolded computes a call of constants at once.
func constantFolded(f *expr.Func) (bound, error) {
	if !exec.Foldable(f, false) {
		return bound{Expr: f}, nil
	}
	v, err := exec.EvalConstant(f, time.Time{}, exec.NoSession)
	if err != nil {
		return bound{}, err
	}
	return bound{Expr: &expr.Literal{Value: v}}, nil
}

// arrayOperand gives an operand that is to be an array of type like: an
// unknown literal is read as one, a NULL becomes a NULL array. ok is false
// for an operand of another type.
func arrayOperand(b bound, like arrow.DataType, pos int) (expr.Expr, bool, error) {
	switch {
	case b.Unknown:
		e, err := literalAs(b, like, pos)
		return e, true, err
	case b.Expr.Type().ID() == arrow.NULL:
		return &expr.Literal{Value: scalar.MakeNullScalar(like)}, true, nil
	case types.IsArray(b.Expr.Type()):
		return b.Expr, true, nil
	}
	return nil, false, nil
}

// commonArrayType is the type two array types meet in: arrays of as many
// dimensions of the elements' common type.
func commonArrayType(a, b arrow.DataType) (arrow.DataType, bool) {
	ea, da := types.ArrayElement(a)
	eb, db := types.ArrayElement(b)
	if da != db || da == 0 {
		return nil, false
	}
	if arrow.TypeEqual(ea, eb) {
		return types.ArrayOfDepth(ea, da), true
	}
	common, ok := valuesType(ea, eb)
	if !ok {
		return nil, false
	}
	if _, ok := common.(arrow.DecimalType); ok {
		common = types.Numeric // as exactTypesDiffer explains
	}
	return types.ArrayOfDepth(common, da), true
}

// unifyArrays brings two arrays compared with op to one type: PostgreSQL
// compares arrays of one type only (integer[] = bigint[] has no
// operator), though of any precision of numeric.
func unifyArrays(l, r expr.Expr, op string, pos int) (expr.Expr, expr.Expr, error) {
	lt, rt := l.Type(), r.Type()
	le, ld := types.ArrayElement(lt)
	re, rd := types.ArrayElement(rt)
	if common, ok := commonType(le, re); ok && ld > 0 && rd > 0 && types.WireOID(lt) == types.WireOID(rt) {
		if !arrow.TypeEqual(le, re) {
			if _, ok := common.(arrow.DecimalType); ok {
				common = types.Numeric // as exactTypesDiffer explains
			}
		}
		return castTo(l, types.ArrayOfDepth(common, ld)), castTo(r, types.ArrayOfDepth(common, rd)), nil
	}
	return nil, nil, sqlstate.New(sqlstate.UndefinedFunction, "operator does not exist: %s %s %s",
		types.PostgresName(lt), op, types.PostgresName(rt)).
		WithHint("No operator matches the given name and argument types. You might need to add explicit type casts.").
		At(pos + 1)
}

// subscriptable fails for a value that is no array.
func subscriptable(b bound, pos int) error {
	name := "unknown"
	if !b.Unknown {
		if types.IsArray(b.Expr.Type()) {
			return nil
		}
		name = types.PostgresName(b.Expr.Type())
	}
	return sqlstate.New(sqlstate.DatatypeMismatch, "cannot subscript type %s because it does not support subscripting", name).At(pos + 1)
}

// bindSubscript binds a[i][j] and a[i:j]. When any subscript is a slice,
// every one is: a plain [n] means [1:n], as in PostgreSQL.
func bindSubscript(sc *scope, n *sql.Subscript) (bound, error) {
	arg, err := bindExpr(sc, n.Arg)
	if err != nil {
		return bound{}, err
	}
	if err := subscriptable(arg, n.Pos()); err != nil {
		return bound{}, err
	}
	out := &expr.Subscript{Arg: arg.Expr}
	for _, i := range n.Indexes {
		out.Slice = out.Slice || i.Slice
	}
	for _, i := range n.Indexes {
		var idx expr.Index
		if idx.Lower, err = bindSubscriptBound(sc, i.Lower); err != nil {
			return bound{}, err
		}
		if idx.Upper, err = bindSubscriptBound(sc, i.Upper); err != nil {
			return bound{}, err
		}
		if out.Slice && !i.Slice {
			idx.Lower = &expr.Literal{Value: scalar.NewInt32Scalar(1)}
		}
		out.Indexes = append(out.Indexes, idx)
	}
	out.Typ, _ = types.ArrayElement(arg.Expr.Type())
	if out.Slice {
		out.Typ = arg.Expr.Type()
	}
	return bound{Expr: out}, nil
}

// bindSubscriptBound binds one subscript, brought to integer as an
// assignment would bring it (2.6 is 3); nil stays nil.
func bindSubscriptBound(sc *scope, e sql.Expr) (expr.Expr, error) {
	if e == nil {
		return nil, nil
	}
	b, err := bindExpr(sc, e)
	if err != nil {
		return nil, err
	}
	if b.Unknown {
		return literalAs(b, int4Type, e.Pos())
	}
	switch classOf(b.Expr.Type()) {
	case classInteger, classDecimal, classFloat:
		return castTo(b.Expr, int4Type), nil
	}
	if b.Expr.Type().ID() == arrow.NULL {
		return &expr.Literal{Value: scalar.MakeNullScalar(int4Type)}, nil
	}
	return nil, sqlstate.New(sqlstate.DatatypeMismatch, "array subscript must have type integer").At(e.Pos() + 1)
}

// bindAnyAll binds x op ANY (array) and x op ALL (array): x and the
// array's elements are brought to one type as x op element would be.
func bindAnyAll(sc *scope, n *sql.AnyAll) (bound, error) {
	op, ok := compareOps[n.Op]
	if !ok {
		return bound{}, unsupported("operator "+n.Op+" with ANY or ALL", n.Pos())
	}
	l, err := bindExpr(sc, n.Left)
	if err != nil {
		return bound{}, err
	}
	r, err := bindExpr(sc, n.Right)
	if err != nil {
		return bound{}, err
	}
	like := arrow.DataType(arrow.BinaryTypes.String)
	if !l.Unknown && l.Expr.Type().ID() != arrow.NULL {
		like = l.Expr.Type()
	}
	right, isArray, err := arrayOperand(r, types.ArrayOf(like), n.Pos())
	if err != nil {
		return bound{}, err
	}
	if !isArray {
		return bound{}, sqlstate.New(sqlstate.WrongObjectType, "op ANY/ALL (array) requires array on right side").At(n.Pos() + 1)
	}
	elem, depth := types.ArrayElement(right.Type())
	left, item, err := unify(l, bound{Expr: &expr.Column{Name: "element", Typ: elem}}, n.Op, n.Pos())
	if err != nil {
		return bound{}, err
	}
	right = castTo(right, types.ArrayOfDepth(item.Type(), depth))
	return bound{Expr: &expr.AnyAll{Op: op, All: n.All, Left: left, Right: right}}, nil
}

// bindArrayCast binds a cast to or from an array type: an unknown literal
// is read as an array of as many dimensions as it has; an array becomes
// one of the target's element type and its own dimensions; text is read
// as an array, and an array cast to text gives its text form.
func bindArrayCast(arg bound, to arrow.DataType, pos int) (bound, error) {
	from := arg.Expr.Type()
	elem, _ := types.ArrayElement(to)
	switch {
	case arg.Unknown && arg.param == nil:
		s, err := types.ParseArray(elem, arg.Text, 1)
		return bound{Expr: &expr.Literal{Value: s}}, withPosition(err, arg.location(pos))
	case arg.Unknown:
		return bound{Expr: arg.param.settle(arg.Expr, to)}, nil
	case from.ID() == arrow.NULL:
		return bound{Expr: &expr.Literal{Value: scalar.MakeNullScalar(to)}}, nil
	case types.IsArray(from) && types.IsArray(to):
		_, depth := types.ArrayElement(from)
		return bound{Expr: castTo(arg.Expr, types.ArrayOfDepth(elem, depth))}, nil
	case from.ID() == arrow.STRING || to.ID() == arrow.STRING:
		return bound{Expr: castTo(arg.Expr, to)}, nil
	}
	return bound{}, sqlstate.New(sqlstate.CannotCoerce, "cannot cast type %s to %s",
		types.PostgresName(from), types.PostgresName(to)).At(pos + 1)
}

// emptyArrayCast is ARRAY[]::type[].
func emptyArrayCast(to arrow.DataType, pos int) (bound, error) {
	if !types.IsArray(to) {
		return bound{}, sqlstate.New(sqlstate.CannotCoerce, "cannot cast type unknown[] to %s", types.PostgresName(to)).At(pos + 1)
	}
	s, err := types.ParseLiteral(to, "{}")
	return bound{Expr: &expr.Literal{Value: s}}, err
}

// isEmptyArray tells whether e is ARRAY[], which only a cast can type.
func isEmptyArray(e sql.Expr) bool {
	a, ok := e.(*sql.ArrayExpr)
	return ok && len(a.Elements) == 0
}

// figureArrayName is FigureColname for the array expressions: ARRAY[...]
// and ARRAY(subquery) are "array", a subscript takes its array's name.
func figureArrayName(e sql.Expr) (string, int) {
	switch n := e.(type) {
	case *sql.ArrayExpr:
		return "array", 2
	case *sql.Subscript:
		return figureName(n.Arg)
	case *sql.FieldSelect:
		return n.Field, 2
	case *sql.SubqueryExpr:
		if n.Kind == "array" {
			return "array", 2
		}
	}
	return "", 0
}

// runArraySubquery runs the subquery of ARRAY(subquery) and makes its
// rows one array constant: of their values, or when they are arrays, of
// one more dimension over them.
func runArraySubquery(ctx context.Context, s *expr.Subquery) (expr.Expr, error) {
	resolved, err := ResolveSubqueries(ctx, Optimize(s.Plan.(Node), OptionsOf(ctx)))
	if err != nil {
		return nil, err
	}
	op, err := Build(ctx, resolved)
	if err != nil {
		return nil, err
	}
	defer op.Close()
	v, err := exec.ArrayOfRows(ctx, op, s.Typ)
	if err != nil {
		return nil, err
	}
	return &expr.Literal{Value: v}, nil
}

// bindArrayAgg binds array_agg(x): an array of x's type, of one more
// dimension when x is an array. An unknown literal or NULL makes the call
// ambiguous, as in PostgreSQL.
func bindArrayAgg(input *scope, f *sql.FuncCall, call AggCall) (AggCall, error) {
	arg, err := bindExpr(input, f.Args[0])
	if err != nil {
		return call, err
	}
	if arg.Unknown || arg.Expr.Type().ID() == arrow.NULL {
		return call, sqlstate.New("42725", "function array_agg(unknown) is not unique").
			WithHint("Could not choose a best candidate function. You might need to add explicit type casts.").At(f.Pos() + 1)
	}
	call.Arg, call.Typ = arg.Expr, types.ArrayOf(arg.Expr.Type())
	return call, nil
}
