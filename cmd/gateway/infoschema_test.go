package main

import (
	"reflect"
	"strings"
	"testing"
)

// TestPostgresInformationSchema compares PostgreSQL's information_schema
// views, as Auger serves them for its PostgreSQL schema, with
// PostgreSQL's own for the same schema: names, types and values. (The
// PostgreSQL plugin reports neither the length of a varchar(n) column nor
// which of its tables are views, so those are not compared.)
func TestPostgresInformationSchema(t *testing.T) {
	f := gateway(t)
	conn, direct := f.connect(t), f.direct(t)
	queries := []string{
		`SELECT table_name, table_type, is_typed FROM information_schema.tables
			WHERE table_schema = '{S}' AND table_name IN ('Users', 'NoUsers') ORDER BY table_name`,
		`SELECT column_name, ordinal_position, column_default IS NULL AS no_default, is_nullable, data_type,
			numeric_precision, numeric_precision_radix,
			numeric_scale, datetime_precision, udt_schema, udt_name, dtd_identifier, is_identity, is_generated
			FROM information_schema.columns WHERE table_schema = '{S}' AND table_name = 'Users'
			ORDER BY ordinal_position`,
		`SELECT count(*) FROM information_schema.schemata WHERE schema_name = '{S}'`,
		`SELECT * FROM information_schema.views WHERE false`,
	}
	for _, q := range queries {
		want := mustText(t, direct, strings.ReplaceAll(q, "{S}", "public"))
		got := mustText(t, conn, strings.ReplaceAll(q, "{S}", "postgresql.public"))
		if got.String() != want.String() || !reflect.DeepEqual(got.Types, want.Types) {
			t.Errorf("%s\n got (%v):\n%s\nwant (%v):\n%s", q, got.Types, got, want.Types, want)
		}
	}
	r := mustText(t, conn, `SELECT c.table_catalog, table_type, data_type FROM information_schema.columns c
		JOIN information_schema.tables USING (table_schema, table_name)
		WHERE table_schema = 'dfs.data' AND table_name = 'users.parquet' AND column_name = 'balance'`)
	if r.String() != "table_catalog | table_type | data_type\nanydb | BASE TABLE | numeric" {
		t.Errorf("a Parquet column in information_schema.columns: %s", r)
	}
}
