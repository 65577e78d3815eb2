package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"

	"auger/internal/testenv"
)

// limitedGateway starts a gateway of its own over the shared fixture's
// sources, with a memory limit, a spill folder and debug logs, which say
// for each query what it spilled and what the budget holds after it.
type limitedGateway struct {
	*fixture
	spillDir string
}

func startLimitedGateway(t *testing.T, memoryLimit string) *limitedGateway {
	t.Helper()
	shared := gateway(t)
	g := &limitedGateway{fixture: &fixture{pgURL: shared.pgURL, dataDir: shared.dataDir, config: shared.config},
		spillDir: t.TempDir()}
	g.addr = freeAddr(t)
	g.cmd, g.logs = startGateway(t, "--config", g.config, "--listen", g.addr, "--log-level", "debug",
		"--memory-limit", memoryLimit, "--spill-dir", g.spillDir)
	t.Cleanup(func() {
		g.cmd.Process.Signal(syscall.SIGTERM)
		g.cmd.Wait()
	})
	if err := waitForPort(g.addr, 10*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, g.logs)
	}
	return g
}

// queryFinished is what the gateway logged when a query containing marker
// ended: the bytes it spilled and the budget's use after it.
type queryFinished struct{ spilled, reserved string }

var finishedLine = regexp.MustCompile(`msg="query finished" statement=.* spilled=(\S+) memory_reserved=(\S+)`)

// waitForFinish waits for the log line of the query containing marker.
func (g *limitedGateway) waitForFinish(t *testing.T, marker string, within time.Duration) queryFinished {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		for _, line := range strings.Split(g.logs.String(), "\n") {
			if m := finishedLine.FindStringSubmatch(line); m != nil && strings.Contains(line, marker) {
				return queryFinished{spilled: m[1], reserved: m[2]}
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no query with %q finished within %s; logs:\n%s", marker, within, g.logs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitForLog tells whether the gateway logs text within a time: what
// happens after a query's end is logged a moment after it.
func (g *limitedGateway) waitForLog(text string, within time.Duration) bool {
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(g.logs.String(), text) {
			return true
		}
	}
	return false
}

// spillFiles lists what is in the spill folder.
func (g *limitedGateway) spillFiles() []string {
	var found []string
	filepath.WalkDir(g.spillDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != g.spillDir {
			found = append(found, p)
		}
		return nil
	})
	return found
}

// spilledBytes is the size of what is in the spill folder.
func (g *limitedGateway) spilledBytes() int64 {
	var total int64
	for _, p := range g.spillFiles() {
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			total += info.Size()
		}
	}
	return total
}

func (g *limitedGateway) assertNoSpillFiles(t *testing.T, after string) {
	t.Helper()
	if left := g.spillFiles(); len(left) > 0 {
		t.Errorf("after %s, spill files are left: %v", after, left)
	}
}

// cpuSeconds is the processor time a process has used.
func cpuSeconds(t *testing.T, pid int) float64 {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatal(err)
	}
	// The fields after the command name, which is in parentheses.
	fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+2:]))
	user, _ := strconv.ParseFloat(fields[11], 64)
	system, _ := strconv.ParseFloat(fields[12], 64)
	return (user + system) / 100 // clock ticks of USER_HZ
}

// assertIdle checks that the gateway uses well under one core for a second.
func (g *limitedGateway) assertIdle(t *testing.T) {
	t.Helper()
	before := cpuSeconds(t, g.cmd.Process.Pid)
	time.Sleep(time.Second)
	if used := cpuSeconds(t, g.cmd.Process.Pid) - before; used > 0.5 {
		t.Errorf("the gateway used %.2fs of CPU in the second after the query stopped", used)
	}
}

const usersParquet = "dfs.data.`users.parquet`"

// crossJoin is a count over n copies of the users table: 100^n rows.
func crossJoin(marker string, n int) string {
	from := make([]string, n)
	for i := range from {
		from[i] = fmt.Sprintf("%s t%d", usersParquet, i)
	}
	return fmt.Sprintf("SELECT count(*) AS %s FROM %s", marker, strings.Join(from, ", "))
}

// TestSortSpillsPastTheMemoryLimit sorts ten thousand wide rows through a
// 256kB budget: the sort spills and returns PostgreSQL's rows in
// PostgreSQL's order; its files are gone afterwards.
func TestSortSpillsPastTheMemoryLimit(t *testing.T) {
	g := startLimitedGateway(t, "256kB")
	conn, direct := g.connect(t), g.direct(t)
	query := `SELECT a.*, b."UserID" AS spill_sorted FROM %s a, %s b
ORDER BY a.score DESC NULLS LAST, b."UserID" %% 7, a."UserID", b."UserID" DESC`
	got := mustText(t, conn, fmt.Sprintf(query, usersParquet, usersParquet))
	want := mustText(t, direct, fmt.Sprintf(query, `"Users"`, `"Users"`))
	if len(got.Rows) != 10000 || got.String() != want.String() {
		t.Errorf("the spilled sort's %d rows differ from PostgreSQL's %d", len(got.Rows), len(want.Rows))
	}
	done := g.waitForFinish(t, "spill_sorted", 5*time.Second)
	if done.spilled == "0B" || done.reserved != "0B" {
		t.Errorf("the sort spilled %s and left %s reserved", done.spilled, done.reserved)
	}
	g.assertNoSpillFiles(t, "a sort that spilled")
}

// TestSpillFilesGoAfterAnError fails a sort with a division by zero once
// it has spilled.
func TestSpillFilesGoAfterAnError(t *testing.T) {
	g := startLimitedGateway(t, "256kB")
	conn := g.connect(t)
	_, err := textQuery(t, conn, fmt.Sprintf(`SELECT a.*, b."UserID" AS spill_failed FROM %s a, %s b
ORDER BY 1 / (a."UserID" - 100)`, usersParquet, usersParquet))
	if sqlState(err) != "22012" {
		t.Fatalf("the sort should fail with a division by zero: %v", err)
	}
	if done := g.waitForFinish(t, "spill_failed", 5*time.Second); done.spilled == "0B" || done.reserved != "0B" {
		t.Errorf("the failed sort spilled %s and left %s reserved", done.spilled, done.reserved)
	}
	g.assertNoSpillFiles(t, "a sort that failed")
}

// TestJoinSpillsPastTheMemoryLimit joins on a key with a build side
// beyond the limit: the join goes on part by part on disk and answers as
// PostgreSQL does.
func TestJoinSpillsPastTheMemoryLimit(t *testing.T) {
	g := startLimitedGateway(t, "256kB")
	query := `SELECT count(b.email) AS spilled_join, max(b."Username"), sum(b.big + a.small)
FROM %s a JOIN (SELECT x.* FROM %s x, %s y) b ON a."UserID" = b."UserID"`
	got := mustText(t, g.connect(t), fmt.Sprintf(query, usersParquet, usersParquet, usersParquet))
	want := mustText(t, g.direct(t), fmt.Sprintf(query, `"Users"`, `"Users"`, `"Users"`))
	if got.String() != want.String() {
		t.Errorf("the spilled join:\n%s\nwant:\n%s", got, want)
	}
	if done := g.waitForFinish(t, "spilled_join", 5*time.Second); done.spilled == "0B" || done.reserved != "0B" {
		t.Errorf("the join spilled %s and left %s reserved", done.spilled, done.reserved)
	}
	g.assertNoSpillFiles(t, "a join that spilled")
}

// TestAggregateSpillsPastTheMemoryLimit groups a cross join into ten
// thousand groups through a 256kB budget: the hash aggregate writes the
// rows of the groups it cannot hold to disk, aggregates them afterwards,
// and answers as PostgreSQL does; its files are gone afterwards.
func TestAggregateSpillsPastTheMemoryLimit(t *testing.T) {
	g := startLimitedGateway(t, "256kB")
	query := `SELECT count(*) AS spilled_aggregate, sum(n), sum(d), max(s), min(s), sum(length(s)), sum(av), max(av)
FROM (SELECT a."UserID", b."UserID" AS other, count(*) AS n, count(DISTINCT b.email) AS d,
  string_agg(a."Username" || b."Username", ',' ORDER BY b.email DESC) AS s, avg(a.balance + b.balance) AS av
  FROM %s a, %s b GROUP BY a."UserID", b."UserID") g`
	got := mustText(t, g.connect(t), fmt.Sprintf(query, usersParquet, usersParquet))
	want := mustText(t, g.direct(t), fmt.Sprintf(query, `"Users"`, `"Users"`))
	if got.String() != want.String() {
		t.Errorf("the spilled aggregate:\n%s\nwant:\n%s", got, want)
	}
	if done := g.waitForFinish(t, "spilled_aggregate", 5*time.Second); done.spilled == "0B" || done.reserved != "0B" {
		t.Errorf("the aggregate spilled %s and left %s reserved", done.spilled, done.reserved)
	}
	g.assertNoSpillFiles(t, "an aggregate that spilled")
}

// TestJoinPastTheMemoryLimitFailsAlone runs a join whose build side is
// beyond the limit and cannot be split (it has no key) while another
// connection goes on querying.
func TestJoinPastTheMemoryLimitFailsAlone(t *testing.T) {
	g := startLimitedGateway(t, "256kB")
	big := fmt.Sprintf(`SELECT count(b.email) AS too_big, max(b."Username") FROM %s a
CROSS JOIN (SELECT x.* FROM %s x, %s y) b`, usersParquet, usersParquet, usersParquet)
	other := g.connect(t)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	var otherErrs []string
	othersRun := make(chan struct{}, 1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			r, err := textQuery(t, other, fmt.Sprintf(`SELECT count(*), max("UserID") FROM %s WHERE "UserID" > 50`, usersParquet))
			if err != nil || r.String() != "count | max\n50 | 100" {
				otherErrs = append(otherErrs, fmt.Sprint(r, err))
			}
			select {
			case othersRun <- struct{}{}:
			default:
			}
		}
	}()
	conn := g.connect(t)
	for i := 0; i < 3; i++ {
		<-othersRun // the other connection is busy while the join runs
		_, err := textQuery(t, conn, big)
		if sqlState(err) != "53200" {
			t.Errorf("a join past the limit: %v", err)
		}
	}
	close(stop)
	wg.Wait()
	if len(otherErrs) > 0 {
		t.Errorf("the other connection's queries failed: %v", otherErrs[0])
	}
	if r := mustText(t, conn, `SELECT count(*) AS after_failure FROM `+usersParquet); r.String() != "after_failure\n100" {
		t.Errorf("the connection after the failure: %s", r)
	}
	if done := g.waitForFinish(t, "after_failure", 5*time.Second); done.reserved != "0B" {
		t.Errorf("the failed joins left %s reserved", done.reserved)
	}
}

// connectCanceling opens a pgx connection that answers the end of a
// query's context with a cancel request, as libpq clients cancel, and
// waits for the server's answer.
func (g *limitedGateway) connectCanceling(t *testing.T) *pgx.Conn {
	t.Helper()
	return connectCanceling(t, g.addr)
}

// connectCanceling opens a pgx connection to the gateway at addr that
// cancels as libpq clients do; it is closed when the test ends.
func connectCanceling(t *testing.T, addr string) *pgx.Conn {
	t.Helper()
	cfg, err := pgx.ParseConfig(fmt.Sprintf("postgres://analyst@%s/anydb?sslmode=disable", addr))
	if err != nil {
		t.Fatal(err)
	}
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: 10 * time.Second}
	}
	conn, err := pgx.ConnectConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// TestCancelStopsTheQuery cancels queries that would run for many
// minutes, by a cancel request and by the end of pgx's context: the
// client gets 57014 at once, the query's work stops and the connection
// goes on.
func TestCancelStopsTheQuery(t *testing.T) {
	g := startLimitedGateway(t, "0")
	conn := g.connectCanceling(t)
	cancels := map[string]func() context.Context{
		"a cancel request": func() context.Context {
			time.AfterFunc(300*time.Millisecond, func() { conn.PgConn().CancelRequest(context.Background()) })
			return context.Background()
		},
		"the end of the context": func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(300*time.Millisecond, cancel)
			return ctx
		},
	}
	for i, how := range []string{"a cancel request", "the end of the context"} {
		marker := fmt.Sprintf("canceled_count_%d", i)
		start := time.Now()
		var n int64
		err := conn.QueryRow(cancels[how](), crossJoin(marker, 5), pgx.QueryExecModeSimpleProtocol).Scan(&n)
		if sqlState(err) != "57014" || !strings.Contains(err.Error(), "canceling statement due to user request") {
			t.Fatalf("%s: %v", how, err)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%s: the query stopped after %s", how, took)
		}
		if done := g.waitForFinish(t, marker, 5*time.Second); done.reserved != "0B" {
			t.Errorf("%s: the canceled query left %s reserved", how, done.reserved)
		}
		g.assertIdle(t)
		if r := mustText(t, conn, "SELECT 1 AS after_cancel"); r.String() != "after_cancel\n1" {
			t.Errorf("%s: the connection after the cancel: %s", how, r)
		}
	}
}

// TestCancelRemovesSpillFiles cancels a sort that keeps spilling.
func TestCancelRemovesSpillFiles(t *testing.T) {
	g := startLimitedGateway(t, "256kB")
	conn := g.connectCanceling(t)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for len(g.spillFiles()) == 0 && ctx.Err() == nil {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
	}()
	_, err := conn.Exec(ctx, fmt.Sprintf(`SELECT a.*, b."UserID" AS canceled_sort FROM %s a, %s b, %s c
ORDER BY a.email, c."UserID"`, usersParquet, usersParquet, usersParquet), pgx.QueryExecModeSimpleProtocol)
	if sqlState(err) != "57014" {
		t.Fatalf("a canceled sort: %v", err)
	}
	if done := g.waitForFinish(t, "canceled_sort", 5*time.Second); done.spilled == "0B" || done.reserved != "0B" {
		t.Errorf("the canceled sort spilled %s and left %s reserved", done.spilled, done.reserved)
	}
	g.assertNoSpillFiles(t, "a canceled sort")
}

// TestCancelRemovesAggregateSpillFiles cancels a grouping that keeps
// spilling.
func TestCancelRemovesAggregateSpillFiles(t *testing.T) {
	g := startLimitedGateway(t, "256kB")
	conn := g.connectCanceling(t)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for g.spilledBytes() == 0 && ctx.Err() == nil {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
	}()
	_, err := conn.Exec(ctx, fmt.Sprintf(`SELECT a."UserID", b."UserID", c."UserID" AS canceled_grouping, count(*)
FROM %s a, %s b, %s c GROUP BY 1, 2, 3`, usersParquet, usersParquet, usersParquet), pgx.QueryExecModeSimpleProtocol)
	if sqlState(err) != "57014" {
		t.Fatalf("a canceled grouping: %v", err)
	}
	if done := g.waitForFinish(t, "canceled_grouping", 5*time.Second); done.spilled == "0B" || done.reserved != "0B" {
		t.Errorf("the canceled grouping spilled %s and left %s reserved", done.spilled, done.reserved)
	}
	g.assertNoSpillFiles(t, "a canceled grouping")
}

// TestClosedConnectionStopsTheQuery drops the client's connection in the
// middle of a query that would run for many minutes.
func TestClosedConnectionStopsTheQuery(t *testing.T) {
	g := startLimitedGateway(t, "0")
	if err := testenv.AbandonQuery(g.addr, "analyst", crossJoin("abandoned_count", 5), 500*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if done := g.waitForFinish(t, "abandoned_count", 5*time.Second); done.reserved != "0B" {
		t.Errorf("the abandoned query left %s reserved", done.reserved)
	}
	if !g.waitForLog("connection to client lost", 5*time.Second) {
		t.Errorf("the gateway did not log why the query stopped:\n%s", g.logs)
	}
	g.assertIdle(t)
}

// TestStatementTimeout stops a query that would run for many minutes
// after the session's statement_timeout.
func TestStatementTimeout(t *testing.T) {
	g := startLimitedGateway(t, "0")
	conn := g.connect(t)
	if _, err := conn.Exec(context.Background(), "SET statement_timeout = '200ms'", pgx.QueryExecModeSimpleProtocol); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := textQuery(t, conn, crossJoin("timed_out_count", 5))
	if sqlState(err) != "57014" || !strings.Contains(err.Error(), "canceling statement due to statement timeout") {
		t.Fatalf("a query past statement_timeout: %v", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the query stopped after %s", took)
	}
	g.waitForFinish(t, "timed_out_count", 5*time.Second)
	g.assertIdle(t)
	if _, err := conn.Exec(context.Background(), "RESET statement_timeout", pgx.QueryExecModeSimpleProtocol); err != nil {
		t.Fatal(err)
	}
	if r := mustText(t, conn, crossJoin("after_reset", 2)); r.String() != "after_reset\n10000" {
		t.Errorf("after RESET: %s", r)
	}
}

// TestSortCorpusUnderATinyLimit runs testdata/reference_sort.sql through a
// gateway whose memory limit is so small that several sorts spill (and
// TopNs turn into sorts): every answer is still PostgreSQL's.
func TestSortCorpusUnderATinyLimit(t *testing.T) {
	g := startLimitedGateway(t, "4kB")
	auger, direct := g.connect(t), g.direct(t)
	for _, q := range loadReferenceQueries(t, filepath.Join("testdata", "reference_sort.sql")) {
		compareWithPostgreSQL(t, corpusConns{auger: auger}, direct, q)
	}
	spilled := 0
	for _, m := range finishedLine.FindAllStringSubmatch(g.logs.String(), -1) {
		if m[1] != "0B" {
			spilled++
		}
	}
	if spilled < 5 {
		t.Errorf("only %d runs of the corpus spilled", spilled)
	}
	g.assertNoSpillFiles(t, "the corpus")
}

// TestAggregateCorpusUnderATinyLimit runs testdata/reference_aggspill.sql
// through a gateway whose memory limit is so small that its groupings
// spill: every answer is still PostgreSQL's, and no file is left.
func TestAggregateCorpusUnderATinyLimit(t *testing.T) {
	g := startLimitedGateway(t, "64kB")
	auger, direct := g.connect(t), g.direct(t)
	queries := loadReferenceQueries(t, filepath.Join("testdata", "reference_aggspill.sql"))
	for _, q := range queries {
		compareWithPostgreSQL(t, corpusConns{auger: auger}, direct, q)
	}
	spilled := 0
	for _, m := range finishedLine.FindAllStringSubmatch(g.logs.String(), -1) {
		if m[1] != "0B" {
			spilled++
		}
	}
	if spilled < 4*len(queries) {
		t.Errorf("only %d of the %d runs of the corpus spilled", spilled, 5*len(queries))
	}
	g.assertNoSpillFiles(t, "the corpus")
}
