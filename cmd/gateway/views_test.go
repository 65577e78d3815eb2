package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// viewsGateway starts a gateway of its own whose dfs.views workspace, a
// fresh folder, is writable, beside the fixture's dfs.data (read only) and
// its PostgreSQL database; it returns the gateway's address and the folder.
func viewsGateway(t *testing.T) (addr, folder string) {
	f := gateway(t)
	folder = t.TempDir()
	pg, err := pgconn.ParseConfig(f.pgURL)
	if err != nil {
		t.Fatal(err)
	}
	storage := map[string]any{
		"dfs": map[string]any{"type": "file", "connection": "file:///", "enabled": true,
			"workspaces": map[string]any{
				"data":  map[string]any{"location": f.dataDir, "writable": false},
				"views": map[string]any{"location": folder, "writable": true},
			}},
		"postgresql": map[string]any{"type": "jdbc", "enabled": true,
			"url":      fmt.Sprintf("jdbc:postgresql://%s:%d/%s?sslmode=disable", pg.Host, pg.Port, pg.Database),
			"username": pg.User},
	}
	data, err := json.Marshal(map[string]any{"storage": storage})
	if err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(t.TempDir(), "storage-plugins.json")
	if err := os.WriteFile(config, data, 0o644); err != nil {
		t.Fatal(err)
	}
	addr = freeAddr(t)
	cmd, logs := startGateway(t, "--config", config, "--listen", addr)
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	if err := waitForPort(addr, 10*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	return addr, folder
}

// connectNoticing opens a connection to addr that collects the notices it
// receives.
func connectNoticing(t *testing.T, addr string, notices *[]string) *pgx.Conn {
	cfg, err := pgx.ParseConfig(fmt.Sprintf("postgres://analyst@%s/test?sslmode=disable", addr))
	if err != nil {
		t.Fatal(err)
	}
	cfg.OnNotice = func(_ *pgconn.PgConn, n *pgconn.Notice) { *notices = append(*notices, n.Message) }
	conn, err := pgx.ConnectConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// crossSourceQuery joins PostgreSQL's Users with the same rows in Parquet.
const crossSourceQuery = `SELECT p."UserID", p."Username", q.score FROM postgresql.public."Users" p
JOIN dfs.data.` + "`users.parquet`" + ` q ON p."UserID" = q."UserID" WHERE q.score > 50`

// TestViews creates a view over two sources, lists it, queries it from
// another session and schema, replaces it with renamed columns, and drops
// it, comparing its rows with PostgreSQL's and checking the Drill file it
// is kept in.
func TestViews(t *testing.T) {
	addr, folder := viewsGateway(t)
	var notices []string
	conn := connectNoticing(t, addr, &notices)
	exec := func(sql string) error { _, err := conn.Exec(context.Background(), sql); return err }
	if err := exec("CREATE VIEW dfs.views.rich AS " + crossSourceQuery); err != nil {
		t.Fatal(err)
	}
	want := mustText(t, gateway(t).direct(t), `SELECT "UserID", "Username", score FROM "Users" WHERE score > 50 ORDER BY 1`)
	if got := mustText(t, conn, "SELECT * FROM dfs.views.rich ORDER BY 1"); !reflect.DeepEqual(got.Rows, want.Rows) || len(want.Rows) == 0 {
		t.Errorf("view rows:\n%s\nwant:\n%s", got, want)
	}
	checkViewFile(t, filepath.Join(folder, "rich.view.drill"))
	checkShowFiles(t, conn, filepath.Join(folder, "rich.view.drill"))
	if got := mustText(t, conn, "SHOW TABLES IN dfs.views"); got.String() != "TABLE_SCHEMA | TABLE_NAME\ndfs.views | rich" {
		t.Errorf("SHOW TABLES:\n%s", got)
	}
	if got := mustText(t, conn, "SELECT table_type FROM information_schema.tables WHERE table_schema = 'dfs.views'"); got.String() != "table_type\nVIEW" {
		t.Errorf("information_schema.tables:\n%s", got)
	}
	if err := exec("CREATE VIEW dfs.views.rich AS SELECT 1"); sqlState(err) != "42P07" {
		t.Errorf("CREATE VIEW over a view: %v, want 42P07", err)
	}
	if err := exec("CREATE OR REPLACE VIEW dfs.views.rich (id, name) AS SELECT \"UserID\", \"Username\" FROM postgresql.public.\"Users\" WHERE \"UserID\" < 3"); err != nil {
		t.Fatal(err)
	}
	replaced := mustText(t, gateway(t).direct(t), `SELECT "Username" AS name, "UserID" AS id FROM "Users" WHERE "UserID" < 3 ORDER BY id`)
	if got := mustText(t, conn, "SELECT name, id FROM dfs.views.rich ORDER BY id"); got.String() != replaced.String() || len(replaced.Rows) == 0 {
		t.Errorf("replaced view:\n%s\nwant:\n%s", got, replaced)
	}
	if err := exec("DROP VIEW dfs.views.rich"); err != nil {
		t.Fatal(err)
	}
	if _, err := textQuery(t, conn, "SELECT * FROM dfs.views.rich"); sqlState(err) != "42P01" {
		t.Errorf("a dropped view: %v, want 42P01", err)
	}
	if err := exec("DROP VIEW dfs.views.rich"); sqlState(err) != "42P01" {
		t.Errorf("DROP VIEW of nothing: %v, want 42P01", err)
	}
	if err := exec("DROP VIEW IF EXISTS dfs.views.rich"); err != nil || len(notices) != 1 || notices[0] != `view "rich" does not exist, skipping` {
		t.Errorf("DROP VIEW IF EXISTS: %v, notices %q", err, notices)
	}
	if entries, _ := os.ReadDir(folder); len(entries) != 0 {
		t.Errorf("the workspace still holds %v", entries)
	}
}

// checkViewFile reads a stored view as Drill would: its JSON fields.
func checkViewFile(t *testing.T, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var view struct {
		Name   string `json:"name"`
		SQL    string `json:"sql"`
		Fields []struct {
			Name       string `json:"name"`
			Type       string `json:"type"`
			IsNullable bool   `json:"isNullable"`
		} `json:"fields"`
		WorkspaceSchemaPath []string `json:"workspaceSchemaPath"`
	}
	if err := json.Unmarshal(data, &view); err != nil {
		t.Fatalf("%s: %v\n%s", path, err, data)
	}
	if view.Name != "rich" || !strings.Contains(view.SQL, `JOIN dfs.data.`) || len(view.Fields) != 3 ||
		view.Fields[0].Name != "UserID" || view.Fields[0].Type != "INTEGER" || view.Fields[2].Type != "DOUBLE" {
		t.Errorf("view file:\n%s", data)
	}
}

// TestViewNamesResolveWhereWritten shows a view's unqualified names
// resolving in the schema the view was created under, not in the schema of
// the session that reads it, and a view written by Drill (backticks and
// all) read as it is.
func TestViewNamesResolveWhereWritten(t *testing.T) {
	addr, folder := viewsGateway(t)
	var notices []string
	writer := connectNoticing(t, addr, &notices)
	mustText(t, writer, "USE dfs.data")
	if _, err := writer.Exec(context.Background(), "CREATE VIEW dfs.views.counted AS SELECT count(*) AS n FROM `users.parquet`"); err != nil {
		t.Fatal(err)
	}
	drill := `{
  "name" : "drillmade",
  "sql" : "SELECT ` + "`UserID`" + ` AS id FROM ` + "`dfs`.`data`.`users.parquet`" + ` WHERE ` + "`UserID`" + ` < 3",
  "fields" : [ {
    "name" : "id",
    "type" : "INTEGER",
    "isNullable" : true
  } ],
  "workspaceSchemaPath" : [ "dfs", "views" ]
}`
	if err := os.WriteFile(filepath.Join(folder, "drillmade.view.drill"), []byte(drill), 0o644); err != nil {
		t.Fatal(err)
	}
	reader := connectNoticing(t, addr, &notices)
	mustText(t, reader, "USE postgresql.public")
	want := mustText(t, gateway(t).direct(t), `SELECT count(*) AS n FROM "Users"`)
	if got := mustText(t, reader, "SELECT n FROM dfs.views.counted"); !reflect.DeepEqual(got.Rows, want.Rows) {
		t.Errorf("count through the view: %s, want %s", got, want)
	}
	if got := mustText(t, reader, "SELECT id FROM dfs.views.drillmade ORDER BY id"); got.String() != "id\n1\n2" {
		t.Errorf("Drill's view:\n%s", got)
	}
	if _, err := reader.Exec(context.Background(), "CREATE VIEW dfs.data.v AS SELECT 1"); sqlState(err) != "42501" ||
		!strings.Contains(err.Error(), "Schema [dfs.data] is immutable") {
		t.Errorf("CREATE VIEW in a read-only workspace: %v", err)
	}
}

// checkShowFiles compares SHOW FILES's row for a file with what the
// operating system says of it.
func checkShowFiles(t *testing.T, conn *pgx.Conn, path string) {
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	files := mustText(t, conn, "SHOW FILES IN dfs.views")
	want := []string{filepath.Base(path), "f", "t", fmt.Sprint(st.Size()), st.Mode().Perm().String()[1:],
		st.ModTime().UTC().Format("2006-01-02 15:04:05")}
	if len(files.Rows) != 1 || len(files.Rows[0]) != 9 {
		t.Fatalf("SHOW FILES:\n%s", files)
	}
	row := files.Rows[0]
	got := []string{*row[0], *row[1], *row[2], *row[3], *row[6], (*row[8])[:min(19, len(*row[8]))]}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SHOW FILES:\n%s\nwant %q", files, want)
	}
	if strings.Join(files.Columns, ",") != "name,isDirectory,isFile,length,owner,group,permissions,accessTime,modificationTime" {
		t.Errorf("SHOW FILES columns: %v", files.Columns)
	}
}
