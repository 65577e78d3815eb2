package catalog

import (
	"context"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/types"
)

// Drill's own information_schema tables, SCHEMATA, TABLES and COLUMNS,
// with its upper-case columns and its values, stay beside PostgreSQL's
// views: a Drill user reaches them by their upper-case names
// (information_schema.`TABLES`).

func stringFields(names ...string) []arrow.Field {
	out := make([]arrow.Field, len(names))
	for i, n := range names {
		out[i] = arrow.Field{Name: n, Type: arrow.BinaryTypes.String, Nullable: true}
	}
	return out
}

var (
	schemataSchema = arrow.NewSchema(stringFields("CATALOG_NAME", "SCHEMA_NAME", "SCHEMA_OWNER", "TYPE", "IS_MUTABLE"), nil)
	tablesSchema   = arrow.NewSchema(stringFields("TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "TABLE_TYPE"), nil)
	columnsSchema  = arrow.NewSchema(append(stringFields("TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME"),
		arrow.Field{Name: "ORDINAL_POSITION", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		arrow.Field{Name: "IS_NULLABLE", Type: arrow.BinaryTypes.String, Nullable: true},
		arrow.Field{Name: "DATA_TYPE", Type: arrow.BinaryTypes.String, Nullable: true}), nil)
)

// catalogName is the single catalog Drill reports.
const catalogName = "DRILL"

// drillTableNames are Drill's tables.
var drillTableNames = []string{"COLUMNS", "SCHEMATA", "TABLES"}

// drillTable is one of Drill's tables, named in any case but PostgreSQL's
// lower-case one.
func (i *infoSchema) drillTable(name string) (Table, bool) {
	switch strings.ToUpper(name) {
	case "SCHEMATA":
		return NewMemTable(schemataSchema, i.schemata), true
	case "TABLES":
		return NewMemTable(tablesSchema, i.tables), true
	case "COLUMNS":
		return NewMemTable(columnsSchema, i.columns), true
	}
	return nil, false
}

func (i *infoSchema) schemata(ctx context.Context) ([][]any, error) {
	var rows [][]any
	for _, s := range i.cat.Schemas(ctx) {
		rows = append(rows, []any{catalogName, s.String(), "<owner>", schemaType(s), "NO"})
	}
	return rows, nil
}

func schemaType(s SchemaRef) string {
	if s.Plugin == InformationSchema {
		return "ischema"
	}
	return "plugin"
}

// eachTable calls fn for every table of every schema that can be listed.
// Schemas reached through a plugin alone are skipped (they repeat the
// plugin's default schema).
func (i *infoSchema) eachTable(ctx context.Context, fn func(s SchemaRef, name string, kind byte)) {
	for _, s := range i.cat.Schemas(ctx) {
		if s.Sub == "" && s.Plugin != InformationSchema {
			continue
		}
		names, err := i.cat.Tables(ctx, s)
		if err != nil {
			continue
		}
		views := i.cat.viewNames(ctx, s)
		for _, n := range names {
			fn(s, n, relationKind(views, n))
		}
	}
}

func (i *infoSchema) tables(ctx context.Context) ([][]any, error) {
	var rows [][]any
	i.eachTable(ctx, func(s SchemaRef, name string, relkind byte) {
		kind := "TABLE"
		switch {
		case s.Plugin == InformationSchema:
			kind = "SYSTEM_TABLE"
		case relkind == 'v':
			kind = "VIEW"
		}
		rows = append(rows, []any{catalogName, s.String(), name, kind})
	})
	return rows, nil
}

func (i *infoSchema) columns(ctx context.Context) ([][]any, error) {
	var rows [][]any
	i.eachTable(ctx, func(s SchemaRef, name string, _ byte) {
		t, err := i.cat.Table(ctx, s, name)
		if err != nil {
			return
		}
		for pos, f := range t.Schema().Fields() {
			rows = append(rows, []any{catalogName, s.String(), name, f.Name, int32(pos + 1),
				YesNo(f.Nullable), types.DrillName(f.Type)})
		}
	})
	return rows, nil
}
