package planner

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/exec"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// jsonSetCalls types a json set-returning call: one call per column it
// yields (json[b]_each[_text] yield a key and a value column).
func jsonSetCalls(f *sql.FuncCall, args []bound) ([]*expr.Func, error) {
	if len(args) != 1 {
		return nil, noFunction(f.Name, args, f.Pos())
	}
	var valueType arrow.DataType = types.JSON
	if strings.HasPrefix(f.Name, "jsonb") {
		valueType = types.JSONB
	}
	arg, err := jsonArgument(f, args, valueType)
	if err != nil {
		return nil, err
	}
	parts := exec.JSONSetFunctions[f.Name]
	calls := make([]*expr.Func, len(parts))
	for i, part := range parts {
		typ := arrow.DataType(arrow.BinaryTypes.String)
		if part == exec.JSONElements || part == exec.JSONFieldValues {
			typ = valueType
		}
		name := f.Name
		if len(parts) > 1 {
			name = exec.JSONSetFuncName(f.Name, i)
		}
		calls[i] = &expr.Func{Name: name, Args: []expr.Expr{arg}, Typ: typ}
	}
	return calls, nil
}

// jsonArgument brings the argument of a json or jsonb parameter (typ) to
// that type: an unknown literal is read as one, a value of the type stays,
// anything else has no such function.
func jsonArgument(f *sql.FuncCall, args []bound, typ arrow.DataType) (expr.Expr, error) {
	a := args[0]
	switch {
	case a.Unknown:
		return literalAs(a, typ, f.Pos())
	case a.Expr.Type().ID() == arrow.NULL:
		return castTo(a.Expr, typ), nil
	case types.WireOID(a.Expr.Type()) == types.WireOID(typ):
		return a.Expr, nil
	}
	return nil, noFunction(f.Name, args, f.Pos())
}

// jsonSetColumnNames are the columns of json[b]_each[_text] in FROM.
func jsonSetColumnNames(name string) []string {
	if len(exec.JSONSetFunctions[name]) == 2 {
		return []string{"key", "value"}
	}
	return nil
}

// recordSetCall is the error for json[b]_each in the select list, whose
// record result Auger does not build.
func recordSetCall(f *sql.FuncCall) error {
	return sqlstate.New(sqlstate.FeatureNotSupported, "%s in the select list (a record per row) is not supported; call it in FROM", f.Name).At(f.Pos() + 1)
}

// bindJSONAgg binds json_agg(x) and jsonb_agg(x): a json (jsonb) array
// of the values; an unknown literal is read as text.
func bindJSONAgg(input *scope, f *sql.FuncCall, call AggCall) (AggCall, error) {
	arg, err := bindJSONAggArgument(input, f.Args[0], f.Pos())
	if err != nil {
		return call, err
	}
	call.Arg, call.Typ = arg, types.JSON
	if f.Name == "jsonb_agg" {
		call.Typ = types.JSONB
	}
	return call, nil
}

// bindJSONObjectAgg binds json_object_agg(k, v) and jsonb_object_agg(k,
// v): the accumulator takes each key and value as one Row.
func bindJSONObjectAgg(input *scope, f *sql.FuncCall, call AggCall) (AggCall, error) {
	fields := make([]expr.Expr, 2)
	for i, a := range f.Args {
		e, err := bindJSONAggArgument(input, a, f.Pos())
		if err != nil {
			return call, err
		}
		fields[i] = e
	}
	call.Arg, call.Typ = &expr.Row{Fields: fields}, types.JSON
	if f.Name == "jsonb_object_agg" {
		call.Typ = types.JSONB
	}
	return call, nil
}

// bindJSONAggArgument binds an argument of the JSON aggregates: an
// unknown literal or a NULL of no type is read as text.
func bindJSONAggArgument(input *scope, a sql.Expr, pos int) (expr.Expr, error) {
	arg, err := bindExpr(input, a)
	if err != nil {
		return nil, err
	}
	switch {
	case arg.Unknown:
		return literalAs(arg, arrow.BinaryTypes.String, pos)
	case arg.Expr.Type().ID() == arrow.NULL:
		return castTo(arg.Expr, arrow.BinaryTypes.String), nil
	}
	return arg.Expr, nil
}
