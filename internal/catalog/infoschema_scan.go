package catalog

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
)

// infoTable is one information_schema view. Filters naming a relation
// (table_schema = 'dfs.data', table_name IN (...)) prune the relations it
// lists, so that a client asking for one table's columns does not have
// every table of every schema opened for its schema. The engine re-applies
// them (Inexact).
type infoTable struct {
	cat     *Catalog
	schema  *arrow.Schema
	produce infoRows
	// prunable tells whether every row names the relation it comes from in
	// table_schema and table_name, so that filters on them can prune.
	prunable bool
}

var _ Table = (*infoTable)(nil)

// prunableViews are the views whose rows are per relation.
var prunableViews = map[string]bool{"tables": true, "columns": true, "views": true,
	"table_privileges": true, "column_privileges": true}

// Schema implements Table.
func (t *infoTable) Schema() *arrow.Schema { return t.schema }

// SupportsFilters implements Table.
func (t *infoTable) SupportsFilters(filters []expr.Expr) []FilterVerdict {
	out := make([]FilterVerdict, len(filters))
	for i, f := range filters {
		if _, _, ok := t.relationFilter(f); ok {
			out[i] = Inexact
		}
	}
	return out
}

// Scan implements Table.
func (t *infoTable) Scan(ctx context.Context, req ScanRequest) (BatchReader, error) {
	wanted := map[string][]string{}
	for _, f := range req.Filters {
		if column, values, ok := t.relationFilter(f); ok {
			if had, filtered := wanted[column]; filtered {
				values = commonNames(had, values)
			}
			wanted[column] = values
		}
	}
	rows := func(ctx context.Context) ([][]any, error) {
		v := &infoView{ctx: ctx, snap: t.cat.pgSnapshot(ctx), names: sessionNames(ctx), wanted: wanted}
		if t.produce == nil {
			return nil, nil
		}
		return infoRowValues(t.schema, t.produce(v)), nil
	}
	return NewMemTable(t.schema, rows).Scan(ctx, req)
}

// relationFilter reads a filter `table_schema = 'x'` or `table_name IN
// ('a', 'b')`: the column and the names it admits.
func (t *infoTable) relationFilter(f expr.Expr) (column string, values []string, ok bool) {
	if !t.prunable {
		return "", nil, false
	}
	switch e := f.(type) {
	case *expr.Compare:
		if e.Op != expr.Eq {
			return "", nil, false
		}
		left, right := e.Left, e.Right
		if _, isColumn := t.relationColumn(left); !isColumn {
			left, right = right, left
		}
		column, ok = t.relationColumn(left)
		if value, isText := textLiteral(right); ok && isText {
			return column, []string{value}, true
		}
	case *expr.InList:
		if column, ok = t.relationColumn(e.Arg); !ok || e.Negated {
			return "", nil, false
		}
		for _, item := range e.List {
			value, isText := textLiteral(item)
			if !isText {
				return "", nil, false
			}
			values = append(values, value)
		}
		return column, values, true
	}
	return "", nil, false
}

// relationColumn tells whether e is the table_schema or table_name column.
func (t *infoTable) relationColumn(e expr.Expr) (string, bool) {
	c, ok := e.(*expr.Column)
	if !ok || c.Index >= t.schema.NumFields() {
		return "", false
	}
	name := t.schema.Field(c.Index).Name
	return name, name == "table_schema" || name == "table_name"
}

// textLiteral is the value of a non-NULL text constant.
func textLiteral(e expr.Expr) (string, bool) {
	l, ok := e.(*expr.Literal)
	if !ok || !l.Value.IsValid() {
		return "", false
	}
	s, ok := l.Value.(*scalar.String)
	if !ok {
		return "", false
	}
	return string(s.Data()), true
}

// commonNames is the names two filters of one column both admit.
func commonNames(had, values []string) []string {
	var out []string
	for _, h := range had {
		for _, v := range values {
			if h == v {
				out = append(out, h)
				break
			}
		}
	}
	return out
}

// wants tells whether the scan's filters admit a relation.
func (v *infoView) wants(r *pgRelation) bool {
	for column, values := range v.wanted {
		name := r.name
		if column == "table_schema" {
			name = r.ns.name
		}
		if !contains(values, name) {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}
