package planner

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// bindWindowFunc binds the function of a call with OVER and types it as
// PostgreSQL does: the ranking functions bigint (percent_rank and
// cume_dist double precision), ntile integer, lag, lead and the value
// functions their argument's type, aggregates as aggregates.
func bindWindowFunc(sc *scope, f *sql.FuncCall) (WindowFunc, error) {
	if aggregateFuncs[f.Name] {
		return bindWindowAggregate(sc, f)
	}
	if !windowFuncs[f.Name] {
		// As PostgreSQL, look the function up first: an unknown one is
		// 42883, a known scalar one with OVER 42809.
		plain := *f
		plain.Over = nil
		if _, err := bindScalarCall(sc, &plain); err != nil {
			return WindowFunc{}, err
		}
		return WindowFunc{}, sqlstate.New("42809", "OVER specified, but %s is not a window function nor an aggregate function", f.Name).At(f.Pos() + 1)
	}
	args := make([]bound, len(f.Args))
	for i, a := range f.Args {
		b, err := bindExpr(sc, a)
		if err != nil {
			return WindowFunc{}, err
		}
		args[i] = b
	}
	fn := WindowFunc{Name: f.Name}
	var err error
	switch f.Name {
	case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist":
		err = rankingArgs(f, args, &fn)
	case "ntile":
		err = intArgs(f, args, &fn, 1)
		fn.Typ = arrow.PrimitiveTypes.Int32
	case "lag", "lead":
		err = shiftArgs(f, args, &fn)
	case "first_value", "last_value":
		err = valueArgs(f, args, &fn, 1)
	case "nth_value":
		err = valueArgs(f, args, &fn, 2)
	}
	return fn, err
}

// bindWindowAggregate binds an aggregate used with OVER, typed as the
// aggregate is.
func bindWindowAggregate(sc *scope, f *sql.FuncCall) (WindowFunc, error) {
	call, err := bindAggCall(sc, f)
	if err != nil {
		return WindowFunc{}, err
	}
	if f.Distinct {
		return WindowFunc{}, sqlstate.New(sqlstate.FeatureNotSupported, "DISTINCT is not implemented for window functions").At(f.Pos() + 1)
	}
	fn := WindowFunc{Name: call.Func, Sep: call.Sep, Typ: call.Typ}
	if call.Arg != nil {
		fn.Args = []expr.Expr{call.Arg}
	}
	return fn, nil
}

func rankingArgs(f *sql.FuncCall, args []bound, fn *WindowFunc) error {
	fn.Typ = arrow.PrimitiveTypes.Int64
	if f.Name == "percent_rank" || f.Name == "cume_dist" {
		fn.Typ = arrow.PrimitiveTypes.Float64
	}
	switch {
	case len(args) == 0:
		return nil
	case f.Name == "row_number":
		return noFunction(f.Name, args, f.Pos())
	}
	// rank(x) and its kin are PostgreSQL's hypothetical-set aggregates.
	return sqlstate.New("42809", "WITHIN GROUP is required for ordered-set aggregate %s", f.Name).At(f.Pos() + 1)
}

// intArgs checks that the arguments from position first on are integers
// (smallint or integer, or literals of them) and makes them integer.
func intArgs(f *sql.FuncCall, args []bound, fn *WindowFunc, first int) error {
	if len(args) < first {
		return noFunction(f.Name, args, f.Pos())
	}
	for _, a := range args[first-1:] {
		e, ok, err := asInteger(a, f.Pos())
		if err != nil {
			return err
		}
		if !ok {
			return noFunction(f.Name, args, f.Pos())
		}
		fn.Args = append(fn.Args, e)
	}
	return nil
}

// asInteger brings an argument to integer when PostgreSQL would do so
// implicitly.
func asInteger(a bound, pos int) (expr.Expr, bool, error) {
	int32Type := arrow.PrimitiveTypes.Int32
	switch {
	case a.Unknown:
		e, err := literalAs(a, int32Type, pos)
		return e, err == nil, err
	case a.Expr.Type().ID() == arrow.NULL:
		return nullOf(int32Type), true, nil
	case a.Expr.Type().ID() == arrow.INT16 || a.Expr.Type().ID() == arrow.INT32:
		return castTo(a.Expr, int32Type), true, nil
	}
	return nil, false, nil
}

// valueArgs binds first_value and last_value (n = 1), nth_value (n = 2).
func valueArgs(f *sql.FuncCall, args []bound, fn *WindowFunc, n int) error {
	if len(args) != n {
		return noFunction(f.Name, args, f.Pos())
	}
	value, err := polymorphic(args[0], f.Pos())
	if err != nil {
		return err
	}
	fn.Args, fn.Typ = []expr.Expr{value}, value.Type()
	if n == 2 {
		return intArgs(f, args, fn, 2)
	}
	return nil
}

// polymorphic is the value argument of a function of any type: a literal
// of no known type has none, as in PostgreSQL.
func polymorphic(a bound, pos int) (expr.Expr, error) {
	if a.Unknown || a.Expr.Type().ID() == arrow.NULL {
		return nil, sqlstate.New(sqlstate.DatatypeMismatch, "could not determine polymorphic type because input has type unknown")
	}
	return a.Expr, nil
}

// shiftArgs binds lag and lead (value [, offset [, default]]): the value
// and the default are brought to their common type, the result's.
func shiftArgs(f *sql.FuncCall, args []bound, fn *WindowFunc) error {
	if len(args) < 1 || len(args) > 3 {
		return noFunction(f.Name, args, f.Pos())
	}
	value, err := polymorphic(args[0], f.Pos())
	if err != nil {
		return err
	}
	offset := expr.Expr(&expr.Literal{Value: scalar.NewInt32Scalar(1)})
	if len(args) > 1 {
		e, ok, err := asInteger(args[1], f.Pos())
		if err != nil {
			return err
		}
		if !ok {
			return noFunction(f.Name, args, f.Pos())
		}
		offset = e
	}
	fallback := nullOf(value.Type())
	if len(args) == 3 {
		if value, fallback, err = shiftDefault(value, args[2], f, args); err != nil {
			return err
		}
	}
	fn.Args, fn.Typ = []expr.Expr{value, offset, fallback}, value.Type()
	return nil
}

// shiftDefault brings lag's or lead's value and default to their common
// type, as PostgreSQL resolves anycompatible arguments: an unknown literal
// takes the value's type; integers and decimals meet in numeric without a
// scale of its own, each value keeping its digits.
func shiftDefault(value expr.Expr, d bound, f *sql.FuncCall, args []bound) (expr.Expr, expr.Expr, error) {
	vt := value.Type()
	switch {
	case d.Unknown:
		e, err := literalAs(d, vt, f.Pos())
		return value, e, err
	case d.Expr.Type().ID() == arrow.NULL:
		return value, nullOf(vt), nil
	case arrow.TypeEqual(d.Expr.Type(), vt):
		return value, d.Expr, nil
	}
	common, ok := valuesType(vt, d.Expr.Type())
	if !ok {
		return nil, nil, noFunction(f.Name, args, f.Pos())
	}
	if classOf(common) == classDecimal {
		common = types.Numeric
	}
	return castTo(value, common), castTo(d.Expr, common), nil
}
