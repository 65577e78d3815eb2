package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// analyzedNode is one line of an EXPLAIN ANALYZE plan: the node's text
// and the rows it yielded, and the bytes its scan read when it says.
type analyzedNode struct {
	text        string
	rows, bytes int64
}

var (
	actualRows = regexp.MustCompile(`\(actual time=[0-9.]+\.\.[0-9.]+ rows=([0-9]+) loops=1\)`)
	readBytes  = regexp.MustCompile(`^\s*Read: .*\bbytes=([0-9]+)`)
)

// analyze runs EXPLAIN ANALYZE and reads each node's counts; a Read line
// belongs to the node above it.
func analyze(t *testing.T, conn *pgx.Conn, query string) []analyzedNode {
	t.Helper()
	var nodes []analyzedNode
	for _, line := range cells(mustText(t, conn, "EXPLAIN ANALYZE "+query), 0) {
		if m := actualRows.FindStringSubmatch(line); m != nil {
			rows, _ := strconv.ParseInt(m[1], 10, 64)
			nodes = append(nodes, analyzedNode{text: strings.TrimSpace(line), rows: rows})
		} else if m := readBytes.FindStringSubmatch(line); m != nil && len(nodes) > 0 {
			nodes[len(nodes)-1].bytes, _ = strconv.ParseInt(m[1], 10, 64)
		}
	}
	return nodes
}

// node finds the line that starts with prefix.
func node(t *testing.T, nodes []analyzedNode, prefix string) analyzedNode {
	t.Helper()
	for _, n := range nodes {
		if strings.HasPrefix(n.text, prefix) {
			return n
		}
	}
	t.Fatalf("no node %q in %v", prefix, nodes)
	return analyzedNode{}
}

// TestExplainAnalyze runs queries over a Parquet file and a PostgreSQL
// table and checks the rows each node reports against the true counts,
// and that a scan reports the bytes it read.
func TestExplainAnalyze(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	var total, even int64
	direct, err := pgx.Connect(context.Background(), f.pgURL)
	if err != nil {
		t.Fatal(err)
	}
	defer direct.Close(context.Background())
	if err := direct.QueryRow(context.Background(),
		`SELECT count(*), count(*) FILTER (WHERE "UserID" % 2 = 0) FROM "Users"`).Scan(&total, &even); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		query string
		rows  map[string]int64 // node line prefix -> rows it yields
		read  string           // the prefix of a scan that must report bytes read, if any
	}{
		{"SELECT \"UserID\" FROM dfs.data.`users.parquet` WHERE \"UserID\" % 2 = 0",
			map[string]int64{"Filter": even, "Scan dfs.data.users.parquet": total}, ""},
		{`SELECT u."Username" FROM postgresql.public."Users" u JOIN dfs.data.` + "`users.parquet`" + ` p ON u."UserID" = p."UserID"`,
			map[string]int64{"Join": total, "Scan postgresql.public.Users": total, "Scan dfs.data.users.parquet": total},
			"Scan postgresql.public.Users"},
	}
	for _, c := range cases {
		nodes := analyze(t, conn, c.query)
		for prefix, want := range c.rows {
			if got := node(t, nodes, prefix); got.rows != want {
				t.Errorf("%s: %s yields %d rows, want %d", c.query, got.text, got.rows, want)
			}
		}
		if c.read == "" {
			continue
		}
		if got := node(t, nodes, c.read); got.bytes <= 0 {
			t.Errorf("%s: %s reports no bytes read: %v", c.query, got.text, nodes)
		}
	}
}

// TestExplainOptions accepts the options PostgreSQL has that Auger
// implements and refuses the others with 0A000.
func TestExplainOptions(t *testing.T) {
	conn := gateway(t).connect(t)
	r := mustText(t, conn, "EXPLAIN (ANALYZE false, FORMAT TEXT) SELECT 1")
	if plan := strings.Join(cells(r, 0), "\n"); strings.Contains(plan, "actual") || !strings.Contains(plan, "Project 1") {
		t.Errorf("EXPLAIN (ANALYZE false) ran the query or lost the plan:\n%s", plan)
	}
	for _, q := range []string{"EXPLAIN (FORMAT JSON) SELECT 1", "EXPLAIN (ANALYZE, BUFFERS) SELECT 1"} {
		if _, err := textQuery(t, conn, q); sqlState(err) != "0A000" {
			t.Errorf("%s: %v, want 0A000", q, err)
		}
	}
}
