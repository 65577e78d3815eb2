package catalog

import (
	"context"
	"fmt"
	"sort"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// infoSchema serves information_schema as PostgreSQL 15 has it, over the
// combined catalog: its views are computed from the same snapshot
// pg_catalog serves, so both say the same of every schema, table, column
// and constraint. Drill's own tables stay beside (infoschema_drill.go).
type infoSchema struct {
	cat *Catalog
}

// infoRow is one row of an information_schema view by column name;
// columns it does not name are NULL.
type infoRow map[string]any

// infoView is what one scan of an information_schema view reads.
type infoView struct {
	ctx   context.Context
	snap  *pgSnapshot
	names SessionNames
	// wanted are the names of relations the scan's filters admit, by
	// column (table_schema, table_name); a column not there admits all.
	wanted map[string][]string
}

// infoRows produces a view's rows.
type infoRows func(v *infoView) []infoRow

// infoSchemaRows is what produces a view's rows, nil for the views that
// are empty: Auger has no routines of its own, and no role is granted to
// another.
func infoSchemaRows(view string) infoRows {
	switch view {
	case "schemata":
		return schemataRows
	case "tables":
		return infoTablesRows
	case "columns":
		return infoColumnsRows
	case "views":
		return infoViewsRows
	case "table_constraints":
		return tableConstraintsRows
	case "key_column_usage":
		return keyColumnUsageRows
	case "constraint_column_usage":
		return constraintColumnUsageRows
	case "referential_constraints":
		return referentialConstraintsRows
	case "check_constraints":
		return checkConstraintsRows
	case "character_sets":
		return characterSetsRows
	case "enabled_roles":
		return enabledRolesRows
	case "table_privileges":
		return tablePrivilegesRows
	case "column_privileges":
		return columnPrivilegesRows
	}
	return nil
}

// infoSchemaSchemas are the views' Arrow schemas, built from
// infoSchemaColumns.
var infoSchemaSchemas = schemasOf(infoSchemaColumns, infoField)

// infoField is a column of one of information_schema's domains, typed as
// PostgreSQL's RowDescription reports it: by the domain's base type and
// modifier (yes_or_no is varchar(3)).
func infoField(name, domain string) arrow.Field {
	f := arrow.Field{Name: name, Nullable: true}
	switch domain {
	case "sql_identifier":
		f.Type = arrow.BinaryTypes.String
		return types.WithPostgresOID(f, types.OIDName)
	case "character_data":
		f.Type = arrow.BinaryTypes.String
		return types.WithPostgresOID(f, types.OIDVarchar)
	case "yes_or_no":
		f.Type = arrow.BinaryTypes.String
		return types.WithCharType(f, types.CharType{OID: types.OIDVarchar, Length: 3})
	case "cardinal_number":
		f.Type = arrow.PrimitiveTypes.Int32
	case "time_stamp":
		f.Type = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	default:
		panic("information_schema column domain " + domain)
	}
	return f
}

// infoSchemaNames are the views' names, sorted.
var infoSchemaNames = func() []string {
	names := make([]string, 0, len(infoSchemaSchemas))
	for n := range infoSchemaSchemas {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}()

// tableNames lists the views, and Drill's tables before them.
func (i *infoSchema) tableNames() []string {
	return append(append([]string{}, drillTableNames...), infoSchemaNames...)
}

// table finds a view by its name as PostgreSQL's clients write it (lower
// case), else one of Drill's tables by theirs in another case, else a
// view by its name in any case.
func (i *infoSchema) table(name string) (Table, error) {
	if _, ok := infoSchemaSchemas[name]; ok {
		return i.view(name), nil
	}
	if t, ok := i.drillTable(name); ok {
		return t, nil
	}
	if match, ok := MatchName(infoSchemaNames, name); ok {
		return i.view(match), nil
	}
	return nil, &sqlstate.Error{Code: sqlstate.UndefinedTable, Cause: ErrTableNotFound,
		Message: fmt.Sprintf("relation \"%s.%s\" does not exist", InformationSchema, name)}
}

// view is one view, computed from a snapshot of the catalog when scanned.
func (i *infoSchema) view(name string) Table {
	return &infoTable{cat: i.cat, schema: infoSchemaSchemas[name], produce: infoSchemaRows(name),
		prunable: prunableViews[name]}
}

// infoRowValues lays rows out in the schema's column order.
func infoRowValues(schema *arrow.Schema, rows []infoRow) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		values := make([]any, schema.NumFields())
		for j, f := range schema.Fields() {
			values[j] = r[f.Name]
		}
		out[i] = values
	}
	return out
}

// YesNo renders a boolean as information_schema does.
func YesNo(b bool) string {
	if b {
		return "YES"
	}
	return "NO"
}
