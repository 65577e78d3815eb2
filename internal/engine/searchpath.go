package engine

import (
	"context"

	"auger/internal/catalog"
)

// resolvePath finds the schemas of the planning's search path.
func (p *planning) resolvePath(ctx context.Context) {
	p.path = p.session.schemaPath(ctx, p.searchPath)
	p.schema = catalog.SchemaRef{}
	if len(p.path) > 0 {
		p.schema = p.path[0]
	}
}

// schemaPath is the schemas of a search_path that exist, in its order, as
// PostgreSQL skips those that do not: each item names a schema of the
// combined catalog ("dfs.data", "postgresql.public", a plugin alone for
// its default schema); "$user" is the schema named as the session's user.
func (s *Session) schemaPath(ctx context.Context, searchPath string) []catalog.SchemaRef {
	items, _ := splitIdentifiers(searchPath)
	var out []catalog.SchemaRef
	for _, item := range items {
		if item == "$user" {
			s.mu.Lock()
			item = s.conn.User
			s.mu.Unlock()
		}
		if item == "" || s.engine == nil || s.engine.Catalog == nil {
			continue
		}
		ref, err := s.engine.Catalog.ResolveSchema(ctx, []string{item}, catalog.SchemaRef{})
		if err == nil && !contains(out, ref) {
			out = append(out, ref)
		}
	}
	return out
}

func contains(refs []catalog.SchemaRef, ref catalog.SchemaRef) bool {
	for _, r := range refs {
		if r == ref {
			return true
		}
	}
	return false
}

// setSearchPath sets search_path for the session, as USE does.
func (s *Session) setSearchPath(value string) {
	d, _ := lookupSetting("search_path")
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settings.set(d, settingValue{setting: value, source: "session"}, false)
}
