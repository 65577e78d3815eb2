package engine

import (
	"context"

	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// planViewStatement plans CREATE VIEW.
func (p *planning) planViewStatement(_ context.Context, _ *sql.CreateView) (*Statement, error) {
	return nil, sqlstate.New(sqlstate.FeatureNotSupported, "CREATE VIEW is not supported yet")
}

// planViewDrop plans DROP VIEW.
func (p *planning) planViewDrop(_ context.Context, _ *sql.Drop) (*Statement, error) {
	return nil, sqlstate.New(sqlstate.FeatureNotSupported, "DROP VIEW is not supported yet")
}
