package engine

import (
	"context"
	"errors"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// planCreateView plans CREATE [OR REPLACE] VIEW: the query is planned now,
// so that a view that cannot run is refused, and stored as written, with
// its columns and the schema its unqualified names mean, when the
// statement runs.
func (p *planning) planCreateView(ctx context.Context, v *sql.CreateView) (*Statement, error) {
	ref, name, err := p.targetOf(ctx, v.Name)
	if err != nil {
		return nil, err
	}
	store, err := p.viewStore(ref)
	if err != nil {
		return nil, err
	}
	query, err := p.planQuery(ctx, v.Query)
	if err != nil {
		return nil, err
	}
	fields, err := viewFields(query.Columns, v.Columns)
	if err != nil {
		return nil, err
	}
	def := catalog.ViewDefinition{Name: name, SQL: strings.TrimSpace(v.QueryText), Fields: fields}
	if !p.schema.IsZero() {
		def.SchemaPath = []string{p.schema.Plugin, p.schema.Sub}
	}
	return &Statement{Text: v.Text(), Tag: "CREATE VIEW",
		run: func(ctx context.Context, _ []scalar.Scalar) (exec.Operator, error) {
			if err := store.CreateView(ctx, ref.Sub, name, def, v.Replace); err != nil {
				return nil, viewStoreError(err, ref, name)
			}
			return rowsOperator(arrow.NewSchema(nil, nil), nil)
		}}, nil
}

// viewFields are a view's stored columns: the query's, renamed by the
// column list when there is one.
func viewFields(schema *arrow.Schema, names []string) ([]catalog.ViewField, error) {
	if len(names) > schema.NumFields() {
		return nil, sqlstate.New(sqlstate.SyntaxError, "CREATE VIEW specifies more column names than columns")
	}
	seen := map[string]bool{}
	fields := make([]catalog.ViewField, schema.NumFields())
	for i, f := range schema.Fields() {
		name := f.Name
		if i < len(names) {
			name = names[i]
		}
		if seen[name] {
			return nil, sqlstate.New("42701", "column %q specified more than once", name)
		}
		seen[name] = true
		fields[i] = catalog.ViewField{Name: name, Type: types.DrillName(f.Type), IsNullable: f.Nullable}
	}
	return fields, nil
}

// planDropView plans DROP VIEW [IF EXISTS] name [, ...].
func (p *planning) planDropView(ctx context.Context, d *sql.Drop) (*Statement, error) {
	type target struct {
		ref   catalog.SchemaRef
		name  string
		store catalog.ViewStore
	}
	targets := make([]target, len(d.Names))
	for i, n := range d.Names {
		ref, name, err := p.targetOf(ctx, n)
		if err != nil {
			return nil, err
		}
		store, err := p.viewStore(ref)
		if err != nil {
			return nil, err
		}
		targets[i] = target{ref, name, store}
	}
	session := p.session
	return &Statement{Text: d.Text(), Tag: "DROP VIEW",
		run: func(ctx context.Context, _ []scalar.Scalar) (exec.Operator, error) {
			for _, t := range targets {
				err := t.store.DropView(ctx, t.ref.Sub, t.name)
				switch {
				case errors.Is(err, catalog.ErrTableNotFound) && d.IfExists:
					session.notice(sqlstate.New("00000", "view %q does not exist, skipping", t.name))
				case err != nil:
					return nil, viewStoreError(err, t.ref, t.name)
				}
			}
			return rowsOperator(arrow.NewSchema(nil, nil), nil)
		}}, nil
}

// targetOf resolves the name of a table or view to create or drop: its
// last part in the schema the others name, or in the session's default
// schema when alone, as in Drill.
func (p *planning) targetOf(ctx context.Context, n sql.Name) (catalog.SchemaRef, string, error) {
	parts := namesOf(n)
	name := parts[len(parts)-1]
	if len(parts) == 1 {
		if p.schema.IsZero() {
			return catalog.SchemaRef{}, "", sqlstate.New(sqlstate.InvalidSchemaName, "no schema has been selected to create in").
				WithHint("qualify the name (plugin.workspace.name) or run USE plugin.workspace")
		}
		return p.schema, name, nil
	}
	ref, err := p.cat().ResolveSchema(ctx, parts[:len(parts)-1], p.schema)
	return ref, name, err
}

// viewStore is the plugin of a schema as a keeper of views.
func (p *planning) viewStore(ref catalog.SchemaRef) (catalog.ViewStore, error) {
	plugin, _ := p.cat().Plugin(ref.Plugin)
	store, ok := plugin.(catalog.ViewStore)
	if !ok {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "schema %q cannot keep views: views live in file workspaces", ref.String())
	}
	return store, nil
}

// viewStoreError gives a view store's error PostgreSQL's wording.
func viewStoreError(err error, ref catalog.SchemaRef, name string) error {
	switch {
	case errors.Is(err, catalog.ErrTableExists):
		return &sqlstate.Error{Code: sqlstate.DuplicateTable, Message: "relation \"" + name + "\" already exists", Cause: err}
	case errors.Is(err, catalog.ErrTableNotFound):
		return &sqlstate.Error{Code: sqlstate.UndefinedTable, Message: "view \"" + name + "\" does not exist", Cause: err}
	case errors.Is(err, catalog.ErrNotWritable):
		return &sqlstate.Error{Code: sqlstate.InsufficientPrivilege, Cause: err,
			Message: "Unable to create or drop objects. Schema [" + ref.String() + "] is immutable."}
	}
	return catalog.Classify(err)
}

// notice leaves a NOTICE for the running statement's client.
func (s *Session) notice(e *sqlstate.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settings.notify("NOTICE", e)
}
