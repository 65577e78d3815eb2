package engine

import (
	"context"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// showFilesSchema is SHOW FILES's columns, named and typed as Drill's.
var showFilesSchema = arrow.NewSchema([]arrow.Field{
	stringField("name"),
	{Name: "isDirectory", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	{Name: "isFile", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	{Name: "length", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	stringField("owner"), stringField("group"), stringField("permissions"),
	{Name: "accessTime", Type: &arrow.TimestampType{Unit: arrow.Millisecond}, Nullable: true},
	{Name: "modificationTime", Type: &arrow.TimestampType{Unit: arrow.Millisecond}, Nullable: true},
}, nil)

// planShowFiles plans SHOW FILES [IN|FROM schema[.path]]: the entries of
// a workspace's folder, or of a folder below it named by the last part.
func (p *planning) planShowFiles(ctx context.Context, s *sql.ShowFiles) (*Statement, error) {
	ref, dir, err := p.filesFolder(ctx, s)
	if err != nil {
		return nil, err
	}
	plugin, _ := p.cat().Plugin(ref.Plugin)
	lister, ok := plugin.(catalog.FileLister)
	if !ok {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "schema %q holds no files: SHOW FILES lists file workspaces", ref.String())
	}
	return computed(s.Text(), showFilesSchema, func(ctx context.Context) ([][]any, error) {
		entries, err := lister.ListFiles(ctx, ref.Sub, dir)
		if err != nil {
			return nil, catalog.Classify(err)
		}
		rows := make([][]any, len(entries))
		for i, e := range entries {
			rows[i] = []any{e.Name, e.IsDirectory, !e.IsDirectory, e.Length, e.Owner, e.Group, e.Permissions,
				e.AccessTime.UTC(), e.ModificationTime.UTC()}
		}
		return rows, nil
	}), nil
}

// filesFolder resolves SHOW FILES's name: the longest leading part that is
// a schema, and the rest as a folder path inside it.
func (p *planning) filesFolder(ctx context.Context, s *sql.ShowFiles) (catalog.SchemaRef, string, error) {
	if s.Schema == nil {
		if p.schema.IsZero() {
			return catalog.SchemaRef{}, "", sqlstate.New(sqlstate.InvalidSchemaName, "no default schema selected").
				WithHint("select a schema with USE schema, or name one: SHOW FILES IN schema")
		}
		return p.schema, "", nil
	}
	parts := namesOf(*s.Schema)
	var firstErr error
	for n := len(parts); n >= 1; n-- {
		ref, err := p.cat().ResolveSchema(ctx, parts[:n], p.schema)
		if err == nil {
			return ref, strings.Join(parts[n:], "/"), nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return catalog.SchemaRef{}, "", firstErr
}
