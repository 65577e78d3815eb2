package postgres

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// table is a PostgreSQL table, view, materialized view, foreign or
// partitioned table.
type table struct {
	plugin  *Plugin
	schema  string // the PostgreSQL schema, as spelled there
	name    string
	arrow   *arrow.Schema
	columns []column // parallel to arrow's fields
	key     []string // the primary key's columns, if it has a non-deferrable one
}

// column is what a scan needs to know of a column beyond its Arrow type.
type column struct {
	// asText: the type is not in Auger's type table; the scan fetches its
	// text form.
	asText bool
	// sameOrder: PostgreSQL compares its values as the engine does, so
	// comparisons with it may run remotely.
	sameOrder bool
}

var (
	_ catalog.PooledTable  = (*table)(nil)
	_ catalog.PrimaryKeyer = (*table)(nil)
)

// Pool implements catalog.PooledTable: the plugin's connection pool.
func (t *table) Pool() string { return t.plugin.name }

// Table implements catalog.Plugin: an exact name first, else the only
// case-insensitive match, as Drill users type unquoted names.
func (p *Plugin) Table(ctx context.Context, schema, name string) (catalog.Table, error) {
	exact, err := p.resolveSchema(ctx, schema)
	if err != nil {
		return nil, err
	}
	tables, err := p.strings(ctx, tablesQuery, exact)
	if err != nil {
		return nil, err
	}
	i, matches := catalog.MatchIndex(tables, name)
	switch {
	case matches == 0:
		return nil, &sqlstate.Error{Code: sqlstate.UndefinedTable, Cause: catalog.ErrTableNotFound,
			Message: fmt.Sprintf("table %q does not exist in schema %q", name, p.name+"."+exact)}
	case matches > 1:
		return nil, &sqlstate.Error{Code: sqlstate.AmbiguousTable,
			Message: fmt.Sprintf("table name %q is ambiguous in schema %q: it matches %d tables that differ only in case", name, p.name+"."+exact, matches),
			Hint:    "quote the name with its exact case"}
	}
	return p.describe(ctx, exact, tables[i])
}

// columnsQuery reads a relation's columns in attnum order, a domain
// resolved to its base type and that type's modifier (as PostgreSQL's
// getBaseTypeAndTypmod does), and whether it is in the relation's
// non-deferrable primary key.
const columnsQuery = `SELECT a.attname, base.typid, base.typmod, a.attnotnull, a.attndims,
	EXISTS (SELECT FROM pg_catalog.pg_index i WHERE i.indrelid = c.oid
		AND i.indisprimary AND i.indimmediate AND a.attnum = ANY (i.indkey)) AS in_key
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL (
	WITH RECURSIVE d(typid, typmod, depth) AS (
		SELECT a.atttypid, a.atttypmod, 0
		UNION ALL
		SELECT t.typbasetype, t.typtypmod, d.depth + 1
		FROM d JOIN pg_catalog.pg_type t ON t.oid = d.typid AND t.typtype = 'd'
	)
	SELECT typid, typmod FROM d ORDER BY depth DESC LIMIT 1
) base
WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`

// describe reads a relation's columns and maps their types.
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
		var dims int32
		var inKey bool
		if err := rows.Scan(&col, &oid, &typmod, &notNull, &dims, &inKey); err != nil {
			return nil, p.remoteError(err)
		}
		if inKey {
			t.key = append(t.key, col)
		}
		field, c := columnOf(col, oid, typmod, notNull, int(dims))
		fields = append(fields, field)
		t.columns = append(t.columns, c)
	}
	if err := rows.Err(); err != nil {
		return nil, p.remoteError(err)
	}
	t.arrow = arrow.NewSchema(fields, nil)
	return t, nil
}

// columnOf maps a column's PostgreSQL type through the type table. Types
// the table does not know (enums, ranges, arrays of them, ...) are read as
// text. An array column has the dimensions it is declared with (int[][]
// is two-dimensional), at least one.
func columnOf(name string, oid uint32, typmod int32, notNull bool, dims int) (arrow.Field, column) {
	dt, known := types.FromPostgres(oid, typmod)
	field := arrow.Field{Name: name, Type: dt, Nullable: !notNull}
	if !known {
		return field, column{asText: true}
	}
	if types.IsArray(dt) {
		elem, _ := types.ArrayElement(dt)
		field.Type = types.ArrayOfDepth(elem, max(dims, 1))
		return types.WithPostgresOID(field, oid), column{}
	}
	// bpchar compares ignoring trailing blanks, intervals compare by
	// length ('1 mon' = '30 days') and json has no equality: the engine
	// compares them otherwise.
	switch oid {
	case types.OIDBpchar, types.OIDInterval, types.OIDJSON, types.OIDJSONB:
		return types.WithPostgresOID(field, oid), column{}
	}
	return types.WithPostgresOID(field, oid), column{sameOrder: true}
}

// Schema implements catalog.Table.
func (t *table) Schema() *arrow.Schema { return t.arrow }

// PrimaryKey implements catalog.PrimaryKeyer.
func (t *table) PrimaryKey() []string { return t.key }

// SupportsFilters implements catalog.Table. Filters built from columns,
// literals, comparisons, arithmetic, AND, OR, NOT, IS NULL, IN lists and
// LIKE run remotely and exactly (PostgreSQL computes them as the engine does and
// raises the same errors) — except range comparisons of strings, since
// PostgreSQL's collation order is not the engine's byte order, ILIKE, and
// comparisons of the types PostgreSQL compares differently. A filter with
// one such part is Unsupported as a whole.
func (t *table) SupportsFilters(filters []expr.Expr) []catalog.FilterVerdict {
	out := make([]catalog.FilterVerdict, len(filters))
	for i, f := range filters {
		if sql.RemoteSends(f) && t.sameAnswer(f) {
			out[i] = catalog.Exact
		}
	}
	return out
}

// sameAnswer reports whether PostgreSQL evaluates e as the engine would.
func (t *table) sameAnswer(e expr.Expr) bool {
	switch n := e.(type) {
	case *expr.Column:
		return n.Index >= 0 && n.Index < len(t.columns) && t.columns[n.Index].sameOrder
	case *expr.IsNull:
		if c, ok := n.Arg.(*expr.Column); ok {
			return c.Index >= 0 && c.Index < len(t.columns)
		}
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
	}
	for _, c := range expr.Children(e) {
		if !t.sameAnswer(c) {
			return false
		}
	}
	return true
}

func isString(dt arrow.DataType) bool {
	switch dt.ID() {
	case arrow.STRING, arrow.LARGE_STRING, arrow.STRING_VIEW:
		return true
	}
	return false
}

// Scan implements catalog.Table: one remote SELECT, read as it is pulled.
func (t *table) Scan(ctx context.Context, req catalog.ScanRequest) (catalog.BatchReader, error) {
	fields := make([]arrow.Field, len(req.Columns))
	for i, c := range req.Columns {
		if c < 0 || c >= len(t.columns) {
			return nil, fmt.Errorf("plugin %q: scan of %s.%s asks for column %d of %d", t.plugin.name, t.schema, t.name, c, len(t.columns))
		}
		fields[i] = t.arrow.Field(c)
	}
	query, args, err := t.remoteQuery(req)
	if err != nil {
		return nil, err
	}
	pool, err := t.plugin.connect(ctx)
	if err != nil {
		return nil, err
	}
	return newReader(ctx, t.plugin, pool, arrow.NewSchema(fields, nil), query, args), nil
}

// remoteQuery is the statement a scan sends and its arguments.
func (t *table) remoteQuery(req catalog.ScanRequest) (string, []any, error) {
	q := sql.RemoteQuery{
		Schema: t.schema, Table: t.name, Filters: req.Filters, Limit: req.Limit,
		ColumnName: func(i int) string { return t.arrow.Field(i).Name },
	}
	for _, c := range req.Columns {
		q.Columns = append(q.Columns, t.arrow.Field(c).Name)
		q.AsText = append(q.AsText, t.columns[c].asText)
	}
	text, args, err := sql.RemoteSelect(q)
	if err != nil {
		return "", nil, fmt.Errorf("plugin %q: %s.%s: %w", t.plugin.name, t.schema, t.name, err)
	}
	return text, args, nil
}
