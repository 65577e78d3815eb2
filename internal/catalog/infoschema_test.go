package catalog

import (
	"context"
	"strings"
	"testing"
)

// scanInfo reads an information_schema view as rows of "|"-joined cells,
// keeping the rows whose first cells start with keep.
func scanInfo(t *testing.T, c *Catalog, ctx context.Context, view string, columns []int, keep string) []string {
	t.Helper()
	table, err := c.Table(ctx, SchemaRef{Plugin: InformationSchema}, view)
	if err != nil {
		t.Fatal(err)
	}
	r, err := table.Scan(ctx, ScanRequest{Columns: columns, Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := r.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	var rows []string
	for i := 0; i < int(b.NumRows()); i++ {
		var cells []string
		for j := range columns {
			cells = append(cells, b.Column(j).ValueStr(i))
		}
		if row := strings.Join(cells, "|"); strings.HasPrefix(row, keep) {
			rows = append(rows, row)
		}
	}
	return rows
}

func TestInformationSchemaTables(t *testing.T) {
	c := testCatalog(t)
	ctx := WithSessionNames(context.Background(), SessionNames{Database: "sales", User: "ana"})
	got := scanInfo(t, c, ctx, "tables", []int{0, 1, 2, 3}, "sales|pg.")
	want := "sales|pg.Other|x.parquet|BASE TABLE,sales|pg.main|Users|BASE TABLE,sales|pg.main|orders|BASE TABLE"
	if strings.Join(got, ",") != want {
		t.Errorf("tables:\n%s\nwant\n%s", strings.Join(got, ","), want)
	}
	views := scanInfo(t, c, ctx, "tables", []int{1, 2, 3}, "information_schema|columns|")
	if strings.Join(views, ",") != "information_schema|columns|VIEW" {
		t.Errorf("information_schema lists itself as %v", views)
	}
}

func TestInformationSchemaColumns(t *testing.T) {
	c := testCatalog(t)
	ctx := WithSessionNames(context.Background(), SessionNames{Database: "sales", User: "ana"})
	// table_schema, table_name, column_name, ordinal_position, is_nullable, data_type, udt_name
	got := scanInfo(t, c, ctx, "columns", []int{1, 2, 3, 4, 6, 7, 27}, "pg.main|")
	want := "pg.main|Users|Users|1|NO|text|text,pg.main|orders|orders|1|NO|text|text"
	if strings.Join(got, ",") != want {
		t.Errorf("columns:\n%s\nwant\n%s", strings.Join(got, ","), want)
	}
}

func TestInformationSchemaClient(t *testing.T) {
	c := testCatalog(t)
	ctx := WithSessionNames(context.Background(), SessionNames{User: "ana"})
	if got := scanInfo(t, c, ctx, "schemata", []int{0, 1, 2}, "ana|pg.main|"); len(got) != 1 || got[0] != "ana|pg.main|"+OwnerName {
		t.Errorf("schemata of a client that named no database: %v", got)
	}
	if got := scanInfo(t, c, ctx, "enabled_roles", []int{0}, ""); strings.Join(got, ",") != "ana" {
		t.Errorf("enabled_roles: %v", got)
	}
}

func TestForeignKeyRules(t *testing.T) {
	cases := []struct{ def, match, update, delete string }{
		{"FOREIGN KEY (a) REFERENCES t(id)", "NONE", "NO ACTION", "NO ACTION"},
		{"FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE", "NONE", "NO ACTION", "CASCADE"},
		{"FOREIGN KEY (a, b) REFERENCES t(x, y) MATCH FULL ON UPDATE SET NULL ON DELETE SET DEFAULT", "FULL", "SET NULL", "SET DEFAULT"},
		{"FOREIGN KEY (a) REFERENCES t(id) ON UPDATE RESTRICT ON DELETE SET NULL (a)", "NONE", "RESTRICT", "SET NULL"},
	}
	for _, c := range cases {
		got := []string{matchOption(c.def), referentialAction(c.def, "ON UPDATE "), referentialAction(c.def, "ON DELETE ")}
		if strings.Join(got, ",") != c.match+","+c.update+","+c.delete {
			t.Errorf("%s: %v", c.def, got)
		}
	}
}
