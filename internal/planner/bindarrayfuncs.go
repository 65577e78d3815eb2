package planner

import (
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// param is one parameter of an array function: an array of the common
// element type, one element of it, or a fixed type.
type param int

const (
	arrayParam   param = iota // anycompatiblearray (anyarray)
	elementParam              // anycompatible
	intParam                  // integer
	textParam                 // text
)

// arraySignature is one array function: its parameters (the last
// optional ones from minArgs on) and its result, nil for the array type
// it resolves.
type arraySignature struct {
	params  []param
	minArgs int
	result  arrow.DataType
}

var (
	int4Type = arrow.DataType(arrow.PrimitiveTypes.Int32)
	textType = arrow.DataType(arrow.BinaryTypes.String)
)

// arraySignatures are the array functions Auger computes.
var arraySignatures = map[string]arraySignature{
	"array_length":    {[]param{arrayParam, intParam}, 2, int4Type},
	"array_lower":     {[]param{arrayParam, intParam}, 2, int4Type},
	"array_upper":     {[]param{arrayParam, intParam}, 2, int4Type},
	"array_ndims":     {[]param{arrayParam}, 1, int4Type},
	"cardinality":     {[]param{arrayParam}, 1, int4Type},
	"array_dims":      {[]param{arrayParam}, 1, textType},
	"array_to_string": {[]param{arrayParam, textParam, textParam}, 2, textType},
	"string_to_array": {[]param{textParam, textParam, textParam}, 2, types.ArrayOf(textType)},
	"array_position":  {[]param{arrayParam, elementParam, intParam}, 2, int4Type},
	"array_positions": {[]param{arrayParam, elementParam}, 2, types.ArrayOf(int4Type)},
	"array_remove":    {[]param{arrayParam, elementParam}, 2, nil},
	"array_replace":   {[]param{arrayParam, elementParam, elementParam}, 3, nil},
	"array_append":    {[]param{arrayParam, elementParam}, 2, nil},
	"array_prepend":   {[]param{elementParam, arrayParam}, 2, nil},
	"array_cat":       {[]param{arrayParam, arrayParam}, 2, nil},
}

// bindArrayFunc binds a function of arraySignatures; ok is false for
// other names or argument counts.
func bindArrayFunc(f *sql.FuncCall, args []bound) (bound, bool, error) {
	sig, known := arraySignatures[f.Name]
	if !known || len(args) < sig.minArgs || len(args) > len(sig.params) {
		return bound{}, false, nil
	}
	exprs, arrayType, err := resolveArrayArgs(f, args, sig.params[:len(args)])
	if err != nil {
		return bound{}, true, err
	}
	result := sig.result
	if result == nil {
		result = arrayType
	}
	return bound{Expr: arrayCall(f.Name, exprs, result)}, true, nil
}

// resolveArrayArgs resolves the polymorphic parameters as PostgreSQL's
// anycompatible family does: the arrays' elements and the element
// arguments meet in their common type; unknown literals take it. It
// returns the arguments brought to their parameters' types and the array
// type of the deepest array argument.
func resolveArrayArgs(f *sql.FuncCall, args []bound, params []param) ([]expr.Expr, arrow.DataType, error) {
	var elem arrow.DataType
	depth, mixed := 0, false
	for i, a := range args {
		t := a.Expr.Type()
		if a.Unknown || t.ID() == arrow.NULL || (params[i] != arrayParam && params[i] != elementParam) {
			continue
		}
		leaf, d := types.ArrayElement(t)
		if params[i] == elementParam {
			leaf, d = t, 0
		} else if d == 0 {
			return nil, nil, noFunction(f.Name, args, f.Pos())
		}
		depth = max(depth, d)
		if elem == nil || arrow.TypeEqual(elem, leaf) {
			elem = leaf
			continue
		}
		common, ok := commonType(elem, leaf)
		if !ok {
			return nil, nil, noFunction(f.Name, args, f.Pos())
		}
		elem, mixed = common, true
	}
	if _, ok := elem.(arrow.DecimalType); ok && mixed {
		elem = types.Numeric // as exactTypesDiffer explains
	}
	if elem == nil && !slices.Contains(params, arrayParam) && !slices.Contains(params, elementParam) {
		elem = textType // no polymorphic parameter
	}
	if elem == nil {
		return nil, nil, sqlstate.New(sqlstate.DatatypeMismatch,
			"could not determine polymorphic type because input has type unknown")
	}
	if depth > 1 && (f.Name == "array_append" || f.Name == "array_prepend") {
		return nil, nil, sqlstate.New("22000", "argument must be empty or one-dimensional array")
	}
	depth = max(depth, 1)
	exprs := make([]expr.Expr, len(args))
	for i, a := range args {
		e, err := argumentAs(f, args, a, params[i], elem, depth)
		if err != nil {
			return nil, nil, err
		}
		exprs[i] = e
	}
	return exprs, types.ArrayOfDepth(elem, depth), nil
}

// argumentAs brings one argument to its parameter's type.
func argumentAs(f *sql.FuncCall, args []bound, a bound, p param, elem arrow.DataType, depth int) (expr.Expr, error) {
	want := map[param]arrow.DataType{elementParam: elem, intParam: int4Type, textParam: textType}[p]
	if p == arrayParam {
		_, d := types.ArrayElement(a.Expr.Type())
		if a.Unknown || d == 0 {
			d = depth
		}
		e, _, err := arrayOperand(a, types.ArrayOfDepth(elem, d), f.Pos())
		if err != nil {
			return nil, err
		}
		return castTo(e, types.ArrayOfDepth(elem, d)), nil
	}
	switch {
	case a.Unknown:
		return literalAs(a, want, f.Pos())
	case a.Expr.Type().ID() == arrow.NULL:
		return &expr.Literal{Value: scalar.MakeNullScalar(want)}, nil
	case p == intParam && classOf(a.Expr.Type()) != classInteger,
		p == textParam && classOf(a.Expr.Type()) != classString:
		return nil, noFunction(f.Name, args, f.Pos())
	}
	return castTo(a.Expr, want), nil
}

// arrayConcat binds || when a side is an array (or NULL or an unknown
// literal next to an array): array || array is array_cat, array ||
// element array_append, element || array array_prepend.
func arrayConcat(l, r bound, pos int) (bound, bool, error) {
	la, ra := types.IsArray(l.Expr.Type()), types.IsArray(r.Expr.Type())
	if !la && !ra {
		return bound{}, false, nil
	}
	name := "array_cat"
	switch {
	case la && !ra && !r.Unknown && r.Expr.Type().ID() != arrow.NULL:
		name = "array_append"
	case ra && !la && !l.Unknown && l.Expr.Type().ID() != arrow.NULL:
		name = "array_prepend"
	}
	params := map[string][]param{"array_cat": {arrayParam, arrayParam},
		"array_append": {arrayParam, elementParam}, "array_prepend": {elementParam, arrayParam}}[name]
	call := &sql.FuncCall{Name: name, Location: pos}
	exprs, typ, err := resolveArrayArgs(call, []bound{l, r}, params)
	if err != nil {
		return bound{}, true, operatorError(err, "||", l, r, pos)
	}
	return bound{Expr: arrayCall(name, exprs, typ)}, true, nil
}

// known tells whether an operand has a type of its own: neither an
// unknown literal nor NULL.
func known(b bound) bool { return !b.Unknown && b.Expr.Type().ID() != arrow.NULL }

// operatorError words a resolution failure of an operator as PostgreSQL
// does.
func operatorError(err error, op string, l, r bound, pos int) error {
	if sqlstate.Code(err) != sqlstate.UndefinedFunction {
		return err
	}
	name := func(b bound) string {
		if b.Unknown {
			return "unknown"
		}
		return types.PostgresName(b.Expr.Type())
	}
	return sqlstate.New(sqlstate.UndefinedFunction, "operator does not exist: %s %s %s", name(l), op, name(r)).
		WithHint("No operator matches the given name and argument types. You might need to add explicit type casts.").At(pos + 1)
}

// containmentOps are the array operators @> (contains), <@ (is contained
// by) and && (overlaps).
var containmentOps = map[string]string{"@>": "array_contains", "<@": "array_contains", "&&": "array_overlap"}

// bindContainment binds a @> b, a <@ b (b @> a) and a && b.
func bindContainment(sc *scope, n *sql.BinaryOp) (bound, error) {
	l, err := bindExpr(sc, n.Left)
	if err != nil {
		return bound{}, err
	}
	r, err := bindExpr(sc, n.Right)
	if err != nil {
		return bound{}, err
	}
	if n.Op != "&&" && (jsonbOperand(l) || jsonbOperand(r)) {
		return resolveOperator(n.Op, []bound{l, r}, n.Pos())
	}
	call := &sql.FuncCall{Name: containmentOps[n.Op], Location: n.Pos()}
	exprs, _, err := resolveArrayArgs(call, []bound{l, r}, []param{arrayParam, arrayParam})
	if err != nil {
		return bound{}, operatorError(err, n.Op, l, r, n.Pos())
	}
	if known(l) && known(r) && types.WireOID(l.Expr.Type()) != types.WireOID(r.Expr.Type()) {
		return bound{}, operatorError(noFunction(call.Name, nil, n.Pos()), n.Op, l, r, n.Pos())
	}
	if n.Op == "<@" {
		exprs[0], exprs[1] = exprs[1], exprs[0]
	}
	return bound{Expr: arrayCall(call.Name, exprs, arrow.FixedWidthTypes.Boolean)}, nil
}
