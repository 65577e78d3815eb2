package catalog

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"

	"auger/internal/config"
	"auger/internal/sqlstate"
)

// InformationSchema is the name of the virtual schema that describes the
// catalog itself.
const InformationSchema = "information_schema"

// SchemaRef names one schema of the combined catalog: a plugin and one of
// its sub-schemas (`postgresql` + `public`), or the information schema
// (Plugin = "information_schema", Sub = "").
type SchemaRef struct {
	Plugin string
	Sub    string
}

// String is the schema's full name as SHOW SCHEMAS lists it.
func (s SchemaRef) String() string {
	if s.Sub == "" {
		return s.Plugin
	}
	return s.Plugin + "." + s.Sub
}

// IsZero tells whether no schema is named.
func (s SchemaRef) IsZero() bool { return s.Plugin == "" }

// Catalog holds the configured plugins by name and resolves names against
// them. It is safe for concurrent use.
type Catalog struct {
	plugins map[string]Plugin
	names   []string // plugin names, sorted
	log     *slog.Logger
	info    *infoSchema
	pg      pgCache // the latest snapshot pg_catalog serves
}

// New builds every enabled plugin of the configuration through its
// registered factory. A factory error (a configuration the plugin rejects)
// fails the whole start-up, naming the plugin.
func New(storage *config.Storage, log *slog.Logger) (*Catalog, error) {
	c := &Catalog{plugins: map[string]Plugin{}, log: log}
	for _, pc := range storage.Enabled() {
		factory, err := lookupFactory(pc.Type)
		if err != nil {
			return nil, &config.Error{Plugin: pc.Name, Field: "type", Reason: err.Error()}
		}
		p, err := factory(pc.Name, pc)
		if err != nil {
			c.Close()
			return nil, fmt.Errorf("storage plugin %q: %w", pc.Name, err)
		}
		c.plugins[pc.Name] = p
		c.names = append(c.names, pc.Name)
	}
	sort.Strings(c.names)
	c.info = &infoSchema{cat: c}
	return c, nil
}

// Close closes every plugin.
func (c *Catalog) Close() {
	for _, p := range c.plugins {
		if err := p.Close(); err != nil && c.log != nil {
			c.log.Warn("closing plugin", "err", err)
		}
	}
}

// PluginNames lists the served plugins, sorted.
func (c *Catalog) PluginNames() []string { return c.names }

// Schemas lists every schema of the combined catalog, sorted: each plugin
// alone (its default schema), each `plugin.sub`, and information_schema. A
// plugin whose source is down contributes only its own name, and the error
// is logged.
func (c *Catalog) Schemas(ctx context.Context) []SchemaRef {
	out := []SchemaRef{{Plugin: InformationSchema}}
	for _, name := range c.names {
		out = append(out, SchemaRef{Plugin: name})
		subs, err := c.plugins[name].Schemas(ctx)
		if err != nil {
			if c.log != nil {
				c.log.Warn("listing schemas failed", "plugin", name, "err", err)
			}
			continue
		}
		for _, s := range subs {
			out = append(out, SchemaRef{Plugin: name, Sub: s})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// ResolveSchema turns a dotted schema name into a SchemaRef: `plugin`,
// `plugin.sub`, `information_schema`, a quoted `"plugin.sub"` as one part,
// or a bare `sub` of the current default schema's plugin. Names match
// exactly first, then case-insensitively. The returned ref has Sub filled in
// with the plugin's default when the name was a plugin alone.
func (c *Catalog) ResolveSchema(ctx context.Context, parts []string, current SchemaRef) (SchemaRef, error) {
	if len(parts) == 1 && strings.Contains(parts[0], ".") {
		if _, ok := c.matchPlugin(parts[0]); !ok {
			parts = strings.SplitN(parts[0], ".", 2)
		}
	}
	switch len(parts) {
	case 1:
		return c.resolveOne(ctx, parts[0], current)
	case 2:
		plugin, ok := c.matchPlugin(parts[0])
		if !ok {
			return SchemaRef{}, schemaNotFound(strings.Join(parts, "."))
		}
		sub, err := c.matchSub(ctx, plugin, parts[1])
		if err != nil {
			return SchemaRef{}, err
		}
		return SchemaRef{Plugin: plugin, Sub: sub}, nil
	}
	return SchemaRef{}, schemaNotFound(strings.Join(parts, "."))
}

func (c *Catalog) resolveOne(ctx context.Context, name string, current SchemaRef) (SchemaRef, error) {
	if strings.EqualFold(name, InformationSchema) {
		return SchemaRef{Plugin: InformationSchema}, nil
	}
	if name == PgCatalog {
		return SchemaRef{Plugin: PgCatalog}, nil
	}
	if plugin, ok := c.matchPlugin(name); ok {
		return SchemaRef{Plugin: plugin, Sub: c.plugins[plugin].DefaultSchema()}, nil
	}
	if current.Plugin != "" && current.Plugin != InformationSchema {
		if sub, err := c.matchSub(ctx, current.Plugin, name); err == nil {
			return SchemaRef{Plugin: current.Plugin, Sub: sub}, nil
		}
	}
	return SchemaRef{}, schemaNotFound(name)
}

func (c *Catalog) matchPlugin(name string) (string, bool) {
	if _, ok := c.plugins[name]; ok {
		return name, true
	}
	for _, n := range c.names {
		if strings.EqualFold(n, name) {
			return n, true
		}
	}
	return "", false
}

func (c *Catalog) matchSub(ctx context.Context, plugin, name string) (string, error) {
	subs, err := c.plugins[plugin].Schemas(ctx)
	if err != nil {
		return "", err
	}
	if m, ok := MatchName(subs, name); ok {
		return m, nil
	}
	return "", schemaNotFound(plugin + "." + name)
}

// MatchName finds name in names: an exact match first, else the only
// case-insensitive match.
func MatchName(names []string, name string) (string, bool) {
	i, matches := MatchIndex(names, name)
	if matches != 1 {
		return "", false
	}
	return names[i], true
}

// MatchIndex finds name in names as Drill matches names: an exact match
// first, else a case-insensitive one. It returns the index of the match
// and how many there are (0: none; more than 1: ambiguous).
func MatchIndex(names []string, name string) (index, matches int) {
	index = -1
	for i, n := range names {
		if n == name {
			return i, 1
		}
		if strings.EqualFold(n, name) {
			index = i
			matches++
		}
	}
	return index, matches
}

func schemaNotFound(name string) error {
	return &sqlstate.Error{
		Code:    sqlstate.InvalidSchemaName,
		Message: fmt.Sprintf("schema %q does not exist", name),
		Cause:   ErrSchemaNotFound,
	}
}

// Tables lists the tables of a schema.
func (c *Catalog) Tables(ctx context.Context, s SchemaRef) ([]string, error) {
	switch s.Plugin {
	case InformationSchema:
		return c.info.tableNames(), nil
	case PgCatalog:
		return pgCatalogTableNames(), nil
	}
	p, ok := c.plugins[s.Plugin]
	if !ok {
		return nil, schemaNotFound(s.String())
	}
	return p.Tables(ctx, s.Sub)
}

// Table resolves a table of a schema.
func (c *Catalog) Table(ctx context.Context, s SchemaRef, name string) (Table, error) {
	switch s.Plugin {
	case InformationSchema:
		return c.info.table(name)
	case PgCatalog:
		return c.pgTable(name)
	}
	p, ok := c.plugins[s.Plugin]
	if !ok {
		return nil, schemaNotFound(s.String())
	}
	t, err := p.Table(ctx, s.Sub, name)
	if err != nil {
		return nil, tableError(s, name, err)
	}
	return t, nil
}

// tableError gives a plugin's error a SQLSTATE when it has none.
func tableError(s SchemaRef, name string, err error) error {
	if errors.Is(err, ErrTableNotFound) {
		return &sqlstate.Error{Code: sqlstate.UndefinedTable, Cause: err, Detail: err.Error(),
			Message: fmt.Sprintf("table %q not found in schema %q", name, s.String())}
	}
	return Classify(err)
}

// Classify gives an error from a plugin the SQLSTATE of the sentinel it
// wraps, unless it carries a code already.
func Classify(err error) error {
	switch {
	case errors.Is(err, ErrTableNotFound):
		return sqlstate.Wrap(sqlstate.UndefinedTable, err)
	case errors.Is(err, ErrSchemaNotFound):
		return sqlstate.Wrap(sqlstate.InvalidSchemaName, err)
	case errors.Is(err, ErrSourceUnavailable):
		return sqlstate.Wrap(sqlstate.SQLClientUnableToConnect, err)
	case errors.Is(err, ErrCorruptData):
		return sqlstate.Wrap(sqlstate.IOError, err)
	case errors.Is(err, ErrTableExists):
		return sqlstate.Wrap(sqlstate.DuplicateTable, err)
	case errors.Is(err, ErrNotWritable):
		return sqlstate.Wrap(sqlstate.InsufficientPrivilege, err)
	}
	return err
}

// ResolveTable resolves a dotted table name: `table` in the current
// schema, or `schema.table` / `plugin.sub.table` with the schema resolved by
// ResolveSchema. An unqualified pg_catalog table name (`pg_class`) means
// that table whatever the current schema, as in PostgreSQL.
func (c *Catalog) ResolveTable(ctx context.Context, parts []string, current SchemaRef) (Table, SchemaRef, error) {
	name := parts[len(parts)-1]
	schema := current
	if len(parts) == 1 && isPgCatalogTable(name) {
		schema = SchemaRef{Plugin: PgCatalog}
	}
	if len(parts) > 1 {
		s, err := c.ResolveSchema(ctx, parts[:len(parts)-1], current)
		if err != nil {
			return nil, SchemaRef{}, err
		}
		schema = s
	}
	if schema.IsZero() {
		return nil, SchemaRef{}, sqlstate.New(sqlstate.UndefinedTable,
			"table %q not found: no default schema is selected", name).
			WithHint("qualify the name (plugin.schema.table) or run USE plugin.schema")
	}
	t, err := c.Table(ctx, schema, name)
	return t, schema, err
}
