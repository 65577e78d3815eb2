package catalog

import (
	"context"

	"auger/internal/types"
)

// OIDs of the fixed rows of the catalog: the one role that owns
// everything, the database, the access methods, collations and
// tablespaces PostgreSQL starts with.
const (
	ownerOID        uint32 = 10
	databaseOID     uint32 = 16384
	heapOID         uint32 = 2
	btreeOID        uint32 = 403
	defaultCollOID  uint32 = 100
	pgDefaultSpcOID uint32 = 1663
	classOIDOfClass uint32 = 1259 // pg_class's own OID: pg_description.classoid of relations
)

// OwnerName is the role that owns every object of the catalog when the
// query runs in no session; in one, the session's user does.
const OwnerName = "auger"

// DatabaseName is the one database the catalog shows when the query runs
// in no session; in one, it is the session's database.
const DatabaseName = "auger"

// ownerName is the name of the role that owns everything: the session's
// user.
func ownerName(ctx context.Context) string {
	if n := sessionNames(ctx); n.User != "" {
		return n.User
	}
	return OwnerName
}

// databaseName is the database the session connected to.
func databaseName(ctx context.Context) string {
	if n := sessionNames(ctx); n.Database != "" {
		return n.Database
	}
	return DatabaseName
}

// pgCatalogRows is what produces a pg_catalog table's rows, nil for the
// tables that are empty.
func pgCatalogRows(table string) pgRows {
	switch table {
	case "pg_namespace":
		return namespaceRows
	case "pg_class":
		return classRows
	case "pg_type":
		return typeRows
	case "pg_database":
		return databaseRows
	case "pg_roles":
		return roleRows
	case "pg_user":
		return userRows
	case "pg_am":
		return amRows
	case "pg_collation":
		return collationRows
	case "pg_tablespace":
		return tablespaceRows
	case "pg_index":
		return indexRows
	case "pg_constraint":
		return constraintRows
	case "pg_attrdef":
		return attrdefRows
	case "pg_description":
		return descriptionRows
	case "pg_tables":
		return tablesViewRows
	case "pg_views":
		return viewsRows
	case "pg_matviews":
		return matviewsRows
	case "pg_indexes":
		return indexesViewRows
	case "pg_settings":
		return settingsRows
	}
	return nil
}

func namespaceRows(_ context.Context, s *pgSnapshot) []pgRow {
	var rows []pgRow
	for _, ns := range s.namespaces {
		rows = append(rows, pgRow{"oid": ns.oid, "nspname": ns.name, "nspowner": ownerOID})
	}
	return rows
}

func classRows(ctx context.Context, s *pgSnapshot) []pgRow {
	var rows []pgRow
	for _, r := range s.relations {
		rows = append(rows, classRow(ctx, s, r))
	}
	return rows
}

func classRow(ctx context.Context, s *pgSnapshot, r *pgRelation) pgRow {
	row := pgRow{"oid": r.oid, "relname": r.name, "relnamespace": r.ns.oid, "relowner": ownerOID,
		"relfilenode": r.oid, "reltuples": float32(-1), "relpersistence": "p", "relkind": string(r.kind),
		"relispopulated": true, "relreplident": "n"}
	switch r.kind {
	case 'r', 'm', 'p':
		row["relam"], row["relreplident"] = heapOID, "d"
	case 'i':
		row["relam"] = indexMethodOID(r.index.Method)
	}
	if r.index != nil {
		row["reltuples"], row["relpages"] = r.index.Size.Tuples, r.index.Size.Pages
	}
	if r.desc != nil {
		row["reltuples"], row["relpages"] = r.desc.Size.Tuples, r.desc.Size.Pages
		row["relhasindex"] = len(r.desc.Indexes) > 0
		row["relnatts"] = int16(len(r.desc.Columns))
		row["relchecks"] = int16(countChecks(r.desc.Constraints))
		row["relhastriggers"] = r.foreignKeys
	}
	if r.index != nil || r.ns.oid == pgCatalogOID {
		row["relnatts"] = int16(len(s.columns(ctx, r)))
	}
	return row
}

func countChecks(cons []ConstraintDescription) int {
	n := 0
	for _, c := range cons {
		if c.Type == 'c' {
			n++
		}
	}
	return n
}

// attributeRowsFor are the pg_attribute rows of the relations of the
// given OIDs, of every relation when rels is nil.
func attributeRowsFor(ctx context.Context, s *pgSnapshot, rels []uint32) []pgRow {
	var rows []pgRow
	if rels == nil {
		for _, r := range s.relations {
			rows = append(rows, attributeRowsOf(ctx, s, r)...)
		}
		return rows
	}
	seen := map[uint32]bool{}
	for _, oid := range rels {
		if r, ok := s.byOID[oid]; ok && !seen[oid] {
			seen[oid] = true
			rows = append(rows, attributeRowsOf(ctx, s, r)...)
		}
	}
	return rows
}

// attributeRowsOf are one relation's pg_attribute rows.
func attributeRowsOf(ctx context.Context, s *pgSnapshot, r *pgRelation) []pgRow {
	var rows []pgRow
	for _, c := range s.columns(ctx, r) {
		t := pgTypeOf(c.typ)
		row := pgRow{"attrelid": r.oid, "attname": c.name, "atttypid": c.typ, "attstattarget": int32(-1),
			"attlen": t.Len, "attnum": c.num, "attcacheoff": int32(-1), "atttypmod": c.typmod,
			"attbyval": t.ByVal, "attalign": string(t.Align), "attstorage": string(t.Storage),
			"attcompression": "", "attnotnull": c.notNull, "atthasdef": c.def != "", "attidentity": "",
			"attgenerated": "", "attislocal": true, "attcollation": t.Collation}
		if _, isArray := types.ElementOID(c.typ); isArray {
			row["attndims"] = int32(1)
		}
		rows = append(rows, row)
	}
	return rows
}

// pgTypeOf is a type's pg_type row; a type the catalog does not list is
// described as text.
func pgTypeOf(oid uint32) types.PgType {
	for _, t := range types.PgTypes() {
		if t.OID == oid {
			return t
		}
	}
	return types.PgType{OID: oid, Len: -1, Align: 'i', Storage: 'x', Category: 'U'}
}

func typeRows(context.Context, *pgSnapshot) []pgRow {
	var rows []pgRow
	for _, t := range types.PgTypes() {
		rows = append(rows, pgRow{"oid": t.OID, "typname": t.Name, "typnamespace": pgCatalogOID,
			"typowner": ownerOID, "typlen": t.Len, "typbyval": t.ByVal, "typtype": string(t.Type),
			"typcategory": string(t.Category), "typispreferred": t.Preferred, "typisdefined": true,
			"typdelim": ",", "typelem": t.Elem, "typarray": t.Array, "typalign": string(t.Align),
			"typstorage": string(t.Storage), "typtypmod": int32(-1), "typcollation": t.Collation,
			"typinput": t.Input, "typoutput": t.Output, "typreceive": t.Receive,
			"typsend": t.Send, "typmodin": "-", "typmodout": "-", "typanalyze": "-", "typsubscript": "-"})
	}
	return rows
}

func databaseRows(ctx context.Context, _ *pgSnapshot) []pgRow {
	return []pgRow{{"oid": databaseOID, "datname": databaseName(ctx), "datdba": ownerOID, "encoding": int32(6),
		"datlocprovider": "c", "datallowconn": true, "datconnlimit": int32(-1), "dattablespace": pgDefaultSpcOID,
		"datcollate": "C.UTF-8", "datctype": "C.UTF-8"}}
}

func roleRows(ctx context.Context, _ *pgSnapshot) []pgRow {
	return []pgRow{{"oid": ownerOID, "rolname": ownerName(ctx), "rolsuper": true, "rolinherit": true,
		"rolcreaterole": true, "rolcreatedb": true, "rolcanlogin": true, "rolreplication": true,
		"rolconnlimit": int32(-1), "rolpassword": "********", "rolbypassrls": true}}
}

func userRows(ctx context.Context, _ *pgSnapshot) []pgRow {
	return []pgRow{{"usename": ownerName(ctx), "usesysid": ownerOID, "usecreatedb": true, "usesuper": true,
		"userepl": true, "usebypassrls": true, "passwd": "********"}}
}

// indexMethods are PostgreSQL's index access methods: OID, name and
// handler.
var indexMethods = []struct {
	oid           uint32
	name, handler string
}{
	{btreeOID, "btree", "bthandler"}, {405, "hash", "hashhandler"}, {783, "gist", "gisthandler"},
	{2742, "gin", "ginhandler"}, {4000, "spgist", "spghandler"}, {3580, "brin", "brinhandler"},
}

// indexMethodOID is the pg_am OID of an index method, btree's for one
// PostgreSQL 15 does not have.
func indexMethodOID(name string) uint32 {
	for _, m := range indexMethods {
		if m.name == name {
			return m.oid
		}
	}
	return btreeOID
}

func amRows(context.Context, *pgSnapshot) []pgRow {
	rows := []pgRow{{"oid": heapOID, "amname": "heap", "amhandler": "heap_tableam_handler", "amtype": "t"}}
	for _, m := range indexMethods {
		rows = append(rows, pgRow{"oid": m.oid, "amname": m.name, "amhandler": m.handler, "amtype": "i"})
	}
	return rows
}

func collationRows(context.Context, *pgSnapshot) []pgRow {
	row := func(oid uint32, name, provider string, collate any) pgRow {
		return pgRow{"oid": oid, "collname": name, "collnamespace": pgCatalogOID, "collowner": ownerOID,
			"collprovider": provider, "collisdeterministic": true, "collencoding": int32(-1),
			"collcollate": collate, "collctype": collate}
	}
	return []pgRow{row(defaultCollOID, "default", "d", nil), row(950, "C", "c", "C"), row(951, "POSIX", "c", "POSIX")}
}

func tablespaceRows(context.Context, *pgSnapshot) []pgRow {
	return []pgRow{{"oid": pgDefaultSpcOID, "spcname": "pg_default", "spcowner": ownerOID},
		{"oid": uint32(1664), "spcname": "pg_global", "spcowner": ownerOID}}
}
