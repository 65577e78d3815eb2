// Package postgres is the `jdbc` storage plugin for PostgreSQL: every schema
// the configured user can see is a schema of the catalog, and a scan is one
// remote SELECT carrying the projection, the accepted filters (every literal
// a bound parameter) and the limit, whose binary results are decoded
// straight into Arrow batches.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/sqlstate"
)

func init() {
	catalog.Register("jdbc", New)
}

// Plugin is one configured PostgreSQL server.
type Plugin struct {
	name   string
	poolMu sync.Mutex
	pool   *pgxpool.Pool
	config *pgxpool.Config
}

var _ catalog.Plugin = (*Plugin)(nil)

// New reads a jdbc plugin's configuration. It does not connect: a server
// that is down fails the first query that needs it, not the start-up.
func New(name string, cfg *config.Plugin) (catalog.Plugin, error) {
	pc, err := poolConfig(cfg)
	if err != nil {
		return nil, &config.Error{Plugin: name, Field: "url", Reason: err.Error()}
	}
	return &Plugin{name: name, config: pc}, nil
}

// poolConfig turns Drill's jdbc fields into a pgxpool configuration.
func poolConfig(cfg *config.Plugin) (*pgxpool.Config, error) {
	u, err := url.Parse(strings.TrimPrefix(cfg.URL, "jdbc:"))
	if err != nil {
		return nil, err
	}
	if cfg.Username != "" {
		u.User = url.UserPassword(cfg.Username, cfg.Password)
	}
	pc, err := pgxpool.ParseConfig(u.String())
	if err != nil {
		return nil, errors.New(strings.ReplaceAll(err.Error(), cfg.Password, "*****"))
	}
	applySourceParameters(pc, cfg.SourceParameters)
	if pc.ConnConfig.ConnectTimeout == 0 {
		pc.ConnConfig.ConnectTimeout = 10 * time.Second
	}
	pc.ConnConfig.RuntimeParams["application_name"] = "auger"
	pc.ConnConfig.RuntimeParams["timezone"] = "UTC"
	return pc, nil
}

// applySourceParameters maps the HikariCP pool settings Drill uses.
func applySourceParameters(pc *pgxpool.Config, params map[string]any) {
	num := func(key string) (int64, bool) {
		v, ok := params[key].(float64)
		return int64(v), ok
	}
	if v, ok := num("maximumPoolSize"); ok && v > 0 {
		pc.MaxConns = int32(v)
	}
	if v, ok := num("minimumIdle"); ok && v >= 0 {
		pc.MinConns = int32(min(v, int64(pc.MaxConns)))
	}
	if v, ok := num("idleTimeout"); ok && v > 0 {
		pc.MaxConnIdleTime = time.Duration(v) * time.Millisecond
	}
	if v, ok := num("maxLifetime"); ok && v > 0 {
		pc.MaxConnLifetime = time.Duration(v) * time.Millisecond
	}
	if v, ok := num("connectionTimeout"); ok && v > 0 {
		pc.ConnConfig.ConnectTimeout = time.Duration(v) * time.Millisecond
	}
}

// connect returns the pool, creating and checking it on first use and
// after a failure.
func (p *Plugin) connect(ctx context.Context) (*pgxpool.Pool, error) {
	p.poolMu.Lock()
	defer p.poolMu.Unlock()
	if p.pool != nil {
		return p.pool, nil
	}
	pool, err := pgxpool.NewWithConfig(ctx, p.config)
	if err == nil {
		err = pool.Ping(ctx)
		if err != nil {
			pool.Close()
		}
	}
	if err != nil {
		return nil, p.unavailable(err)
	}
	p.pool = pool
	return pool, nil
}

func (p *Plugin) unavailable(err error) error {
	msg := fmt.Sprintf("plugin %q: cannot connect to %s:%d: %v", p.name, p.config.ConnConfig.Host, p.config.ConnConfig.Port, err)
	if pw := p.config.ConnConfig.Password; pw != "" {
		msg = strings.ReplaceAll(msg, pw, "*****")
	}
	return &sqlstate.Error{Code: sqlstate.SQLClientUnableToConnect, Message: msg,
		Cause: errors.Join(catalog.ErrSourceUnavailable, err)}
}

// remoteError keeps PostgreSQL's own SQLSTATE and message.
func (p *Plugin) remoteError(err error) error {
	if err == nil {
		return nil
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return &sqlstate.Error{Code: pgErr.Code, Message: pgErr.Message, Detail: pgErr.Detail, Hint: pgErr.Hint, Cause: err}
	}
	if pgconn.SafeToRetry(err) || errors.Is(err, context.DeadlineExceeded) {
		return p.unavailable(err)
	}
	return err
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

// Schemas implements catalog.Plugin: the schemas the user may use, without
// PostgreSQL's own.
func (p *Plugin) Schemas(ctx context.Context) ([]string, error) {
	return p.strings(ctx, `SELECT nspname FROM pg_catalog.pg_namespace
		WHERE has_schema_privilege(oid, 'USAGE') AND nspname NOT IN ('pg_catalog', 'information_schema')
		  AND nspname NOT LIKE 'pg\_toast%' AND nspname NOT LIKE 'pg\_temp\_%'
		ORDER BY nspname`)
}

// Tables implements catalog.Plugin: tables, views, materialized views,
// foreign and partitioned tables.
func (p *Plugin) Tables(ctx context.Context, schema string) ([]string, error) {
	if err := p.checkSchema(ctx, schema); err != nil {
		return nil, err
	}
	return p.strings(ctx, `SELECT c.relname FROM pg_catalog.pg_class c
		JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'm', 'f', 'p') AND NOT c.relispartition
		ORDER BY c.relname COLLATE "C"`, schema)
}

func (p *Plugin) checkSchema(ctx context.Context, schema string) error {
	schemas, err := p.Schemas(ctx)
	if err != nil {
		return err
	}
	if _, ok := catalog.MatchName(schemas, schema); !ok {
		return &sqlstate.Error{Code: sqlstate.InvalidSchemaName,
			Message: fmt.Sprintf("schema %q does not exist", p.name+"."+schema), Cause: catalog.ErrSchemaNotFound}
	}
	return nil
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
