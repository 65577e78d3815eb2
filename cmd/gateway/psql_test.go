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
CREATE INDEX items_created ON items USING hash (created);
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
// session user's (owner is PostgreSQL's; "" leaves owners be).
func asAuger(out, owner string) string {
	out = strings.ReplaceAll(out, `"public.`, `"postgresql.public.`)
	lines := strings.Split(out, "\n")
	for i, line := range lines {
		fields := strings.Split(line, "|")
		for j, f := range fields {
			switch {
			case f == "public":
				fields[j] = "postgresql.public"
			case owner != "" && (f == owner || f == "pg_database_owner"):
				fields[j] = augerUser
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

// augerUser is the user the tests connect to the gateway as; the catalog
// shows it as the owner of everything.
const augerUser = "analyst"

var timing = regexp.MustCompile(`Time: [0-9.]+ ms`)

func TestPsqlMetaCommandsMatchPostgres(t *testing.T) {
	pgURL, addr := psqlGateway(t)
	augerURL := fmt.Sprintf("postgres://analyst@%s/anydb?sslmode=disable", addr)
	pg, _ := pgconn.ParseConfig(pgURL)
	same := []string{`\dt`, `\dt+`, `\dv`, `\dv+`, `\dm`, `\di`, `\dn`, `\df`, `\dp`, `\dT`, `\ds`, `\d+ item_count`, `\d items`, `\d+ items`, `\d orders`, `\d cheap_items`,
		`\d+ cheap_items`, `\d item_count`, `\d items_pkey`, `\d items_created`, `\d "postgresql.public".items`}
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
	if list[1] != wantList[1] || list[2] != "anydb|analyst|UTF8|C.UTF-8|C.UTF-8||libc|" {
		t.Errorf("psql \\l:\n%s\nwant the header %s", strings.Join(list, "\n"), wantList[1])
	}
}

// clientCatalogQueries are catalog queries drivers send, with {S} for the
// schema: JDBC's type lookup (regproc), getColumns (window functions),
// getTables and getPrimaryKeys (composite rows of _pg_expandarray), and
// SQLAlchemy's index and column reflection (int2vector text, ANY over
// indkey, correlated subqueries, regclass casts).
var clientCatalogQueries = []string{
	`SELECT typinput='pg_catalog.array_in'::regproc as is_array, typtype, typname, pg_type.oid FROM pg_catalog.pg_type WHERE pg_type.oid = 1007 ORDER BY pg_type.oid DESC`,
	`SELECT typinput='pg_catalog.array_in'::regproc as is_array, typtype, typname, pg_type.oid FROM pg_catalog.pg_type WHERE pg_type.oid = 23`,
	`SELECT * FROM (SELECT n.nspname,c.relname,a.attname,a.atttypid,a.attnotnull OR (t.typtype = 'd' AND t.typnotnull) AS attnotnull,a.atttypmod,a.attlen,t.typtypmod,row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) AS attnum, nullif(a.attidentity, '') as attidentity,nullif(a.attgenerated, '') as attgenerated,pg_catalog.pg_get_expr(def.adbin, def.adrelid) AS adsrc,dsc.description,t.typbasetype,t.typtype  FROM pg_catalog.pg_namespace n  JOIN pg_catalog.pg_class c ON (c.relnamespace = n.oid)  JOIN pg_catalog.pg_attribute a ON (a.attrelid=c.oid)  JOIN pg_catalog.pg_type t ON (a.atttypid = t.oid)  LEFT JOIN pg_catalog.pg_attrdef def ON (a.attrelid=def.adrelid AND a.attnum = def.adnum)  LEFT JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)  LEFT JOIN pg_catalog.pg_class dc ON (dc.oid=dsc.classoid AND dc.relname='pg_class')  LEFT JOIN pg_catalog.pg_namespace dn ON (dc.relnamespace=dn.oid AND dn.nspname='pg_catalog')  WHERE c.relkind in ('r','p','v','f','m') and a.attnum > 0 AND NOT a.attisdropped  AND n.nspname LIKE '{S}' AND c.relname LIKE 'items') c WHERE true  ORDER BY nspname,c.relname,attnum`,
	`SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM, c.relname AS TABLE_NAME,  CASE n.nspname ~ '^pg_' OR n.nspname = 'information_schema'  WHEN true THEN CASE  WHEN n.nspname = 'pg_catalog' OR n.nspname = 'information_schema' THEN CASE c.relkind   WHEN 'r' THEN 'SYSTEM TABLE'   WHEN 'v' THEN 'SYSTEM VIEW'   WHEN 'i' THEN 'SYSTEM INDEX'   ELSE NULL   END  WHEN n.nspname = 'pg_toast' THEN CASE c.relkind   WHEN 'r' THEN 'SYSTEM TOAST TABLE'   WHEN 'i' THEN 'SYSTEM TOAST INDEX'   ELSE NULL   END  ELSE CASE c.relkind   WHEN 'r' THEN 'TEMPORARY TABLE'   WHEN 'p' THEN 'TEMPORARY TABLE'   WHEN 'i' THEN 'TEMPORARY INDEX'   WHEN 'S' THEN 'TEMPORARY SEQUENCE'   WHEN 'v' THEN 'TEMPORARY VIEW'   ELSE NULL   END  END  WHEN false THEN CASE c.relkind  WHEN 'r' THEN 'TABLE'  WHEN 'p' THEN 'PARTITIONED TABLE'  WHEN 'i' THEN 'INDEX'  WHEN 'S' THEN 'SEQUENCE'  WHEN 'v' THEN 'VIEW'  WHEN 'c' THEN 'TYPE'  WHEN 'f' THEN 'FOREIGN TABLE'  WHEN 'm' THEN 'MATERIALIZED VIEW'  ELSE NULL  END  ELSE NULL  END  AS TABLE_TYPE, d.description AS REMARKS,  '' as TYPE_CAT, '' as TYPE_SCHEM, '' as TYPE_NAME, '' AS SELF_REFERENCING_COL_NAME, '' AS REF_GENERATION  FROM pg_catalog.pg_namespace n, pg_catalog.pg_class c  LEFT JOIN pg_catalog.pg_description d ON (c.oid = d.objoid AND d.objsubid = 0  and d.classoid = 'pg_class'::regclass)  WHERE c.relnamespace = n.oid  AND n.nspname LIKE '{S}' AND c.relname LIKE '%' ORDER BY TABLE_TYPE,TABLE_SCHEM,TABLE_NAME`,
	`SELECT result.TABLE_CAT, result.TABLE_SCHEM, result.TABLE_NAME, result.COLUMN_NAME, result.KEY_SEQ, result.PK_NAME
	FROM (SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM, ct.relname AS TABLE_NAME, a.attname AS COLUMN_NAME,
		(information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ, ci.relname AS PK_NAME,
		information_schema._pg_expandarray(i.indkey) AS KEYS, a.attnum AS A_ATTNUM
	FROM pg_catalog.pg_class ct JOIN pg_catalog.pg_attribute a ON (ct.oid = a.attrelid)
	JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid) JOIN pg_catalog.pg_index i ON (a.attrelid = i.indrelid)
	JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid)
	WHERE true AND n.nspname = E'{S}' AND ct.relname = E'items' AND i.indisprimary) result
	WHERE result.A_ATTNUM = (result.KEYS).x ORDER BY result.table_name, result.pk_name, result.key_seq`,
	`SELECT i.relname, ix.indisunique, a.attname, a.attnum, ix.indkey::varchar, ix.indoption::varchar, am.amname,
		pg_get_expr(ix.indpred, ix.indrelid), ix.indnkeyatts
	FROM pg_class t JOIN pg_index ix ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
	LEFT OUTER JOIN pg_attribute a ON t.oid = a.attrelid AND a.attnum = ANY(ix.indkey)
	LEFT OUTER JOIN pg_am am ON i.relam = am.oid
	WHERE t.relkind IN ('r', 'v', 'f', 'm', 'p') AND t.oid = '"{S}".items'::regclass AND ix.indisprimary = 'f'
	ORDER BY t.relname, i.relname, a.attnum`,
	`SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
		(SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid) FROM pg_catalog.pg_attrdef d
		 WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef) AS DEFAULT,
		a.attnotnull, a.attrelid::regclass::text, pgd.description AS comment
	FROM pg_catalog.pg_attribute a
	LEFT JOIN pg_catalog.pg_description pgd ON (pgd.objoid = a.attrelid AND pgd.objsubid = a.attnum)
	WHERE a.attrelid = (SELECT c.oid FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = '{S}' AND c.relname = 'items' AND c.relkind IN ('r', 'v', 'm', 'f', 'p'))
	AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
	`SELECT c.conname, c.contype::text, pg_get_constraintdef(c.oid, true), c.conrelid::regclass::text,
		c.confrelid::regclass::text, c.conkey, c.confkey
	FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = '{S}' ORDER BY 1`,
	`SELECT obj_description('"{S}".items'::regclass, 'pg_class'), col_description('"{S}".items'::regclass, 2),
		pg_get_indexdef('"{S}".items_name'::regclass) LIKE 'CREATE INDEX items_name ON %items USING btree (name)',
		pg_get_viewdef('"{S}".cheap_items'::regclass, true)`,
}

func TestClientCatalogQueriesMatchPostgres(t *testing.T) {
	pgURL, addr := psqlGateway(t)
	ctx := context.Background()
	direct, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer direct.Close(ctx)
	auger, err := pgx.Connect(ctx, fmt.Sprintf("postgres://analyst@%s/anydb?sslmode=disable", addr))
	if err != nil {
		t.Fatal(err)
	}
	defer auger.Close(ctx)
	// The referencing table's name is qualified when its schema is not the
	// default one, on both sides.
	if _, err := auger.Exec(ctx, "USE postgresql.public", pgx.QueryExecModeSimpleProtocol); err != nil {
		t.Fatal(err)
	}
	for _, q := range clientCatalogQueries {
		want, err := textQuery(t, direct, strings.ReplaceAll(q, "{S}", "public"))
		if err != nil {
			t.Fatalf("%s on PostgreSQL: %v", q, err)
		}
		got, err := textQuery(t, auger, strings.ReplaceAll(q, "{S}", "postgresql.public"))
		if err != nil {
			t.Errorf("%s: %v", q, err)
			continue
		}
		// Cells are separated by | as in psql's unaligned output.
		mapped := asAuger(strings.ReplaceAll(want.String(), " | ", "|"), "")
		if strings.ReplaceAll(got.String(), " | ", "|") != mapped {
			t.Errorf("%s:\n%s\nwant:\n%s", q, got, mapped)
		}
		if len(got.Rows) == 0 {
			t.Errorf("%s: no rows", q)
		}
	}
}
