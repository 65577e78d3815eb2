package catalog

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
)

func TestOIDsAreStableAndDistinct(t *testing.T) {
	a, b := newOIDAllocator(), newOIDAllocator()
	keys := []string{"namespace:dfs.data", "class:dfs.data.users.parquet", "class:postgresql.public.users"}
	seen := map[uint32]bool{}
	for _, k := range keys {
		oid := a.oid(k)
		if oid != b.oid(k) {
			t.Errorf("%s: %d in one snapshot, %d in another", k, oid, b.oid(k))
		}
		if oid < firstUserOID || seen[oid] {
			t.Errorf("%s: OID %d below %d or taken twice", k, oid, firstUserOID)
		}
		seen[oid] = true
		if again := a.oid(k); again != oid {
			t.Errorf("%s: asked twice, %d then %d", k, oid, again)
		}
	}
}

func TestOIDCollisionTakesTheNextFree(t *testing.T) {
	a := newOIDAllocator()
	first := a.oid("class:x")
	// Another allocator that has the same OID reserved by an earlier
	// object gives the later one the next OID.
	b := newOIDAllocator()
	b.reserve("class:earlier", first)
	if got := b.oid("class:x"); got != first+1 {
		t.Errorf("collision: got %d, want %d", got, first+1)
	}
}

func TestSplitQualified(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"users", []string{"users"}},
		{"Users", []string{"users"}},
		{`"Users"`, []string{"Users"}},
		{`"postgresql.public".users`, []string{"postgresql.public", "users"}},
		{`postgresql.public."Users"`, []string{"postgresql", "public", "Users"}},
		{`"a""b"`, []string{`a"b`}},
		{`"open`, nil},
		{`a..b`, nil},
	} {
		got, ok := splitQualified(c.in)
		if c.want == nil {
			if ok {
				t.Errorf("%s: read as %q, want an error", c.in, got)
			}
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTypmodOfDecimals(t *testing.T) {
	if got := typmodOf(&arrow.Decimal128Type{Precision: 10, Scale: 2}); got != 10<<16|2+4 {
		t.Errorf("numeric(10,2): %d", got)
	}
	if got := typmodOf(arrow.PrimitiveTypes.Int32); got != -1 {
		t.Errorf("integer: %d", got)
	}
}

// scan reads a whole pg_catalog table as rows of text.
func scanPg(t *testing.T, c *Catalog, name string) []string {
	t.Helper()
	tbl, err := c.Table(context.Background(), SchemaRef{Plugin: PgCatalog}, name)
	if err != nil {
		t.Fatal(err)
	}
	cols := make([]int, tbl.Schema().NumFields())
	for i := range cols {
		cols[i] = i
	}
	r, err := tbl.Scan(context.Background(), ScanRequest{Columns: cols, Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := r.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	var out []string
	for row := 0; row < int(b.NumRows()); row++ {
		var cells []string
		for col := 0; col < int(b.NumCols()); col++ {
			cells = append(cells, b.Column(col).ValueStr(row))
		}
		out = append(out, strings.Join(cells, "|"))
	}
	return out
}

func TestPgCatalogListsTheCombinedCatalog(t *testing.T) {
	c := testCatalog(t)
	ns := scanPg(t, c, "pg_namespace")
	var names []string
	for _, row := range ns {
		names = append(names, strings.Split(row, "|")[1])
	}
	if got := strings.Join(names, ","); got != "pg_catalog,information_schema,pg.Other,pg.main" {
		t.Errorf("namespaces: %s", got)
	}
	classes := scanPg(t, c, "pg_class")
	found := map[string]bool{}
	for _, row := range classes {
		f := strings.Split(row, "|")
		found[f[1]+":"+f[16]] = true
	}
	for _, want := range []string{"Users:r", "orders:r", "x.parquet:r", "pg_class:r", "pg_tables:v", "TABLES:v"} {
		if !found[want] {
			t.Errorf("pg_class lacks %s", want)
		}
	}
	if _, schema, err := c.ResolveTable(context.Background(), []string{"pg_class"}, SchemaRef{Plugin: "pg", Sub: "main"}); err != nil || schema.Plugin != PgCatalog {
		t.Errorf("pg_class unqualified resolved to %v, %v", schema, err)
	}
}

func TestSystemViewNamesRelations(t *testing.T) {
	c := testCatalog(t)
	v := c.System(SchemaRef{Plugin: "pg", Sub: "main"})
	oid, err := v.RelationOID("users")
	if err != nil {
		t.Fatal(err)
	}
	if name, _ := v.RelationName(oid); name != `"Users"` {
		t.Errorf("visible relation named %s", name)
	}
	other, err := v.RelationOID(`"pg.Other"."x.parquet"`)
	if err != nil {
		t.Fatal(err)
	}
	if name, _ := v.RelationName(other); name != `"pg.Other"."x.parquet"` {
		t.Errorf("relation of another schema named %s", name)
	}
	if !v.RelationVisible(oid) || v.RelationVisible(other) {
		t.Error("visibility follows the default schema")
	}
	if _, err := v.RelationOID("nosuch"); err == nil || !strings.Contains(err.Error(), `relation "nosuch" does not exist`) {
		t.Errorf("unknown relation: %v", err)
	}
}

func TestPgAttributeReadsOnlyTheNamedRelations(t *testing.T) {
	c := testCatalog(t)
	ctx := context.Background()
	v := c.System(SchemaRef{Plugin: "pg", Sub: "main"})
	users, err := v.RelationOID("users")
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := c.Table(ctx, SchemaRef{Plugin: PgCatalog}, "pg_attribute")
	if err != nil {
		t.Fatal(err)
	}
	key := &expr.Column{Index: 0, Name: "attrelid", Typ: arrow.PrimitiveTypes.Uint32}
	eq := &expr.Compare{Op: expr.Eq, Left: key, Right: &expr.Literal{Value: scalar.NewUint32Scalar(users)}}
	other := &expr.Compare{Op: expr.Gt, Left: key, Right: &expr.Literal{Value: scalar.NewUint32Scalar(1)}}
	if got := tbl.SupportsFilters([]expr.Expr{eq, other}); got[0] != Inexact || got[1] != Unsupported {
		t.Fatalf("verdicts %v", got)
	}
	r, err := tbl.Scan(ctx, ScanRequest{Columns: []int{0, 1}, Filters: []expr.Expr{eq}, Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := r.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Release()
	if b.NumRows() != 1 || b.Column(1).ValueStr(0) != "Users" {
		t.Errorf("rows of attrelid = users: %d, first %s", b.NumRows(), b.Column(1).ValueStr(0))
	}
	if all := scanPg(t, c, "pg_attribute"); len(all) < 10 {
		t.Errorf("unfiltered pg_attribute has %d rows", len(all))
	}
}
