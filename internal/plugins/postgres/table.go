package postgres

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/types"
)

// table is a PostgreSQL table, view or materialized view.
type table struct {
	plugin *Plugin
	schema string // the PostgreSQL schema
	name   string
	arrow  *arrow.Schema
	asText []bool // columns of types Auger reads as their text form
}

var _ catalog.Table = (*table)(nil)

// Table implements catalog.Plugin: an exact name first, else the only
// case-insensitive match.
func (p *Plugin) Table(ctx context.Context, schema, name string) (catalog.Table, error) {
	tables, err := p.Tables(ctx, schema)
	if err != nil {
		return nil, err
	}
	match, ok := catalog.MatchName(tables, name)
	if !ok {
		return nil, fmt.Errorf("%w: %s.%s.%s", catalog.ErrTableNotFound, p.name, schema, name)
	}
	return p.describe(ctx, schema, match)
}

const columnsQuery = `SELECT a.attname,
       CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE a.atttypid END,
       CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END,
       a.attnotnull
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`

// describe reads a table's columns and maps their types.
func (p *Plugin) describe(ctx context.Context, schema, name string) (*table, error) {
	pool, err := p.connect(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := pool.Query(ctx, columnsQuery, schema, name)
	if err != nil {
		return nil, p.remoteError(err)
	}
	defer rows.Close()
	t := &table{plugin: p, schema: schema, name: name}
	var fields []arrow.Field
	for rows.Next() {
		var col string
		var oid uint32
		var typmod int32
		var notNull bool
		if err := rows.Scan(&col, &oid, &typmod, &notNull); err != nil {
			return nil, p.remoteError(err)
		}
		dt, known := types.FromPostgres(oid, typmod)
		field := arrow.Field{Name: col, Type: dt, Nullable: !notNull}
		if known {
			field = types.WithPostgresOID(field, oid)
		}
		fields = append(fields, field)
		t.asText = append(t.asText, !known)
	}
	if err := rows.Err(); err != nil {
		return nil, p.remoteError(err)
	}
	t.arrow = arrow.NewSchema(fields, nil)
	return t, nil
}

// Schema implements catalog.Table.
func (t *table) Schema() *arrow.Schema { return t.arrow }

// SupportsFilters implements catalog.Table: comparisons, arithmetic,
// AND/OR/NOT, IS NULL and IN lists over columns and literals run remotely,
// exactly (PostgreSQL computes as Auger does, and raises the same errors) —
// except range comparisons of strings, because PostgreSQL's collation
// order is not the engine's byte order.
func (t *table) SupportsFilters(filters []expr.Expr) []catalog.FilterVerdict {
	out := make([]catalog.FilterVerdict, len(filters))
	for i, f := range filters {
		if t.pushable(f) {
			out[i] = catalog.Exact
		}
	}
	return out
}

func (t *table) pushable(e expr.Expr) bool {
	switch n := e.(type) {
	case *expr.Column:
		return !t.asText[n.Index]
	case *expr.Literal:
		return true
	case *expr.Compare:
		if n.Op != expr.Eq && n.Op != expr.Ne && (isString(n.Left.Type()) || isString(n.Right.Type())) {
			return false
		}
	case *expr.Like:
		// LIKE matches characters alike under every deterministic
		// collation; ILIKE folds case by the server's locale, so it stays.
		if n.CaseInsensitive {
			return false
		}
	case *expr.And, *expr.Or, *expr.Not, *expr.IsNull, *expr.InList, *expr.Arith:
	default:
		return false
	}
	for _, c := range expr.Children(e) {
		if !t.pushable(c) {
			return false
		}
	}
	return true
}

func isString(dt arrow.DataType) bool {
	return dt.ID() == arrow.STRING || dt.ID() == arrow.LARGE_STRING
}

// Scan implements catalog.Table: one remote SELECT.
func (t *table) Scan(ctx context.Context, req catalog.ScanRequest) (catalog.BatchReader, error) {
	query, args, err := t.remoteQuery(req)
	if err != nil {
		return nil, err
	}
	pool, err := t.plugin.connect(ctx)
	if err != nil {
		return nil, err
	}
	fields := make([]arrow.Field, len(req.Columns))
	for i, c := range req.Columns {
		fields[i] = t.arrow.Field(c)
	}
	return startReader(ctx, t.plugin, pool, arrow.NewSchema(fields, nil), query, args)
}
