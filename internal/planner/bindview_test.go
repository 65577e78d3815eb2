package planner

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/expr"
	"auger/internal/sqlstate"
)

// viewPlugin serves windowPlugin's table main.t and the views of
// viewDefinitions, each written under the schema viewtest.main.
type viewPlugin struct{ windowPlugin }

var viewDefinitions = map[string]string{
	"totals": "SELECT p, sum(v) AS total FROM t GROUP BY p",
	"top":    "SELECT p FROM totals WHERE total > 6",
	"loop":   "SELECT * FROM loop",
	"broken": "SELECT nothing FROM t",
}

func (viewPlugin) Table(ctx context.Context, schema, name string) (catalog.Table, error) {
	text, ok := viewDefinitions[name]
	if !ok {
		return windowPlugin{}.Table(ctx, schema, name)
	}
	return storedView{catalog.ViewDefinition{Name: name, SQL: text, SchemaPath: []string{"viewtest", "main"}}}, nil
}

// storedView is a view as a plugin returns it.
type storedView struct{ def catalog.ViewDefinition }

func (v storedView) Schema() *arrow.Schema { return arrow.NewSchema(nil, nil) }
func (v storedView) SupportsFilters(f []expr.Expr) []catalog.FilterVerdict {
	return make([]catalog.FilterVerdict, len(f))
}
func (v storedView) Scan(context.Context, catalog.ScanRequest) (catalog.BatchReader, error) {
	return nil, fmt.Errorf("a view is not scanned")
}
func (v storedView) Definition() catalog.ViewDefinition { return v.def }

func init() {
	catalog.Register("viewtest", func(string, *config.Plugin) (catalog.Plugin, error) { return viewPlugin{}, nil })
}

// TestViewsBindInPlace shows a view bound as its query: under the schema
// it was written in whatever the session's, built on other views, and
// failing with the view named when it reads itself or a missing column.
func TestViewsBindInPlace(t *testing.T) {
	cat, err := catalog.New(&config.Storage{Plugins: map[string]*config.Plugin{
		"viewtest": {Name: "viewtest", Type: "viewtest", Enabled: true},
		"mem":      {Name: "mem", Type: "windowtest", Enabled: true}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := &Binder{Catalog: cat, Schema: catalog.SchemaRef{Plugin: "mem", Sub: "main"}}
	plan, err := bindText(t, b, "SELECT x.total, top.p FROM viewtest.main.totals x JOIN viewtest.main.top ON x.p = top.p")
	if err != nil {
		t.Fatal(err)
	}
	schema := plan.Schema()
	if schema.NumFields() != 2 || schema.Field(0).Name != "total" || schema.Field(1).Name != "p" {
		t.Fatalf("columns: %v", schema)
	}
	if text := Explain(plan); strings.Count(text, "Scan viewtest.main.t") != 2 {
		t.Errorf("each view should read viewtest.main.t:\n%s", text)
	}
	for query, want := range map[string]string{
		"SELECT * FROM viewtest.main.loop":   "42P17",
		"SELECT * FROM viewtest.main.broken": sqlstate.UndefinedColumn,
	} {
		_, err := bindText(t, b, query)
		if sqlstate.Code(err) != want || !strings.Contains(err.Error(), "view viewtest.main.") {
			t.Errorf("%s: %v (%s), want %s naming the view", query, err, sqlstate.Code(err), want)
		}
	}
}
