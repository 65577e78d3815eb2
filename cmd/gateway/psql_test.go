package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"auger/internal/testenv"
)

// psqlObjects are what psql's meta-commands describe: a table with a
// primary key, indexes, defaults, a NOT NULL column and comments, a table
// with a foreign key and a check, a view and a materialized view.
const psqlObjects = `
CREATE TABLE items (id integer PRIMARY KEY, name varchar(40) NOT NULL DEFAULT 'unnamed',
	price numeric(10,2), created timestamptz DEFAULT now());
COMMENT ON TABLE items IS 'Things for sale';
COMMENT ON COLUMN items.name IS 'What it is called';
CREATE INDEX items_name ON items (name);
CREATE UNIQUE INDEX items_price_name ON items (price, name);
CREATE TABLE orders (id int PRIMARY KEY, item_id int REFERENCES items (id), qty int CHECK (qty > 0));
CREATE VIEW cheap_items AS SELECT id, name FROM items WHERE price < 10;
CREATE MATERIALIZED VIEW item_count AS SELECT count(*) AS n FROM items;`

// psqlGateway is a gateway over a fresh database holding psqlObjects,
// with that database's public schema as postgresql.public; it returns
// the database's URL and the gateway's address.
func psqlGateway(t *testing.T) (pgURL, addr string) {
	t.Helper()
	pgURL = testenv.CreateDatabase(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, psqlObjects); err != nil {
		t.Fatal(err)
	}
	pg, err := pgconn.ParseConfig(pgURL)
	if err != nil {
		t.Fatal(err)
	}
	config := map[string]any{"storage": map[string]any{"postgresql": map[string]any{
		"type": "jdbc", "driver": "org.postgresql.Driver", "enabled": true, "username": pg.User,
		"url":      fmt.Sprintf("jdbc:postgresql://%s:%d/%s?sslmode=disable", pg.Host, pg.Port, pg.Database),
		"password": "${AUGER_TEST_PG_PASSWORD}",
	}}}
	data, err := json.Marshal(config)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "storage-plugins.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return pgURL, serveConfig(t, path)
}

// serveConfig starts a gateway of its own on a configuration, stopped
// when the test ends.
func serveConfig(t *testing.T, config string) string {
	t.Helper()
	addr := freeAddr(t)
	cmd, logs := startGateway(t, "--config", config, "--listen", addr)
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	if err := waitForPort(addr, 10*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	return addr
}

// runPsql runs psql's commands in one session and returns what it
// prints, unaligned (fields separated by |). schema, when given, is
// made the default schema first, its own output discarded.
func runPsql(t *testing.T, url, schema string, commands ...string) string {
	t.Helper()
	args := []string{"-X", "-A", "-v", "ON_ERROR_STOP=1", url}
	if schema != "" {
		args = append(args, "-c", `\o /dev/null`, "-c", "USE "+schema, "-c", `\o`)
	}
	for _, c := range commands {
		args = append(args, "-c", c)
	}
	cmd := exec.Command(testenv.Psql(t), args...)
	cmd.Env = append(os.Environ(), "PGTZ=UTC", "PGCLIENTENCODING=UTF8", "COLUMNS=200")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("psql %q: %v\n%s", commands, err, out)
	}
	return string(out)
}

// asAuger rewrites PostgreSQL's output as Auger shows the same objects:
// the schema public is postgresql.public and every object is the
// catalog's one role's.
func asAuger(out, owner string) string {
	out = strings.ReplaceAll(out, `"public.`, `"postgresql.public.`)
	lines := strings.Split(out, "\n")
	for i, line := range lines {
		fields := strings.Split(line, "|")
		for j, f := range fields {
			switch f {
			case "public":
				fields[j] = "postgresql.public"
			case owner, "pg_database_owner":
				fields[j] = "auger"
			}
		}
		lines[i] = strings.Join(fields, "|")
	}
	return strings.Join(lines, "\n")
}

// keepRows keeps a listing's header, its rows whose first field is one of
// schemas, and none of its row count.
func keepRows(out string, schemas ...string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	kept := lines[:2] // the title and the header
	for _, line := range lines[2:] {
		for _, s := range schemas {
			if strings.HasPrefix(line, s+"|") {
				kept = append(kept, line)
			}
		}
	}
	return strings.Join(kept, "\n")
}

var timing = regexp.MustCompile(`Time: [0-9.]+ ms`)

func TestPsqlMetaCommandsMatchPostgres(t *testing.T) {
	pgURL, addr := psqlGateway(t)
	augerURL := fmt.Sprintf("postgres://analyst@%s/anydb?sslmode=disable", addr)
	pg, _ := pgconn.ParseConfig(pgURL)
	same := []string{`\dt`, `\dv`, `\dm`, `\di`, `\dn`, `\df`, `\d items`, `\d+ items`, `\d orders`, `\d cheap_items`,
		`\d+ cheap_items`, `\d item_count`, `\d items_pkey`, `\d "postgresql.public".items`}
	for _, c := range same {
		direct := c
		if strings.Contains(c, `"postgresql.public"`) {
			direct = strings.ReplaceAll(c, `"postgresql.public"`, "public")
		}
		want := asAuger(runPsql(t, pgURL, "", direct), pg.User)
		got := runPsql(t, augerURL, "postgresql.public", c)
		if got != want {
			t.Errorf("psql %s differs from PostgreSQL's:\n%s\nwant:\n%s", c, got, want)
		}
	}
	for _, c := range []string{`\dt *.*`, `\d *.items`} {
		want := keepRows(asAuger(runPsql(t, pgURL, "", c), pg.User), "postgresql.public")
		got := keepRows(runPsql(t, augerURL, "", c), "postgresql.public")
		if got != want {
			t.Errorf("psql %s differs from PostgreSQL's:\n%s\nwant:\n%s", c, got, want)
		}
	}
	for _, c := range []struct{ toggle, shows string }{{`\x`, "a|1\nb|b"}, {`\timing`, "Time: ms"}} {
		cmds := []string{c.toggle, "SELECT 1 AS a, 'b' AS b"}
		want := timing.ReplaceAllString(runPsql(t, pgURL, "", cmds...), "Time: ms")
		got := timing.ReplaceAllString(runPsql(t, augerURL, "", cmds...), "Time: ms")
		if got != want || !strings.Contains(got, c.shows) {
			t.Errorf("psql %v:\n%s\nwant:\n%s", cmds, got, want)
		}
	}
	list := strings.Split(runPsql(t, augerURL, "", `\l`), "\n")
	wantList := strings.Split(runPsql(t, pgURL, "", `\l`), "\n")
	if list[1] != wantList[1] || list[2] != "auger|auger|UTF8|C.UTF-8|C.UTF-8||libc|" {
		t.Errorf("psql \\l:\n%s\nwant the header %s", strings.Join(list, "\n"), wantList[1])
	}
}
