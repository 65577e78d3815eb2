package parquet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sqlstate"
)

var _ catalog.ViewStore = (*Plugin)(nil)

// CreateView implements catalog.ViewStore: the view is the file
// name.view.drill in the workspace, in Drill's JSON format.
func (p *Plugin) CreateView(ctx context.Context, schema, name string, view catalog.ViewDefinition, replace bool) error {
	wfs, target, err := p.writeTarget(schema, name)
	if err != nil {
		return err
	}
	if err := p.checkFree(ctx, target); err != nil {
		_, tableErr := p.fs.Stat(ctx, target)
		if !replace || tableErr == nil || !errors.Is(err, catalog.ErrTableExists) {
			return err
		}
	}
	data, err := encodeView(view)
	if err != nil {
		return fmt.Errorf("view %s: %w", name, err)
	}
	out, err := wfs.Create(ctx, target+viewSuffix)
	if err != nil {
		return fmt.Errorf("view %s: %w", name, err)
	}
	if _, err := out.Write(data); err != nil {
		return errors.Join(fmt.Errorf("view %s: %w", name, err), out.Abort())
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("view %s: %w", name, err)
	}
	return nil
}

// DropView implements catalog.ViewStore.
func (p *Plugin) DropView(ctx context.Context, schema, name string) error {
	wfs, target, err := p.writeTarget(schema, name)
	if err != nil {
		return err
	}
	if _, err := p.fs.Stat(ctx, target+viewSuffix); err != nil {
		if notFound(err) {
			return &sqlstate.Error{Code: sqlstate.UndefinedTable, Cause: catalog.ErrTableNotFound,
				Message: fmt.Sprintf("Unknown view [%s] in schema [%s.%s]", name, p.name, schema)}
		}
		return catalog.Classify(fmt.Errorf("plugin %q: %s: %w", p.name, target+viewSuffix, err))
	}
	return wfs.RemoveAll(ctx, target+viewSuffix)
}

// lookupView reads the view stored for a table path; nil when there is
// none.
func (p *Plugin) lookupView(ctx context.Context, full string) (catalog.Table, error) {
	info, err := p.fs.Stat(ctx, full+viewSuffix)
	if err != nil {
		if notFound(err) {
			return nil, nil
		}
		return nil, catalog.Classify(fmt.Errorf("plugin %q: %s: %w", p.name, full+viewSuffix, err))
	}
	f, err := p.fs.Open(ctx, info, &scanStats{})
	if err != nil {
		return nil, fmt.Errorf("plugin %q: open %s: %w", p.name, info.Path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.NewSectionReader(f, 0, info.Size))
	if err != nil {
		return nil, fmt.Errorf("plugin %q: read %s: %w", p.name, info.Path, err)
	}
	def, err := decodeView(data)
	if err != nil {
		return nil, fmt.Errorf("plugin %q: view %s: %w", p.name, info.Path, err)
	}
	if def.Name == "" {
		def.Name = path.Base(full)
	}
	return &storedView{def: def, schema: viewSchema(def.Fields)}, nil
}

// storedView is a view read from its name.view.drill file.
type storedView struct {
	def    catalog.ViewDefinition
	schema *arrow.Schema
}

var _ catalog.View = (*storedView)(nil)

// Definition implements catalog.View.
func (v *storedView) Definition() catalog.ViewDefinition { return v.def }

// Schema implements catalog.Table: the columns the view had when stored.
func (v *storedView) Schema() *arrow.Schema { return v.schema }

// SupportsFilters implements catalog.Table: a view takes no filters.
func (v *storedView) SupportsFilters(filters []expr.Expr) []catalog.FilterVerdict {
	return make([]catalog.FilterVerdict, len(filters))
}

// Scan implements catalog.Table: a view is not scanned, the planner binds
// its query instead.
func (v *storedView) Scan(context.Context, catalog.ScanRequest) (catalog.BatchReader, error) {
	return nil, fmt.Errorf("view %s is bound by the planner and cannot be scanned", v.def.Name)
}

// viewFile is Drill's name.view.drill.
type viewFile struct {
	Name                string          `json:"name"`
	SQL                 string          `json:"sql"`
	Fields              []viewFileField `json:"fields"`
	WorkspaceSchemaPath []string        `json:"workspaceSchemaPath"`
}

// viewFileField is one of Drill's view fields: a Calcite type name, with
// precision and scale for DECIMAL.
type viewFileField struct {
	Name       string `json:"name"`
	Type       string `json:"type"`
	Precision  *int32 `json:"precision,omitempty"`
	Scale      *int32 `json:"scale,omitempty"`
	IsNullable bool   `json:"isNullable"`
}

// encodeView writes a view as Drill does (Jackson's pretty printer).
func encodeView(v catalog.ViewDefinition) ([]byte, error) {
	file := viewFile{Name: v.Name, SQL: v.SQL, WorkspaceSchemaPath: v.SchemaPath, Fields: []viewFileField{}}
	if file.WorkspaceSchemaPath == nil {
		file.WorkspaceSchemaPath = []string{}
	}
	for _, f := range v.Fields {
		typ, precision, scale := drillFileType(f.Type)
		file.Fields = append(file.Fields, viewFileField{Name: f.Name, Type: typ, Precision: precision, Scale: scale, IsNullable: f.IsNullable})
	}
	data, err := json.MarshalIndent(file, "", "  ")
	if err != nil {
		return nil, err
	}
	return jacksonStyle(data), nil
}

// jacksonStyle turns `"key": value` into Jackson's `"key" : value`.
func jacksonStyle(data []byte) []byte {
	var out bytes.Buffer
	inString, escaped := false, false
	for _, c := range data {
		switch {
		case escaped:
			escaped = false
		case c == '\\' && inString:
			escaped = true
		case c == '"':
			inString = !inString
		case c == ':' && !inString:
			out.WriteString(" :")
			continue
		}
		out.WriteByte(c)
	}
	return out.Bytes()
}

func decodeView(data []byte) (catalog.ViewDefinition, error) {
	var file viewFile
	if err := json.Unmarshal(data, &file); err != nil {
		return catalog.ViewDefinition{}, err
	}
	def := catalog.ViewDefinition{Name: file.Name, SQL: file.SQL, SchemaPath: file.WorkspaceSchemaPath}
	for _, f := range file.Fields {
		def.Fields = append(def.Fields, catalog.ViewField{Name: f.Name, Type: viewTypeName(f), IsNullable: f.IsNullable})
	}
	return def, nil
}
