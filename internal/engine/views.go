package engine

import (
	"context"
	"errors"
	"fmt"
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
	target, err := p.resolveTarget(ctx, v.Name)
	if err != nil {
		return nil, err
	}
	store, err := viewStore(target)
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
	def := catalog.ViewDefinition{Name: target.name, SQL: strings.TrimSpace(v.QueryText), Fields: fields}
	if !p.schema.IsZero() {
		def.SchemaPath = []string{p.schema.Plugin, p.schema.Sub}
	}
	return &Statement{Text: v.Text(), Tag: "CREATE VIEW",
		run: func(ctx context.Context, _ []scalar.Scalar) (exec.Operator, error) {
			if err := store.CreateView(ctx, target.schema.Sub, target.name, def, v.Replace); err != nil {
				return nil, viewError(target, err)
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
	targets := make([]writeTarget, len(d.Names))
	stores := make([]catalog.ViewStore, len(d.Names))
	for i, n := range d.Names {
		target, err := p.resolveTarget(ctx, n)
		if err != nil {
			return nil, err
		}
		if stores[i], err = viewStore(target); err != nil {
			return nil, err
		}
		targets[i] = target
	}
	session := p.session
	return &Statement{Text: d.Text(), Tag: "DROP VIEW",
		run: func(ctx context.Context, _ []scalar.Scalar) (exec.Operator, error) {
			for i, t := range targets {
				err := stores[i].DropView(ctx, t.schema.Sub, t.name)
				switch {
				case errors.Is(err, catalog.ErrTableNotFound) && d.IfExists:
					session.notice(sqlstate.New("00000", "view %q does not exist, skipping", t.name))
				case err != nil:
					return nil, viewError(t, err)
				}
			}
			return rowsOperator(arrow.NewSchema(nil, nil), nil)
		}}, nil
}

// viewStore is the target's plugin as a keeper of views.
func viewStore(t writeTarget) (catalog.ViewStore, error) {
	store, ok := t.plugin.(catalog.ViewStore)
	if !ok {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "schema %q cannot keep views: views live in file workspaces", t.schema.String())
	}
	return store, nil
}

// viewError gives a view store's error PostgreSQL's wording.
func viewError(t writeTarget, err error) error {
	if errors.Is(err, catalog.ErrTableNotFound) {
		return &sqlstate.Error{Code: sqlstate.UndefinedTable, Message: fmt.Sprintf("view %q does not exist", t.name), Cause: err}
	}
	return t.writeError(err)
}
