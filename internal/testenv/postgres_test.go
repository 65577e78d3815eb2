package testenv

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) {
	code := m.Run()
	StopServers()
	os.Exit(code)
}

// TestCreateDatabase checks that each test gets its own empty database and
// that it is gone once the test is over.
func TestCreateDatabase(t *testing.T) {
	var names []string
	for i := range 2 {
		t.Run("db", func(t *testing.T) {
			url := CreateDatabase(t)
			ctx := context.Background()
			conn, err := pgx.Connect(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close(ctx)
			var name, collation string
			var tables int
			err = conn.QueryRow(ctx, `SELECT current_database(), datcollate,
				(SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace)
				FROM pg_database WHERE datname = current_database()`).Scan(&name, &collation, &tables)
			if err != nil {
				t.Fatal(err)
			}
			if collation != "C" || tables != 0 {
				t.Errorf("database %s: collation %q, %d tables", name, collation, tables)
			}
			if _, err := conn.Exec(ctx, "CREATE TABLE t (n int)"); err != nil {
				t.Fatal(err)
			}
			names = append(names, name)
			if i == 1 && names[0] == names[1] {
				t.Errorf("two tests got the same database %s", name)
			}
		})
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var left int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM pg_database WHERE datname = ANY($1)", names).Scan(&left); err != nil {
		t.Fatal(err)
	}
	if len(names) != 2 || left != 0 {
		t.Errorf("databases %v: %d left after their tests", names, left)
	}
}

func TestDatabaseURL(t *testing.T) {
	cases := []struct{ base, want string }{
		{"postgres://u:p%40ss@db.example:6543/postgres?sslmode=require&application_name=x",
			"postgres://u:p%40ss@db.example:6543/other?application_name=x&sslmode=require"},
		{"postgresql://127.0.0.1/postgres?dbname=postgres&sslmode=disable", "postgresql://127.0.0.1/other?sslmode=disable"},
		{"host=127.0.0.1 port=5433 user=u password=secret dbname=postgres sslmode=disable",
			"postgres://u:secret@127.0.0.1:5433/other?sslmode=disable"},
	}
	for _, c := range cases {
		got, err := databaseURL(c.base, "other")
		if err != nil || got != c.want {
			t.Errorf("databaseURL(%q) = %q, %v; want %q", c.base, got, err, c.want)
		}
	}
}

// TestStartCluster starts a throwaway cluster the way PostgresURL does when
// no server answers, whatever the environment provides.
func TestStartCluster(t *testing.T) {
	c, err := startCluster()
	if err != nil {
		t.Fatal(err)
	}
	dir := c.dir
	if err := ping(c.URL); err != nil {
		t.Errorf("started cluster does not answer on %s: %v", c.URL, err)
	}
	if !strings.HasPrefix(c.URL, "postgres://postgres@127.0.0.1:") {
		t.Errorf("URL %s", c.URL)
	}
	c.stop()
	if ping(c.URL) == nil {
		t.Errorf("cluster still answers after stop")
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("cluster folder %s left behind: %v", dir, err)
	}
}
