package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"auger/internal/testenv"
)

// TestAggregateMemoryLimit runs a gateway with a small --memory-limit: a
// grouping whose groups do not fit fails with 53200 and says why, a small
// one still runs, and so does the next query on the same connection.
func TestAggregateMemoryLimit(t *testing.T) {
	f := gateway(t)
	configPath := filepath.Join(t.TempDir(), "storage-plugins.json")
	if err := writeConfig(configPath, f, testenv.S3(t)); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	cmd, logs := startGateway(t, "--config", configPath, "--listen", addr, "--memory-limit", "256kB")
	defer cmd.Process.Kill()
	if err := waitForPort(addr, 10*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	conn, err := pgx.Connect(context.Background(), "postgres://u@"+addr+"/db?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	for source, table := range usersTables {
		big := `SELECT a."Username", b."Username", count(*), string_agg(a.email, ',') FROM ` + table + ` a, ` + table + ` b GROUP BY 1, 2`
		_, err := textQuery(t, conn, big)
		if sqlState(err) != "53200" || !strings.Contains(err.Error(), "out of memory") {
			t.Errorf("%s: 10000 groups in 256kB: %v, want 53200", source, err)
		}
		r := mustText(t, conn, `SELECT active, count(*) FROM `+table+` GROUP BY active ORDER BY 1`)
		if len(r.Rows) != 3 {
			t.Errorf("%s: after the failure, a small grouping gave %d rows", source, len(r.Rows))
		}
	}
}
