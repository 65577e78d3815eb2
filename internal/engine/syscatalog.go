package engine

import (
	"context"

	"auger/internal/exec"
)

// systemCatalog is the catalog the session's catalog functions see (from
// its search path), nil when the engine serves none.
func (s *Session) systemCatalog() exec.SystemCatalog {
	if s.engine == nil || s.engine.Catalog == nil {
		return nil
	}
	return s.engine.Catalog.System(s.schemaPath(context.Background(), s.mustShow("search_path")))
}
