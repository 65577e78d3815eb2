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

// TestAggregateMemoryLimit runs a gateway with a small --memory-limit: an
// aggregate without GROUP BY whose one group does not fit (it cannot
// spill) fails with 53200 and says why, a small grouping still runs, and
// so does the next query on the same connection. (Groupings past the
// limit spill: TestAggregateSpillsPastTheMemoryLimit.)
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
		big := `SELECT count(DISTINCT a."Username" || b."Username"), string_agg(a.email || b.email, ',' ORDER BY b."Username") FROM ` +
			table + ` a, ` + table + ` b`
		_, err := textQuery(t, conn, big)
		if sqlState(err) != "53200" || !strings.Contains(err.Error(), "out of memory") {
			t.Errorf("%s: 10000 distinct values in 256kB: %v, want 53200", source, err)
		}
		r := mustText(t, conn, `SELECT active, count(*) FROM `+table+` GROUP BY active ORDER BY 1`)
		if len(r.Rows) != 3 {
			t.Errorf("%s: after the failure, a small grouping gave %d rows", source, len(r.Rows))
		}
	}
}
