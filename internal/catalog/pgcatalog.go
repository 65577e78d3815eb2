package catalog

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// pgRow is one row of a pg_catalog table by column name; columns it does
// not name are false, zero or NULL (see pgDefault).
type pgRow map[string]any

// pgRows produces a pg_catalog table's rows from a snapshot.
type pgRows func(ctx context.Context, s *pgSnapshot) []pgRow

// pgCatalogRelationOIDs are the OIDs PostgreSQL gives its catalog tables.
var pgCatalogRelationOIDs = map[string]uint32{
	"pg_am": 2601, "pg_attrdef": 2604, "pg_attribute": 1249, "pg_auth_members": 1261, "pg_cast": 2605,
	"pg_class": 1259, "pg_collation": 3456, "pg_constraint": 2606, "pg_database": 1262, "pg_depend": 2608,
	"pg_description": 2609, "pg_enum": 3501, "pg_event_trigger": 3466, "pg_extension": 3079,
	"pg_foreign_data_wrapper": 2328, "pg_foreign_server": 1417, "pg_foreign_table": 3118, "pg_index": 2610,
	"pg_inherits": 2611, "pg_language": 2612, "pg_namespace": 2615, "pg_opclass": 2616, "pg_operator": 2617,
	"pg_partitioned_table": 3350, "pg_policy": 3256, "pg_proc": 1255, "pg_publication": 6104,
	"pg_publication_namespace": 6237, "pg_publication_rel": 6106, "pg_range": 3541, "pg_rewrite": 2618,
	"pg_sequence": 2224, "pg_shdescription": 2396, "pg_statistic_ext": 3381, "pg_tablespace": 1213,
	"pg_trigger": 2620, "pg_type": 1247,
}

// pgCatalogSchemas are the Arrow schemas of the pg_catalog tables, built
// from pgCatalogColumns.
var pgCatalogSchemas = schemasOf(pgCatalogColumns, pgField)

// schemasOf builds Arrow schemas from column specs ("name type, name
// type, ..." by table), each column made by field from its name and type.
func schemasOf(specs map[string]string, field func(name, typ string) arrow.Field) map[string]*arrow.Schema {
	out := map[string]*arrow.Schema{}
	for name, spec := range specs {
		var fields []arrow.Field
		for _, col := range strings.Split(spec, ", ") {
			colName, typ, _ := strings.Cut(col, " ")
			fields = append(fields, field(colName, typ))
		}
		out[name] = arrow.NewSchema(fields, nil)
	}
	return out
}

// pgField is a column of a catalog type: the Arrow type that holds it,
// marked with the PostgreSQL type when the Arrow type alone would report
// another.
func pgField(name, typ string) arrow.Field {
	dt, oid := pgColumnType(typ)
	return types.WithPostgresOID(arrow.Field{Name: name, Type: dt, Nullable: true}, oid)
}

// pgColumnType maps the types of the catalog's columns to Arrow types and
// their OIDs.
func pgColumnType(typ string) (arrow.DataType, uint32) {
	switch typ {
	case "oid":
		return arrow.PrimitiveTypes.Uint32, types.OIDOid
	case "xid":
		return arrow.PrimitiveTypes.Uint32, 28
	case "int2vector":
		return types.ArrayOf(arrow.PrimitiveTypes.Int16), 22
	case "oidvector":
		return types.ArrayOf(arrow.PrimitiveTypes.Uint32), 30
	case "aclitem[]":
		return types.ArrayOf(arrow.BinaryTypes.String), 1034
	case `"char"[]`:
		return types.ArrayOf(arrow.BinaryTypes.String), 1002
	case "regproc":
		return types.Regproc, types.OIDRegproc
	}
	text := map[string]uint32{"name": types.OIDName, `"char"`: 18, "pg_node_tree": 194, "anyarray": 2277,
		"text": types.OIDText}
	if oid, ok := text[typ]; ok {
		return arrow.BinaryTypes.String, oid
	}
	dt, ok := types.FromPostgresName(typ, nil)
	if !ok {
		panic("pg_catalog column type " + typ)
	}
	return dt, types.WireOID(dt)
}

// pgCatalogTableNames lists pg_catalog's tables and views, sorted.
func pgCatalogTableNames() []string {
	names := make([]string, 0, len(pgCatalogSchemas))
	for n := range pgCatalogSchemas {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// pgCatalogRelkind is 'v' for pg_catalog's views, 'r' for its tables.
func pgCatalogRelkind(name string) byte {
	if _, ok := pgCatalogRelationOIDs[name]; ok {
		return 'r'
	}
	return 'v'
}

// pgTable is one pg_catalog table, computed from a snapshot when scanned.
func (c *Catalog) pgTable(name string) (Table, error) {
	schema, ok := pgCatalogSchemas[strings.ToLower(name)]
	if !ok {
		return nil, &sqlstate.Error{Code: sqlstate.UndefinedTable, Cause: ErrTableNotFound,
			Message: fmt.Sprintf("relation \"pg_catalog.%s\" does not exist", name)}
	}
	if strings.ToLower(name) == "pg_attribute" {
		return &pgKeyedTable{schema: schema, key: 0, rows: func(ctx context.Context, rels []uint32) [][]any {
			return pgRowValues(schema, attributeRowsFor(ctx, c.pgSnapshot(ctx), rels))
		}}, nil
	}
	produce := pgCatalogRows(strings.ToLower(name))
	return NewMemTable(schema, func(ctx context.Context) ([][]any, error) {
		if produce == nil {
			return nil, nil
		}
		return pgRowValues(schema, produce(ctx, c.pgSnapshot(ctx))), nil
	}), nil
}

// isPgCatalogTable tells whether an unqualified name is a pg_catalog
// table, which PostgreSQL finds before any schema of the search path.
func isPgCatalogTable(name string) bool {
	_, ok := pgCatalogSchemas[name]
	return ok
}

// pgRowValues lays rows out in the schema's column order.
func pgRowValues(schema *arrow.Schema, rows []pgRow) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		values := make([]any, schema.NumFields())
		for j, f := range schema.Fields() {
			if v, ok := r[f.Name]; ok {
				values[j] = v
			} else {
				values[j] = pgDefault(f.Type)
			}
		}
		out[i] = values
	}
	return out
}

// pgDefault is the value of a column a row does not name: false for
// booleans, zero for numbers, NULL otherwise.
func pgDefault(dt arrow.DataType) any {
	switch dt.ID() {
	case arrow.BOOL:
		return false
	case arrow.INT16:
		return int16(0)
	case arrow.INT32:
		return int32(0)
	case arrow.INT64:
		return int64(0)
	case arrow.UINT32:
		return uint32(0)
	case arrow.FLOAT32:
		return float32(0)
	}
	return nil
}
