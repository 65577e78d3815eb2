package catalog

import (
	"context"
	"errors"
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
		t, err := c.Table(ctx, schema, parts[0])
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
