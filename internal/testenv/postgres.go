package testenv

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// localPostgres is the server tried when AUGER_TEST_PG_URL is not set.
const localPostgres = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

var (
	pgOnce    sync.Once
	pgURL     string
	pgErr     error
	pgStarted *cluster // the cluster this process started, if any
)

// PostgresURL returns the URL of a real PostgreSQL server's postgres
// database (as a superuser): AUGER_TEST_PG_URL when set, else the server on
// 127.0.0.1:5432 when it answers, else a cluster this test process starts
// once from the installed binaries. It fails the test when none can be had.
func PostgresURL(t testing.TB) string {
	t.Helper()
	url, err := Postgres()
	if err != nil {
		t.Fatalf("testenv: no PostgreSQL for the tests: %v", err)
	}
	return url
}

// Postgres is PostgresURL for a program that is not a test (the
// benchmark): the same server, or why there is none. Call StopServers
// before the program ends.
func Postgres() (string, error) {
	pgOnce.Do(func() { pgURL, pgErr = findPostgres() })
	return pgURL, pgErr
}

func findPostgres() (string, error) {
	if u := os.Getenv("AUGER_TEST_PG_URL"); u != "" {
		if err := ping(u); err != nil {
			return "", fmt.Errorf("AUGER_TEST_PG_URL does not answer: %w", err)
		}
		return u, nil
	}
	if ping(localPostgres) == nil {
		return localPostgres, nil
	}
	c, err := startCluster()
	if err != nil {
		return "", fmt.Errorf("nothing answers on 127.0.0.1:5432 and no cluster could be started: %w", err)
	}
	pgStarted = c
	return c.URL, nil
}

// ping connects to url and runs a query.
func ping(url string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "SELECT 1")
	return err
}

// StopServers drops the databases SharedDatabase made and stops the
// PostgreSQL cluster this process started, if it started one. Call it from
// TestMain after m.Run.
func StopServers() {
	dropSharedDatabases()
	if pgStarted != nil {
		pgStarted.stop()
		pgStarted = nil
	}
}

// cluster is a throwaway PostgreSQL cluster in a temporary folder, listening
// on loopback only, with trust authentication for the superuser postgres.
type cluster struct {
	URL   string // postgres://postgres@127.0.0.1:port/postgres?sslmode=disable
	dir   string
	data  string
	runAs []string // command prefix that runs a program as the cluster's owner
}

// startCluster runs initdb and pg_ctl (found on PATH or under
// /usr/lib/postgresql/*/bin) in a new temporary folder on a free loopback
// port. When the tests run as root it runs them as the user postgres, or
// nobody, since PostgreSQL refuses to run as root.
func startCluster() (*cluster, error) {
	initdb, err := pgBinary("initdb")
	if err != nil {
		return nil, err
	}
	pgctl, err := pgBinary("pg_ctl")
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "auger-pg")
	if err != nil {
		return nil, err
	}
	c := &cluster{dir: dir, data: filepath.Join(dir, "data")}
	if err := c.start(initdb, pgctl); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return c, nil
}

func (c *cluster) start(initdb, pgctl string) error {
	runAs, err := prepareOwner(c.dir)
	if err != nil {
		return err
	}
	c.runAs = runAs
	if out, err := c.run(initdb, "-D", c.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"); err != nil {
		return fmt.Errorf("initdb: %v\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", port, c.dir)
	logFile := filepath.Join(c.dir, "log")
	if out, err := c.run(pgctl, "-D", c.data, "-o", opts, "-l", logFile, "-w", "-t", "60", "start"); err != nil {
		logs, _ := os.ReadFile(logFile)
		return fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, logs)
	}
	c.URL = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	return nil
}

// stop shuts the cluster down and removes its folder.
func (c *cluster) stop() {
	if pgctl, err := pgBinary("pg_ctl"); err == nil {
		c.run(pgctl, "-D", c.data, "-m", "fast", "-w", "stop")
	}
	os.RemoveAll(c.dir)
}

func (c *cluster) run(bin string, args ...string) (string, error) {
	full := append(append(append([]string{}, c.runAs...), bin), args...)
	out, err := exec.Command(full[0], full[1:]...).CombinedOutput()
	return string(out), err
}

// pgBinary finds a PostgreSQL server program on PATH or under
// /usr/lib/postgresql (the newest version there).
func pgBinary(name string) (string, error) {
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	if len(matches) == 0 {
		return "", fmt.Errorf("%s is neither on PATH nor under /usr/lib/postgresql/*/bin: install PostgreSQL's server binaries", name)
	}
	newest := matches[0]
	for _, m := range matches[1:] {
		if pgVersion(m) > pgVersion(newest) {
			newest = m
		}
	}
	return newest, nil
}

// pgVersion reads the major version from /usr/lib/postgresql/N/bin/prog.
func pgVersion(path string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(path))))
	return n
}

// prepareOwner returns the command prefix that runs PostgreSQL's programs
// as a non-root user when the tests run as root, and gives dir to that user.
func prepareOwner(dir string) ([]string, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	name := "postgres"
	if _, err := user.Lookup(name); err != nil {
		name = "nobody"
	}
	runuser, err := exec.LookPath("runuser")
	if err != nil {
		return nil, fmt.Errorf("running as root, PostgreSQL must run as another user, and runuser is missing: %w", err)
	}
	if out, err := exec.Command("chown", "-R", name, dir).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("chown %s %s: %v: %s", name, dir, err, out)
	}
	return []string{runuser, "-u", name, "--"}, nil
}

// freePort asks the kernel for a loopback port nobody listens on.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// databaseURL returns base (a URL or keyword/value connection string) as a
// URL naming another database, keeping the user, password and parameters.
func databaseURL(base, db string) (string, error) {
	if u, err := url.Parse(base); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		u.Path, u.RawPath = "/"+db, ""
		q := u.Query()
		q.Del("dbname")
		u.RawQuery = q.Encode()
		return u.String(), nil
	}
	cfg, err := pgx.ParseConfig(base)
	if err != nil {
		return "", err
	}
	u := &url.URL{Scheme: "postgres", Host: net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))), Path: "/" + db}
	u.User = url.User(cfg.User)
	if cfg.Password != "" {
		u.User = url.UserPassword(cfg.User, cfg.Password)
	}
	if cfg.TLSConfig == nil {
		u.RawQuery = "sslmode=disable"
	}
	return u.String(), nil
}

// dbSeq tells apart the databases one test process makes in the same
// nanosecond.
var dbSeq atomic.Int64

// CreateDatabase makes a fresh, uniquely named database (UTF8, byte-order
// "C" collation) for one test, drops it WITH (FORCE) when the test ends, and
// returns its URL.
func CreateDatabase(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("auger_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano(), dbSeq.Add(1))
	url := recreate(t, name)
	t.Cleanup(func() {
		if err := drop(name); err != nil {
			t.Errorf("testenv: drop database %s: %v", name, err)
		}
	})
	return url
}

var (
	sharedMu  sync.Mutex
	sharedDBs []string
)

// SharedDatabase makes a fresh database named after name and the process
// that lives until StopServers, for fixtures shared by a package's tests.
func SharedDatabase(t testing.TB, name string) string {
	t.Helper()
	name = fmt.Sprintf("%s_%d", strings.ToLower(name), os.Getpid())
	url := recreate(t, name)
	sharedMu.Lock()
	sharedDBs = append(sharedDBs, name)
	sharedMu.Unlock()
	return url
}

// recreate drops a database of that name, if any, and creates it afresh.
func recreate(t testing.TB, name string) string {
	t.Helper()
	base := PostgresURL(t)
	ident := pgx.Identifier{name}.Sanitize()
	// Byte-order collation, the order Auger sorts text in, whatever the
	// server's default locale.
	create := "CREATE DATABASE " + ident + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
	if err := admin(base, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)", create); err != nil {
		t.Fatalf("testenv: create database %s: %v", name, err)
	}
	url, err := databaseURL(base, name)
	if err != nil {
		t.Fatalf("testenv: %v", err)
	}
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

func drop(name string) error {
	if pgURL == "" {
		return nil
	}
	return admin(pgURL, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
}

// admin runs statements on the server's maintenance database.
func admin(base string, stmts ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	for _, stmt := range stmts {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return nil
}
