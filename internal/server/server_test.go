package server

import (
	"context"
	"log/slog"
	"net"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/engine"
	"auger/internal/expr"
)

// panicTable is a table whose scan panics, standing for a bug in a plugin.
type panicTable struct{}

func (panicTable) Schema() *arrow.Schema {
	return arrow.NewSchema([]arrow.Field{{Name: "x", Type: arrow.PrimitiveTypes.Int32}}, nil)
}
func (panicTable) SupportsFilters(f []expr.Expr) []catalog.FilterVerdict {
	return make([]catalog.FilterVerdict, len(f))
}
func (panicTable) Scan(context.Context, catalog.ScanRequest) (catalog.BatchReader, error) {
	panic("plugin bug")
}

type panicPlugin struct{}

func (panicPlugin) Schemas(context.Context) ([]string, error)        { return []string{"s"}, nil }
func (panicPlugin) DefaultSchema() string                            { return "s" }
func (panicPlugin) Tables(context.Context, string) ([]string, error) { return []string{"boom"}, nil }
func (panicPlugin) Close() error                                     { return nil }
func (panicPlugin) Table(context.Context, string, string) (catalog.Table, error) {
	return panicTable{}, nil
}

func init() {
	catalog.Register("servertest", func(string, *config.Plugin) (catalog.Plugin, error) { return panicPlugin{}, nil })
}

func TestPanicFailsOnlyTheStatement(t *testing.T) {
	var logs strings.Builder
	addr := serveForTest(t, map[string]*config.Plugin{"p": {Name: "p", Type: "servertest", Enabled: true}},
		slog.New(slog.NewTextHandler(&logs, nil)))
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, "postgres://u@"+addr+"/db?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, mode := range []pgx.QueryExecMode{pgx.QueryExecModeSimpleProtocol, pgx.QueryExecModeExec} {
		rows, err := conn.Query(ctx, "SELECT x FROM p.s.boom", mode)
		if err == nil {
			rows.Next()
			rows.Close()
			err = rows.Err()
		}
		pgErr, ok := err.(*pgconn.PgError)
		if !ok || pgErr.Code != "XX000" || !strings.Contains(pgErr.Message, "plugin bug") {
			t.Errorf("mode %v: error %v, want XX000", mode, err)
		}
		var n int
		if err := conn.QueryRow(ctx, "SELECT 7", pgx.QueryExecModeSimpleProtocol).Scan(&n); err != nil || n != 7 {
			t.Errorf("the connection does not serve after a panic: %v", err)
		}
	}
	if !strings.Contains(logs.String(), "panic while serving a statement") {
		t.Errorf("panic not logged")
	}
}

// serveForTest serves a catalog of plugins on a loopback port until the
// test ends, logging to log, and returns the address.
func serveForTest(t *testing.T, plugins map[string]*config.Plugin, log *slog.Logger, opts ...Option) string {
	t.Helper()
	cat, err := catalog.New(&config.Storage{Plugins: plugins}, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(&engine.Engine{Catalog: cat, Log: log}, log, opts...)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Shutdown(context.Background()) })
	return l.Addr().String()
}
