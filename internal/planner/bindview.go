package planner

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"auger/internal/catalog"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// dataCorrupted is PostgreSQL's data_corrupted: a stored view that is not
// a query.
const dataCorrupted = "XX001"

// maxViewDepth is how deeply views may be built on views; a view that
// reads itself, directly or through others, reaches it.
const maxViewDepth = 32

// bindView binds a stored view in place of a scan: its query is parsed and
// bound as a subquery, its unqualified names resolved in the schema it was
// created under (Drill's workspaceSchemaPath), and its columns named as
// it names them.
func (b *Binder) bindView(ctx context.Context, view catalog.View, ref string) (Node, error) {
	def := view.Definition()
	if len(b.views) >= maxViewDepth {
		return nil, sqlstate.New("42P17", "infinite recursion detected in view %q: %s",
			ref, strings.Join(append(b.views, ref), " -> "))
	}
	query, err := parseViewQuery(def.SQL, ref)
	if err != nil {
		return nil, err
	}
	inner := &Binder{Catalog: b.Catalog, Schema: b.Schema, Path: b.Path, Database: b.Database,
		views: append(append([]string{}, b.views...), ref)}
	if len(def.SchemaPath) > 0 {
		schema, err := b.Catalog.ResolveSchema(ctx, def.SchemaPath, catalog.SchemaRef{})
		if err != nil {
			return nil, viewError(ref, err)
		}
		inner.Schema, inner.Path = schema, []catalog.SchemaRef{schema}
	}
	plan, err := inner.BindQuery(ctx, query)
	if err != nil {
		return nil, viewError(ref, err)
	}
	return renamedAsStored(plan, def.Fields), nil
}

// renamedAsStored names a view's columns as its stored fields do, which
// differ from its query's when the view was created with a column list;
// fields that no longer match the query's columns one for one (a SELECT *
// over a table that changed) leave the query's names.
func renamedAsStored(plan Node, fields []catalog.ViewField) Node {
	schema := plan.Schema()
	if len(fields) != schema.NumFields() {
		return plan
	}
	exprs, names := passThrough(schema)
	renamed := false
	for i, f := range fields {
		if f.Name != names[i] {
			names[i], renamed = f.Name, true
		}
	}
	if !renamed {
		return plan
	}
	return &Project{Input: plan, Exprs: exprs, Names: names}
}

// parseViewQuery parses a view's stored SQL, which must be one query.
func parseViewQuery(text, ref string) (sql.Query, error) {
	stmts, err := sql.Parse(text)
	if err != nil {
		return nil, viewError(ref, err)
	}
	if len(stmts) != 1 {
		return nil, sqlstate.New(dataCorrupted, "view %q holds %d statements, not one query", ref, len(stmts))
	}
	q, ok := stmts[0].(sql.Query)
	if !ok {
		return nil, sqlstate.New(dataCorrupted, "view %q does not hold a query", ref)
	}
	return q, nil
}

// viewError says which view an error came from, keeping its SQLSTATE; a
// position in the view's text means nothing in the statement's, so it
// goes.
func viewError(ref string, err error) error {
	var e *sqlstate.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("view %s: %w", ref, err)
	}
	out := *e
	out.Position = 0
	out.Message = "view " + ref + ": " + e.Message
	out.Cause = err
	return &out
}
