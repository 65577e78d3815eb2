package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"auger/internal/testenv"
)

func TestErrorsCarrySQLStates(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	cases := []struct {
		sql, code, message string
	}{
		{"SELEC 1", "42601", `syntax error at or near "SELEC"`},
		{`SELECT * FORM postgresql.public."Users"`, "42601", "syntax error"},
		{"SELECT * FROM nosuch.schema.t", "3F000", `schema "nosuch.schema" does not exist`},
		{"USE nowhere", "3F000", `"nowhere"`},
		{"SHOW TABLES IN dfs.nope", "3F000", "dfs.nope"},
		{`SELECT * FROM postgresql.public.nosuch`, "42P01", "nosuch"},
		{"SELECT * FROM dfs.data.`missing.parquet`", "42P01", "missing.parquet"},
		{"SELECT * FROM nosuch", "42P01", "no default schema"},
		{`SELECT nosuch FROM postgresql.public."Users"`, "42703", `column "nosuch" does not exist`},
		{"SELECT nosuch FROM dfs.data.`users.parquet`", "42703", `column "nosuch" does not exist`},
		{"SELECT * FROM dfs.data.`corrupt.parquet`", "58030", "corrupt.parquet"},
		{"SELECT * FROM downpg.public.t", "08001", "downpg"},
		{"SHOW TABLES IN downpg.public", "08001", "downpg"},
		{`SELECT * FROM postgresql.public."Users" WHERE "UserID" = 'abc'`, "22P02", "invalid input syntax for type integer"},
		{`SELECT * FROM postgresql.public."Users" WHERE "Username"`, "42804", "must be type boolean"},
		{`SELECT "UserID" FROM postgresql.public."Users" ORDER BY 2`, "42P10", "ORDER BY position 2 is not in select list"},
		{"SELECT \"UserID\" FROM dfs.data.`users.parquet` ORDER BY nosuch", "42703", `column "nosuch" does not exist`},
	}
	for _, c := range cases {
		_, err := textQuery(t, conn, c.sql)
		pgErr, ok := err.(*pgconn.PgError)
		if !ok {
			t.Errorf("%s: error %v, want SQLSTATE %s", c.sql, err, c.code)
			continue
		}
		if pgErr.Code != c.code || !strings.Contains(pgErr.Message, c.message) {
			t.Errorf("%s: got %s %q, want %s containing %q", c.sql, pgErr.Code, pgErr.Message, c.code, c.message)
		}
	}
	// The connection still works after every error.
	if r := mustText(t, conn, `SELECT "UserID" FROM postgresql.public."Users" WHERE "UserID" = 1`); r.String() != "UserID\n1" {
		t.Errorf("after errors: %s", r)
	}
	if !strings.Contains(f.logs.String(), "statement failed") {
		t.Errorf("failed statements are not logged")
	}
}

// TestErrorsDoNotDisturbOthers runs failing and succeeding queries on many
// connections at once.
func TestErrorsDoNotDisturbOthers(t *testing.T) {
	f := gateway(t)
	var wg sync.WaitGroup
	errs := make(chan string, 8*10+8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			conn, err := pgx.Connect(context.Background(), "postgres://u@"+f.addr+"/db?sslmode=disable")
			if err != nil {
				errs <- err.Error()
				return
			}
			defer conn.Close(context.Background())
			for j := 0; j < 10; j++ {
				if (i+j)%2 == 0 {
					if _, err := textQuery(t, conn, "SELECT * FROM dfs.data.`corrupt.parquet`"); sqlState(err) != "58030" {
						errs <- "corrupt file: " + err.Error()
					}
					continue
				}
				r, err := textQuery(t, conn, "SELECT \"UserID\" FROM s3.warehouse.`users.parquet` WHERE \"UserID\" = 9")
				if err != nil || r.String() != "UserID\n9" {
					errs <- "good query failed"
				}
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestPsql drives the gateway with the real psql client.
func TestPsql(t *testing.T) {
	f := gateway(t)
	psql := testenv.Psql(t)
	host, port := splitAddr(f.addr)
	run := func(sql string) (string, error) {
		cmd := exec.Command(psql, "-X", "-A", "-F", "|", "-h", host, "-p", port, "-U", "anyone", "-d", "anydb",
			"-v", "VERBOSITY=verbose", "-c", sql)
		cmd.Env = append(os.Environ(), "PGCONNECT_TIMEOUT=5")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run("USE postgresql.public; SHOW TABLES;")
	if err != nil {
		t.Fatalf("psql: %v\n%s", err, out)
	}
	for _, want := range []string{"ok|summary", "t|Default schema changed to [postgresql.public]",
		"TABLE_SCHEMA|TABLE_NAME", "postgresql.public|Users", "(6 rows)"} {
		if !strings.Contains(out, want) {
			t.Errorf("psql output lacks %q:\n%s", want, out)
		}
	}
	out, err = run(`SELECT "Username", balance, created_at FROM postgresql.public."Users" WHERE "UserID" = 42`)
	if err != nil || !strings.Contains(out, "Bob_42|") || !strings.Contains(out, "(1 row)") {
		t.Errorf("psql SELECT: %v\n%s", err, out)
	}
	out, err = run("SELECT * FROM dfs.data.`nope.parquet`")
	if err == nil || !strings.Contains(out, "ERROR:  42P01") {
		t.Errorf("psql error output: %v\n%s", err, out)
	}
}

func splitAddr(addr string) (string, string) {
	i := strings.LastIndex(addr, ":")
	return addr[:i], addr[i+1:]
}

// TestBadConfigStopsStartup checks that start-up fails with a message
// naming the plugin and field.
func TestBadConfigStopsStartup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.json")
	bad := `{"storage": {"warehouse_pg": {"type": "jdbc", "url": "mysql://h/db", "enabled": true}}}`
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(gatewayBinary, "--config", path, "--listen", "127.0.0.1:0").CombinedOutput()
	if err == nil {
		t.Fatalf("gateway started on a bad config:\n%s", out)
	}
	if !strings.Contains(string(out), `storage plugin "warehouse_pg": field "url"`) {
		t.Errorf("message does not name plugin and field:\n%s", out)
	}
}

// TestBundledConfigAndShutdown starts the gateway on the bundled
// configuration, as README says, queries the sample data and stops it with
// SIGTERM.
func TestBundledConfigAndShutdown(t *testing.T) {
	addr := freeAddr(t)
	cmd, logs := startGateway(t, "--config", "../../conf/storage-plugins.json", "--listen", addr)
	defer cmd.Process.Kill()
	if err := waitForPort(addr, 10*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	conn, err := pgx.Connect(context.Background(), "postgres://someone@"+addr+"/x?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	r := mustText(t, conn, "SELECT * FROM dfs.data.`sales_by_year` LIMIT 10")
	if len(r.Rows) != 10 {
		t.Errorf("sample sales_by_year LIMIT 10 gave %d rows", len(r.Rows))
	}
	r = mustText(t, conn, "SHOW TABLES IN dfs.data")
	if !contains(cells(r, 1), "users.parquet", "sales_by_year") {
		t.Errorf("sample data tables: %s", r)
	}
	conn.Close(context.Background())
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("gateway exited with %v after SIGTERM\n%s", err, logs)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("gateway did not stop within 10s of SIGTERM")
	}
	if !strings.Contains(logs.String(), "connection opened") || !strings.Contains(logs.String(), "shutting down") {
		t.Errorf("expected connection and shutdown log lines:\n%s", logs)
	}
}
