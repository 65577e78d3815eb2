package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"auger/internal/testenv"
)

var (
	jdbcOnce    sync.Once
	jdbcProgram *testenv.JavaProgram
)

// jdbcScript returns testdata/clients/JdbcScript.java compiled, with
// Debian's JDBC driver.
func jdbcScript(t *testing.T) *testenv.JavaProgram {
	t.Helper()
	jdbcOnce.Do(func() {
		java := testenv.JDBC(t)
		dir := filepath.Join(filepath.Dir(gatewayBinary), "java")
		jdbcProgram = java.Compile(t, dir, "JdbcScript", "testdata/clients/JdbcScript.java")
	})
	if jdbcProgram == nil {
		t.Fatal("JdbcScript did not compile")
	}
	return jdbcProgram
}

// jdbcURL is the JDBC address of the gateway.
func (f *fixture) jdbcURL() string {
	return fmt.Sprintf("jdbc:postgresql://%s/anydb?user=analyst&sslmode=disable", f.addr)
}

// directJDBCURL is the JDBC address of the reference PostgreSQL.
func (f *fixture) directJDBCURL(t *testing.T) string {
	cfg, err := pgconn.ParseConfig(f.pgURL)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("jdbc:postgresql://%s:%d/%s?user=%s&sslmode=disable", cfg.Host, cfg.Port, cfg.Database, cfg.User)
}

// runScript runs a JdbcScript script and returns its output per command,
// keyed by the "## N" line that starts it.
func runJDBC(t *testing.T, url, script string) map[string]string {
	t.Helper()
	out, err := jdbcScript(t).Run(script, url)
	if err != nil {
		t.Fatalf("JdbcScript on %s: %v\noutput:\n%s", url, err, out)
	}
	return sections(out)
}

// sections splits a script's output at its "## N" lines.
func sections(out string) map[string]string {
	parts := map[string]string{}
	var key string
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if strings.HasPrefix(line, "## ") {
			key = line
			continue
		}
		parts[key] += line + "\n"
	}
	return parts
}

// compareScripts runs a script on PostgreSQL and on Auger (with {T}
// naming each source's users table) and reports every command whose
// output differs.
func compareScripts(t *testing.T, f *fixture, file string, sources ...string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	script := string(data)
	lines := strings.Split(script, "\n")
	want := runJDBC(t, f.directJDBCURL(t), directSQL(script))
	for _, source := range sources {
		got := runJDBC(t, f.jdbcURL(), augerSQL(script, source))
		for key, w := range want {
			if got[key] != w {
				var n int
				fmt.Sscanf(key, "## %d", &n)
				t.Errorf("%s: %s\n got:\n%s want:\n%s", source, lines[n-1], got[key], w)
			}
		}
	}
}

// TestJDBCPreparedStatements binds int, bigint, text, date, numeric,
// timestamp, double and boolean parameters, and NULLs of several types,
// through JDBC PreparedStatements on PostgreSQL and on Parquet files, and
// compares the driver's answers with PostgreSQL's.
func TestJDBCPreparedStatements(t *testing.T) {
	f := gateway(t)
	compareScripts(t, f, "testdata/clients/prepared.tsv", "postgresql", "local parquet", "s3 workspace")
}

// TestJDBCBatchErrors runs Statement batches, one with a failing
// statement in the middle, and compares what the driver reports.
func TestJDBCBatchErrors(t *testing.T) {
	f := gateway(t)
	compareScripts(t, f, "testdata/clients/batch.tsv", "postgresql")
}

// bigRows is the size of the table TestJDBCFetchSize streams.
const bigRows = 300000

// TestJDBCFetchSize streams a large PostgreSQL table through the gateway
// with setFetchSize(100) and autocommit off, as JDBC applications read
// big results: every row arrives. Results with no practical end (ten to
// the twelfth rows of a series, a cross join of two PostgreSQL sources)
// give their first rows at once, so the gateway sends rows as they come
// rather than holding the result.
func TestJDBCFetchSize(t *testing.T) {
	f := gateway(t)
	direct := f.direct(t)
	ctx := context.Background()
	if _, err := direct.Exec(ctx, fmt.Sprintf(`CREATE TABLE IF NOT EXISTS jdbc_big AS
		SELECT g AS id, md5(g::text) AS h, g * 0.01 AS amount FROM generate_series(1, %d) g`, bigRows)); err != nil {
		t.Fatal(err)
	}
	script := "fetch\t100\tSELECT * FROM postgresql.public.jdbc_big\n" +
		"fetch\t100\tSELECT id, h FROM postgresql.public.jdbc_big WHERE id % 3 = 0 ORDER BY h\n" +
		"first\t100\t3\tSELECT i, i * 2 AS d FROM generate_series(1, 1000000000000) i\n" +
		"first\t100\t2\tSELECT a.id, b.id FROM postgresql.public.jdbc_big a, postgresql.public.jdbc_big b WHERE a.id = 1 AND b.id < 3 ORDER BY 2\n" +
		"first\t100\t2\tSELECT a.id, b.id FROM postgresql.public.jdbc_big a CROSS JOIN postgresql2.public.jdbc_big b\n"
	got := runJDBC(t, f.jdbcURL(), script)
	want := map[string]string{
		"## 1": fmt.Sprintf("rows %d\n", bigRows),
		"## 2": fmt.Sprintf("rows %d\n", bigRows/3),
		"## 3": "i:int8 | d:int8\n1 | 2\n2 | 4\n3 | 6\n",
		"## 4": "id:int4 | id:int4\n1 | 1\n1 | 2\n",
	}
	lines := strings.Split(script, "\n")
	for key, w := range want {
		if got[key] != w {
			t.Errorf("%s: got %q, want %q", lines[lineOf(key)-1], got[key], w)
		}
	}
	// A join of two PostgreSQL sources that Auger runs itself, 9 * 10^10
	// rows: its first rows, in no set order.
	if rows := strings.Split(strings.TrimSuffix(got["## 5"], "\n"), "\n"); len(rows) != 3 || rows[0] != "id:int4 | id:int4" {
		t.Errorf("%s: got %q, want the header and two rows", lines[4], got["## 5"])
	}
}
