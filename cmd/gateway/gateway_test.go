package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"auger/internal/testenv"
)

// gatewayBinary is built once by TestMain.
var gatewayBinary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "auger-gateway-test")
	if err != nil {
		panic(err)
	}
	gatewayBinary = filepath.Join(dir, "gateway")
	build := exec.Command("go", "build", "-o", gatewayBinary, ".")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building the gateway:", err)
		os.Exit(1)
	}
	code := m.Run()
	stopFixture()
	testenv.StopS3()
	testenv.StopServers()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fixture is one running gateway over a PostgreSQL database, a local folder
// and an S3 bucket holding the same rows, shared by the tests of this
// package.
type fixture struct {
	addr    string // host:port of the gateway
	pgURL   string // the reference database, directly
	dataDir string // the local Parquet folder (workspace dfs.data)
	config  string // the storage-plugins.json it serves
	cmd     *exec.Cmd
	logs    *syncBuffer
}

var (
	fixtureOnce sync.Once
	shared      *fixture
	fixtureErr  error
)

func stopFixture() {
	if shared != nil && shared.cmd != nil {
		shared.cmd.Process.Signal(syscall.SIGTERM)
		shared.cmd.Wait()
	}
}

// gateway returns the shared running gateway, starting it on first use.
func gateway(t testing.TB) *fixture {
	t.Helper()
	fixtureOnce.Do(func() { shared, fixtureErr = startFixture(t) })
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return shared
}

func startFixture(t testing.TB) (*fixture, error) {
	ctx := context.Background()
	f := &fixture{pgURL: testenv.SharedDatabase(t, "auger_gateway_test")}
	loadPostgres(ctx, t, f.pgURL)
	dir, err := os.MkdirTemp("", "auger-data")
	if err != nil {
		return nil, err
	}
	f.dataDir = filepath.Join(dir, "data")
	users := testUsers()
	usersFile := writeParquet(t, filepath.Join(f.dataDir, "users.parquet"), users, 30)
	writeParquet(t, filepath.Join(f.dataDir, "sales_by_year", "2023.parquet"), users[:40], 100)
	writeParquet(t, filepath.Join(f.dataDir, "sales_by_year", "2024.parquet"), users[40:], 100)
	noUsersFile := writeParquet(t, filepath.Join(f.dataDir, "no_users.parquet"), nil, 30)
	writeSalesParts(t, f.partsDir(), users)
	writeTextFiles(t, f.partsDir())
	writeParquet(t, filepath.Join(f.dataDir, "no_users_folder", "part-0.parquet"), nil, 30)
	if err := os.WriteFile(filepath.Join(f.dataDir, "corrupt.parquet"), []byte("this is not parquet at all"), 0o644); err != nil {
		return nil, err
	}
	s3 := testenv.S3(t)
	s3.CreateBucket(t, "lake")
	s3.Put(t, "lake", "warehouse/users.parquet", usersFile)
	s3.Put(t, "lake", "warehouse/no_users.parquet", noUsersFile)
	arrays := testArrays()
	arraysFile := writeArraysParquet(t, filepath.Join(f.dataDir, "arrays.parquet"), arrays)
	writeArraysParquet(t, filepath.Join(f.dataDir, "arrays_folder", "part-0.parquet"), arrays[:12])
	writeArraysParquet(t, filepath.Join(f.dataDir, "arrays_folder", "part-1.parquet"), arrays[12:])
	s3.Put(t, "lake", "warehouse/arrays.parquet", arraysFile)
	typeRows := testTypes()
	typesFile := writeTypesParquet(t, filepath.Join(f.dataDir, "types.parquet"), typeRows)
	writeTypesParquet(t, filepath.Join(f.dataDir, "types_folder", "part-0.parquet"), typeRows[:9])
	writeTypesParquet(t, filepath.Join(f.dataDir, "types_folder", "part-1.parquet"), typeRows[9:])
	s3.Put(t, "lake", "warehouse/types.parquet", typesFile)
	configPath := filepath.Join(dir, "storage-plugins.json")
	f.config = configPath
	if err := writeConfig(configPath, f, s3); err != nil {
		return nil, err
	}
	f.addr = freeAddr(t)
	f.cmd, f.logs = startGateway(t, "--config", configPath, "--listen", f.addr)
	return f, waitForPort(f.addr, 10*time.Second)
}

// writeConfig writes a storage-plugins.json in Drill's format for the fixture.
func writeConfig(path string, f *fixture, s3 *testenv.S3Server) error {
	pg, err := pgconn.ParseConfig(f.pgURL)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(writableDir(f), 0o755); err != nil {
		return err
	}
	storage := map[string]any{
		"dfs": map[string]any{
			"type": "file", "connection": "file:///", "enabled": true,
			"workspaces": map[string]any{
				"root": map[string]any{"location": "/", "writable": false},
				"data": map[string]any{"location": f.dataDir, "writable": false, "defaultInputFormat": "parquet"},
				"tmp":  map[string]any{"location": writableDir(f), "writable": true},
			},
			"formats": map[string]any{"parquet": map[string]any{"type": "parquet"}},
		},
		"postgresql": map[string]any{
			"type": "jdbc", "driver": "org.postgresql.Driver", "enabled": true,
			"url":      fmt.Sprintf("jdbc:postgresql://%s:%d/%s?sslmode=disable", pg.Host, pg.Port, pg.Database),
			"username": pg.User, "password": "${AUGER_TEST_PG_PASSWORD}", "writable": true,
			"sourceParameters": map[string]any{"maximumPoolSize": 4, "minimumIdle": 0},
		},
		"postgresql2": map[string]any{
			"type": "jdbc", "driver": "org.postgresql.Driver", "enabled": true,
			"url":      fmt.Sprintf("jdbc:postgresql://%s:%d/%s?sslmode=disable", pg.Host, pg.Port, pg.Database),
			"username": pg.User, "password": "${AUGER_TEST_PG_PASSWORD}",
			"sourceParameters": map[string]any{"maximumPoolSize": 2, "minimumIdle": 0},
		},
		"s3": map[string]any{
			"type": "file", "connection": "s3a://lake", "enabled": true,
			"config": map[string]any{
				"fs.s3a.access.key": s3.AccessKey, "fs.s3a.secret.key": s3.SecretKey,
				"fs.s3a.endpoint": s3.Endpoint, "fs.s3a.path.style.access": "true",
			},
			"workspaces": map[string]any{
				"root":      map[string]any{"location": "/", "writable": false},
				"warehouse": map[string]any{"location": "/warehouse", "writable": false},
				"tmp":       map[string]any{"location": "/tmp", "writable": true},
			},
		},
		"downpg": map[string]any{
			"type": "jdbc", "url": "jdbc:postgresql://127.0.0.1:1/nothing", "username": "x", "enabled": true,
		},
	}
	data, err := json.MarshalIndent(map[string]any{"storage": storage}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// syncBuffer collects a process's output safely across goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func startGateway(t testing.TB, args ...string) (*exec.Cmd, *syncBuffer) {
	cmd := exec.Command(gatewayBinary, args...)
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	cmd.Env = append(os.Environ(), "AUGER_TEST_PG_PASSWORD=")
	testenv.KillWithParent(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, logs
}

func freeAddr(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func waitForPort(addr string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("gateway did not listen on %s within %s", addr, limit)
}

// connect opens a pgx connection to the gateway.
func (f *fixture) connect(t testing.TB) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), fmt.Sprintf("postgres://analyst@%s/anydb?sslmode=disable&timezone=UTC", f.addr))
	if err != nil {
		t.Fatalf("connect to gateway: %v\nlogs:\n%s", err, f.logs)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// direct opens a pgx connection straight to the reference PostgreSQL, in UTC.
func (f *fixture) direct(t testing.TB) *pgx.Conn {
	t.Helper()
	cfg, err := pgx.ParseConfig(f.pgURL)
	if err != nil {
		t.Fatal(err)
	}
	cfg.RuntimeParams["timezone"] = "UTC"
	conn, err := pgx.ConnectConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// result is a query result in text format: column names, then rows of
// cells (nil for NULL).
type result struct {
	Columns []string
	Types   []uint32 // the type OIDs of the columns
	Rows    [][]*string
}

// String renders the column names and the rows.
func (r result) String() string {
	var b strings.Builder
	b.WriteString(strings.Join(r.Columns, " | "))
	for _, row := range r.Rows {
		b.WriteString("\n")
		for i, c := range row {
			if i > 0 {
				b.WriteString(" | ")
			}
			if c == nil {
				b.WriteString("NULL")
			} else {
				b.WriteString(*c)
			}
		}
	}
	return b.String()
}

// textQuery runs sql over the simple protocol and returns the text cells
// exactly as the server rendered them.
func textQuery(t *testing.T, conn *pgx.Conn, sql string) (result, error) {
	t.Helper()
	rows, err := conn.Query(context.Background(), sql, pgx.QueryExecModeSimpleProtocol)
	if err != nil {
		return result{}, err
	}
	defer rows.Close()
	var r result
	for _, fd := range rows.FieldDescriptions() {
		r.Columns = append(r.Columns, fd.Name)
		r.Types = append(r.Types, fd.DataTypeOID)
	}
	for rows.Next() {
		raw := rows.RawValues()
		row := make([]*string, len(raw))
		for i, v := range raw {
			if v != nil {
				row[i] = ptr(string(v))
			}
		}
		r.Rows = append(r.Rows, row)
	}
	return r, rows.Err()
}

func mustText(t *testing.T, conn *pgx.Conn, sql string) result {
	t.Helper()
	r, err := textQuery(t, conn, sql)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return r
}

// sqlState returns the SQLSTATE of a PostgreSQL error, or "" for none.
func sqlState(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}
