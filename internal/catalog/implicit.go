package catalog

import "github.com/apache/arrow-go/v18/arrow"

// ImplicitColumner is a Table with implicit columns (Drill's filename,
// filepath, fqn, suffix and dir0, dir1, ... of a file table): columns a
// query reaches only by naming them. They are not part of Schema(), so
// `SELECT *`, DESCRIBE and information_schema never show them; a column
// of Schema() with the same name hides one. Implicit column i has index
// Schema().NumFields()+i in ScanRequest.Columns and in filters'
// expr.Column.Index.
type ImplicitColumner interface {
	ImplicitColumns() []arrow.Field
}

// ImplicitColumns are a table's implicit columns; none when it has none.
func ImplicitColumns(t Table) []arrow.Field {
	if ic, ok := t.(ImplicitColumner); ok {
		return ic.ImplicitColumns()
	}
	return nil
}

// TableField is the field a scan column index stands for: one of
// Schema()'s, or past them one of the implicit columns.
func TableField(t Table, index int) arrow.Field {
	schema := t.Schema()
	if index < schema.NumFields() {
		return schema.Field(index)
	}
	return ImplicitColumns(t)[index-schema.NumFields()]
}
