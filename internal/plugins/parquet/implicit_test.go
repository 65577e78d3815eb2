package parquet

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/expr"
)

// salesFiles are a folder two levels deep in places: 2023/q1, 2023/q2
// and 2024 directly.
var salesFiles = []struct {
	path     string
	from, to int64
}{
	{"sales/2023/q1/a.parquet", 0, 3},
	{"sales/2023/q2/b.parquet", 3, 5},
	{"sales/2024/c.parquet", 5, 6},
}

func salesPlugin(t *testing.T) (catalog.Plugin, string) {
	t.Helper()
	dir := t.TempDir()
	for _, f := range salesFiles {
		writeLocal(t, filepath.Join(dir, f.path), parquetBytes(t, f.from, f.to, 10))
	}
	p, err := New("dfs", &config.Plugin{Type: "file", Connection: "file:///",
		Workspaces: map[string]config.Workspace{"ws": {Location: dir}}})
	if err != nil {
		t.Fatal(err)
	}
	return p, dir
}

// implicitIndex is the scan index of a table's implicit column.
func implicitIndex(t *testing.T, table catalog.Table, name string) int {
	t.Helper()
	for i, f := range catalog.ImplicitColumns(table) {
		if f.Name == name {
			return table.Schema().NumFields() + i
		}
	}
	t.Fatalf("no implicit column %s", name)
	return 0
}

func TestImplicitColumnsOfAFolder(t *testing.T) {
	p, dir := salesPlugin(t)
	table, err := p.Table(context.Background(), "ws", "sales")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range catalog.ImplicitColumns(table) {
		names = append(names, f.Name)
	}
	if want := []string{"fqn", "filepath", "filename", "suffix", "dir0", "dir1"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("implicit columns %v, want %v", names, want)
	}
	if table.Schema().NumFields() != 3 {
		t.Fatalf("schema has %d fields, want the files' 3 only", table.Schema().NumFields())
	}
	cols := []int{0}
	for _, n := range names {
		cols = append(cols, implicitIndex(t, table, n))
	}
	_, rows := scanAll(t, table, catalog.ScanRequest{Columns: cols, Limit: -1})
	var want []string
	for _, f := range salesFiles {
		full := filepath.ToSlash(filepath.Join(dir, f.path))
		folders := strings.Split(strings.TrimPrefix(filepath.Dir(f.path), "sales/"), "/")
		dir1 := "(null)"
		if len(folders) > 1 {
			dir1 = folders[1]
		}
		for id := f.from; id < f.to; id++ {
			want = append(want, fmt.Sprintf("%d|%s|%s|%s|parquet|%s|%s", id, full, filepath.Dir(full), filepath.Base(full), folders[0], dir1))
		}
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
}

// dirFilter is `column = value` over a table's implicit column.
func dirFilter(t *testing.T, table catalog.Table, name, value string) expr.Expr {
	i := implicitIndex(t, table, name)
	return cmpExpr(&expr.Column{Index: i, Name: name, Typ: catalog.TableField(table, i).Type}, expr.Eq, str(value))
}

func TestDirFiltersPruneFilesBeforeOpening(t *testing.T) {
	p, _ := salesPlugin(t)
	ctx := context.Background()
	table, err := p.Table(ctx, "ws", "sales")
	if err != nil {
		t.Fatal(err)
	}
	dir1 := implicitIndex(t, table, "dir1")
	filename := implicitIndex(t, table, "filename")
	dir1Col := &expr.Column{Index: dir1, Name: "dir1", Typ: catalog.TableField(table, dir1).Type}
	cases := []struct {
		name    string
		filters []expr.Expr
		ids     []string
		explain string
	}{
		{"dir0 =", []expr.Expr{dirFilter(t, table, "dir0", "2023")}, []string{"0", "1", "2", "3", "4"},
			"files pruned by path: 1 of 3 (dir0)"},
		{"dir0 and dir1", []expr.Expr{dirFilter(t, table, "dir0", "2023"), dirFilter(t, table, "dir1", "q2")}, []string{"3", "4"},
			"files pruned by path: 2 of 3 (dir0, dir1)"},
		{"dir1 IS NULL", []expr.Expr{&expr.IsNull{Arg: dir1Col}}, []string{"5"},
			"files pruned by path: 2 of 3 (dir1)"},
		{"dir1 IN or filename", []expr.Expr{&expr.Or{Args: []expr.Expr{
			&expr.InList{Arg: dir1Col, List: []expr.Expr{str("q1"), str("q9")}},
			dirFilter(t, table, "filename", "c.parquet")}}}, []string{"0", "1", "2", "5"},
			"files pruned by path: 1 of 3 (dir1, filename)"},
		{"filename LIKE", []expr.Expr{&expr.Like{Arg: &expr.Column{Index: filename, Name: "filename", Typ: catalog.TableField(table, filename).Type},
			Pattern: str("b%")}}, []string{"3", "4"}, "files pruned by path: 2 of 3 (filename)"},
		{"dir0 >", []expr.Expr{cmpExpr(&expr.Column{Index: implicitIndex(t, table, "dir0"), Name: "dir0", Typ: dir1Col.Typ}, expr.Gt, str("2023"))},
			[]string{"5"}, "files pruned by path: 2 of 3 (dir0)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for i, v := range table.SupportsFilters(c.filters) {
				if v != catalog.Exact {
					t.Fatalf("filter %s: %s, want exact", c.filters[i], v)
				}
			}
			req := catalog.ScanRequest{Columns: []int{0}, Filters: c.filters, Limit: -1}
			_, ids := scanAll(t, table, req)
			if !reflect.DeepEqual(ids, c.ids) {
				t.Errorf("ids %v, want %v", ids, c.ids)
			}
			files := map[string]bool{}
			for _, f := range salesFiles {
				for id := f.from; id < f.to; id++ {
					for _, got := range c.ids {
						if got == fmt.Sprint(id) {
							files[f.path] = true
						}
					}
				}
			}
			if stats := countScan(t, table, req); stats.Files != int64(len(files)) {
				t.Errorf("scan opened %d files, want %d", stats.Files, len(files))
			}
			lines, err := table.(catalog.ScanExplainer).ExplainScan(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if lines[0] != c.explain {
				t.Errorf("EXPLAIN %q, want %q", lines, c.explain)
			}
		})
	}
}

func TestMixedFiltersAreNotAnsweredByPath(t *testing.T) {
	p, _ := salesPlugin(t)
	table, err := p.Table(context.Background(), "ws", "sales")
	if err != nil {
		t.Fatal(err)
	}
	dir0 := implicitIndex(t, table, "dir0")
	mixed := &expr.Or{Args: []expr.Expr{dirFilter(t, table, "dir0", "2024"), cmpExpr(col(0), expr.Eq, i64(1))}}
	upper := &expr.Func{Name: "upper", Args: []expr.Expr{&expr.Column{Index: dir0, Name: "dir0", Typ: catalog.TableField(table, dir0).Type}}}
	for i, v := range table.SupportsFilters([]expr.Expr{mixed, cmpExpr(upper, expr.Eq, str("2024"))}) {
		if v == catalog.Exact {
			t.Errorf("filter %d answered exact", i)
		}
	}
}

func TestGlobDirsStartBeforeTheFirstWildcard(t *testing.T) {
	p, _ := salesPlugin(t)
	table, err := p.Table(context.Background(), "ws", "sales/*/q*/*.parquet")
	if err != nil {
		t.Fatal(err)
	}
	req := catalog.ScanRequest{Columns: []int{0, implicitIndex(t, table, "dir0"), implicitIndex(t, table, "dir1")}, Limit: -1}
	_, rows := scanAll(t, table, req)
	want := []string{"0|2023|q1", "1|2023|q1", "2|2023|q1", "3|2023|q2", "4|2023|q2"}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows %v, want %v", rows, want)
	}
	single, err := p.Table(context.Background(), "ws", "sales/2024/c.parquet")
	if err != nil {
		t.Fatal(err)
	}
	_, rows = scanAll(t, single, catalog.ScanRequest{Columns: []int{implicitIndex(t, single, "dir0"), implicitIndex(t, single, "filename")}, Limit: -1})
	if want := []string{"(null)|c.parquet"}; !reflect.DeepEqual(rows, want) {
		t.Errorf("single file rows %v, want %v", rows, want)
	}
}

func TestS3DirPruningSkipsFooters(t *testing.T) {
	objects := map[string][]byte{}
	for _, f := range salesFiles {
		objects[f.path] = parquetBytes(t, f.from, f.to, 10)
	}
	p := s3Plugin(t, "dirprune", objects)
	ctx := context.Background()
	one, err := p.Table(ctx, "root", "sales/2024")
	if err != nil {
		t.Fatal(err)
	}
	all, err := p.Table(ctx, "root", "sales")
	if err != nil {
		t.Fatal(err)
	}
	scanRequests := func(table catalog.Table, filters []expr.Expr) int64 {
		before := p.requests()
		countScan(t, table, catalog.ScanRequest{Columns: []int{0}, Filters: filters, Limit: -1})
		return p.requests() - before
	}
	alone := scanRequests(one, nil)
	pruned := scanRequests(all, []expr.Expr{dirFilter(t, all, "dir0", "2024")})
	whole := scanRequests(all, nil)
	t.Logf("S3 requests: dir0 = '2024' %d, the 2024 folder alone %d, every file %d", pruned, alone, whole)
	if pruned != alone || whole <= pruned {
		t.Errorf("S3 requests: dir0 = '2024' took %d, the 2024 folder alone %d, every file %d", pruned, alone, whole)
	}
}
