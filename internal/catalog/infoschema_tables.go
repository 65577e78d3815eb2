package catalog

import (
	"strconv"

	"auger/internal/types"
)

func schemataRows(v *infoView) []infoRow {
	var rows []infoRow
	for _, ns := range v.snap.namespaces {
		rows = append(rows, infoRow{"catalog_name": v.names.Database, "schema_name": ns.name, "schema_owner": OwnerName})
	}
	return rows
}

// eachRelation calls fn for every relation information_schema lists
// that the scan's filters admit: tables, views and foreign tables (not
// indexes, nor materialized views).
func (v *infoView) eachRelation(fn func(r *pgRelation)) {
	for _, r := range v.snap.relations {
		if !v.wants(r) {
			continue
		}
		switch r.kind {
		case 'r', 'p', 'v', 'f':
			fn(r)
		}
	}
}

// relationRow starts a row naming a relation as table_catalog,
// table_schema and table_name.
func (v *infoView) relationRow(r *pgRelation) infoRow {
	return infoRow{"table_catalog": v.names.Database, "table_schema": r.ns.name, "table_name": r.name}
}

func isBaseTable(r *pgRelation) bool { return r.kind == 'r' || r.kind == 'p' }

// updateEvents are the commands (pg_relation_is_updatable's bits) a
// relation takes: all for a base table, those its source says for a view,
// none for a view the source does not describe.
func updateEvents(r *pgRelation) int32 {
	switch {
	case isBaseTable(r):
		return eventUpdate | eventInsert | eventDelete
	case r.desc != nil:
		return r.desc.UpdateEvents
	}
	return 0
}

// The bits of pg_relation_is_updatable.
const (
	eventUpdate int32 = 4
	eventInsert int32 = 8
	eventDelete int32 = 16
)

// hasEvents renders whether a relation takes all of some commands.
func hasEvents(r *pgRelation, events int32) string { return YesNo(updateEvents(r)&events == events) }

// columnUpdatable is columns.is_updatable: a base table's columns are, a
// view's when its source says so.
func columnUpdatable(r *pgRelation, c pgColumn) string {
	if d := sourceColumn(r, c.num); d != nil && !isBaseTable(r) {
		return YesNo(d.Updatable)
	}
	return YesNo(isBaseTable(r))
}

// tableTypes are tables.table_type by relkind.
var tableTypes = map[byte]string{'r': "BASE TABLE", 'p': "BASE TABLE", 'v': "VIEW", 'f': "FOREIGN"}

func infoTablesRows(v *infoView) []infoRow {
	var rows []infoRow
	v.eachRelation(func(r *pgRelation) {
		row := v.relationRow(r)
		row["table_type"] = tableTypes[r.kind]
		row["is_insertable_into"], row["is_typed"] = hasEvents(r, eventInsert), "NO"
		rows = append(rows, row)
	})
	return rows
}

func infoColumnsRows(v *infoView) []infoRow {
	var rows []infoRow
	v.eachRelation(func(r *pgRelation) {
		for _, c := range v.snap.columns(v.ctx, r) {
			rows = append(rows, v.columnRow(r, c))
		}
	})
	return rows
}

func (v *infoView) columnRow(r *pgRelation, c pgColumn) infoRow {
	row := v.relationRow(r)
	facts := types.InfoSchemaFacts(c.typ, c.typmod)
	row["column_name"], row["ordinal_position"] = c.name, int32(c.num)
	row["column_default"] = nullIfEmpty(c.def)
	row["is_nullable"] = YesNo(!c.notNull)
	row["data_type"] = facts.DataType
	row["character_maximum_length"] = facts.CharacterMaximumLength
	row["character_octet_length"] = facts.CharacterOctetLength
	row["numeric_precision"] = facts.NumericPrecision
	row["numeric_precision_radix"] = facts.NumericPrecisionRadix
	row["numeric_scale"] = facts.NumericScale
	row["datetime_precision"] = facts.DatetimePrecision
	if facts.UDTName != nil {
		row["udt_catalog"], row["udt_schema"], row["udt_name"] = v.names.Database, PgCatalog, facts.UDTName
	}
	row["dtd_identifier"] = strconv.Itoa(int(c.num))
	row["is_self_referencing"], row["is_identity"], row["identity_cycle"] = "NO", "NO", "NO"
	row["is_generated"], row["is_updatable"] = "NEVER", columnUpdatable(r, c)
	if d := sourceColumn(r, c.num); d != nil {
		sourceColumnFacts(row, d)
	}
	return row
}

// sourceColumn is what the source says of a relation's column, nil when
// it does not describe the relation.
func sourceColumn(r *pgRelation, num int16) *ColumnDescription {
	if r.desc == nil {
		return nil
	}
	for i := range r.desc.Columns {
		if r.desc.Columns[i].Num == num {
			return &r.desc.Columns[i]
		}
	}
	return nil
}

// sourceColumnFacts adds to a columns row what only the source knows: the
// default as PostgreSQL prints it here, identity and generation.
func sourceColumnFacts(row infoRow, d *ColumnDescription) {
	if d.PlainDefault != "" {
		row["column_default"] = d.PlainDefault
	}
	if d.Generated == 's' {
		row["column_default"], row["is_generated"], row["generation_expression"] = nil, "ALWAYS", d.PlainDefault
	}
	if d.Identity == 0 {
		return
	}
	row["is_identity"], row["identity_generation"] = "YES", map[byte]string{'a': "ALWAYS", 'd': "BY DEFAULT"}[d.Identity]
	if s := d.IdentitySequence; s != nil {
		row["identity_start"], row["identity_increment"] = s.Start, s.Increment
		row["identity_maximum"], row["identity_minimum"], row["identity_cycle"] = s.Max, s.Min, YesNo(s.Cycle)
	}
}

func infoViewsRows(v *infoView) []infoRow {
	var rows []infoRow
	v.eachRelation(func(r *pgRelation) {
		if r.kind != 'v' {
			return
		}
		row := v.relationRow(r)
		row["view_definition"] = viewDefinition(r)
		if r.desc != nil && r.desc.PlainViewDef != "" {
			row["view_definition"] = r.desc.PlainViewDef
		}
		row["check_option"] = "NONE"
		row["is_updatable"] = hasEvents(r, eventUpdate|eventDelete)
		row["is_insertable_into"] = hasEvents(r, eventInsert)
		row["is_trigger_updatable"], row["is_trigger_deletable"], row["is_trigger_insertable_into"] = "NO", "NO", "NO"
		rows = append(rows, row)
	})
	return rows
}

// privilegeRow starts a row of the one privilege a client has on a
// relation: SELECT, granted by the catalog's owner. Auger only reads.
func (v *infoView) privilegeRow(r *pgRelation) infoRow {
	row := v.relationRow(r)
	row["grantor"], row["grantee"] = OwnerName, v.names.User
	row["privilege_type"], row["is_grantable"] = "SELECT", "NO"
	return row
}

func tablePrivilegesRows(v *infoView) []infoRow {
	var rows []infoRow
	v.eachRelation(func(r *pgRelation) {
		row := v.privilegeRow(r)
		row["with_hierarchy"] = "YES"
		rows = append(rows, row)
	})
	return rows
}

func columnPrivilegesRows(v *infoView) []infoRow {
	var rows []infoRow
	v.eachRelation(func(r *pgRelation) {
		for _, c := range v.snap.columns(v.ctx, r) {
			row := v.privilegeRow(r)
			row["column_name"] = c.name
			rows = append(rows, row)
		}
	})
	return rows
}

// characterSetsRows is the database's one character set, UTF8.
func characterSetsRows(v *infoView) []infoRow {
	return []infoRow{{"character_set_name": "UTF8", "character_repertoire": "UCS", "form_of_use": "UTF8",
		"default_collate_catalog": v.names.Database}}
}

// enabledRolesRows is the client's own role, the only one it acts as.
func enabledRolesRows(v *infoView) []infoRow {
	return []infoRow{{"role_name": v.names.User}}
}
