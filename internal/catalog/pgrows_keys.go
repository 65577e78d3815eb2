package catalog

import (
	"context"
	"regexp"
	"strings"
)

// The rows that only tables described by their source have: indexes,
// constraints, defaults and comments.

func indexRows(_ context.Context, s *pgSnapshot) []pgRow {
	var rows []pgRow
	for _, r := range s.relations {
		if r.index == nil {
			continue
		}
		ix := r.index
		n := int16(len(ix.Columns))
		rows = append(rows, pgRow{"indexrelid": r.oid, "indrelid": r.table.oid, "indnatts": n, "indnkeyatts": n,
			"indisunique": ix.Unique, "indisprimary": ix.Primary, "indimmediate": true,
			"indisclustered": ix.Clustered, "indisvalid": ix.Valid, "indisready": true, "indislive": true,
			"indkey": ix.Columns, "indoption": make([]int16, n), "indcollation": make([]uint32, n),
			"indclass": make([]uint32, n), "indpred": nullIfEmpty(ix.Predicate)})
	}
	return rows
}

func constraintRows(_ context.Context, s *pgSnapshot) []pgRow {
	var rows []pgRow
	for _, con := range s.constraints {
		d := con.desc
		row := pgRow{"oid": con.oid, "conname": d.Name, "connamespace": con.rel.ns.oid, "contype": string(d.Type),
			"condeferrable": d.Deferrable, "condeferred": d.Deferred, "convalidated": true,
			"conrelid": con.rel.oid, "conislocal": true,
			"conkey": d.Columns, "confupdtype": " ", "confdeltype": " ", "confmatchtype": " "}
		if con.index != nil {
			row["conindid"] = con.index.oid
		}
		if d.Type == 'f' {
			row["confkey"] = d.RefColumns
			row["confupdtype"], row["confdeltype"], row["confmatchtype"] = "a", "a", "s"
			if con.ref != nil {
				row["confrelid"] = con.ref.oid
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func attrdefRows(ctx context.Context, s *pgSnapshot) []pgRow {
	var rows []pgRow
	for _, r := range s.relations {
		if r.desc == nil {
			continue
		}
		for _, c := range s.columns(ctx, r) {
			if c.def != "" {
				rows = append(rows, pgRow{"oid": s.oids.oid("attrdef:" + r.ns.name + "." + r.name + "." + c.name),
					"adrelid": r.oid, "adnum": c.num, "adbin": c.def})
			}
		}
	}
	return rows
}

func descriptionRows(ctx context.Context, s *pgSnapshot) []pgRow {
	var rows []pgRow
	for _, r := range s.relations {
		if r.desc == nil {
			continue
		}
		if r.desc.Comment != "" {
			rows = append(rows, pgRow{"objoid": r.oid, "classoid": classOIDOfClass, "objsubid": int32(0), "description": r.desc.Comment})
		}
		for _, c := range s.columns(ctx, r) {
			if c.comment != "" {
				rows = append(rows, pgRow{"objoid": r.oid, "classoid": classOIDOfClass, "objsubid": int32(c.num), "description": c.comment})
			}
		}
	}
	return rows
}

func tablesViewRows(ctx context.Context, s *pgSnapshot) []pgRow {
	owner := ownerName(ctx)
	var rows []pgRow
	for _, r := range s.relations {
		if r.kind == 'r' || r.kind == 'p' {
			rows = append(rows, pgRow{"schemaname": r.ns.name, "tablename": r.name, "tableowner": owner,
				"hasindexes": r.desc != nil && len(r.desc.Indexes) > 0})
		}
	}
	return rows
}

func viewsRows(ctx context.Context, s *pgSnapshot) []pgRow {
	owner := ownerName(ctx)
	var rows []pgRow
	for _, r := range s.relations {
		if r.kind == 'v' {
			rows = append(rows, pgRow{"schemaname": r.ns.name, "viewname": r.name, "viewowner": owner,
				"definition": viewDefinition(r)})
		}
	}
	return rows
}

func matviewsRows(ctx context.Context, s *pgSnapshot) []pgRow {
	owner := ownerName(ctx)
	var rows []pgRow
	for _, r := range s.relations {
		if r.kind == 'm' {
			rows = append(rows, pgRow{"schemaname": r.ns.name, "matviewname": r.name, "matviewowner": owner,
				"hasindexes": len(r.desc.Indexes) > 0, "ispopulated": true, "definition": viewDefinition(r)})
		}
	}
	return rows
}

func indexesViewRows(_ context.Context, s *pgSnapshot) []pgRow {
	var rows []pgRow
	for _, r := range s.relations {
		if r.index != nil {
			rows = append(rows, pgRow{"schemaname": r.ns.name, "tablename": r.table.name, "indexname": r.name,
				"indexdef": indexDefinition(r)})
		}
	}
	return rows
}

// viewDefinition is a view's query, NULL when the source gave none.
func viewDefinition(r *pgRelation) any {
	if r.desc == nil || r.desc.ViewDef == "" {
		return nil
	}
	return r.desc.ViewDef
}

// indexDefinition is pg_get_indexdef's CREATE INDEX statement for an
// index, naming the table by its schema of the combined catalog.
func indexDefinition(r *pgRelation) string {
	unique := ""
	if r.index.Unique {
		unique = "UNIQUE "
	}
	return "CREATE " + unique + "INDEX " + QuoteIdent(r.name) + " ON " + QuoteIdent(r.ns.name) + "." +
		QuoteIdent(r.table.name) + " USING " + r.index.Using
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

var plainIdent = regexp.MustCompile(`^[a-z_][a-z0-9_$]*$`)

// QuoteIdent quotes a name as PostgreSQL's quote_ident does when it is not
// a plain lower-case identifier.
func QuoteIdent(name string) string {
	if plainIdent.MatchString(name) {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
