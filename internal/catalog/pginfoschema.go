package catalog

import (
	"context"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/types"
)

// PostgreSQL's information_schema views, as its clients query them
// (unquoted, so lower case): schemata, tables, columns and views, with
// PostgreSQL's columns, types and values, over the combined catalog; the
// database is the session's. Drill's upper-case SCHEMATA, TABLES and
// COLUMNS stay beside them, reached by their quoted names
// (information_schema."TABLES", Drill's backticks).

// nameField and textField are columns of PostgreSQL's sql_identifier
// (sent as name) and character_data / yes_or_no (sent as varchar).
func nameField(name string) arrow.Field {
	return types.WithPostgresOID(arrow.Field{Name: name, Type: arrow.BinaryTypes.String, Nullable: true}, types.OIDName)
}

func textField(name string) arrow.Field {
	return types.WithPostgresOID(arrow.Field{Name: name, Type: arrow.BinaryTypes.String, Nullable: true}, types.OIDVarchar)
}

func intField(name string) arrow.Field {
	return arrow.Field{Name: name, Type: arrow.PrimitiveTypes.Int32, Nullable: true}
}

// fieldsOf builds columns from a compact spec: "n:" name, "t:" text, "i:"
// integer.
func fieldsOf(spec string) []arrow.Field {
	var out []arrow.Field
	for _, item := range strings.Fields(spec) {
		kind, name, _ := strings.Cut(item, ":")
		switch kind {
		case "n":
			out = append(out, nameField(name))
		case "t":
			out = append(out, textField(name))
		case "i":
			out = append(out, intField(name))
		}
	}
	return out
}

var (
	pgSchemataSchema = arrow.NewSchema(fieldsOf(`n:catalog_name n:schema_name n:schema_owner
		n:default_character_set_catalog n:default_character_set_schema n:default_character_set_name t:sql_path`), nil)
	pgTablesSchema = arrow.NewSchema(fieldsOf(`n:table_catalog n:table_schema n:table_name t:table_type
		n:self_referencing_column_name t:reference_generation n:user_defined_type_catalog
		n:user_defined_type_schema n:user_defined_type_name t:is_insertable_into t:is_typed t:commit_action`), nil)
	pgColumnsSchema = arrow.NewSchema(fieldsOf(`n:table_catalog n:table_schema n:table_name n:column_name
		i:ordinal_position t:column_default t:is_nullable t:data_type i:character_maximum_length
		i:character_octet_length i:numeric_precision i:numeric_precision_radix i:numeric_scale
		i:datetime_precision t:interval_type i:interval_precision n:character_set_catalog
		n:character_set_schema n:character_set_name n:collation_catalog n:collation_schema n:collation_name
		n:domain_catalog n:domain_schema n:domain_name n:udt_catalog n:udt_schema n:udt_name n:scope_catalog
		n:scope_schema n:scope_name i:maximum_cardinality n:dtd_identifier t:is_self_referencing t:is_identity
		t:identity_generation t:identity_start t:identity_increment t:identity_maximum t:identity_minimum
		t:identity_cycle t:is_generated t:generation_expression t:is_updatable`), nil)
	pgViewsSchema = arrow.NewSchema(fieldsOf(`n:table_catalog n:table_schema n:table_name t:view_definition
		t:check_option t:is_updatable t:is_insertable_into t:is_trigger_updatable t:is_trigger_deletable
		t:is_trigger_insertable_into`), nil)
)

// pgInfoTables are the PostgreSQL-style views by name.
func (i *infoSchema) pgInfoTable(name string) (Table, bool) {
	switch name {
	case "schemata":
		return NewMemTable(pgSchemataSchema, i.pgSchemata), true
	case "tables":
		return NewMemTable(pgTablesSchema, i.pgTables), true
	case "columns":
		return NewMemTable(pgColumnsSchema, i.pgColumns), true
	case "views":
		return NewMemTable(pgViewsSchema, func(context.Context) ([][]any, error) { return nil, nil }), true
	}
	return nil, false
}

// SessionNames are the names of its session that information_schema
// shows: the database (table_catalog) and the user (schema_owner).
type SessionNames struct {
	Database, User string
}

type sessionNamesKey struct{}

// WithSessionNames returns a context whose queries run in a session of
// those names.
func WithSessionNames(ctx context.Context, n SessionNames) context.Context {
	return context.WithValue(ctx, sessionNamesKey{}, n)
}

func sessionNames(ctx context.Context) SessionNames {
	n, _ := ctx.Value(sessionNamesKey{}).(SessionNames)
	return n
}

// pgSchemaRefs are the schemas PostgreSQL's views list: each plugin's
// schemas and information_schema (a plugin alone repeats its default).
func (i *infoSchema) pgSchemaRefs(ctx context.Context) []SchemaRef {
	var out []SchemaRef
	for _, s := range i.cat.Schemas(ctx) {
		if s.Sub != "" || s.Plugin == InformationSchema {
			out = append(out, s)
		}
	}
	return out
}

func (i *infoSchema) pgSchemata(ctx context.Context) ([][]any, error) {
	names := sessionNames(ctx)
	db, owner := names.Database, names.User
	var rows [][]any
	for _, s := range i.pgSchemaRefs(ctx) {
		rows = append(rows, []any{db, s.String(), owner, nil, nil, nil, nil})
	}
	return rows, nil
}

func (i *infoSchema) pgTables(ctx context.Context) ([][]any, error) {
	db := sessionNames(ctx).Database
	var rows [][]any
	i.eachTable(ctx, func(s SchemaRef, name string) {
		kind := "BASE TABLE"
		if s.Plugin == InformationSchema {
			kind = "VIEW"
		}
		rows = append(rows, []any{db, s.String(), name, kind, nil, nil, nil, nil, nil, "NO", "NO", nil})
	})
	return rows, nil
}

func (i *infoSchema) pgColumns(ctx context.Context) ([][]any, error) {
	db := sessionNames(ctx).Database
	var rows [][]any
	i.eachTable(ctx, func(s SchemaRef, name string) {
		t, err := i.cat.Table(ctx, s, name)
		if err != nil {
			return
		}
		for pos, f := range t.Schema().Fields() {
			rows = append(rows, pgColumnRow(db, s.String(), name, pos+1, f))
		}
	})
	return rows, nil
}

// pgColumnRow is one row of information_schema.columns.
func pgColumnRow(db, schema, table string, pos int, f arrow.Field) []any {
	c := describeColumn(f)
	return []any{db, schema, table, f.Name, int32(pos), nil, YesNo(f.Nullable), c.dataType,
		c.charLength, c.octetLength, c.precision, c.radix, c.scale, c.datetimePrecision, nil, nil,
		nil, nil, nil, nil, nil, nil, nil, nil, nil, db, "pg_catalog", c.udtName, nil, nil, nil, nil,
		strconv.Itoa(pos), "NO", "NO", nil, nil, nil, nil, nil, "NO", "NEVER", nil, "NO"}
}

// columnType is what information_schema.columns says of a column's type.
type columnType struct {
	dataType, udtName                                string
	charLength, octetLength, precision, radix, scale any // int32 or nil
	datetimePrecision                                any
}

// describeColumn describes a column's type as PostgreSQL's
// information_schema does.
func describeColumn(f arrow.Field) columnType {
	udt, typmods := types.CatalogName(f.Type)
	oid := types.FieldOID(f)
	if oid == types.OIDVarchar || oid == types.OIDBpchar || oid == types.OIDName {
		udt = map[uint32]string{types.OIDVarchar: "varchar", types.OIDBpchar: "bpchar", types.OIDName: "name"}[oid]
	}
	c := columnType{udtName: udt, dataType: types.PostgresName(f.Type)}
	if cut, _, ok := strings.Cut(c.dataType, "("); ok {
		c.dataType = cut
	}
	switch {
	case types.IsArray(f.Type):
		c.dataType = "ARRAY"
	case oid == types.OIDVarchar || oid == types.OIDBpchar:
		c.dataType = map[uint32]string{types.OIDVarchar: "character varying", types.OIDBpchar: "character"}[oid]
		if typmod := types.FieldTypmod(f); typmod > 4 {
			c.charLength, c.octetLength = int32(typmod-4), int32(4*(typmod-4))
		} else {
			c.octetLength = int32(1073741824)
		}
	case udt == "text":
		c.octetLength = int32(1073741824)
	}
	switch udt {
	case "int2", "int4", "int8":
		c.precision, c.radix, c.scale = int32(map[string]int{"int2": 16, "int4": 32, "int8": 64}[udt]), int32(2), int32(0)
	case "float4", "float8":
		c.precision, c.radix = int32(map[string]int{"float4": 24, "float8": 53}[udt]), int32(2)
	case "numeric":
		c.radix = int32(10)
		if len(typmods) == 2 {
			c.precision, c.scale = typmods[0], typmods[1]
		}
	case "date":
		c.datetimePrecision = int32(0)
	case "time", "timestamp", "timestamptz", "interval":
		c.datetimePrecision = int32(6)
	}
	return c
}
