package catalog

import (
	"context"
	"strings"
	"testing"

	"auger/internal/config"
	"auger/internal/types"
)

// describedPlugin is a memPlugin whose source describes its tables: in
// schema "sales", orders(id, region_b, region_a) with a primary key and a
// foreign key to "geo".region(a, b), whose unique key is (b, a).
type describedPlugin struct{ memPlugin }

var _ SourceDescriber = (*describedPlugin)(nil)

func (d *describedPlugin) DescribeSchema(_ context.Context, schema string) (map[string]*TableDescription, error) {
	col := func(name string, num int16, notNull bool) ColumnDescription {
		return ColumnDescription{Name: name, Num: num, TypeOID: types.OIDInt4, Typmod: -1, NotNull: notNull}
	}
	switch schema {
	case "sales":
		return map[string]*TableDescription{"orders": {Kind: 'r',
			Columns: []ColumnDescription{col("id", 1, true), col("region_b", 2, false), col("region_a", 3, false)},
			Constraints: []ConstraintDescription{
				{Name: "orders_pkey", Type: 'p', Columns: []int16{1}, Index: "orders_pkey"},
				{Name: "orders_region_fkey", Type: 'f', Columns: []int16{3, 2}, Index: "region_b_a_key",
					RefSchema: "geo", RefTable: "region", RefColumns: []int16{1, 2},
					Definition: "FOREIGN KEY (region_a, region_b) REFERENCES geo.region(a, b) ON DELETE CASCADE"},
			}}}, nil
	case "geo":
		return map[string]*TableDescription{"region": {Kind: 'r',
			Columns: []ColumnDescription{col("a", 1, false), col("b", 2, false)},
			Constraints: []ConstraintDescription{
				{Name: "region_b_a_key", Type: 'u', Columns: []int16{2, 1}, Index: "region_b_a_key"},
			}}}, nil
	}
	return nil, nil
}

func init() {
	Register("describedtest", func(name string, cfg *config.Plugin) (Plugin, error) {
		return &describedPlugin{memPlugin{def: "sales", schemas: map[string][]string{
			"sales": {"orders"}, "geo": {"region"}}}}, nil
	})
}

func TestInformationSchemaKeys(t *testing.T) {
	storage := &config.Storage{Plugins: map[string]*config.Plugin{"src": {Name: "src", Type: "describedtest", Enabled: true}}}
	c, err := New(storage, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := WithSessionNames(context.Background(), SessionNames{Database: "db", User: "ana"})
	cases := []struct {
		view    string
		columns []int
		keep    string
		want    string
	}{
		// constraint_name, table_name, column_name, ordinal_position, position_in_unique_constraint
		{"key_column_usage", []int{2, 5, 6, 7, 8}, "", "region_b_a_key|region|b|1|(null)," +
			"region_b_a_key|region|a|2|(null),orders_pkey|orders|id|1|(null)," +
			"orders_region_fkey|orders|region_a|1|2,orders_region_fkey|orders|region_b|2|1"},
		// constraint_schema, constraint_name, unique_constraint_schema, unique_constraint_name, match, update, delete
		{"referential_constraints", []int{1, 2, 4, 5, 6, 7, 8}, "",
			"src.sales|orders_region_fkey|src.geo|region_b_a_key|NONE|NO ACTION|CASCADE"},
		// table_schema, table_name, column_name, constraint_name
		{"constraint_column_usage", []int{1, 2, 3, 6}, "src.geo|", "src.geo|region|b|region_b_a_key," +
			"src.geo|region|a|region_b_a_key,src.geo|region|a|orders_region_fkey,src.geo|region|b|orders_region_fkey"},
		// constraint_type, table_name, nulls_distinct
		{"table_constraints", []int{6, 5, 10}, "", "CHECK|orders|(null),UNIQUE|region|YES," +
			"PRIMARY KEY|orders|(null),FOREIGN KEY|orders|(null)"},
		// check_clause
		{"check_constraints", []int{3}, "", "id IS NOT NULL"},
	}
	for _, tc := range cases {
		if got := strings.Join(scanInfo(t, c, ctx, tc.view, tc.columns, tc.keep), ","); got != tc.want {
			t.Errorf("%s:\n%s\nwant\n%s", tc.view, got, tc.want)
		}
	}
}
