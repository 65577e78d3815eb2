package catalog

import (
	"context"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/config"
	"auger/internal/expr"
)

// countingPlugin is a memPlugin that records which tables were opened.
type countingPlugin struct {
	memPlugin
	mu     sync.Mutex
	opened []string
}

func (c *countingPlugin) Table(ctx context.Context, s, name string) (Table, error) {
	c.mu.Lock()
	c.opened = append(c.opened, s+"."+name)
	c.mu.Unlock()
	return c.memPlugin.Table(ctx, s, name)
}

var counting = &countingPlugin{memPlugin: memPlugin{def: "main", schemas: map[string][]string{
	"main": {"Users", "orders"}, "Other": {"x.parquet"}}}}

func init() {
	Register("countingtest", func(string, *config.Plugin) (Plugin, error) { return counting, nil })
}

func text(s string) expr.Expr { return &expr.Literal{Value: scalar.NewStringScalar(s)} }

func TestInformationSchemaColumnsPruned(t *testing.T) {
	c, err := New(&config.Storage{Plugins: map[string]*config.Plugin{
		"cnt": {Name: "cnt", Type: "countingtest", Enabled: true}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	table, err := c.Table(ctx, SchemaRef{Plugin: InformationSchema}, "columns")
	if err != nil {
		t.Fatal(err)
	}
	schemaCol := &expr.Column{Index: 1, Name: "table_schema"}
	nameCol := &expr.Column{Index: 2, Name: "table_name"}
	filters := []expr.Expr{
		&expr.Compare{Op: expr.Eq, Left: text("cnt.main"), Right: schemaCol},
		&expr.InList{Arg: nameCol, List: []expr.Expr{text("orders"), text("x.parquet")}},
		&expr.Compare{Op: expr.Ne, Left: nameCol, Right: text("Users")},
	}
	verdicts := table.SupportsFilters(filters)
	if verdicts[0] != Inexact || verdicts[1] != Inexact || verdicts[2] != Unsupported {
		t.Fatalf("verdicts %v", verdicts)
	}
	counting.opened = nil
	r, err := table.Scan(ctx, ScanRequest{Columns: []int{1, 2, 3}, Filters: filters[:2], Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := r.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	if b.NumRows() != 1 || b.Column(1).ValueStr(0) != "orders" {
		t.Errorf("%d rows, first %s", b.NumRows(), b.Column(1).ValueStr(0))
	}
	sort.Strings(counting.opened)
	if got := strings.Join(counting.opened, ","); got != "main.orders" {
		t.Errorf("opened %s, want only main.orders", got)
	}
}
