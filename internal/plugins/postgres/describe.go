package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"auger/internal/catalog"
	"auger/internal/types"
)

var _ catalog.SourceDescriber = (*Plugin)(nil)

// describeQuery reads, in one statement, what the server's catalog says
// of every table of a schema: its columns with their defaults and
// comments, its indexes and its constraints, each as a JSON array.
const describeQuery = `SELECT c.relname, c.relkind::text, coalesce(obj_description(c.oid, 'pg_class'), ''),
	c.reltuples, c.relpages,
	CASE WHEN c.relkind IN ('v', 'm') THEN coalesce(pg_get_viewdef(c.oid, true), '') ELSE '' END,
	CASE WHEN c.relkind IN ('v', 'm') THEN coalesce(pg_get_viewdef(c.oid), '') ELSE '' END,
	pg_relation_is_updatable(c.oid, false),
	(SELECT coalesce(json_agg(json_build_object('name', a.attname, 'num', a.attnum, 'type', a.atttypid::int8,
			'typmod', a.atttypmod, 'notnull', a.attnotnull,
			'default', coalesce(pg_get_expr(d.adbin, d.adrelid, true), ''),
			'plaindefault', coalesce(pg_get_expr(d.adbin, d.adrelid), ''),
			'identity', a.attidentity::text, 'generated', a.attgenerated::text,
			'sequence', (SELECT json_build_object('start', s.seqstart::text, 'increment', s.seqincrement::text,
					'max', s.seqmax::text, 'min', s.seqmin::text, 'cycle', s.seqcycle)
				FROM pg_catalog.pg_sequence s
				WHERE a.attidentity <> '' AND s.seqrelid = pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname)::regclass),
			'comment', coalesce(col_description(c.oid, a.attnum), ''),
			'updatable', pg_column_is_updatable(c.oid, a.attnum, false)) ORDER BY a.attnum), '[]')
		FROM pg_catalog.pg_attribute a
		LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
	(SELECT coalesce(json_agg(json_build_object('name', ic.relname, 'columns', i.indkey::int2[],
			'unique', i.indisunique, 'primary', i.indisprimary, 'method', am.amname,
			'def', pg_get_indexdef(i.indexrelid), 'predicate', coalesce(pg_get_expr(i.indpred, i.indrelid, true), ''),
			'clustered', i.indisclustered, 'valid', i.indisvalid, 'tuples', ic.reltuples,
			'pages', ic.relpages) ORDER BY ic.relname), '[]')
		FROM pg_catalog.pg_index i
		JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
		JOIN pg_catalog.pg_am am ON am.oid = ic.relam
		WHERE i.indrelid = c.oid),
	(SELECT coalesce(json_agg(json_build_object('name', k.conname, 'type', k.contype::text, 'columns', k.conkey,
			'index', coalesce(ki.relname, ''), 'def', pg_get_constraintdef(k.oid, true), 'plaindef', pg_get_constraintdef(k.oid),
			'deferrable', k.condeferrable, 'deferred', k.condeferred, 'reftable', coalesce(fc.relname, ''),
			'refschema', coalesce(fn.nspname, ''), 'refcolumns', k.confkey) ORDER BY k.conname), '[]')
		FROM pg_catalog.pg_constraint k
		LEFT JOIN pg_catalog.pg_class ki ON ki.oid = k.conindid
		LEFT JOIN pg_catalog.pg_class fc ON fc.oid = k.confrelid
		LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
		WHERE k.conrelid = c.oid)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'm', 'f', 'p')`

type describedColumn struct {
	Name      string `json:"name"`
	Num       int16  `json:"num"`
	Type      uint32 `json:"type"`
	Typmod    int32  `json:"typmod"`
	NotNull   bool   `json:"notnull"`
	Default   string `json:"default"`
	Comment   string `json:"comment"`
	Updatable bool   `json:"updatable"`
	// PlainDefault, Identity, Generated and Sequence are what
	// information_schema.columns shows besides.
	PlainDefault string                       `json:"plaindefault"`
	Identity     string                       `json:"identity"`
	Generated    string                       `json:"generated"`
	Sequence     *catalog.SequenceDescription `json:"sequence"`
}

type describedIndex struct {
	Name      string  `json:"name"`
	Columns   []int16 `json:"columns"`
	Unique    bool    `json:"unique"`
	Primary   bool    `json:"primary"`
	Method    string  `json:"method"`
	Def       string  `json:"def"`
	Predicate string  `json:"predicate"`
	Clustered bool    `json:"clustered"`
	Valid     bool    `json:"valid"`
	Tuples    float32 `json:"tuples"`
	Pages     int32   `json:"pages"`
}

type describedConstraint struct {
	Name       string  `json:"name"`
	Type       string  `json:"type"`
	Columns    []int16 `json:"columns"`
	Index      string  `json:"index"`
	Def        string  `json:"def"`
	PlainDef   string  `json:"plaindef"`
	Deferrable bool    `json:"deferrable"`
	Deferred   bool    `json:"deferred"`
	RefTable   string  `json:"reftable"`
	RefSchema  string  `json:"refschema"`
	RefColumns []int16 `json:"refcolumns"`
}

// DescribeSchema implements catalog.SourceDescriber with one query to the
// server's catalog. Columns of types Auger reads as text are described as
// text, as the engine reports them.
func (p *Plugin) DescribeSchema(ctx context.Context, schema string) (map[string]*catalog.TableDescription, error) {
	exact, err := p.resolveSchema(ctx, schema)
	if err != nil {
		return nil, err
	}
	pool, err := p.connect(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := pool.Query(ctx, describeQuery, exact)
	if err != nil {
		return nil, p.remoteError(err)
	}
	defer rows.Close()
	out := map[string]*catalog.TableDescription{}
	for rows.Next() {
		var name, kind, comment string
		var view viewText
		var size catalog.RelationSize
		var cols, indexes, cons []byte
		var events int32
		if err := rows.Scan(&name, &kind, &comment, &size.Tuples, &size.Pages, &view.pretty, &view.plain, &events, &cols, &indexes, &cons); err != nil {
			return nil, p.remoteError(err)
		}
		d, err := tableDescription(kind, comment, view, cols, indexes, cons)
		if err != nil {
			return nil, fmt.Errorf("plugin %q: describing %s.%s: %w", p.name, exact, name, err)
		}
		d.UpdateEvents = events
		d.Size = size
		out[name] = d
	}
	return out, p.remoteError(rows.Err())
}

// viewText is a view's query as pg_get_viewdef gives it, pretty-printed
// and plain.
type viewText struct{ pretty, plain string }

func tableDescription(kind, comment string, view viewText, cols, indexes, cons []byte) (*catalog.TableDescription, error) {
	var c []describedColumn
	var ix []describedIndex
	var k []describedConstraint
	for _, part := range []struct {
		data []byte
		into any
	}{{cols, &c}, {indexes, &ix}, {cons, &k}} {
		if err := json.Unmarshal(part.data, part.into); err != nil {
			return nil, err
		}
	}
	d := &catalog.TableDescription{Kind: kind[0], Comment: comment, ViewDef: view.pretty, PlainViewDef: view.plain}
	for _, col := range c {
		d.Columns = append(d.Columns, columnDescription(col))
	}
	for _, i := range ix {
		_, using, _ := strings.Cut(i.Def, " USING ")
		d.Indexes = append(d.Indexes, catalog.IndexDescription{Name: i.Name, Columns: i.Columns, Unique: i.Unique,
			Primary: i.Primary, Method: i.Method, Using: using, Predicate: i.Predicate, Clustered: i.Clustered, Valid: i.Valid,
			Size: catalog.RelationSize{Tuples: i.Tuples, Pages: i.Pages}})
	}
	for _, con := range k {
		d.Constraints = append(d.Constraints, catalog.ConstraintDescription{Name: con.Name, Type: con.Type[0],
			Columns: con.Columns, Index: con.Index, Definition: con.Def, PlainDefinition: con.PlainDef, Deferrable: con.Deferrable,
			Deferred: con.Deferred, RefTable: con.RefTable, RefSchema: con.RefSchema, RefColumns: con.RefColumns})
	}
	return d, nil
}

// columnDescription keeps a column's own type when Auger knows it, and
// describes it as text otherwise.
func columnDescription(c describedColumn) catalog.ColumnDescription {
	typ, typmod := c.Type, c.Typmod
	if _, known := types.FromPostgres(typ, typmod); !known {
		typ, typmod = types.OIDText, -1
	}
	return catalog.ColumnDescription{Name: c.Name, Num: c.Num, TypeOID: typ, Typmod: typmod, NotNull: c.NotNull,
		Default: c.Default, Comment: c.Comment, Updatable: c.Updatable, PlainDefault: c.PlainDefault,
		Identity: firstByte(c.Identity), Generated: firstByte(c.Generated), IdentitySequence: c.Sequence}
}

// firstByte is a "char" column's value, 0 for the empty one.
func firstByte(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}
