// Package postgres is the `jdbc` storage plugin for PostgreSQL: every schema
// the configured user can use is a schema of the catalog, and a scan is one
// remote SELECT carrying the projection, the accepted filters (every literal
// a bound parameter) and the limit, whose binary results are decoded
// straight into Arrow batches.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/sqlstate"
)

func init() {
	catalog.Register("jdbc", New)
}

// Plugin is one configured PostgreSQL server. It connects on first use and,
// after a failed attempt, again on the next.
type Plugin struct {
	name   string
	config *pgxpool.Config
	alloc  memory.Allocator // where scans build their batches
	// writable: the configuration allows CREATE TABLE, INSERT and DROP
	// TABLE (Drill's jdbc option "writable").
	writable bool

	poolMu sync.Mutex
	pool   *pgxpool.Pool
}

var _ catalog.Plugin = (*Plugin)(nil)

// New reads a jdbc plugin's configuration (Drill's url, username, password
// and sourceParameters). It does not connect: a server that is down fails
// the first statement that needs it, not the start-up.
func New(name string, cfg *config.Plugin) (catalog.Plugin, error) {
	pc, err := poolConfig(name, cfg)
	if err != nil {
		return nil, err
	}
	return &Plugin{name: name, config: pc, alloc: memory.DefaultAllocator, writable: cfg.Writable}, nil
}

// connect returns the pool, creating and checking it on first use and after
// a failure.
func (p *Plugin) connect(ctx context.Context) (*pgxpool.Pool, error) {
	p.poolMu.Lock()
	defer p.poolMu.Unlock()
	if p.pool != nil {
		return p.pool, nil
	}
	pool, err := pgxpool.NewWithConfig(ctx, p.config)
	if err != nil {
		return nil, p.unavailable(err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		if ctx.Err() != nil {
			return nil, p.remoteError(ctx.Err())
		}
		return nil, p.unavailable(err)
	}
	p.pool = pool
	return pool, nil
}

// unavailable is the error for a server that cannot be reached: 08001,
// wrapping catalog.ErrSourceUnavailable, naming the plugin and the address
// but never the password.
func (p *Plugin) unavailable(err error) error {
	cc := p.config.ConnConfig
	msg := fmt.Sprintf("plugin %q: cannot connect to %s:%d: %v", p.name, cc.Host, cc.Port, err)
	msg = redactSecret(msg, cc.Password)
	return &sqlstate.Error{Code: sqlstate.SQLClientUnableToConnect, Message: msg,
		Cause: errors.Join(catalog.ErrSourceUnavailable, err)}
}

// remoteError gives the engine an error it can report: PostgreSQL's own
// SQLSTATE and message, 08001 for a connection that cannot be made, 57014
// for a statement canceled through its context.
func (p *Plugin) remoteError(err error) error {
	var pgErr *pgconn.PgError
	var connErr *pgconn.ConnectError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &connErr):
		return p.unavailable(err)
	case errors.As(err, &pgErr):
		return &sqlstate.Error{Code: pgErr.Code, Message: pgErr.Message, Detail: pgErr.Detail, Hint: pgErr.Hint, Cause: err}
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return &sqlstate.Error{Code: sqlstate.QueryCanceled, Message: "canceling statement: " + err.Error(), Cause: err}
	}
	return fmt.Errorf("plugin %q: %w", p.name, err)
}

// Close implements catalog.Plugin.
func (p *Plugin) Close() error {
	p.poolMu.Lock()
	defer p.poolMu.Unlock()
	if p.pool != nil {
		p.pool.Close()
		p.pool = nil
	}
	return nil
}

// DefaultSchema implements catalog.Plugin.
func (p *Plugin) DefaultSchema() string { return "public" }

// schemasQuery lists the schemas the user may use, without PostgreSQL's own.
const schemasQuery = `SELECT nspname FROM pg_catalog.pg_namespace
WHERE has_schema_privilege(oid, 'USAGE') AND nspname NOT IN ('pg_catalog', 'information_schema')
  AND nspname NOT LIKE 'pg\_toast%' AND nspname NOT LIKE 'pg\_temp\_%'
ORDER BY nspname COLLATE "C"`

// tablesQuery lists a schema's tables, views, materialized views, foreign
// and partitioned tables.
const tablesQuery = `SELECT c.relname FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'm', 'f', 'p')
ORDER BY c.relname COLLATE "C"`

// Schemas implements catalog.Plugin: the schemas the user has USAGE on,
// without pg_catalog, information_schema and the toast and temporary ones.
func (p *Plugin) Schemas(ctx context.Context) ([]string, error) {
	return p.strings(ctx, schemasQuery)
}

// Tables implements catalog.Plugin.
func (p *Plugin) Tables(ctx context.Context, schema string) ([]string, error) {
	exact, err := p.resolveSchema(ctx, schema)
	if err != nil {
		return nil, err
	}
	return p.strings(ctx, tablesQuery, exact)
}

// resolveSchema finds a schema by name: exactly first, else the only
// case-insensitive match.
func (p *Plugin) resolveSchema(ctx context.Context, schema string) (string, error) {
	schemas, err := p.Schemas(ctx)
	if err != nil {
		return "", err
	}
	if exact, ok := catalog.MatchName(schemas, schema); ok {
		return exact, nil
	}
	return "", &sqlstate.Error{Code: sqlstate.InvalidSchemaName,
		Message: fmt.Sprintf("schema %q does not exist", p.name+"."+schema), Cause: catalog.ErrSchemaNotFound}
}

// strings runs a query returning one text column.
func (p *Plugin) strings(ctx context.Context, query string, args ...any) ([]string, error) {
	pool, err := p.connect(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := pool.Query(ctx, query, args...)
	if err != nil {
		return nil, p.remoteError(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, p.remoteError(err)
		}
		out = append(out, s)
	}
	return out, p.remoteError(rows.Err())
}
