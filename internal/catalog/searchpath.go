package catalog

import (
	"context"
	"errors"
	"strings"

	"auger/internal/sqlstate"
)

// ResolveTableOnPath resolves a table name as ResolveTable does, looking
// an unqualified name up in each schema of path in turn, as PostgreSQL
// walks its search_path: the first schema that has the table wins. With
// an empty path it is ResolveTable in current.
func (c *Catalog) ResolveTableOnPath(ctx context.Context, parts []string, current SchemaRef, path []SchemaRef) (Table, SchemaRef, error) {
	if len(parts) > 1 || len(path) < 2 {
		return c.ResolveTable(ctx, parts, current)
	}
	var first error
	for _, schema := range path {
		t, schema, err := c.ResolveTable(ctx, parts, schema)
		if err == nil {
			return t, schema, nil
		}
		if !errors.Is(err, ErrTableNotFound) {
			return nil, SchemaRef{}, err
		}
		if first == nil {
			first = err
		}
	}
	return nil, SchemaRef{}, first
}

// WithoutDatabase reads a three-part name whose middle part is a schema
// of the combined catalog ("postgresql.public", quoted as one identifier)
// as PostgreSQL reads database.schema.table: a first part naming the
// session's database is dropped, another database is refused. A first
// part that names a plugin keeps its meaning (plugin.sub.table).
func (c *Catalog) WithoutDatabase(parts []string, database string) ([]string, error) {
	if len(parts) != 3 || !strings.Contains(parts[1], ".") {
		return parts, nil
	}
	if _, ok := c.matchPlugin(parts[0]); ok {
		return parts, nil
	}
	if parts[0] != database {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "cross-database references are not implemented: %q",
			strings.Join(parts, "."))
	}
	return parts[1:], nil
}
