package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// pgColumnsQuery lists a table's columns as clients read them from
// pg_catalog, the schema named by nspname.
const pgColumnsQuery = `SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = '%s' AND c.relname = '%s' AND a.attnum > 0
ORDER BY a.attnum`

// usersPgColumns are the columns of the users file, as pg_catalog and psql
// show them.
var usersPgColumns = []string{
	"UserID | integer | t", "Username | text | t", "email | text | f", "score | double precision | f",
	"balance | numeric(12,2) | f", "active | boolean | f", "signup | date | f",
	"last_login | timestamp without time zone | f", "created_at | timestamp with time zone | f",
	"avatar | bytea | f", "token | uuid | f", "small | smallint | f", "big | bigint | f", "ratio | real | f",
}

func TestPgCatalogOverEverySchemaKind(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	names := cells(mustText(t, conn, "SELECT nspname FROM pg_namespace"), 0)
	if !contains(names, "pg_catalog", "information_schema", "postgresql.public", "postgresql.Sales", "dfs.data", "s3.warehouse") {
		t.Errorf("pg_namespace: %v", names)
	}
	for _, schema := range []string{"dfs.data", "s3.warehouse"} {
		r := mustText(t, conn, fmt.Sprintf(pgColumnsQuery, schema, "users.parquet"))
		if got := strings.Split(r.String(), "\n")[1:]; strings.Join(got, "\n") != strings.Join(usersPgColumns, "\n") {
			t.Errorf("%s users.parquet columns:\n%s", schema, strings.Join(got, "\n"))
		}
	}
	// A PostgreSQL table keeps its source's types and modifiers.
	got := mustText(t, conn, fmt.Sprintf(pgColumnsQuery, "postgresql.public", "Types"))
	want := mustText(t, f.direct(t), fmt.Sprintf(pgColumnsQuery, "public", "Types"))
	if got.String() != want.String() || len(got.Rows) < 5 {
		t.Errorf("postgresql.public.Types columns:\n%s\nwant:\n%s", got, want)
	}
	kinds := mustText(t, conn, `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'postgresql.public' AND c.relname IN ('Users', 'active_users', 'user_count') ORDER BY 1`)
	if kinds.String() != "relname | relkind\nUsers | r\nactive_users | v\nuser_count | m" {
		t.Errorf("relkinds:\n%s", kinds)
	}
}

func TestRegclass(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	mustText(t, conn, "USE postgresql.public")
	for _, c := range []struct{ query, want string }{
		{`SELECT 'pg_class'::regclass, 'pg_class'::regclass::oid, 'pg_catalog.pg_type'::regclass::oid`, "pg_class | 1259 | 1247"},
		{`SELECT '"Users"'::regclass, '"postgresql.public"."Users"'::regclass, '"s3.warehouse"."users.parquet"'::regclass`,
			`"Users" | "Users" | "s3.warehouse"."users.parquet"`},
		{`SELECT c.oid::regclass::text, c.relname FROM pg_class c WHERE c.oid = '"Users"'::regclass`, `"Users" | Users`},
		{`SELECT pg_relation_size('"Users"'), pg_total_relation_size(c.oid) FROM pg_class c WHERE c.oid = '"Users"'::regclass`, "0 | 0"},
		{`SELECT count(*) FROM pg_attribute WHERE attrelid = '"dfs.data"."users.parquet"'::regclass`, "14"},
		{`SELECT 0::regclass, 1::regclass, 23::oid::regtype, 'pg_catalog'::regnamespace::oid`, "- | 1 | integer | 11"},
		{`SELECT pg_table_is_visible('"Users"'::regclass), pg_table_is_visible('"dfs.data"."users.parquet"'::regclass)`, "t | f"},
	} {
		r := mustText(t, conn, c.query)
		if got := strings.Join(strings.Split(r.String(), "\n")[1:], "\n"); got != c.want {
			t.Errorf("%s: %s, want %s", c.query, got, c.want)
		}
	}
	_, err := textQuery(t, conn, `SELECT 'nosuch'::regclass`)
	if sqlState(err) != "42P01" || !strings.Contains(err.Error(), `relation "nosuch" does not exist`) {
		t.Errorf("unknown relation: %v", err)
	}
}

func TestPgCatalogOIDsSurviveRestart(t *testing.T) {
	f := gateway(t)
	const listing = `SELECT c.oid, n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.oid > 16384 ORDER BY 1`
	before := mustText(t, f.connect(t), listing)
	again := &fixture{addr: serveConfig(t, f.config), logs: f.logs}
	after := mustText(t, again.connect(t), listing)
	if before.String() != after.String() || len(before.Rows) < 10 {
		t.Errorf("OIDs after a restart:\n%s\nbefore:\n%s", after, before)
	}
}

func TestPsqlDescribesFiles(t *testing.T) {
	f := gateway(t)
	url := fmt.Sprintf("postgres://analyst@%s/anydb?sslmode=disable", f.addr)
	for _, schema := range []string{"dfs.data", "s3.warehouse"} {
		out := runPsql(t, url, schema, `\d "users.parquet"`)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		want := []string{fmt.Sprintf(`Table "%s.users.parquet"`, schema), "Column|Type|Collation|Nullable|Default"}
		for _, c := range usersPgColumns {
			parts := strings.Split(c, " | ")
			nullable := ""
			if parts[2] == "t" {
				nullable = "not null"
			}
			want = append(want, fmt.Sprintf("%s|%s||%s|", parts[0], parts[1], nullable))
		}
		if strings.Join(lines, "\n") != strings.Join(want, "\n") {
			t.Errorf("psql \\d in %s:\n%s\nwant:\n%s", schema, out, strings.Join(want, "\n"))
		}
		listing := runPsql(t, url, schema, `\dt`)
		if !strings.Contains(listing, schema+"|users.parquet|table|"+augerUser+"\n") {
			t.Errorf("psql \\dt in %s:\n%s", schema, listing)
		}
	}
}

func TestPgCatalogThroughPreparedStatements(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	// pgx prepares the statement, sends the oid parameter and reads the
	// results in binary where it knows the types (oid, name, "char").
	var oid uint32
	var name, kind, reg string
	var natts int16
	err := conn.QueryRow(context.Background(), `SELECT c.oid, c.relname, c.relkind, c.relnatts, c.oid::regclass::text
		FROM pg_catalog.pg_class c WHERE c.oid = $1`, uint32(1259)).Scan(&oid, &name, &kind, &natts, &reg)
	if err != nil {
		t.Fatal(err)
	}
	if oid != 1259 || name != "pg_class" || kind != "r" || natts != 33 || reg != "pg_class" {
		t.Errorf("pg_class row: %d %s %s %d %s", oid, name, kind, natts, reg)
	}
}

// TestEveryPgCatalogTableReads reads every pg_catalog table whole through
// pgx (binary results where pgx knows the type) and checks the columns
// have PostgreSQL's types.
func TestEveryPgCatalogTableReads(t *testing.T) {
	f := gateway(t)
	conn, direct := f.connect(t), f.direct(t)
	ctx := context.Background()
	names := cells(mustText(t, conn, `SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'pg_catalog'::regnamespace ORDER BY 1`), 0)
	if len(names) < 40 {
		t.Fatalf("pg_catalog has %d relations", len(names))
	}
	for _, name := range names {
		rows, err := conn.Query(ctx, "SELECT * FROM pg_catalog."+name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for rows.Next() {
			if _, err := rows.Values(); err != nil {
				t.Errorf("%s: %v", name, err)
				break
			}
		}
		if err := rows.Err(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		got := rows.FieldDescriptions()
		want, err := direct.Query(ctx, "SELECT * FROM pg_catalog."+name+" LIMIT 0")
		if err != nil {
			t.Fatal(err)
		}
		wantFields := want.FieldDescriptions()
		want.Close()
		if len(got) != len(wantFields) {
			t.Errorf("%s: %d columns, PostgreSQL has %d", name, len(got), len(wantFields))
			continue
		}
		for i := range got {
			if got[i].Name != wantFields[i].Name || got[i].DataTypeOID != wantFields[i].DataTypeOID {
				t.Errorf("%s column %d: %s %d, PostgreSQL's %s %d", name, i, got[i].Name, got[i].DataTypeOID,
					wantFields[i].Name, wantFields[i].DataTypeOID)
			}
		}
	}
}
