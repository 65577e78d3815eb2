package exec

// SystemCatalog answers the functions of pg_catalog that look objects up
// by OID or by name (regclass, pg_get_indexdef, obj_description,
// pg_table_is_visible): the combined catalog as its pg_catalog tables show
// it, seen from the session's default schema.
type SystemCatalog interface {
	// RelationName is a relation's name as regclass shows it: qualified
	// when it is not visible. ok is false for an OID no relation has.
	RelationName(oid uint32) (name string, ok bool)
	// RelationOID reads a relation's name as regclass's input does; the
	// error is PostgreSQL's 42P01 when there is none.
	RelationOID(name string) (uint32, error)
	// NamespaceName and NamespaceOID do the same for schemas.
	NamespaceName(oid uint32) (name string, ok bool)
	NamespaceOID(name string) (uint32, error)
	// RelationVisible tells whether an unqualified name finds the relation.
	RelationVisible(oid uint32) bool
	// IndexDefinition, ConstraintDefinition and ViewDefinition are what
	// pg_get_indexdef, pg_get_constraintdef and pg_get_viewdef give.
	IndexDefinition(oid uint32) (def string, ok bool)
	ConstraintDefinition(oid uint32) (def string, ok bool)
	ViewDefinition(oid uint32) (def string, ok bool)
	// Description is an object's comment (pg_description).
	Description(objoid, classoid uint32, objsubid int32) (comment string, ok bool)
	// ColumnName names a relation's column by attnum.
	ColumnName(relid uint32, attnum int16) (name string, ok bool)
}

// catalog is the kernel's session's system catalog, nil when it has none.
func (k *KernelContext) catalog() SystemCatalog { return k.Session.Catalog }
