package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"auger/internal/testenv"
)

// TestSmallPoolDoesNotWait runs, through a gateway whose PostgreSQL pool
// holds one connection, queries that read several PostgreSQL tables at
// once: joins, and correlated subqueries that cannot be decorrelated, which
// run once per outer value while the outer table (of more rows than one
// batch) is read. None may wait for a second connection; each must give
// PostgreSQL's answer.
func TestSmallPoolDoesNotWait(t *testing.T) {
	url := testenv.SharedDatabase(t, "auger_small_pool")
	ctx := context.Background()
	direct, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer direct.Close(ctx)
	for _, stmt := range []string{
		`CREATE TABLE many AS SELECT g AS id, g % 7 AS k FROM generate_series(1, 20000) g`,
		`CREATE TABLE few AS SELECT g AS id, g * 10 AS v FROM generate_series(1, 50) g`,
	} {
		if _, err := direct.Exec(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	auger := smallPoolGateway(t, url)
	for _, q := range []string{
		`SELECT count(*), sum(f.v) FROM {many} m JOIN {few} f ON f.id = m.k`,
		`SELECT count(*), sum(s) FROM (SELECT (SELECT max(f.v) FROM {few} f WHERE f.id < m.k) AS s FROM {many} m) x`,
		`SELECT count(*) FROM {many} m WHERE EXISTS (SELECT 1 FROM {few} f WHERE f.id = m.k OR f.v = m.k LIMIT 1)`,
		`SELECT count(*), sum(s.v) FROM {many} m CROSS JOIN LATERAL (SELECT max(f.v) AS v FROM {few} f WHERE f.id < m.k) s`,
		`SELECT count(*), sum(s) FROM (SELECT (SELECT max(f.v) FROM {few} f WHERE f.id < m.k
			AND EXISTS (SELECT 1 FROM {few} g WHERE g.id = f.id + m.k OR g.v = 0)) AS s FROM {many} m) x`,
	} {
		want := poolQuery(t, direct, strings.NewReplacer("{many}", "many", "{few}", "few").Replace(q))
		got := poolQuery(t, auger, strings.NewReplacer("{many}", "postgresql.public.many", "{few}", "postgresql.public.few").Replace(q))
		if got != want {
			t.Errorf("%s\n got %s\nwant %s", q, got, want)
		}
	}
}

// smallPoolGateway starts a gateway whose only plugin is the database at
// url, through a pool of one connection, and connects to it.
func smallPoolGateway(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	pg, err := pgconn.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	config := fmt.Sprintf(`{"storage": {"postgresql": {"type": "jdbc", "driver": "org.postgresql.Driver", "enabled": true,
		"url": "jdbc:postgresql://%s:%d/%s?sslmode=disable", "username": %q, "password": "",
		"sourceParameters": {"maximumPoolSize": 1, "minimumIdle": 0}}}}`, pg.Host, pg.Port, pg.Database, pg.User)
	path := filepath.Join(t.TempDir(), "storage-plugins.json")
	if err := os.WriteFile(path, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	cmd, logs := startGateway(t, "--config", path, "--listen", addr)
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	if err := waitForPort(addr, 10*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	conn, err := pgx.Connect(context.Background(), "postgres://u@"+addr+"/db?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// poolQuery runs a one-row query, failing the test when it does not end
// within 30 seconds, and renders its row.
func poolQuery(t *testing.T, conn *pgx.Conn, q string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var values []any
	rows, err := conn.Query(ctx, q, pgx.QueryExecModeSimpleProtocol)
	if err == nil {
		for rows.Next() {
			values, err = rows.Values()
		}
		rows.Close()
		if err == nil {
			err = rows.Err()
		}
	}
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return fmt.Sprint(values...)
}
