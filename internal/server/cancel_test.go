package server

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/sqlstate"
	"auger/internal/testenv"
)

// connPair is a TCP connection as the server sees it, and the client's end.
func connPair(t *testing.T) (server, client net.Conn) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	client, err = net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	server, err = l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { server.Close(); client.Close() })
	return server, client
}

func TestPeerClosed(t *testing.T) {
	server, client := connPair(t)
	if peerClosed(server) {
		t.Fatal("an open connection looks closed")
	}
	// Data the server has not read yet must not hide the close.
	if _, err := client.Write([]byte("X\x00\x00\x00\x04")); err != nil {
		t.Fatal(err)
	}
	if peerClosed(server) {
		t.Fatal("a connection with unread data looks closed")
	}
	client.Close()
	deadline := time.Now().Add(5 * time.Second)
	for !peerClosed(server) {
		if time.Now().After(deadline) {
			t.Fatal("the client's close went unnoticed")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitingTable is a table whose scan waits until its statement is
// canceled, standing for a query that would run for a long time.
type waitingTable struct{ panicTable }

func (waitingTable) Scan(context.Context, catalog.ScanRequest) (catalog.BatchReader, error) {
	return waitingReader{}, nil
}

type waitingReader struct{}

func (waitingReader) Schema() *arrow.Schema { return panicTable{}.Schema() }
func (waitingReader) Close() error          { return nil }
func (waitingReader) Next(ctx context.Context) (arrow.RecordBatch, error) {
	<-ctx.Done()
	return nil, fmt.Errorf("waiting scan: %w", ctx.Err())
}

type waitingPlugin struct{ panicPlugin }

func (waitingPlugin) Table(context.Context, string, string) (catalog.Table, error) {
	return waitingTable{}, nil
}

func init() {
	catalog.Register("servertest-waiting", func(string, *config.Plugin) (catalog.Plugin, error) { return waitingPlugin{}, nil })
}

// startWaitingServer serves a catalog whose table p.s.wait never ends a scan.
func startWaitingServer(t *testing.T) (addr string, logs *lockedWriter) {
	t.Helper()
	logs = &lockedWriter{w: &strings.Builder{}}
	addr = serveForTest(t, map[string]*config.Plugin{"p": {Name: "p", Type: "servertest-waiting", Enabled: true}},
		slog.New(slog.NewTextHandler(logs, nil)))
	return addr, logs
}

// lockedWriter lets the server's goroutines log into one builder.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return fmt.Sprint(l.w)
}

// TestCancelRequest cancels a statement that would never end with its
// connection's key: a wrong secret cancels nothing, the right one ends the
// statement with 57014 and the connection goes on.
func TestCancelRequest(t *testing.T) {
	addr, _ := startWaitingServer(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, "postgres://u@"+addr+"/db?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	pid, secret := conn.PgConn().PID(), binary.BigEndian.Uint32(conn.PgConn().SecretKey())
	if pid == 0 {
		t.Fatal("the server gave no backend key")
	}
	failed := make(chan error, 1)
	go func() {
		_, err := conn.Exec(ctx, "SELECT x FROM p.s.wait", pgx.QueryExecModeSimpleProtocol)
		failed <- err
	}()
	time.Sleep(200 * time.Millisecond)
	sendCancel(t, addr, pid, secret^1)
	select {
	case err := <-failed:
		t.Fatalf("a wrong secret canceled the statement: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	sendCancel(t, addr, pid, secret)
	select {
	case err := <-failed:
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.Code != sqlstate.QueryCanceled || pgErr.Message != "canceling statement due to user request" {
			t.Errorf("the canceled statement's error: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the cancel request did not stop the statement")
	}
	var n int
	if err := conn.QueryRow(ctx, "SELECT 7", pgx.QueryExecModeSimpleProtocol).Scan(&n); err != nil || n != 7 {
		t.Errorf("the connection after a cancel: %v", err)
	}
}

// sendCancel sends a CancelRequest message on a connection of its own.
func sendCancel(t *testing.T, addr string, pid, secret uint32) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	msg := binary.BigEndian.AppendUint32(nil, 16)
	msg = binary.BigEndian.AppendUint32(msg, 80877102)
	msg = binary.BigEndian.AppendUint32(msg, pid)
	msg = binary.BigEndian.AppendUint32(msg, secret)
	if _, err := c.Write(msg); err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, c) // the server closes the connection once it has acted
}

// TestClosedClientCancelsTheStatement closes the client's connection while
// a statement that would never end runs.
func TestClosedClientCancelsTheStatement(t *testing.T) {
	addr, logs := startWaitingServer(t)
	if err := testenv.AbandonQuery(addr, "u", "SELECT x FROM p.s.wait", 200*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(logs.String(), "sqlstate=08006") {
		if time.Now().After(deadline) {
			t.Fatalf("the statement went on after its client left; logs:\n%s", logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
