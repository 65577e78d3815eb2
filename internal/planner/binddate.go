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

// dateFields are the fields extract and date_part read; timeFields need a
// time of day.
var (
	dateFields = map[string]bool{"year": true, "month": true, "day": true, "dow": true, "isodow": true,
		"doy": true, "quarter": true, "week": true, "epoch": true}
	timeFields = map[string]bool{"hour": true, "minute": true, "second": true}
	truncUnits = map[string]bool{"second": true, "minute": true, "hour": true, "day": true, "week": true,
		"month": true, "quarter": true, "year": true}
)

// bindDateFunc binds extract (numeric, as since PostgreSQL 14), date_part
// (double precision) and date_trunc (a timestamp; timestamptz for dates)
// with a constant field name. ok is false for other functions.
func bindDateFunc(f *sql.FuncCall, args []bound) (bound, bool, error) {
	if f.Name != "extract" && f.Name != "date_part" && f.Name != "date_trunc" {
		return bound{}, false, nil
	}
	if len(args) != 2 || !args[0].Unknown {
		return bound{}, true, noFunction(f.Name, args, f.Pos())
	}
	field := strings.ToLower(args[0].Text)
	value := args[1]
	if value.Unknown {
		lit, err := literalAs(value, &arrow.TimestampType{Unit: arrow.Microsecond}, f.Pos())
		if err != nil {
			return bound{}, true, err
		}
		value = bound{Expr: lit}
	}
	dt := value.Expr.Type()
	if dt.ID() != arrow.DATE32 && dt.ID() != arrow.TIMESTAMP {
		return bound{}, true, noFunction(f.Name, args, f.Pos())
	}
	fieldLit := &expr.Literal{Value: scalar.NewStringScalar(field)}
	call := &expr.Func{Name: f.Name, Args: []expr.Expr{fieldLit, value.Expr}}
	switch {
	case f.Name == "date_trunc" && truncUnits[field]:
		call.Typ = dt
		if dt.ID() == arrow.DATE32 {
			call.Typ = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
			call.Args[1] = castTo(value.Expr, call.Typ)
		}
	case f.Name != "date_trunc" && (dateFields[field] || timeFields[field] && dt.ID() == arrow.TIMESTAMP):
		call.Typ = arrow.PrimitiveTypes.Float64
		if f.Name == "extract" {
			call.Typ = types.Numeric
		}
	default:
		return bound{}, true, sqlstate.New(sqlstate.FeatureNotSupported, "unit %q not supported for type %s",
			field, types.PostgresName(dt)).At(f.Pos() + 1)
	}
	return bound{Expr: call}, true, nil
}
