package sql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"

	"auger/internal/sqlstate"
)

// transformCollate reads `x COLLATE name` for the collations whose order
// is the engine's own (default, "C", "POSIX", as catalog queries write
// them): the expression itself. Other collations are not supported.
func transformCollate(c *pg.CollateClause) (Expr, error) {
	switch strings.ToLower(operatorName(c.Collname)) {
	case "default", "c", "posix", "ucs_basic":
		return transformExpr(c.Arg)
	}
	return nil, sqlstate.New(sqlstate.FeatureNotSupported, "collation %q is not supported yet", operatorName(c.Collname)).
		At(int(c.Location) + 1)
}
