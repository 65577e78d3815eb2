package planner

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/exec"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// setReturning are the set-returning functions: they yield rows, not a
// value, and run in a ProjectSet below the select list that calls them.
var setReturning = func() map[string]bool {
	out := map[string]bool{"unnest": true, "generate_series": true, "generate_subscripts": true,
		"regexp_matches": true, "regexp_split_to_table": true, "pg_partition_ancestors": true, expandArray: true}
	for name := range exec.JSONSetFunctions {
		out[name] = true
	}
	return out
}()

// isSetCall tells whether e is a call of a set-returning function (or of
// one column of one, "jsonb_each.1").
func isSetCall(e expr.Expr) bool {
	f, ok := e.(*expr.Func)
	return ok && setReturning[strings.Split(f.Name, ".")[0]]
}

// bindSetCall binds a set-returning function where one may stand: in the
// select list (and ORDER BY), or at the top of a FROM item.
func bindSetCall(sc *scope, f *sql.FuncCall, args []bound) (bound, error) {
	switch sc.clause {
	case "":
	case "aggregate":
		return bound{}, sqlstate.New(sqlstate.FeatureNotSupported, "aggregate function calls cannot contain set-returning function calls").
			WithHint("You might be able to move the set-returning function into a LATERAL FROM item.").At(f.Pos() + 1)
	case "FROM":
		return bound{}, sqlstate.New(sqlstate.FeatureNotSupported, "set-returning functions must appear at top level of FROM").At(f.Pos() + 1)
	default:
		return bound{}, sqlstate.New(sqlstate.FeatureNotSupported, "set-returning functions are not allowed in %s", sc.clause).At(f.Pos() + 1)
	}
	call, err := setCall(f, args)
	if err != nil {
		return bound{}, err
	}
	return bound{Expr: call}, nil
}

// setCall types a set-returning call: unnest(array) yields the array's
// elements; generate_series(start, stop [, step]) integers (bigint if an
// argument is), numerics, or timestamps (timestamp with time zone for
// dates) stepped by an interval; generate_subscripts(array, dim [,
// reverse]) integers.
func setCall(f *sql.FuncCall, args []bound) (*expr.Func, error) {
	switch {
	case f.Name == "unnest" && len(args) == 1:
		arr, err := polymorphicArray(f, args, 0)
		if err != nil {
			return nil, err
		}
		elem, _ := types.ArrayElement(arr.Type())
		return &expr.Func{Name: "unnest", Args: []expr.Expr{arr}, Typ: elem}, nil
	case f.Name == "generate_subscripts" && (len(args) == 2 || len(args) == 3):
		return generateSubscripts(f, args)
	case f.Name == "generate_series" && (len(args) == 2 || len(args) == 3):
		return generateSeries(f, args)
	case f.Name == "regexp_matches" || f.Name == "regexp_split_to_table":
		return regexSetCall(f, args)
	case f.Name == "pg_partition_ancestors" && len(args) == 1:
		return partitionAncestors(f, args[0])
	case f.Name == expandArray:
		return expandArrayCall(f, args)
	case exec.JSONSetFunctions[f.Name] != nil:
		calls, err := jsonSetCalls(f, args)
		if err == nil && len(calls) > 1 {
			return nil, recordSetCall(f)
		}
		if err != nil {
			return nil, err
		}
		return calls[0], nil
	}
	return nil, noFunction(f.Name, args, f.Pos())
}

// regexSetCall types regexp_matches(s, pattern [, flags]), whose rows are
// text[] values, and regexp_split_to_table(s, pattern [, flags]), which is
// unnest(regexp_split_to_array(...)). Their arguments are regexp_match's
// and regexp_split_to_array's.
func regexSetCall(f *sql.FuncCall, args []bound) (*expr.Func, error) {
	scalar := map[string]string{"regexp_matches": "regexp_match", "regexp_split_to_table": "regexp_split_to_array"}[f.Name]
	b, err := resolveCall(scalar, args, f.Pos())
	if err != nil {
		return nil, noFunction(f.Name, args, f.Pos())
	}
	call := b.Expr.(*expr.Func)
	if f.Name == "regexp_matches" {
		return &expr.Func{Name: f.Name, Args: call.Args, Typ: call.Typ}, nil
	}
	return &expr.Func{Name: "unnest", Args: []expr.Expr{call}, Typ: arrow.BinaryTypes.String}, nil
}

// polymorphicArray is argument i of an anyarray parameter, which must be
// an array: an unknown literal makes the call ambiguous, as in PostgreSQL.
func polymorphicArray(f *sql.FuncCall, args []bound, i int) (expr.Expr, error) {
	a := args[i]
	if a.Unknown || a.Expr.Type().ID() == arrow.NULL {
		return nil, sqlstate.New("42725", "function %s(%s) is not unique", f.Name, argTypeNames(args)).
			WithHint("Could not choose a best candidate function. You might need to add explicit type casts.").At(f.Pos() + 1)
	}
	if !types.IsArray(a.Expr.Type()) {
		return nil, noFunction(f.Name, args, f.Pos())
	}
	return a.Expr, nil
}

func argTypeNames(args []bound) string {
	names := ""
	for i, a := range args {
		if i > 0 {
			names += ", "
		}
		if a.Unknown {
			names += "unknown"
		} else {
			names += types.PostgresName(a.Expr.Type())
		}
	}
	return names
}

func generateSubscripts(f *sql.FuncCall, args []bound) (*expr.Func, error) {
	arr, err := polymorphicArray(f, args, 0)
	if err != nil {
		return nil, err
	}
	dim, err := argumentAs(f, args, args[1], intParam, int4Type, 0)
	if err != nil {
		return nil, err
	}
	exprs := []expr.Expr{arr, dim}
	if len(args) == 3 {
		reverse, err := booleanArg(f, args, args[2])
		if err != nil {
			return nil, err
		}
		exprs = append(exprs, reverse)
	}
	return &expr.Func{Name: "generate_subscripts", Args: exprs, Typ: int4Type}, nil
}

// booleanArg brings an argument of a boolean parameter to boolean.
func booleanArg(f *sql.FuncCall, args []bound, a bound) (expr.Expr, error) {
	switch {
	case a.Unknown:
		return literalAs(a, arrow.FixedWidthTypes.Boolean, f.Pos())
	case a.Expr.Type().ID() == arrow.NULL:
		return &expr.Literal{Value: scalar.MakeNullScalar(arrow.FixedWidthTypes.Boolean)}, nil
	case a.Expr.Type().ID() == arrow.BOOL:
		return a.Expr, nil
	}
	return nil, noFunction(f.Name, args, f.Pos())
}

// generateSeries resolves generate_series's argument types.
func generateSeries(f *sql.FuncCall, args []bound) (*expr.Func, error) {
	typ, step, err := seriesTypes(f, args)
	if err != nil {
		return nil, err
	}
	exprs := make([]expr.Expr, len(args))
	for i, a := range args {
		want := typ
		if i == 2 {
			want = step
		}
		e, err := argumentAs(f, args, a, elementParam, want, 0)
		if err != nil {
			return nil, err
		}
		exprs[i] = e
	}
	return &expr.Func{Name: "generate_series", Args: exprs, Typ: typ}, nil
}

// seriesTypes picks the generate_series variant: the type of the values
// and of the step.
func seriesTypes(f *sql.FuncCall, args []bound) (value, step arrow.DataType, err error) {
	classes := map[typeClass]bool{}
	wide := false
	for _, a := range args[:2] {
		if a.Unknown || a.Expr.Type().ID() == arrow.NULL {
			continue
		}
		classes[classOf(a.Expr.Type())] = true
		wide = wide || a.Expr.Type().ID() == arrow.INT64
	}
	if len(args) == 3 && !args[2].Unknown {
		c := classOf(args[2].Expr.Type())
		if c != classOther || args[2].Expr.Type().ID() != arrow.INTERVAL_MONTH_DAY_NANO {
			classes[c] = true
			wide = wide || args[2].Expr.Type().ID() == arrow.INT64
		}
	}
	switch {
	case classes[classDate] || classes[classTimestamp]:
		return seriesOfTimes(f, args)
	case classes[classDecimal] && !classes[classFloat] && !classes[classOther]:
		return types.Numeric, types.Numeric, nil
	case len(classes) == 1 && classes[classInteger] && wide:
		return arrow.PrimitiveTypes.Int64, arrow.PrimitiveTypes.Int64, nil
	case len(classes) == 1 && classes[classInteger] && allSmall(args):
		return nil, nil, sqlstate.New("42725", "function generate_series(%s) is not unique", argTypeNames(args)).
			WithHint("Could not choose a best candidate function. You might need to add explicit type casts.").At(f.Pos() + 1)
	case len(classes) <= 1 && (len(classes) == 0 || classes[classInteger]):
		return int4Type, int4Type, nil
	}
	return nil, nil, noFunction(f.Name, args, f.Pos())
}

// allSmall tells whether every argument is a smallint, for which no
// variant is better than another.
func allSmall(args []bound) bool {
	for _, a := range args {
		if a.Unknown || a.Expr.Type().ID() != arrow.INT16 {
			return false
		}
	}
	return true
}

// seriesOfTimes is generate_series over timestamps: with time zone when
// a bound has one or is a date (which PostgreSQL reads as a timestamp
// with time zone), stepped by an interval.
func seriesOfTimes(f *sql.FuncCall, args []bound) (arrow.DataType, arrow.DataType, error) {
	interval := arrow.FixedWidthTypes.MonthDayNanoInterval
	if len(args) != 3 || (!args[2].Unknown && args[2].Expr.Type().ID() != arrow.INTERVAL_MONTH_DAY_NANO) {
		return nil, nil, noFunction(f.Name, args, f.Pos())
	}
	typ := arrow.DataType(&arrow.TimestampType{Unit: arrow.Microsecond})
	for _, a := range args[:2] {
		if a.Unknown {
			continue
		}
		if t, ok := a.Expr.Type().(*arrow.TimestampType); (ok && t.TimeZone != "") || classOf(a.Expr.Type()) == classDate {
			typ = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
		}
	}
	return typ, interval, nil
}
