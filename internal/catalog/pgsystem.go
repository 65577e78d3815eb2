package catalog

import (
	"context"
	"strings"

	"auger/internal/sqlstate"
)

// invalidName is PostgreSQL's 42602, for a name regclass cannot read.
const invalidName = "42602"

// SystemView answers the catalog functions (regclass, pg_get_indexdef,
// obj_description, pg_table_is_visible) from the latest pg_catalog
// snapshot, seen from one default schema. It implements
// exec.SystemCatalog.
type SystemView struct {
	cat     *Catalog
	current SchemaRef
}

// System is the catalog as a session whose default schema is current sees
// it.
func (c *Catalog) System(current SchemaRef) *SystemView {
	return &SystemView{cat: c, current: current}
}

func (v *SystemView) snapshot() *pgSnapshot { return v.cat.pgSnapshot(context.Background()) }

// visible tells whether an unqualified name finds objects of ns: those of
// pg_catalog and of the default schema.
func (v *SystemView) visible(ns *pgNamespace) bool {
	return ns.oid == pgCatalogOID || (ns.ref == v.current && !v.current.IsZero())
}

// RelationName is a relation's name, qualified unless it is visible.
func (v *SystemView) RelationName(oid uint32) (string, bool) {
	r, ok := v.snapshot().byOID[oid]
	if !ok {
		return "", false
	}
	if v.visible(r.ns) {
		return QuoteIdent(r.name), true
	}
	return QuoteIdent(r.ns.name) + "." + QuoteIdent(r.name), true
}

// RelationOID finds a relation by a name as regclass reads it: `users`
// (pg_catalog first, then the default schema), `"postgresql.public".users`
// or `postgresql.public.users`.
func (v *SystemView) RelationOID(name string) (uint32, error) {
	parts, ok := splitQualified(name)
	if !ok || len(parts) == 0 {
		return 0, sqlstate.New(invalidName, "invalid name syntax")
	}
	s := v.snapshot()
	table := parts[len(parts)-1]
	var spaces []*pgNamespace
	if len(parts) == 1 {
		for _, ns := range s.namespaces {
			if v.visible(ns) {
				spaces = append(spaces, ns)
			}
		}
	} else if ns := s.namespaceNamed(strings.Join(parts[:len(parts)-1], ".")); ns != nil {
		spaces = []*pgNamespace{ns}
	}
	for _, ns := range spaces {
		if r := s.relationIn(ns, table); r != nil {
			return r.oid, nil
		}
	}
	return 0, sqlstate.New(sqlstate.UndefinedTable, "relation %q does not exist", name)
}

// NamespaceName names a schema.
func (v *SystemView) NamespaceName(oid uint32) (string, bool) {
	ns, ok := v.snapshot().nsByOID[oid]
	if !ok {
		return "", false
	}
	return QuoteIdent(ns.name), true
}

// NamespaceOID finds a schema by name (`"postgresql.public"` or
// `postgresql.public`).
func (v *SystemView) NamespaceOID(name string) (uint32, error) {
	parts, ok := splitQualified(name)
	if ok {
		if ns := v.snapshot().namespaceNamed(strings.Join(parts, ".")); ns != nil {
			return ns.oid, nil
		}
	}
	return 0, sqlstate.New(sqlstate.InvalidSchemaName, "schema %q does not exist", name)
}

// RelationVisible implements exec.SystemCatalog.
func (v *SystemView) RelationVisible(oid uint32) bool {
	r, ok := v.snapshot().byOID[oid]
	return ok && v.visible(r.ns)
}

// IndexDefinition is pg_get_indexdef's CREATE INDEX statement.
func (v *SystemView) IndexDefinition(oid uint32) (string, bool) {
	r, ok := v.snapshot().byOID[oid]
	if !ok || r.index == nil {
		return "", false
	}
	return indexDefinition(r), true
}

// ConstraintDefinition is pg_get_constraintdef's text.
func (v *SystemView) ConstraintDefinition(oid uint32) (string, bool) {
	con, ok := v.snapshot().conByOID[oid]
	if !ok {
		return "", false
	}
	return con.desc.Definition, true
}

// ViewDefinition is pg_get_viewdef's query of a view.
func (v *SystemView) ViewDefinition(oid uint32) (string, bool) {
	r, ok := v.snapshot().byOID[oid]
	if !ok || r.desc == nil || r.desc.ViewDef == "" {
		return "", false
	}
	return r.desc.ViewDef, true
}

// Description is a relation's (objsubid 0) or a column's comment.
func (v *SystemView) Description(objoid, classoid uint32, objsubid int32) (string, bool) {
	s := v.snapshot()
	r, ok := s.byOID[objoid]
	if !ok || classoid != classOIDOfClass || r.desc == nil {
		return "", false
	}
	if objsubid == 0 {
		return r.desc.Comment, r.desc.Comment != ""
	}
	for _, c := range s.columns(context.Background(), r) {
		if int32(c.num) == objsubid {
			return c.comment, c.comment != ""
		}
	}
	return "", false
}

// ColumnName names a relation's column by attnum.
func (v *SystemView) ColumnName(relid uint32, attnum int16) (string, bool) {
	s := v.snapshot()
	r, ok := s.byOID[relid]
	if !ok {
		return "", false
	}
	for _, c := range s.columns(context.Background(), r) {
		if c.num == attnum {
			return c.name, true
		}
	}
	return "", false
}

// namespaceNamed finds a schema by name: exactly, else the only
// case-insensitive match.
func (s *pgSnapshot) namespaceNamed(name string) *pgNamespace {
	names := make([]string, len(s.namespaces))
	for i, ns := range s.namespaces {
		names[i] = ns.name
	}
	if i, n := MatchIndex(names, name); n == 1 {
		return s.namespaces[i]
	}
	return nil
}

// relationIn finds a table or view of a schema by name: exactly, else
// the only case-insensitive match.
func (s *pgSnapshot) relationIn(ns *pgNamespace, name string) *pgRelation {
	var rels []*pgRelation
	var names []string
	for _, r := range s.relations {
		if r.ns == ns {
			rels, names = append(rels, r), append(names, r.name)
		}
	}
	if i, n := MatchIndex(names, name); n == 1 {
		return rels[i]
	}
	return nil
}

// splitQualified splits a possibly qualified, possibly quoted name at
// its dots: `"postgresql.public".Users` is ["postgresql.public", "users"].
// Unquoted parts are lower-cased, as PostgreSQL reads identifiers.
func splitQualified(name string) ([]string, bool) {
	var parts []string
	var cur strings.Builder
	quoted, wasQuoted := false, false
	flush := func() {
		part := cur.String()
		if !wasQuoted {
			part = strings.ToLower(strings.TrimSpace(part))
		}
		parts = append(parts, part)
		cur.Reset()
		wasQuoted = false
	}
	for i := 0; i < len(name); i++ {
		ch := name[i]
		switch {
		case ch == '"' && quoted && i+1 < len(name) && name[i+1] == '"':
			cur.WriteByte('"')
			i++
		case ch == '"':
			quoted, wasQuoted = !quoted, true
		case ch == '.' && !quoted:
			flush()
		default:
			cur.WriteByte(ch)
		}
	}
	if quoted {
		return nil, false
	}
	flush()
	for _, p := range parts {
		if p == "" {
			return nil, false
		}
	}
	return parts, true
}
