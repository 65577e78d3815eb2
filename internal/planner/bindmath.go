package planner

import (
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/types"
)

// bindMathFunc binds abs, round, ceil/ceiling, floor, mod, power and sqrt
// with PostgreSQL's types: integers and reals go through double precision
// (round(5) is 5 as a double), numerics keep exactness (round(x, n) is a
// numeric of scale n). ok is false for other names.
func bindMathFunc(f *sql.FuncCall, args []bound) (bound, bool, error) {
	fail := func() (bound, bool, error) { return bound{}, true, noFunction(f.Name, args, f.Pos()) }
	name := f.Name
	if name == "ceiling" {
		name = "ceil"
	}
	switch name {
	case "abs", "round", "ceil", "floor", "sqrt", "power", "mod":
	default:
		return bound{}, false, nil
	}
	for _, a := range args {
		c := classOf(a.Expr.Type())
		if c != classInteger && c != classDecimal && c != classFloat {
			return fail()
		}
		if a.Expr.Type() == types.Numeric {
			return bound{}, true, unsupported(name+" of a numeric without precision", f.Pos())
		}
	}
	switch {
	case name == "abs" && len(args) == 1:
		return mathCall("abs", args, args[0].Expr.Type()), true, nil
	case name == "round" && len(args) == 2:
		return roundTo(f, args)
	case (name == "round" || name == "ceil" || name == "floor") && len(args) == 1:
		if d, ok := args[0].Expr.Type().(arrow.DecimalType); ok {
			return mathCall(name, args, &arrow.Decimal128Type{Precision: d.GetPrecision(), Scale: 0}), true, nil
		}
		return mathCall(name, floats(args), arrow.PrimitiveTypes.Float64), true, nil
	case name == "sqrt" && len(args) == 1, name == "power" && len(args) == 2:
		return mathCall(name, floats(args), arrow.PrimitiveTypes.Float64), true, nil
	case name == "mod" && len(args) == 2 && classOf(args[0].Expr.Type()) == classInteger && classOf(args[1].Expr.Type()) == classInteger:
		b, err := bindArith(expr.Mod, args[0], args[1], f.Pos())
		return b, true, err
	}
	return fail()
}

func mathCall(name string, args []bound, result arrow.DataType) bound {
	exprs := make([]expr.Expr, len(args))
	for i, a := range args {
		exprs[i] = a.Expr
	}
	return bound{Expr: &expr.Func{Name: name, Args: exprs, Typ: result}}
}

// floats brings arguments to double precision.
func floats(args []bound) []bound {
	out := make([]bound, len(args))
	for i, a := range args {
		out[i] = bound{Expr: castTo(a.Expr, arrow.PrimitiveTypes.Float64)}
	}
	return out
}

// roundTo is round(x, n) for a constant n: a numeric with scale n (0 when
// n is negative, which rounds to tens, hundreds...).
func roundTo(f *sql.FuncCall, args []bound) (bound, bool, error) {
	lit, ok := args[1].Expr.(*expr.Literal)
	places, err := strconv.Atoi(lit.Value.String())
	if !ok || err != nil || classOf(args[0].Expr.Type()) == classFloat {
		return bound{}, true, unsupported("round(x, n) with n not a constant or x a float", f.Pos())
	}
	x := castTo(args[0].Expr, asDecimal(args[0].Expr.Type()))
	return bound{Expr: &expr.Func{Name: "round", Args: []expr.Expr{x, lit},
		Typ: &arrow.Decimal128Type{Precision: 38, Scale: int32(max(places, 0))}}}, true, nil
}
