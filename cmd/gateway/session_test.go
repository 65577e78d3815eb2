package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"auger/internal/testenv"
)

// sessionCases are statements run one by one, each followed by the SHOW
// that tells what it left; Auger must answer them as PostgreSQL does.
var sessionCases = [][]string{
	{"SET datestyle = sql, dmy", "SHOW DateStyle"},
	{"SET datestyle = 'postgres, ymd'", "SHOW DateStyle"},
	{"SET datestyle = german", "SHOW DateStyle"},
	{"SET datestyle = 'foo'", "SHOW DateStyle"},
	{"SET datestyle = 'iso, dmy, german'", "SHOW DateStyle"},
	{"SET work_mem = '1.5MB'", "SHOW work_mem"},
	{"SET work_mem = 64", "SHOW work_mem"},
	{"SET work_mem = '10'", "SHOW work_mem"},
	{"SET work_mem = '10ms'", "SHOW work_mem"},
	{"SET extra_float_digits = 3", "SHOW extra_float_digits"},
	{"SET extra_float_digits = 5", "SHOW extra_float_digits"},
	{"SET extra_float_digits = 1.5", "SHOW extra_float_digits"},
	{"SET jit = off", "SHOW jit"},
	{"SET jit = 'maybe'", "SHOW jit"},
	{"SET bytea_output = 'foo'", "SHOW bytea_output"},
	{"SET IntervalStyle = 'ISO_8601'", "SHOW IntervalStyle"},
	{"SET client_encoding = 'unicode'", "SHOW client_encoding"},
	{"SET NAMES 'utf-8'", "SHOW client_encoding"},
	{"SET client_encoding = 'foo'", "SHOW client_encoding"},
	{"SET lc_messages = 'xx'", "SHOW lc_messages"},
	{"SET lc_numeric = 'C'", "SHOW lc_numeric"},
	{"SET server_version = '1'", "SHOW integer_datetimes"},
	{"SET max_connections = 5", "SHOW max_connections"},
	{"SET nosuch = 1", "SHOW nosuch"},
	{"SET myapp.flag = 'x'", "SHOW myapp.flag"},
	{"SHOW myapp.other", "SELECT current_setting('myapp.other', true) IS NULL"},
	{"RESET myapp.reset", "SHOW myapp.reset"},
	{"SET seq_page_cost = -1", "SHOW seq_page_cost"},
	{"SET seq_page_cost = 2.5", "SHOW seq_page_cost"},
	{"SET default_transaction_isolation = 'bogus'", "SHOW default_transaction_isolation"},
	{"SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE", "SHOW transaction_isolation"},
	{"SET statement_timeout = '1h'", "SHOW statement_timeout"},
	{"SET lock_timeout = 90000", "SHOW lock_timeout"},
	{"SET idle_in_transaction_session_timeout = '2min'", "SHOW idle_in_transaction_session_timeout"},
	{"SET application_name = 'héllo'", "SHOW application_name"},
	{"SELECT set_config('application_name', 'report', false)", "SHOW application_name"},
	{"SET row_security = off", "SHOW row_security"},
	{"SET standard_conforming_strings = on", "SHOW standard_conforming_strings"},
	{"SET LOCAL work_mem = '8MB'", "SHOW work_mem"},
	{"SET TRANSACTION READ ONLY", "SHOW transaction_read_only"},
	{"BEGIN", "SET LOCAL work_mem = '8MB'", "SHOW work_mem", "COMMIT", "SHOW work_mem"},
	{"BEGIN", "SET work_mem = '8MB'", "ROLLBACK", "SHOW work_mem"},
	{"BEGIN", "SET work_mem = '8MB'", "COMMIT", "SHOW work_mem", "RESET work_mem", "SHOW work_mem"},
	{"BEGIN ISOLATION LEVEL REPEATABLE READ", "SHOW transaction_isolation", "END", "SHOW transaction_isolation"},
	{"START TRANSACTION READ ONLY", "SHOW transaction_read_only", "ABORT"},
	{"BEGIN", "SAVEPOINT a", "SET work_mem = '8MB'", "ROLLBACK TO a", "SHOW work_mem", "RELEASE a", "COMMIT"},
	{"BEGIN", "SELECT 1/0", "SELECT 1", "ROLLBACK TO a", "COMMIT"},
	{"BEGIN", "SAVEPOINT a", "SELECT 1/0", "ROLLBACK TO SAVEPOINT a", "SELECT 1", "COMMIT"},
	{"COMMIT", "ROLLBACK", "SAVEPOINT a", "RELEASE a", "ROLLBACK TO a"},
	{"BEGIN", "BEGIN", "COMMIT"},
	{"SET work_mem = '8MB'", "SET jit = off", "RESET ALL", "SHOW work_mem", "SHOW jit"},
	{"SET search_path = ''", "SHOW search_path", "SELECT current_schema() IS NULL"},
	{"SHOW search_path", "SELECT current_user = session_user"},
	{"SET ROLE nosuch", "SHOW role", "SET ROLE postgres", "SHOW role", "SELECT current_user", "RESET ROLE", "SHOW role"},
	{"BEGIN", "SELECT txid_current() = txid_current()", "COMMIT"},
	{"SET work_mem = '8MB'", "DISCARD ALL", "SHOW work_mem"},
	{"BEGIN", "DISCARD ALL", "ROLLBACK"},
	{"BEGIN", "SET application_name = 'inside'", "ROLLBACK", "SHOW application_name"},
	{"SET TIME ZONE 'Europe/Paris'", "SHOW TimeZone", "SET TIME ZONE LOCAL", "SHOW TimeZone"},
	{"SET TIME ZONE INTERVAL '+02:00' HOUR TO MINUTE", "SHOW TimeZone", "SET TIME ZONE INTERVAL '-03:30'", "SHOW TimeZone"},
}

// sessionStep is what one statement gave: its command tag or its
// rows, or its error, and the notices it left.
func sessionStep(ctx context.Context, conn *pgx.Conn, notices *[]string, sql string) string {
	*notices = nil
	results, err := conn.PgConn().Exec(ctx, sql).ReadAll()
	var b strings.Builder
	if err != nil {
		pgErr, _ := err.(*pgconn.PgError)
		if pgErr == nil {
			return "error " + err.Error()
		}
		fmt.Fprintf(&b, "ERROR %s: %s (%s; %s)", pgErr.Code, pgErr.Message, pgErr.Detail, pgErr.Hint)
	}
	for _, r := range results {
		b.WriteString(r.CommandTag.String())
		for _, f := range r.FieldDescriptions {
			b.WriteString(" [" + f.Name + "]")
		}
		for _, row := range r.Rows {
			for _, v := range row {
				b.WriteString(" " + string(v))
			}
		}
	}
	fmt.Fprintf(&b, " notices %v status %c", *notices, conn.PgConn().TxStatus())
	return b.String()
}

// sessionConn connects to url, collecting the notices it receives.
func sessionConn(t *testing.T, url string) (*pgx.Conn, *[]string) {
	t.Helper()
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	notices := &[]string{}
	cfg.OnNotice = func(_ *pgconn.PgConn, n *pgconn.Notice) {
		*notices = append(*notices, n.Severity+" "+n.Code+" "+n.Message)
	}
	conn, err := pgx.ConnectConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn, notices
}

// TestSessionSettingsMatchPostgreSQL runs each case on a new connection
// to PostgreSQL and to Auger and compares every step: tags, rows,
// errors with their detail and hint, notices, and the transaction status
// of ReadyForQuery.
func TestSessionSettingsMatchPostgreSQL(t *testing.T) {
	f := gateway(t)
	ctx := context.Background()
	for _, c := range sessionCases {
		pg, pgNotices := sessionConn(t, f.pgURL)
		auger, augerNotices := sessionConn(t, fmt.Sprintf("postgres://postgres@%s/anydb?sslmode=disable", f.addr))
		for _, sql := range c {
			want := sessionStep(ctx, pg, pgNotices, sql)
			got := sessionStep(ctx, auger, augerNotices, sql)
			if got != want {
				t.Errorf("%v: %s\n got: %s\nwant: %s", c, sql, got, want)
			}
		}
		pg.Close(ctx)
		auger.Close(ctx)
	}
}

// TestParameterStatus checks the parameters reported at start-up (the
// client's own application_name and the options' -c settings among them)
// and after a SET of a reported one.
func TestParameterStatus(t *testing.T) {
	f := gateway(t)
	ctx := context.Background()
	url := fmt.Sprintf("postgres://analyst@%s/anydb?sslmode=disable&application_name=probe&options=-c%%20search_path%%3Ddfs.data%%20-c%%20DateStyle%%3DISO,DMY", f.addr)
	conn, _ := sessionConn(t, url)
	pc := conn.PgConn()
	want := map[string]string{"server_version": "15.0 (Auger)", "server_encoding": "UTF8", "client_encoding": "UTF8",
		"DateStyle": "ISO, DMY", "TimeZone": "Etc/UTC", "IntervalStyle": "postgres", "integer_datetimes": "on",
		"standard_conforming_strings": "on", "application_name": "probe", "session_authorization": "analyst",
		"default_transaction_read_only": "off", "in_hot_standby": "off", "is_superuser": "off"}
	for name, value := range want {
		if got := pc.ParameterStatus(name); got != value {
			t.Errorf("ParameterStatus %s = %q, want %q", name, got, value)
		}
	}
	r := mustText(t, conn, "SHOW search_path")
	if r.String() != "search_path\ndfs.data" {
		t.Errorf("search_path from the start-up options: %s", r)
	}
	if r := mustText(t, conn, "SELECT count(*) FROM \"users.parquet\""); r.String() != "count\n100" {
		t.Errorf("an unqualified name on the start-up search_path: %s", r)
	}
	if _, err := conn.Exec(ctx, "SET application_name = 'renamed'", pgx.QueryExecModeSimpleProtocol); err != nil {
		t.Fatal(err)
	}
	if got := pc.ParameterStatus("application_name"); got != "renamed" {
		t.Errorf("application_name after SET: %q", got)
	}
	// A ROLLBACK reports the value it puts back.
	for _, step := range []struct{ sql, want string }{
		{"BEGIN", "renamed"}, {"SET application_name = 'inside'", "inside"}, {"ROLLBACK", "renamed"}} {
		if _, err := conn.Exec(ctx, step.sql, pgx.QueryExecModeSimpleProtocol); err != nil {
			t.Fatal(err)
		}
		if got := pc.ParameterStatus("application_name"); got != step.want {
			t.Errorf("application_name after %s: %q, want %q", step.sql, got, step.want)
		}
	}
	if _, err := conn.Exec(ctx, "SET TimeZone = 'Europe/Paris'", pgx.QueryExecModeExec); err != nil {
		t.Fatal(err)
	}
	if got := pc.ParameterStatus("TimeZone"); got != "Europe/Paris" {
		t.Errorf("TimeZone after SET in the extended protocol: %q", got)
	}
	bad := fmt.Sprintf("postgres://analyst@%s/anydb?sslmode=disable&options=-c%%20nosuch%%3D1", f.addr)
	if _, err := pgx.Connect(ctx, bad); sqlState(err) != "42704" {
		t.Errorf("an unknown start-up parameter: %v", err)
	}
}

// TestPrivilegeFunctions checks has_*_privilege: true for what a reader
// may do with an object that exists, PostgreSQL's errors for an object,
// role or privilege that does not.
func TestPrivilegeFunctions(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	mustText(t, conn, `SET search_path = "postgresql.public"`)
	r := mustText(t, conn, `SELECT has_table_privilege('"Users"', 'select'),
		has_table_privilege('analyst', '"dfs.data"."users.parquet"', 'SELECT WITH GRANT OPTION'),
		has_table_privilege('"Users"', 'insert, update'), has_table_privilege('"Users"', 'select, insert'),
		has_schema_privilege('dfs.data', 'usage'), has_schema_privilege('s3.warehouse', 'create'),
		has_database_privilege('anydb', 'connect'), has_column_privilege('"Users"', 'UserID', 'select'),
		has_any_column_privilege('"Users"', 'select'), has_function_privilege('version()', 'execute')`)
	if got := r.Rows; len(got) != 1 || !strings.HasSuffix(r.String(), "t | t | f | t | t | f | t | t | t | t") {
		t.Errorf("privileges: %s", r)
	}
	for query, code := range map[string]string{
		`SELECT has_table_privilege('nosuch', 'select')`:             "42P01",
		`SELECT has_table_privilege('"Users"', 'bogus')`:             "22023",
		`SELECT has_table_privilege('nobody', '"Users"', 'select')`:  "42704",
		`SELECT has_schema_privilege('nosuch', 'usage')`:             "3F000",
		`SELECT has_database_privilege('nosuch', 'connect')`:         "3D000",
		`SELECT has_column_privilege('"Users"', 'nosuch', 'select')`: "42703",
		`SELECT has_function_privilege('nosuch()', 'execute')`:       "42883",
		`SELECT count(*) FROM otherdb."postgresql.public"."Users"`:   "0A000",
	} {
		if _, err := textQuery(t, conn, query); sqlState(err) != code {
			t.Errorf("%s: %v, want %s", query, err, code)
		}
	}
}

// TestTransactionsInTheExtendedProtocol runs pgx's transactions, whose
// statements go through Parse, Bind and Execute: a commit after a failed
// statement answers ROLLBACK, which pgx reports.
func TestTransactionsInTheExtendedProtocol(t *testing.T) {
	f := gateway(t)
	ctx := context.Background()
	conn := f.connect(t)
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "SET LOCAL statement_timeout = '5s'", pgx.QueryExecModeExec); err != nil {
		t.Fatal(err)
	}
	if conn.PgConn().TxStatus() != 'T' {
		t.Errorf("status in a block %c", conn.PgConn().TxStatus())
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if r := mustText(t, conn, "SHOW statement_timeout"); r.String() != "statement_timeout\n0" {
		t.Errorf("SET LOCAL after COMMIT: %s", r)
	}
	tx, err = conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "SELECT 1/0", pgx.QueryExecModeExec); sqlState(err) != "22012" {
		t.Fatalf("division by zero: %v", err)
	}
	var n int
	err = tx.QueryRow(ctx, "SELECT $1::int", 7).Scan(&n)
	if sqlState(err) != "25P02" || conn.PgConn().TxStatus() != 'E' {
		t.Errorf("a statement in a failed block: %v, status %c", err, conn.PgConn().TxStatus())
	}
	if err := tx.Commit(ctx); err != pgx.ErrTxCommitRollback {
		t.Errorf("COMMIT of a failed block: %v", err)
	}
	if err := conn.QueryRow(ctx, "SELECT $1::int", 7).Scan(&n); err != nil || n != 7 {
		t.Errorf("after the block: %v", err)
	}
}

// TestSessionFunctions checks the functions that describe the session.
func TestSessionFunctions(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	r := mustText(t, conn, `SELECT current_user, session_user, current_database(), current_catalog,
		pg_backend_pid() = `+fmt.Sprint(conn.PgConn().PID())+`, pg_is_in_recovery(), inet_client_addr(),
		inet_server_port() > 0, substr(version(), 1, 14)`)
	if want := "analyst | analyst | anydb | anydb | t | f | 127.0.0.1 | t | PostgreSQL 15."; len(r.Rows) != 1 ||
		!strings.HasSuffix(r.String(), want) {
		t.Errorf("session functions: %s", r)
	}
	if r := mustText(t, conn, "SELECT current_schema() IS NULL"); r.String() != "?column?\nt" {
		t.Errorf("current_schema() when no schema of the default path exists: %s", r)
	}
	mustText(t, conn, `SET search_path TO "nosuch", "dfs.data", "postgresql.public"`)
	r = mustText(t, conn, "SELECT current_schema, current_schemas(false), current_schemas(true)")
	if !strings.HasSuffix(r.String(), "dfs.data | {dfs.data,postgresql.public} | {pg_catalog,dfs.data,postgresql.public}") {
		t.Errorf("current_schema on a search path: %s", r)
	}
	if r := mustText(t, conn, `SELECT count(*) FROM "Users"`); r.String() != "count\n100" {
		t.Errorf("a table found in the second schema of the path: %s", r)
	}
	if r := mustText(t, conn, `SHOW TABLES`); !contains(cells(r, 1), "users.parquet") || !contains(cells(r, 0), "dfs.data") {
		t.Errorf("SHOW TABLES on the search path: %s", r)
	}
	mustText(t, conn, "USE postgresql.public")
	if r := mustText(t, conn, "SELECT current_schema(), current_setting('search_path')"); !strings.HasSuffix(r.String(), `postgresql.public | "postgresql.public"`) {
		t.Errorf("USE as search_path: %s", r)
	}
	for _, name := range []string{`"postgresql.public"."Users"`, `"dfs.data"."users.parquet"`, `anydb."postgresql.public"."Users"`,
		`"Users"`, `postgresql.public."Users"`} {
		if r := mustText(t, conn, "SELECT count(*) FROM "+name); r.String() != "count\n100" {
			t.Errorf("%s: %s", name, r)
		}
	}
}

// postgresCrossJoin is a count PostgreSQL would take minutes over: the
// five-fold cross join of its users table, sent to it as one query.
func postgresCrossJoin(marker string) string {
	from := make([]string, 5)
	for i := range from {
		from[i] = fmt.Sprintf(`postgresql.public."Users" t%d`, i)
	}
	return fmt.Sprintf("SELECT count(*) AS %s FROM %s", marker, strings.Join(from, ", "))
}

// waitUntilPostgresIdle waits until PostgreSQL runs no query holding
// marker: the gateway canceled its remote query too.
func waitUntilPostgresIdle(t *testing.T, direct *pgx.Conn, marker string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var n int
		err := direct.QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
			WHERE state = 'active' AND query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid()`, marker).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("PostgreSQL still runs the remote query of %s", marker)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestStatementTimeoutOnPostgreSQL stops a long remote PostgreSQL query
// with 57014 after statement_timeout; the remote query stops too and the
// connection goes on.
func TestStatementTimeoutOnPostgreSQL(t *testing.T) {
	f := gateway(t)
	conn, direct := f.connect(t), f.direct(t)
	mustText(t, conn, "SET statement_timeout = '300ms'")
	start := time.Now()
	_, err := textQuery(t, conn, postgresCrossJoin("pg_timed_out"))
	if sqlState(err) != "57014" || !strings.Contains(err.Error(), "canceling statement due to statement timeout") {
		t.Fatalf("a PostgreSQL query past statement_timeout: %v", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the query stopped after %s", took)
	}
	waitUntilPostgresIdle(t, direct, "pg_timed_out")
	mustText(t, conn, "RESET statement_timeout")
	if r := mustText(t, conn, "SELECT 7 AS n"); r.String() != "n\n7" {
		t.Errorf("the connection after a timeout: %s", r)
	}
}

// TestClientCancelStopsQueries cancels running queries the way pgx does
// when its context ends (a CancelRequest on a connection of its own), over
// Parquet and over PostgreSQL: each stops with 57014 and the connection
// serves the next query.
func TestClientCancelStopsQueries(t *testing.T) {
	f := gateway(t)
	direct := f.direct(t)
	conn := connectCanceling(t, f.addr)
	for marker, query := range map[string]string{"parquet_canceled": crossJoinOf("dfs.data.`users.parquet`", "parquet_canceled"),
		"pg_canceled": postgresCrossJoin("pg_canceled")} {
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		start := time.Now()
		_, err := conn.Exec(ctx, query, pgx.QueryExecModeSimpleProtocol)
		cancel()
		if sqlState(err) != "57014" {
			t.Errorf("%s: a canceled query: %v", marker, err)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%s: the query stopped after %s", marker, took)
		}
		if conn.IsClosed() {
			t.Fatalf("%s: pgx closed the connection: the cancel went unanswered", marker)
		}
		if marker == "pg_canceled" {
			waitUntilPostgresIdle(t, direct, marker)
		}
		if r := mustText(t, conn, "SELECT 7 AS n"); r.String() != "n\n7" {
			t.Errorf("%s: the connection after a cancel: %s", marker, r)
		}
	}
}

// crossJoinOf is the five-fold cross join count of a table.
func crossJoinOf(table, marker string) string {
	from := make([]string, 5)
	for i := range from {
		from[i] = fmt.Sprintf("%s t%d", table, i)
	}
	return fmt.Sprintf("SELECT count(*) AS %s FROM %s", marker, strings.Join(from, ", "))
}

// sessionScript is a psql script of session statements whose whole
// output, warnings and errors included, PostgreSQL and Auger must agree on.
const sessionScript = `COMMIT;
BEGIN;
SET LOCAL work_mem = '8MB';
SHOW work_mem;
SELECT 1/0;
SELECT 1;
ROLLBACK;
SHOW work_mem;
SET datestyle = sql, dmy;
SHOW DateStyle;
SET nosuch = 1;
SET myapp.flag TO 'on';
SELECT current_setting('myapp.flag'), current_setting('nosuch.flag', true) IS NULL;
SET LOCAL jit = off;
RESET ALL;
SHOW DateStyle;
\encoding
`

// TestPsqlSession runs sessionScript through psql against PostgreSQL and
// against Auger and compares the outputs.
func TestPsqlSession(t *testing.T) {
	f := gateway(t)
	psql := testenv.Psql(t)
	run := func(host, port, db string) string {
		cmd := exec.Command(psql, "-X", "-a", "-h", host, "-p", port, "-U", "postgres", "-d", db,
			"-f", "-")
		cmd.Stdin = strings.NewReader(sessionScript)
		cmd.Env = append(os.Environ(), "PGCONNECT_TIMEOUT=5", "PGCLIENTENCODING=UTF8")
		out, _ := cmd.CombinedOutput()
		return string(out)
	}
	pg, err := pgconn.ParseConfig(f.pgURL)
	if err != nil {
		t.Fatal(err)
	}
	host, port := splitAddr(f.addr)
	want := run(pg.Host, fmt.Sprint(pg.Port), pg.Database)
	if got := run(host, port, "anydb"); got != want {
		t.Errorf("psql output differs from PostgreSQL's:\n got:\n%s\nwant:\n%s", got, want)
	}
}
