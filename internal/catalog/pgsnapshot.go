package catalog

import (
	"context"
	"sort"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/types"
)

// PgCatalog is the name of the schema that serves PostgreSQL's system
// catalogs over the combined catalog.
const PgCatalog = "pg_catalog"

// OIDs PostgreSQL gives its own schemas.
const (
	pgCatalogOID         uint32 = 11
	informationSchemaOID uint32 = 13207
)

// snapshotLifetime is how long one listing of the combined catalog serves
// pg_catalog's tables: a client's catalog queries come in bursts (psql's
// \d sends ten), and listing PostgreSQL schemas or S3 prefixes each time
// would cost a round trip per query.
const snapshotLifetime = 2 * time.Second

// pgSnapshot is the combined catalog as pg_catalog shows it at one moment:
// every schema a namespace, every table, view and index a relation.
type pgSnapshot struct {
	cat         *Catalog
	namespaces  []*pgNamespace
	relations   []*pgRelation // in catalog order: tables and views, each followed by its indexes
	constraints []*pgConstraint
	byOID       map[uint32]*pgRelation
	nsByOID     map[uint32]*pgNamespace
	conByOID    map[uint32]*pgConstraint
	oids        *oidAllocator
}

// pgNamespace is one schema as pg_namespace shows it.
type pgNamespace struct {
	oid  uint32
	name string // "postgresql.public", "pg_catalog"
	ref  SchemaRef
}

// pgRelation is one pg_class row: a table, a view or an index.
type pgRelation struct {
	oid   uint32
	name  string
	ns    *pgNamespace
	kind  byte
	desc  *TableDescription // what the source's catalog says, nil when it has none
	index *IndexDescription // for an index
	table *pgRelation       // for an index: the table it indexes
	// foreignKeys: a foreign key references the table or is on it (in
	// PostgreSQL, triggers enforce it: relhastriggers).
	foreignKeys bool

	colsOnce sync.Once
	cols     []pgColumn
}

// pgColumn is one pg_attribute row.
type pgColumn struct {
	name    string
	num     int16
	typ     uint32
	typmod  int32
	notNull bool
	def     string
	comment string
}

// pgConstraint is one pg_constraint row.
type pgConstraint struct {
	oid   uint32
	rel   *pgRelation
	desc  *ConstraintDescription
	index *pgRelation // the index that enforces it, nil for none
	ref   *pgRelation // a foreign key's referenced table
}

// pgCache keeps the latest snapshot for snapshotLifetime.
type pgCache struct {
	mu    sync.Mutex
	snap  *pgSnapshot
	taken time.Time
}

// pgSnapshot returns a recent snapshot of the combined catalog. A
// snapshot is taken whole even when the statement that asked for it is
// canceled, since other statements share it.
func (c *Catalog) pgSnapshot(ctx context.Context) *pgSnapshot {
	c.pg.mu.Lock()
	defer c.pg.mu.Unlock()
	if c.pg.snap != nil && time.Since(c.pg.taken) < snapshotLifetime {
		return c.pg.snap
	}
	c.pg.snap, c.pg.taken = c.takeSnapshot(context.WithoutCancel(ctx)), time.Now()
	return c.pg.snap
}

func (c *Catalog) takeSnapshot(ctx context.Context) *pgSnapshot {
	s := &pgSnapshot{cat: c, byOID: map[uint32]*pgRelation{}, nsByOID: map[uint32]*pgNamespace{},
		conByOID: map[uint32]*pgConstraint{}, oids: newOIDAllocator()}
	pgc := s.addNamespace(PgCatalog, SchemaRef{Plugin: PgCatalog}, pgCatalogOID)
	for _, name := range pgCatalogTableNames() {
		s.addRelation(pgc, name, pgCatalogRelkind(name), pgCatalogRelationOIDs[name])
	}
	info := s.addNamespace(InformationSchema, SchemaRef{Plugin: InformationSchema}, informationSchemaOID)
	for _, name := range c.info.tableNames() {
		s.addRelation(info, name, 'v', 0)
	}
	for _, ref := range c.Schemas(ctx) {
		if ref.Sub == "" {
			continue
		}
		s.addSchema(ctx, ref)
	}
	s.resolveForeignKeys()
	return s
}

// resolveForeignKeys finds the tables foreign keys reference in other
// schemas, which may have been added after the key's own.
func (s *pgSnapshot) resolveForeignKeys() {
	for _, con := range s.constraints {
		if con.ref == nil && con.desc.RefTable != "" {
			con.ref = s.relationNamed(con.rel.ns, con.desc.RefSchema, con.desc.RefTable, nil)
			if con.ref != nil {
				con.ref.foreignKeys = true
			}
		}
	}
}

func (s *pgSnapshot) addNamespace(name string, ref SchemaRef, oid uint32) *pgNamespace {
	key := "namespace:" + name
	if oid != 0 {
		s.oids.reserve(key, oid)
	}
	ns := &pgNamespace{oid: s.oids.oid(key), name: name, ref: ref}
	s.namespaces = append(s.namespaces, ns)
	s.nsByOID[ns.oid] = ns
	return ns
}

func (s *pgSnapshot) addRelation(ns *pgNamespace, name string, kind byte, oid uint32) *pgRelation {
	key := "class:" + ns.name + "." + name
	if oid != 0 {
		s.oids.reserve(key, oid)
	}
	r := &pgRelation{oid: s.oids.oid(key), name: name, ns: ns, kind: kind}
	s.relations = append(s.relations, r)
	s.byOID[r.oid] = r
	return r
}

// addSchema adds a plugin schema's tables: described by the source when it
// can, else listed by name with their columns read when asked for.
func (s *pgSnapshot) addSchema(ctx context.Context, ref SchemaRef) {
	ns := s.addNamespace(ref.String(), ref, 0)
	if d, ok := s.cat.plugins[ref.Plugin].(SourceDescriber); ok {
		if tables, err := d.DescribeSchema(ctx, ref.Sub); err == nil {
			s.addDescribed(ns, tables)
			return
		} else if s.cat.log != nil {
			s.cat.log.Warn("describing schema failed", "schema", ref.String(), "err", err)
		}
	}
	names, err := s.cat.Tables(ctx, ref)
	if err != nil {
		return
	}
	views := s.cat.viewNames(ctx, ref)
	for _, name := range names {
		s.addRelation(ns, name, relationKind(views, name), 0)
	}
}

func (s *pgSnapshot) addDescribed(ns *pgNamespace, tables map[string]*TableDescription) {
	names := make([]string, 0, len(tables))
	for n := range tables {
		names = append(names, n)
	}
	sort.Strings(names)
	byName := map[string]*pgRelation{}
	for _, name := range names {
		d := tables[name]
		r := s.addRelation(ns, name, d.Kind, 0)
		r.desc = d
		byName[name] = r
		for i := range d.Indexes {
			ix := s.addRelation(ns, d.Indexes[i].Name, 'i', 0)
			ix.index, ix.table = &d.Indexes[i], r
			byName[ix.name] = ix
		}
	}
	for _, name := range names {
		r := byName[name]
		for i := range r.desc.Constraints {
			cd := &r.desc.Constraints[i]
			con := &pgConstraint{oid: s.oids.oid("constraint:" + ns.name + "." + name + "." + cd.Name), rel: r, desc: cd,
				index: byName[cd.Index]}
			if cd.RefTable != "" {
				con.ref = s.relationNamed(ns, cd.RefSchema, cd.RefTable, byName)
			}
			if cd.Type == 'f' {
				r.foreignKeys = true
				if con.ref != nil {
					con.ref.foreignKeys = true
				}
			}
			s.constraints = append(s.constraints, con)
			s.conByOID[con.oid] = con
		}
	}
}

// relationNamed finds a foreign key's referenced table: in the same
// schema, or by OID in another schema of the same plugin.
func (s *pgSnapshot) relationNamed(ns *pgNamespace, schema, table string, same map[string]*pgRelation) *pgRelation {
	if schema == "" || schema == ns.ref.Sub {
		return same[table]
	}
	other := SchemaRef{Plugin: ns.ref.Plugin, Sub: schema}.String()
	return s.byOID[s.oids.oid("class:"+other+"."+table)]
}

// columns are a relation's pg_attribute rows, read on first use (whole,
// as the snapshot is shared).
func (s *pgSnapshot) columns(ctx context.Context, r *pgRelation) []pgColumn {
	r.colsOnce.Do(func() { r.cols = s.readColumns(context.WithoutCancel(ctx), r) })
	return r.cols
}

func (s *pgSnapshot) readColumns(ctx context.Context, r *pgRelation) []pgColumn {
	switch {
	case r.desc != nil:
		out := make([]pgColumn, len(r.desc.Columns))
		for i, c := range r.desc.Columns {
			out[i] = pgColumn{name: c.Name, num: c.Num, typ: c.TypeOID, typmod: c.Typmod, notNull: c.NotNull,
				def: c.Default, comment: c.Comment}
		}
		return out
	case r.index != nil:
		return s.indexColumns(ctx, r)
	}
	if r.ns.ref.Plugin == PgCatalog {
		return fieldColumns(pgCatalogSchemas[r.name].Fields())
	}
	t, err := s.cat.Table(ctx, r.ns.ref, r.name)
	if err != nil {
		return nil
	}
	return fieldColumns(t.Schema().Fields())
}

// indexColumns are an index's attributes: the table's indexed columns (a
// hash index keeps integer hash codes, so its columns are integers, as
// PostgreSQL shows them).
func (s *pgSnapshot) indexColumns(ctx context.Context, ix *pgRelation) []pgColumn {
	table := s.columns(ctx, ix.table)
	var out []pgColumn
	for i, num := range ix.index.Columns {
		for _, c := range table {
			if c.num == num {
				c.num, c.def, c.comment, c.notNull = int16(i+1), "", "", false
				if ix.index.Method == "hash" {
					c.typ, c.typmod = types.OIDInt4, -1
				}
				out = append(out, c)
			}
		}
	}
	return out
}

// fieldColumns describes Arrow fields as pg_attribute rows: the type a
// column is reported with, numeric's precision and scale as its typmod.
func fieldColumns(fields []arrow.Field) []pgColumn {
	out := make([]pgColumn, len(fields))
	for i, f := range fields {
		out[i] = pgColumn{name: f.Name, num: int16(i + 1), typ: types.FieldOID(f), typmod: typmodOf(f.Type), notNull: !f.Nullable}
	}
	return out
}

// typmodOf is the atttypmod of a column of an Arrow type: numeric(p,s)'s
// ((p << 16) | s) + 4, else -1.
func typmodOf(dt arrow.DataType) int32 {
	if d, ok := dt.(arrow.DecimalType); ok {
		return d.GetPrecision()<<16 | d.GetScale() + 4
	}
	return -1
}
