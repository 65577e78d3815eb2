package catalog

import "context"

// SourceDescriber is a Plugin whose source has a catalog of its own (a
// PostgreSQL server): it describes a sub-schema's tables with their keys,
// indexes, defaults and comments, which pg_catalog then serves. Plugins
// without one get what their tables' Arrow schemas say.
type SourceDescriber interface {
	// DescribeSchema describes every table of one sub-schema, by name.
	DescribeSchema(ctx context.Context, schema string) (map[string]*TableDescription, error)
}

// TableDescription is what a source's catalog says of one table.
type TableDescription struct {
	Kind        byte   // pg_class.relkind: 'r' table, 'v' view, 'm' materialized view, 'p', 'f'
	Comment     string // the table's comment, "" for none
	ViewDef     string // a view's query, as pg_get_viewdef gives it
	Size        RelationSize
	Columns     []ColumnDescription
	Indexes     []IndexDescription
	Constraints []ConstraintDescription
}

// ColumnDescription is one column as the source's pg_attribute has it.
type ColumnDescription struct {
	Name    string
	Num     int16  // attnum
	TypeOID uint32 // atttypid
	Typmod  int32  // atttypmod, -1 for none
	NotNull bool
	Default string // the default's expression (pg_get_expr), "" for none
	Comment string
}

// IndexDescription is one index of a table.
type IndexDescription struct {
	Name             string
	Columns          []int16 // indkey: the attnums, 0 for an expression
	Unique, Primary  bool
	Method           string // "btree", "hash", ...
	Using            string // pg_get_indexdef from USING on: "btree (id)"
	Predicate        string // a partial index's WHERE, "" for none
	Clustered, Valid bool
	Size             RelationSize
}

// RelationSize is what the source's statistics say of a table's or an
// index's size (pg_class.reltuples, relpages).
type RelationSize struct {
	Tuples float32 // -1: never counted
	Pages  int32
}

// ConstraintDescription is one constraint of a table.
type ConstraintDescription struct {
	Name       string
	Type       byte    // contype: 'p', 'u', 'f', 'c', 'x'
	Columns    []int16 // conkey
	Index      string  // the index that enforces it, "" for none
	Definition string  // pg_get_constraintdef
	Deferrable bool
	Deferred   bool
	RefTable   string  // a foreign key's referenced table, in the same schema unless RefSchema says
	RefSchema  string  // the referenced table's sub-schema
	RefColumns []int16 // confkey
}
