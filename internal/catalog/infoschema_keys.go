package catalog

import (
	"strconv"
	"strings"
)

// The views of constraints: those the source describes (primary keys,
// unique constraints, foreign keys, checks) and, as PostgreSQL 15 lists
// them, one CHECK constraint per NOT NULL column of a base table.

// constraintTypes are table_constraints.constraint_type by contype, for
// the kinds information_schema lists (not exclusion constraints).
var constraintTypes = map[byte]string{'c': "CHECK", 'f': "FOREIGN KEY", 'p': "PRIMARY KEY", 'u': "UNIQUE"}

// listedConstraints are the source's constraints information_schema shows.
func (v *infoView) listedConstraints() []*pgConstraint {
	var out []*pgConstraint
	for _, con := range v.snap.constraints {
		if _, ok := constraintTypes[con.desc.Type]; ok && isBaseTable(con.rel) {
			out = append(out, con)
		}
	}
	return out
}

// notNull is one NOT NULL column of a base table, which PostgreSQL 15's
// information_schema shows as a CHECK constraint.
type notNull struct {
	rel *pgRelation
	col pgColumn
}

// name is the constraint's name: the OIDs of the schema and table and the
// column's number, as PostgreSQL names it.
func (n notNull) name() string {
	return strconv.FormatUint(uint64(n.rel.ns.oid), 10) + "_" + strconv.FormatUint(uint64(n.rel.oid), 10) + "_" +
		strconv.Itoa(int(n.col.num)) + "_not_null"
}

func (v *infoView) notNulls() []notNull {
	var out []notNull
	v.eachRelation(func(r *pgRelation) {
		if !isBaseTable(r) {
			return
		}
		for _, c := range v.snap.columns(v.ctx, r) {
			if c.notNull {
				out = append(out, notNull{rel: r, col: c})
			}
		}
	})
	return out
}

// constraintRow starts a row naming a constraint of a relation.
func (v *infoView) constraintRow(r *pgRelation, name string) infoRow {
	row := v.relationRow(r)
	row["constraint_catalog"], row["constraint_schema"], row["constraint_name"] = v.names.Database, r.ns.name, name
	return row
}

func tableConstraintsRows(v *infoView) []infoRow {
	var rows []infoRow
	for _, n := range v.notNulls() {
		row := v.constraintRow(n.rel, n.name())
		row["constraint_type"], row["is_deferrable"], row["initially_deferred"], row["enforced"] = "CHECK", "NO", "NO", "YES"
		rows = append(rows, row)
	}
	for _, con := range v.listedConstraints() {
		d := con.desc
		row := v.constraintRow(con.rel, d.Name)
		row["constraint_type"], row["enforced"] = constraintTypes[d.Type], "YES"
		row["is_deferrable"], row["initially_deferred"] = YesNo(d.Deferrable), YesNo(d.Deferred)
		if d.Type == 'u' {
			row["nulls_distinct"] = YesNo(!strings.Contains(d.Definition, "NULLS NOT DISTINCT"))
		}
		rows = append(rows, row)
	}
	return rows
}

// columnName is the name of a relation's column by number, "" when it has
// none (an expression).
func (v *infoView) columnName(r *pgRelation, num int16) string {
	for _, c := range v.snap.columns(v.ctx, r) {
		if c.num == num {
			return c.name
		}
	}
	return ""
}

func keyColumnUsageRows(v *infoView) []infoRow {
	var rows []infoRow
	for _, con := range v.listedConstraints() {
		d := con.desc
		if d.Type == 'c' {
			continue
		}
		var unique *pgConstraint
		if d.Type == 'f' {
			unique = v.uniqueConstraintOf(con)
		}
		for i, num := range d.Columns {
			row := v.constraintRow(con.rel, d.Name)
			row["column_name"], row["ordinal_position"] = v.columnName(con.rel, num), int32(i+1)
			if unique != nil && i < len(d.RefColumns) {
				row["position_in_unique_constraint"] = keyPosition(unique, d.RefColumns[i])
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// keyPosition is the 1-based position of a column in a unique
// constraint (its index's, as PostgreSQL counts it), NULL when the
// constraint does not hold it.
func keyPosition(unique *pgConstraint, num int16) any {
	for i, c := range unique.desc.Columns {
		if c == num {
			return int32(i + 1)
		}
	}
	return nil
}

func constraintColumnUsageRows(v *infoView) []infoRow {
	var rows []infoRow
	for _, con := range v.listedConstraints() {
		d := con.desc
		table, columns := con.rel, d.Columns
		if d.Type == 'f' {
			table, columns = con.ref, d.RefColumns
		}
		if table == nil {
			continue
		}
		for _, num := range columns {
			row := v.relationRow(table)
			row["column_name"] = v.columnName(table, num)
			row["constraint_catalog"], row["constraint_schema"], row["constraint_name"] = v.names.Database, con.rel.ns.name, d.Name
			rows = append(rows, row)
		}
	}
	return rows
}

func referentialConstraintsRows(v *infoView) []infoRow {
	var rows []infoRow
	for _, con := range v.listedConstraints() {
		d := con.desc
		if d.Type != 'f' {
			continue
		}
		row := infoRow{"constraint_catalog": v.names.Database, "constraint_schema": con.rel.ns.name,
			"constraint_name": d.Name, "match_option": matchOption(d.Definition),
			"update_rule": referentialAction(d.Definition, "ON UPDATE "),
			"delete_rule": referentialAction(d.Definition, "ON DELETE ")}
		if unique := v.uniqueConstraintOf(con); unique != nil {
			row["unique_constraint_catalog"], row["unique_constraint_schema"] = v.names.Database, unique.rel.ns.name
			row["unique_constraint_name"] = unique.desc.Name
		}
		rows = append(rows, row)
	}
	return rows
}

// uniqueConstraintOf is the primary key or unique constraint of the
// referenced table whose index a foreign key relies on.
func (v *infoView) uniqueConstraintOf(fk *pgConstraint) *pgConstraint {
	for _, con := range v.snap.constraints {
		if con.rel == fk.ref && (con.desc.Type == 'p' || con.desc.Type == 'u') && con.desc.Index == fk.desc.Index {
			return con
		}
	}
	return nil
}

// matchOption is a foreign key's MATCH as match_option says it.
func matchOption(def string) string {
	switch {
	case strings.Contains(def, " MATCH FULL"):
		return "FULL"
	case strings.Contains(def, " MATCH PARTIAL"):
		return "PARTIAL"
	}
	return "NONE"
}

// referentialAction is the action a foreign key's definition gives after
// clause ("ON DELETE "), NO ACTION when it names none.
func referentialAction(def, clause string) string {
	_, rest, ok := strings.Cut(def, clause)
	if !ok {
		return "NO ACTION"
	}
	for _, action := range []string{"CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"} {
		if strings.HasPrefix(rest, action) {
			return action
		}
	}
	return "NO ACTION"
}

func checkConstraintsRows(v *infoView) []infoRow {
	var rows []infoRow
	for _, n := range v.notNulls() {
		rows = append(rows, infoRow{"constraint_catalog": v.names.Database, "constraint_schema": n.rel.ns.name,
			"constraint_name": n.name(), "check_clause": n.col.name + " IS NOT NULL"})
	}
	for _, con := range v.listedConstraints() {
		if con.desc.Type != 'c' {
			continue
		}
		def := con.desc.PlainDefinition
		if def == "" {
			def = con.desc.Definition
		}
		rows = append(rows, infoRow{"constraint_catalog": v.names.Database, "constraint_schema": con.rel.ns.name,
			"constraint_name": con.desc.Name, "check_clause": strings.TrimPrefix(def, "CHECK ")})
	}
	return rows
}
