// Package testenv gives tests real servers: a PostgreSQL (from
// AUGER_TEST_PG_URL, the one on 127.0.0.1:5432, or a throwaway cluster
// started from the installed binaries) and a versitygw S3 server built with
// `go install` and started on loopback. Tests never run against mocks.
package testenv

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

var (
	pgOnce    sync.Once
	pgURL     string
	pgErr     error
	pgCluster string // data dir of a cluster this process started
	pgRunAs   []string
)

// PostgresURL returns the URL of a real PostgreSQL server's postgres
// database, finding or starting one on first use.
func PostgresURL(t testing.TB) string {
	t.Helper()
	pgOnce.Do(func() { pgURL, pgErr = findPostgres() })
	if pgErr != nil {
		t.Fatalf("no PostgreSQL for the tests: %v", pgErr)
	}
	return pgURL
}

func findPostgres() (string, error) {
	if u := os.Getenv("AUGER_TEST_PG_URL"); u != "" {
		return u, nil
	}
	local := "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	if answers(local) {
		return local, nil
	}
	return startCluster()
}

func answers(url string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return false
	}
	conn.Close(ctx)
	return true
}

// pgBinary finds initdb or pg_ctl on PATH or under /usr/lib/postgresql.
func pgBinary(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	if len(matches) == 0 {
		return "", fmt.Errorf("%s not found: install PostgreSQL's server binaries", name)
	}
	return matches[len(matches)-1], nil
}

// startCluster runs initdb and pg_ctl in a temporary folder, as a
// non-root user when the tests run as root (PostgreSQL refuses root).
func startCluster() (string, error) {
	initdb, err := pgBinary("initdb")
	if err != nil {
		return "", err
	}
	pgctl, err := pgBinary("pg_ctl")
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "auger-pg")
	if err != nil {
		return "", err
	}
	if err := prepareOwner(dir); err != nil {
		return "", err
	}
	port, err := freePort()
	if err != nil {
		return "", err
	}
	data := filepath.Join(dir, "data")
	if out, err := runPG(initdb, "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"); err != nil {
		return "", fmt.Errorf("initdb: %v: %s", err, out)
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", port, dir)
	if out, err := runPG(pgctl, "-D", data, "-o", opts, "-l", filepath.Join(dir, "log"), "-w", "start"); err != nil {
		return "", fmt.Errorf("pg_ctl start: %v: %s", err, out)
	}
	pgCluster = data
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port), nil
}

// prepareOwner picks the user the cluster runs as and gives it dir.
func prepareOwner(dir string) error {
	if os.Geteuid() != 0 {
		return nil
	}
	name := "postgres"
	if _, err := user.Lookup(name); err != nil {
		name = "nobody"
	}
	pgRunAs = []string{"runuser", "-u", name, "--"}
	return exec.Command("chown", "-R", name, dir).Run()
}

func runPG(bin string, args ...string) (string, error) {
	full := append(append([]string{}, pgRunAs...), append([]string{bin}, args...)...)
	out, err := exec.Command(full[0], full[1:]...).CombinedOutput()
	return string(out), err
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// StopServers stops what this process started; call it from TestMain.
func StopServers() {
	dropSharedDatabases()
	if pgCluster != "" {
		pgctl, err := pgBinary("pg_ctl")
		if err == nil {
			runPG(pgctl, "-D", pgCluster, "-m", "immediate", "stop")
		}
		os.RemoveAll(filepath.Dir(pgCluster))
		pgCluster = ""
	}
}

// withDatabase returns url with another database name.
func withDatabase(url, db string) string {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return url
	}
	return fmt.Sprintf("postgres://%s@%s:%d/%s?sslmode=disable", cfg.User, cfg.Host, cfg.Port, db)
}

func recreate(t testing.TB, name string) string {
	base := PostgresURL(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect %s: %v", base, err)
	}
	defer conn.Close(ctx)
	ident := pgx.Identifier{name}.Sanitize()
	// Byte-order collation, the order Auger sorts text in, whatever the
	// server's default locale.
	create := "CREATE DATABASE " + ident + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
	for _, stmt := range []string{"DROP DATABASE IF EXISTS " + ident + " WITH (FORCE)", create} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	return withDatabase(base, name)
}

// CreateDatabase makes a fresh database for one test and drops it when the
// test ends.
func CreateDatabase(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("auger_test_%d_%d", os.Getpid(), time.Now().UnixNano())
	url := recreate(t, name)
	t.Cleanup(func() { drop(name) })
	return url
}

var (
	sharedMu  sync.Mutex
	sharedDBs []string
)

// SharedDatabase makes a fresh database that lives until StopServers, for
// fixtures shared by the tests of a package.
func SharedDatabase(t testing.TB, name string) string {
	t.Helper()
	name = fmt.Sprintf("%s_%d", strings.ToLower(name), os.Getpid())
	url := recreate(t, name)
	sharedMu.Lock()
	sharedDBs = append(sharedDBs, name)
	sharedMu.Unlock()
	return url
}

func dropSharedDatabases() {
	sharedMu.Lock()
	defer sharedMu.Unlock()
	for _, n := range sharedDBs {
		drop(n)
	}
	sharedDBs = nil
}

func drop(name string) {
	if pgURL == "" {
		return
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		return
	}
	defer conn.Close(ctx)
	conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
}
