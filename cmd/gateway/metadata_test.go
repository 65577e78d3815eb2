package main

import (
	"fmt"
	"strings"
	"testing"
)

// metadataScript asks JDBC's DatabaseMetaData about one schema and its
// users table (named as {SCHEMA} and {TABLE}).
const metadataScript = "meta\tgetTables\t\t{SCHEMA}\t%\tTABLE,VIEW,MATERIALIZED VIEW\n" +
	"meta\tgetColumns\t\t{SCHEMA}\t{TABLE}\t%\n" +
	"meta\tgetPrimaryKeys\t\t{SCHEMA}\t{TABLE}\n" +
	"meta\tgetTables\t\t{SCHEMA}\t{TABLE}\t\n" +
	"meta\tgetImportedKeys\t\t{SCHEMA}\t{TABLE}\n" +
	"meta\tgetExportedKeys\t\t{SCHEMA}\t{TABLE}\n" +
	"meta\tgetIndexInfo\t\t{SCHEMA}\t{TABLE}\tfalse\ttrue\n"

// TestJDBCMetadataOfPostgreSQLSchema compares what DatabaseMetaData
// reports about the PostgreSQL schema through Auger (as
// "postgresql.public") with what it reports on PostgreSQL (as "public").
func TestJDBCMetadataOfPostgreSQLSchema(t *testing.T) {
	f := gateway(t)
	script := func(schema string) string {
		return strings.NewReplacer("{SCHEMA}", schema, "{TABLE}", "Users").Replace(metadataScript)
	}
	want := runJDBC(t, f.directJDBCURL(t), script("public"))
	got := runJDBC(t, f.jdbcURL(), script("postgresql.public"))
	lines := strings.Split(script("postgresql.public"), "\n")
	for key, w := range want {
		g := strings.ReplaceAll(got[key], "TABLE_SCHEM=postgresql.public", "TABLE_SCHEM=public")
		if g != w {
			t.Errorf("%s:\n got:\n%s want:\n%s", lines[lineOf(key)-1], got[key], w)
		}
	}
}

// TestJDBCMetadataOfFileSchemas checks DatabaseMetaData over a local
// file workspace and an S3 one: the schemas are listed, their Parquet
// files are tables, and each users file has the columns of PostgreSQL's
// "Users" (Parquet keeps one string type, text) and no primary key.
func TestJDBCMetadataOfFileSchemas(t *testing.T) {
	f := gateway(t)
	want := runJDBC(t, f.directJDBCURL(t), strings.NewReplacer("{SCHEMA}", "public", "{TABLE}", "Users").Replace(metadataScript))
	wantColumns := strings.NewReplacer("TABLE_SCHEM=public | TABLE_NAME=Users", "TABLE_SCHEM={SCHEMA} | TABLE_NAME=users.parquet",
		"TYPE_NAME=varchar | COLUMN_SIZE=100", "TYPE_NAME=text | COLUMN_SIZE=2147483647").Replace(want["## 2"])
	for _, schema := range []string{"dfs.data", "s3.warehouse"} {
		got := runJDBC(t, f.jdbcURL(), "meta\tgetSchemas\t\t\nmeta\tgetCatalogs\n"+
			strings.NewReplacer("{SCHEMA}", schema, "{TABLE}", "users.parquet").Replace(metadataScript))
		if !strings.Contains(got["## 1"], "TABLE_SCHEM="+schema+" |") {
			t.Errorf("getSchemas does not list %s:\n%s", schema, got["## 1"])
		}
		if got["## 2"] != "TABLE_CAT=anydb\n" {
			t.Errorf("getCatalogs: %q, want the database the client named", got["## 2"])
		}
		table := fmt.Sprintf("TABLE_CAT=null | TABLE_SCHEM=%s | TABLE_NAME=users.parquet | TABLE_TYPE=TABLE | REMARKS=null\n", schema)
		if !strings.Contains(got["## 3"], table) {
			t.Errorf("%s: getTables does not list users.parquet:\n%s", schema, got["## 3"])
		}
		if columns := strings.ReplaceAll(wantColumns, "{SCHEMA}", schema); nullability(got["## 4"]) != nullability(columns) {
			t.Errorf("%s: getColumns of users.parquet:\n got:\n%s want:\n%s", schema, got["## 4"], columns)
		}
		if got["## 5"] != "" {
			t.Errorf("%s: getPrimaryKeys of users.parquet: %q, want none", schema, got["## 5"])
		}
		if got["## 6"] != table {
			t.Errorf("%s: getTables of users.parquet alone:\n got %s want %s", schema, got["## 6"], table)
		}
		for key, call := range map[string]string{"## 7": "getImportedKeys", "## 8": "getExportedKeys", "## 9": "getIndexInfo"} {
			if got[key] != "" {
				t.Errorf("%s: %s of users.parquet: %q, want none", schema, call, got[key])
			}
		}
	}
}

// nullability blanks what a Parquet file cannot say as PostgreSQL does:
// whether a column may be NULL (Parquet's writers mark every column
// optional unless told otherwise).
func nullability(columns string) string {
	return strings.NewReplacer("NULLABLE=0", "NULLABLE=?", "NULLABLE=1", "NULLABLE=?",
		"IS_NULLABLE=NO", "IS_NULLABLE=?", "IS_NULLABLE=YES", "IS_NULLABLE=?").Replace(columns)
}

// lineOf is the script line number of a "## N" section key.
func lineOf(key string) int {
	var n int
	fmt.Sscanf(key, "## %d", &n)
	return n
}

// TestJDBCMetadataOfAllSchemas asks, as BI tools do on connecting, for
// every table and every column of every schema at once: each kind of
// schema is in the answer.
func TestJDBCMetadataOfAllSchemas(t *testing.T) {
	f := gateway(t)
	got := runJDBC(t, f.jdbcURL(), "meta\tgetTables\t\t\t%\t\nmeta\tgetColumns\t\t\t%\t%\n")
	for _, table := range []string{"postgresql.public | TABLE_NAME=Users", "dfs.data | TABLE_NAME=users.parquet",
		"s3.warehouse | TABLE_NAME=users.parquet", "pg_catalog | TABLE_NAME=pg_class"} {
		if !strings.Contains(got["## 1"], "TABLE_SCHEM="+table+" | ") {
			t.Errorf("getTables of all schemas lacks %s:\n%.2000s", table, got["## 1"])
		}
		if !strings.Contains(got["## 2"], "TABLE_SCHEM="+table+" | COLUMN_NAME=") {
			t.Errorf("getColumns of all schemas lacks the columns of %s:\n%.2000s", table, got["## 2"])
		}
	}
}
