package engine

import (
	"context"
	"errors"
	"strings"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/sqlstate"
)

var _ exec.ObjectChecker = sessionFacts{}

// CheckObject implements exec.ObjectChecker: the objects the privilege
// functions name are found as a query would find them, by the session's
// search path; PostgreSQL's errors name those that do not exist.
func (f sessionFacts) CheckObject(kind, name, column string) error {
	s := f.session
	ctx := context.Background()
	switch kind {
	case "role":
		s.mu.Lock()
		user := s.conn.User
		s.mu.Unlock()
		if name != user && name != s.currentUser() && name != "public" {
			return sqlstate.New(sqlstate.UndefinedObject, "role %q does not exist", name)
		}
	case "table", "column":
		return f.checkTable(ctx, name, column, kind == "column")
	case "schema":
		if _, err := s.engine.Catalog.ResolveSchema(ctx, []string{name}, catalog.SchemaRef{}); err != nil {
			return sqlstate.New(sqlstate.InvalidSchemaName, "schema %q does not exist", name)
		}
	case "database":
		s.mu.Lock()
		database := s.conn.Database
		s.mu.Unlock()
		if name != database {
			return sqlstate.New(sqlstate.InvalidCatalogName, "database %q does not exist", name)
		}
	case "function":
		fname, _, _ := strings.Cut(name, "(")
		if !exec.HasFunction(strings.ToLower(strings.TrimSpace(fname))) {
			return sqlstate.New(sqlstate.UndefinedFunction, "function %q does not exist", name)
		}
	}
	return nil
}

// checkTable finds a table named as regclass reads text (schema.table,
// quoted parts kept as written, others folded) and, when column is set,
// its column.
func (f sessionFacts) checkTable(ctx context.Context, name, col string, column bool) error {
	s := f.session
	parts, ok := splitNames(name, '.')
	if !ok || len(parts) == 0 {
		return sqlstate.New(sqlstate.InvalidTextRepresentation, "invalid name syntax")
	}
	parts, err := s.engine.Catalog.WithoutDatabase(parts, s.database())
	if err != nil {
		return err
	}
	path := s.schemaPath(ctx, s.mustShow("search_path"))
	var first catalog.SchemaRef
	if len(path) > 0 {
		first = path[0]
	}
	t, _, err := s.engine.Catalog.ResolveTableOnPath(ctx, parts, first, path)
	if err != nil {
		if errors.Is(err, catalog.ErrSourceUnavailable) {
			return catalog.Classify(err)
		}
		return sqlstate.New(sqlstate.UndefinedTable, "relation %q does not exist", name)
	}
	if column && len(t.Schema().FieldIndices(col)) == 0 {
		return sqlstate.New(sqlstate.UndefinedColumn, "column %q of relation %q does not exist", col, parts[len(parts)-1])
	}
	return nil
}

// names are the session's database and user as information_schema shows
// them.
func (s *Session) names() catalog.SessionNames {
	s.mu.Lock()
	defer s.mu.Unlock()
	return catalog.SessionNames{Database: s.conn.Database, User: s.conn.User}
}

// database is the session's database.
func (s *Session) database() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conn.Database
}
