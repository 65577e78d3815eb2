package catalog

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
)

// pgKeyedTable is a pg_catalog table whose rows belong to relations
// (pg_attribute's attrelid): a query that names its relations
// (`attrelid = '16387'`, psql's \d) gets only their rows, so that the
// columns of every other table (Parquet footers on S3) are not read. The
// engine applies the filter again.
type pgKeyedTable struct {
	schema *arrow.Schema
	key    int // the column holding the relation's OID
	rows   func(ctx context.Context, rels []uint32) [][]any
}

var _ Table = (*pgKeyedTable)(nil)

// Schema implements Table.
func (t *pgKeyedTable) Schema() *arrow.Schema { return t.schema }

// SupportsFilters implements Table: equality and IN lists of constant
// OIDs on the key column are Inexact, the rest Unsupported.
func (t *pgKeyedTable) SupportsFilters(filters []expr.Expr) []FilterVerdict {
	out := make([]FilterVerdict, len(filters))
	for i, f := range filters {
		if _, ok := t.keysOf(f); ok {
			out[i] = Inexact
		}
	}
	return out
}

// keysOf reads the OIDs a filter allows for the key column.
func (t *pgKeyedTable) keysOf(f expr.Expr) ([]uint32, bool) {
	switch e := f.(type) {
	case *expr.Compare:
		if e.Op != expr.Eq {
			return nil, false
		}
		if k, ok := t.keyLiteral(e.Left, e.Right); ok {
			return []uint32{k}, true
		}
		if k, ok := t.keyLiteral(e.Right, e.Left); ok {
			return []uint32{k}, true
		}
	case *expr.InList:
		if e.Negated || !t.isKey(e.Arg) {
			return nil, false
		}
		var keys []uint32
		for _, item := range e.List {
			k, ok := oidLiteral(item)
			if !ok {
				return nil, false
			}
			keys = append(keys, k)
		}
		return keys, true
	}
	return nil, false
}

func (t *pgKeyedTable) keyLiteral(col, lit expr.Expr) (uint32, bool) {
	if !t.isKey(col) {
		return 0, false
	}
	return oidLiteral(lit)
}

func (t *pgKeyedTable) isKey(e expr.Expr) bool {
	c, ok := e.(*expr.Column)
	return ok && c.Index == t.key
}

func oidLiteral(e expr.Expr) (uint32, bool) {
	l, ok := e.(*expr.Literal)
	if !ok || !l.Value.IsValid() {
		return 0, false
	}
	v, ok := l.Value.(*scalar.Uint32)
	if !ok {
		return 0, false
	}
	return v.Value, true
}

// Scan implements Table: the rows of the relations the filters name,
// every row when they name none.
func (t *pgKeyedTable) Scan(ctx context.Context, req ScanRequest) (BatchReader, error) {
	var rels []uint32
	named := false
	for _, f := range req.Filters {
		if keys, ok := t.keysOf(f); ok {
			rels, named = intersect(rels, keys, named), true
		}
	}
	if named && rels == nil {
		rels = []uint32{}
	}
	rows := t.rows(ctx, rels)
	return NewMemTable(t.schema, func(context.Context) ([][]any, error) { return rows, nil }).Scan(ctx, req)
}

// intersect is the OIDs both filters allow (keys alone for the first).
func intersect(have, keys []uint32, any bool) []uint32 {
	if !any {
		return keys
	}
	var out []uint32
	for _, h := range have {
		for _, k := range keys {
			if h == k {
				out = append(out, h)
				break
			}
		}
	}
	return out
}
