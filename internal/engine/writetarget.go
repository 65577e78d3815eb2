package engine

import (
	"context"
	"errors"

	"auger/internal/catalog"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// writeTarget is the table a statement creates, fills or drops.
type writeTarget struct {
	schema catalog.SchemaRef
	name   string
	plugin catalog.Plugin // nil for information_schema and pg_catalog
}

// resolveTarget finds the schema of a table name: a one-part name lives
// in the default schema, as in Drill; `ws.name` and `plugin.ws.name` are
// resolved as in queries.
func (p *planning) resolveTarget(ctx context.Context, n sql.Name) (writeTarget, error) {
	parts := namesOf(n)
	t := writeTarget{schema: p.schema, name: parts[len(parts)-1]}
	if len(parts) > 1 {
		ref, err := p.cat().ResolveSchema(ctx, parts[:len(parts)-1], p.schema)
		if err != nil {
			return t, err
		}
		t.schema = ref
	}
	if t.schema.IsZero() {
		return t, sqlstate.New(sqlstate.InvalidSchemaName, "no schema has been selected to create in").At(n.Location + 1).
			WithHint("qualify the name (plugin.schema.table) or run USE plugin.schema")
	}
	t.plugin, _ = p.cat().Plugin(t.schema.Plugin)
	return t, nil
}

// immutable is Drill's refusal of a schema that is not writable.
func (t writeTarget) immutable() error {
	return sqlstate.New(sqlstate.InsufficientPrivilege,
		"Unable to create or drop objects. Schema [%s] is immutable.", t.schema)
}

// alreadyExists is PostgreSQL's 42P07.
func (t writeTarget) alreadyExists() *sqlstate.Error {
	return sqlstate.New(sqlstate.DuplicateTable, "relation %q already exists", t.name)
}

// lookup is the table of the target's name, nil when there is none.
func (t writeTarget) lookup(ctx context.Context, cat *catalog.Catalog) (catalog.Table, error) {
	table, err := cat.Table(ctx, t.schema, t.name)
	if errors.Is(err, catalog.ErrTableNotFound) {
		return nil, nil
	}
	return table, err
}

// writeError gives a plugin's refusal PostgreSQL's or Drill's wording.
func (t writeTarget) writeError(err error) error {
	switch {
	case errors.Is(err, catalog.ErrNotWritable):
		return t.immutable()
	case errors.Is(err, catalog.ErrTableExists):
		return t.alreadyExists()
	}
	return catalog.Classify(err)
}
