package planner

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/config"
)

// implicitPlugin serves main.f: columns id and dir0, implicit columns
// filename and dir0 (which the real dir0 hides).
type implicitPlugin struct{}

var implicitFull = arrow.NewSchema([]arrow.Field{
	{Name: "id", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "dir0", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "filename", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "dir0", Type: arrow.BinaryTypes.String, Nullable: true},
}, nil)

// implicitTable serves the first two fields as its schema, the others as
// implicit columns; the scan reads all four by index.
type implicitTable struct{ *catalog.MemTable }

func (implicitTable) Schema() *arrow.Schema {
	return arrow.NewSchema(implicitFull.Fields()[:2], nil)
}

func (implicitTable) ImplicitColumns() []arrow.Field { return implicitFull.Fields()[2:] }

func (implicitPlugin) Schemas(context.Context) ([]string, error)        { return []string{"main"}, nil }
func (implicitPlugin) DefaultSchema() string                            { return "main" }
func (implicitPlugin) Close() error                                     { return nil }
func (implicitPlugin) Tables(context.Context, string) ([]string, error) { return []string{"f"}, nil }
func (implicitPlugin) Table(_ context.Context, _, name string) (catalog.Table, error) {
	if name != "f" {
		return nil, fmt.Errorf("%w: %s", catalog.ErrTableNotFound, name)
	}
	return implicitTable{catalog.NewMemTable(implicitFull, func(context.Context) ([][]any, error) {
		return [][]any{{int64(1), "real", "x.parquet", "implicit"}, {int64(2), nil, "y.parquet", "implicit"}}, nil
	})}, nil
}

func init() {
	catalog.Register("implicittest", func(string, *config.Plugin) (catalog.Plugin, error) { return implicitPlugin{}, nil })
}

// TestImplicitColumnsBindByNameOnly: implicit columns answer when named,
// never in * or f.* or NATURAL JOIN, and a real column of the same name
// wins.
func TestImplicitColumnsBindByNameOnly(t *testing.T) {
	cat, err := catalog.New(&config.Storage{Plugins: map[string]*config.Plugin{
		"mem": {Name: "mem", Type: "implicittest", Enabled: true}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := &Binder{Catalog: cat, Schema: catalog.SchemaRef{Plugin: "mem", Sub: "main"}}
	cases := []struct{ query, want string }{
		{"SELECT * FROM f ORDER BY id", "1,real 2,NULL"},
		{"SELECT f.* FROM f ORDER BY id", "1,real 2,NULL"},
		{"SELECT filename, dir0 FROM f ORDER BY id", "x.parquet,real y.parquet,NULL"},
		{"SELECT a.filename, b.filename FROM f a NATURAL JOIN f b", "x.parquet,x.parquet"},
		{"SELECT id FROM f WHERE filename = 'y.parquet'", "2"},
		{"SELECT count(*) FROM f", "2"},
		{"SELECT a, b, filename FROM f AS x(a, b) ORDER BY a", "1,real,x.parquet 2,NULL,y.parquet"},
	}
	for _, c := range cases {
		if got, err := runQuery(t, b, c.query); err != nil || got != c.want {
			t.Errorf("%s\n got %q, %v\nwant %q", c.query, got, err, c.want)
		}
	}
	_, err = runQuery(t, b, "SELECT * FROM f AS x(a, b, c)")
	if want := `table "x" has 2 columns available but 3 columns specified`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("three aliases for two columns: %v, want %s", err, want)
	}
}
