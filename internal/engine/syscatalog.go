package engine

import "auger/internal/exec"

// systemCatalog is the catalog the session's catalog functions see (from
// its default schema), nil when the engine serves none.
func (s *Session) systemCatalog() exec.SystemCatalog {
	if s.engine.Catalog == nil {
		return nil
	}
	return s.engine.Catalog.System(s.DefaultSchema())
}
