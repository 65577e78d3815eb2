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
// The session keeps the answer until the path changes, so that a statement
// does not ask the sources for their schemas each time.
func (s *Session) schemaPath(ctx context.Context, searchPath string) []catalog.SchemaRef {
	s.mu.Lock()
	cached := s.resolvedPath
	s.mu.Unlock()
	if cached.text == searchPath && len(cached.refs) > 0 {
		return cached.refs
	}
	refs := s.resolveSearchPath(ctx, searchPath)
	s.mu.Lock()
	s.resolvedPath = resolvedPath{text: searchPath, refs: refs}
	s.mu.Unlock()
	return refs
}

// resolvedPath is a search path and the schemas it named when last
// resolved. A path that named none is resolved again each time, so that a
// source that comes up is found.
type resolvedPath struct {
	text string
	refs []catalog.SchemaRef
}

func (s *Session) resolveSearchPath(ctx context.Context, searchPath string) []catalog.SchemaRef {
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
