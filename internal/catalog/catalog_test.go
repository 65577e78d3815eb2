package catalog

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/config"
	"auger/internal/sqlstate"
)

// memPlugin is an in-memory plugin: schemas of tables with one column.
type memPlugin struct {
	def     string
	schemas map[string][]string
}

func (m *memPlugin) Schemas(context.Context) ([]string, error) {
	var out []string
	for s := range m.schemas {
		out = append(out, s)
	}
	return out, nil
}
func (m *memPlugin) DefaultSchema() string { return m.def }
func (m *memPlugin) Tables(_ context.Context, s string) ([]string, error) {
	return m.schemas[s], nil
}
func (m *memPlugin) Table(_ context.Context, s, name string) (Table, error) {
	if match, ok := MatchName(m.schemas[s], name); ok {
		schema := arrow.NewSchema([]arrow.Field{{Name: match, Type: arrow.BinaryTypes.String}}, nil)
		return NewMemTable(schema, func(context.Context) ([][]any, error) { return nil, nil }), nil
	}
	return nil, fmt.Errorf("%w: %s", ErrTableNotFound, name)
}
func (m *memPlugin) Close() error { return nil }

func init() {
	Register("memtest", func(name string, cfg *config.Plugin) (Plugin, error) {
		return &memPlugin{def: "main", schemas: map[string][]string{
			"main": {"Users", "orders"}, "Other": {"x.parquet"}}}, nil
	})
}

func testCatalog(t *testing.T) *Catalog {
	storage := &config.Storage{Plugins: map[string]*config.Plugin{
		"pg":  {Name: "pg", Type: "memtest", Enabled: true},
		"off": {Name: "off", Type: "nosuchtype", Enabled: false},
	}}
	c, err := New(storage, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSchemas(t *testing.T) {
	var names []string
	for _, s := range testCatalog(t).Schemas(context.Background()) {
		names = append(names, s.String())
	}
	if got := strings.Join(names, ","); got != "information_schema,pg,pg.Other,pg.main" {
		t.Errorf("schemas %s", got)
	}
}

func TestResolveTable(t *testing.T) {
	c := testCatalog(t)
	ctx := context.Background()
	use := SchemaRef{Plugin: "pg", Sub: "main"}
	cases := []struct {
		parts   []string
		current SchemaRef
		want    string // the resolved column name (the table's name) or the SQLSTATE
	}{
		{[]string{"pg", "main", "Users"}, SchemaRef{}, "Users"},
		{[]string{"pg", "main", "users"}, SchemaRef{}, "Users"},
		{[]string{"PG", "MAIN", "orders"}, SchemaRef{}, "orders"},
		{[]string{"pg", "Users"}, SchemaRef{}, "Users"},
		{[]string{"pg.Other", "x.parquet"}, SchemaRef{}, "x.parquet"},
		{[]string{"other", "x.parquet"}, use, "x.parquet"},
		{[]string{"orders"}, use, "orders"},
		{[]string{"orders"}, SchemaRef{}, sqlstate.UndefinedTable},
		{[]string{"pg", "main", "nope"}, SchemaRef{}, sqlstate.UndefinedTable},
		{[]string{"pg", "nope", "t"}, SchemaRef{}, sqlstate.InvalidSchemaName},
		{[]string{"off", "main", "t"}, SchemaRef{}, sqlstate.InvalidSchemaName},
		{[]string{"information_schema", "tables"}, SchemaRef{}, "table_catalog"},
		{[]string{"information_schema", "TABLES"}, SchemaRef{}, "TABLE_CATALOG"},
		{[]string{"information_schema", "Tables"}, SchemaRef{}, "TABLE_CATALOG"},
	}
	for _, tc := range cases {
		table, _, err := c.ResolveTable(ctx, tc.parts, tc.current)
		got := ""
		if err != nil {
			got = sqlstate.Code(err)
		} else {
			got = table.Schema().Field(0).Name
		}
		if got != tc.want {
			t.Errorf("%v (USE %s): got %s (%v), want %s", tc.parts, tc.current, got, err, tc.want)
		}
	}
}

func TestUnknownTypeFailsStartup(t *testing.T) {
	storage := &config.Storage{Plugins: map[string]*config.Plugin{"m": {Name: "m", Type: "mongo", Enabled: true}}}
	_, err := New(storage, nil)
	var cfgErr *config.Error
	if !errors.As(err, &cfgErr) || cfgErr.Plugin != "m" || cfgErr.Field != "type" {
		t.Errorf("error %v", err)
	}
}
