package planner

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/extensions"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// json has neither equality nor ordering (jsonb has both): PostgreSQL
// refuses to group, deduplicate or sort its values.

// hasNoEquality tells whether values of a type cannot be compared for
// equality.
func hasNoEquality(dt arrow.DataType) bool {
	_, ok := dt.(*extensions.JSONType)
	return ok
}

// checkEquality is PostgreSQL's 42883 for grouping or deduplicating a
// type without equality; pos is the 0-based position of the expression.
func checkEquality(e expr.Expr, pos int) error {
	if !hasNoEquality(e.Type()) {
		return nil
	}
	return sqlstate.New(sqlstate.UndefinedFunction, "could not identify an equality operator for type %s",
		types.PostgresName(e.Type())).At(pos + 1)
}

// checkOrdering is PostgreSQL's 42883 for sorting by a type without
// ordering.
func checkOrdering(e expr.Expr, pos int) error {
	if !hasNoEquality(e.Type()) {
		return nil
	}
	return sqlstate.New(sqlstate.UndefinedFunction, "could not identify an ordering operator for type %s",
		types.PostgresName(e.Type())).WithHint("Use an explicit ordering operator or modify the query.").At(pos + 1)
}

// checkDistinctItems refuses SELECT DISTINCT over a select list with a
// value of a type without equality, pointing at its select item.
func checkDistinctItems(s *sql.Select, exprs []expr.Expr) error {
	for i, e := range exprs {
		pos := -1
		if len(s.Items) == len(exprs) && !s.Items[i].Star {
			pos = s.Items[i].Expr.Pos()
		}
		if err := checkEquality(e, pos); err != nil {
			return err
		}
	}
	return nil
}
