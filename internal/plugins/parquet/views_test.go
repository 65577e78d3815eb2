package parquet

import (
	"context"
	"errors"
	"os"
	"os/user"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
)

func TestViewsCreateReplaceListResolveDrop(t *testing.T) {
	ctx := context.Background()
	p, dir := writablePlugin(t)
	def := catalog.ViewDefinition{Name: "v", SQL: "SELECT id, name FROM t WHERE note = 'a \"quoted\": text'",
		Fields: []catalog.ViewField{
			{Name: "id", Type: "BIGINT"},
			{Name: "name", Type: "CHARACTER VARYING", IsNullable: true},
			{Name: "price", Type: "DECIMAL(10, 2)", IsNullable: true},
		},
		SchemaPath: []string{"dfs", "tmp"}}
	if err := p.CreateView(ctx, "data", "v", def, false); !errors.Is(err, catalog.ErrNotWritable) {
		t.Errorf("view in a read-only workspace: %v", err)
	}
	if err := p.CreateView(ctx, "tmp", "v", def, false); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "v.view.drill"))
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range []string{`"name" : "v"`, `"type" : "VARCHAR"`, `"type" : "DECIMAL"`, `"precision" : 10`, `"scale" : 2`, `"isNullable" : true`, `"workspaceSchemaPath" : [`, `'a \"quoted\": text'`} {
		if !strings.Contains(string(data), part) {
			t.Errorf("view file lacks %s:\n%s", part, data)
		}
	}
	if err := p.CreateView(ctx, "tmp", "v", def, false); !errors.Is(err, catalog.ErrTableExists) {
		t.Errorf("second create without replace: %v", err)
	}
	def.SQL = "SELECT 1 AS id"
	if err := p.CreateView(ctx, "tmp", "v", def, true); err != nil {
		t.Fatalf("replace: %v", err)
	}
	if names, _ := p.Tables(ctx, "tmp"); strings.Join(names, ",") != "v" {
		t.Errorf("tables %v", names)
	}
	table, err := p.Table(ctx, "tmp", "v")
	if err != nil {
		t.Fatal(err)
	}
	view, ok := table.(catalog.View)
	if !ok {
		t.Fatalf("a view resolves to %T", table)
	}
	if got := view.Definition(); !reflect.DeepEqual(got, def) {
		t.Errorf("definition %+v, want %+v", got, def)
	}
	want := arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "name", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "price", Type: &arrow.Decimal128Type{Precision: 10, Scale: 2}, Nullable: true},
	}, nil)
	if !view.Schema().Equal(want) {
		t.Errorf("schema %s", view.Schema())
	}
	if _, err := view.Scan(ctx, catalog.ScanRequest{}); err == nil {
		t.Error("a view scanned")
	}
	batches := idBatches(t, 1, 5)
	defer releaseBatches(batches)
	createTable(t, p, "t", idSpec("parquet"), batches...)
	if err := p.CreateView(ctx, "tmp", "t", def, true); !errors.Is(err, catalog.ErrTableExists) {
		t.Errorf("view over a table's name: %v", err)
	}
	if err := p.DropView(ctx, "tmp", "v"); err != nil {
		t.Fatal(err)
	}
	if err := p.DropView(ctx, "tmp", "v"); !errors.Is(err, catalog.ErrTableNotFound) {
		t.Errorf("second drop: %v", err)
	}
	if got := strings.Join(filesUnder(t, dir), " "); got != "t/0_0_0.parquet" {
		t.Errorf("left: %s", got)
	}
}

func TestViewWrittenByDrill(t *testing.T) {
	ctx := context.Background()
	p, dir := writablePlugin(t)
	data, err := os.ReadFile(filepath.Join("testdata", "drill_view.view.drill"))
	if err != nil {
		t.Fatal(err)
	}
	writeLocal(t, filepath.Join(dir, "drill_view.view.drill"), data)
	table, err := p.Table(ctx, "data", "drill_view")
	if err != nil {
		t.Fatal(err)
	}
	def := table.(catalog.View).Definition()
	want := catalog.ViewDefinition{Name: "drill_view", SQL: "SELECT `id`, `name`, `price`\nFROM `dfs`.`tmp`.`sales`\nWHERE `price` > 10",
		Fields: []catalog.ViewField{
			{Name: "id", Type: "INTEGER", IsNullable: true},
			{Name: "name", Type: "CHARACTER VARYING", IsNullable: true},
			{Name: "price", Type: "DECIMAL(10, 2)"},
			{Name: "sold", Type: "TIMESTAMP", IsNullable: true},
		},
		SchemaPath: []string{"dfs", "tmp"}}
	if !reflect.DeepEqual(def, want) {
		t.Errorf("definition %+v", def)
	}
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "name", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "price", Type: &arrow.Decimal128Type{Precision: 10, Scale: 2}},
		{Name: "sold", Type: &arrow.TimestampType{Unit: arrow.Microsecond}, Nullable: true},
	}, nil)
	if !table.Schema().Equal(schema) {
		t.Errorf("schema %s", table.Schema())
	}
}

func TestListFilesLocal(t *testing.T) {
	ctx := context.Background()
	p, dir := writablePlugin(t)
	writeLocal(t, filepath.Join(dir, "sub", "a.csv"), []byte("x\n1\n"))
	writeLocal(t, filepath.Join(dir, ".hidden"), []byte("h"))
	if err := os.Chmod(filepath.Join(dir, "sub", "a.csv"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "sub"), 0o750); err != nil {
		t.Fatal(err)
	}
	top, err := p.ListFiles(ctx, "tmp", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(top) != 1 || top[0].Name != "sub" || !top[0].IsDirectory || top[0].Permissions != "rwxr-x---" {
		t.Fatalf("top: %+v", top)
	}
	files, err := p.ListFiles(ctx, "tmp", "sub")
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, "sub", "a.csv"))
	if err != nil {
		t.Fatal(err)
	}
	f := files[0]
	if len(files) != 1 || f.Name != "a.csv" || f.IsDirectory || f.Length != 4 || f.Permissions != "rw-r-----" ||
		!f.ModificationTime.Equal(st.ModTime()) || f.AccessTime.IsZero() {
		t.Errorf("sub: %+v", files)
	}
	uid, gid := strconv.Itoa(os.Getuid()), strconv.Itoa(os.Getgid())
	wantOwner, wantGroup := uid, gid
	if u, err := user.LookupId(uid); err == nil {
		wantOwner = u.Username
	}
	if g, err := user.LookupGroupId(gid); err == nil {
		wantGroup = g.Name
	}
	if f.Owner != wantOwner || f.Group != wantGroup {
		t.Errorf("owner %s group %s, want %s %s", f.Owner, f.Group, wantOwner, wantGroup)
	}
	one, err := p.ListFiles(ctx, "tmp", "sub/a.csv")
	if err != nil || len(one) != 1 || one[0].Name != "a.csv" {
		t.Errorf("one file: %+v %v", one, err)
	}
	if _, err := p.ListFiles(ctx, "tmp", "missing"); !errors.Is(err, catalog.ErrTableNotFound) {
		t.Errorf("missing folder: %v", err)
	}
}
