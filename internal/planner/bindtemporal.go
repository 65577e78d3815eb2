package planner

import (
	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

func isInterval(dt arrow.DataType) bool { return dt.ID() == arrow.INTERVAL_MONTH_DAY_NANO }

func isTemporal(dt arrow.DataType) bool {
	return dt.ID() == arrow.DATE32 || dt.ID() == arrow.TIMESTAMP || isInterval(dt)
}

var intervalType = arrow.FixedWidthTypes.MonthDayNanoInterval

// bindTemporalArith types date and time arithmetic as PostgreSQL does:
// date ± integer is a date, date - date an integer, timestamp ± interval a
// timestamp (date ± interval a timestamp without time zone), timestamp -
// timestamp an interval, interval ± interval an interval. A string
// literal next to a date or timestamp is read as an interval. ok is false
// when neither operand is temporal.
func bindTemporalArith(op expr.ArithOp, l, r bound, pos int) (bound, bool, error) {
	if !(isTemporal(l.Expr.Type()) && !l.Unknown) && !(isTemporal(r.Expr.Type()) && !r.Unknown) {
		return bound{}, false, nil
	}
	var err error
	if l, err = unknownAsInterval(l, pos); err != nil {
		return bound{}, true, err
	}
	if r, err = unknownAsInterval(r, pos); err != nil {
		return bound{}, true, err
	}
	lt, rt := l.Expr.Type(), r.Expr.Type()
	call := func(name string, typ arrow.DataType, args ...expr.Expr) (bound, bool, error) {
		return bound{Expr: &expr.Func{Name: name, Args: args, Typ: typ}}, true, nil
	}
	sub := op == expr.Sub
	switch {
	case lt.ID() == arrow.DATE32 && classOf(rt) == classInteger && (op == expr.Add || sub):
		return call(signed("date_add_days", sub), lt, l.Expr, castTo(r.Expr, arrow.PrimitiveTypes.Int64))
	case classOf(lt) == classInteger && rt.ID() == arrow.DATE32 && op == expr.Add:
		return call("date_add_days", rt, r.Expr, castTo(l.Expr, arrow.PrimitiveTypes.Int64))
	case lt.ID() == arrow.DATE32 && rt.ID() == arrow.DATE32 && sub:
		return call("date_diff", arrow.PrimitiveTypes.Int32, l.Expr, r.Expr)
	case (lt.ID() == arrow.TIMESTAMP || lt.ID() == arrow.DATE32) && isInterval(rt) && (op == expr.Add || sub):
		ts := timestampOf(l.Expr)
		return call(signed("ts_add", sub), ts.Type(), ts, r.Expr)
	case isInterval(lt) && (rt.ID() == arrow.TIMESTAMP || rt.ID() == arrow.DATE32) && op == expr.Add:
		ts := timestampOf(r.Expr)
		return call("ts_add", ts.Type(), ts, l.Expr)
	case lt.ID() == arrow.TIMESTAMP && rt.ID() == arrow.TIMESTAMP && sub:
		common := wider(lt, rt)
		return call("ts_diff", intervalType, castTo(l.Expr, common), castTo(r.Expr, common))
	case isInterval(lt) && isInterval(rt) && (op == expr.Add || sub):
		return call(signed("iv_add", sub), intervalType, l.Expr, r.Expr)
	}
	return bound{}, true, sqlstate.New(sqlstate.UndefinedFunction, "operator does not exist: %s %s %s",
		types.PostgresName(lt), op, types.PostgresName(rt)).At(pos + 1)
}

// signed names the subtracting variant of a function.
func signed(name string, sub bool) string {
	if sub {
		return name + "_neg"
	}
	return name
}

// timestampOf turns a date into a timestamp without time zone.
func timestampOf(e expr.Expr) expr.Expr {
	if e.Type().ID() == arrow.DATE32 {
		return castTo(e, &arrow.TimestampType{Unit: arrow.Microsecond})
	}
	return e
}

func unknownAsInterval(b bound, pos int) (bound, error) {
	if !b.Unknown {
		return b, nil
	}
	e, err := literalAs(b, intervalType, pos)
	return bound{Expr: e}, err
}
