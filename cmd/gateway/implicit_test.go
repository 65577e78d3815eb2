package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// salesParts are the users split into folders two levels deep in
// places, as Drill's dir0, dir1 name them.
var salesParts = []struct {
	folder   string
	from, to int
}{
	{"2023/q1", 0, 20},
	{"2023/q2", 20, 40},
	{"2024", 40, -1},
}

// partsDir is the folder of the partitioned users, outside the dfs.data
// workspace (read through dfs.root by its full path).
func (f *fixture) partsDir() string { return filepath.Join(filepath.Dir(f.dataDir), "parts") }

func writeSalesParts(t testing.TB, dir string, users []userRow) {
	for _, p := range salesParts {
		to := p.to
		if to < 0 {
			to = len(users)
		}
		writeParquet(t, filepath.Join(dir, "sales", p.folder, "part-0.parquet"), users[p.from:to], 100)
	}
}

// TestImplicitColumnsAndDirPruning: dir0, dir1, filename and fqn read per
// file, never in SELECT *, and a filter on dir0 skips folders, shown by
// EXPLAIN.
func TestImplicitColumnsAndDirPruning(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	root := filepath.ToSlash(filepath.Join(f.partsDir(), "sales"))
	table := "dfs.root.`" + root + "`"
	users := testUsers()
	var want []string
	for _, p := range salesParts {
		dirs := strings.Split(p.folder, "/")
		dir1 := "NULL"
		if len(dirs) > 1 {
			dir1 = dirs[1]
		}
		to := p.to
		if to < 0 {
			to = len(users)
		}
		for _, u := range users[p.from:to] {
			want = append(want, fmt.Sprintf("%d|%s|%s|part-0.parquet|%s/%s/part-0.parquet|parquet", u.id, dirs[0], dir1, root, p.folder))
		}
	}
	r := mustText(t, conn, "SELECT \"UserID\", dir0, dir1, filename, fqn, suffix FROM "+table+" ORDER BY 1")
	if got := rowStrings(r); !reflect.DeepEqual(got, want) {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	star := mustText(t, conn, "SELECT * FROM "+table+" LIMIT 1")
	plain := mustText(t, conn, "SELECT * FROM dfs.data.`users.parquet` LIMIT 1")
	if !reflect.DeepEqual(star.Columns, plain.Columns) {
		t.Errorf("SELECT * columns %v, want %v", star.Columns, plain.Columns)
	}
	r = mustText(t, conn, "SELECT count(*) FROM "+table+" WHERE dir0 = '2023' AND dir1 IN ('q2')")
	if got := *r.Rows[0][0]; got != "20" {
		t.Errorf("count in 2023/q2: %s, want 20", got)
	}
	plan := strings.Join(cells(mustText(t, conn, "EXPLAIN SELECT \"UserID\" FROM "+table+" WHERE dir0 = '2023'"), 0), "\n")
	if !strings.Contains(plan, "files pruned by path: 1 of 3 (dir0)") || !strings.Contains(plan, "(exact)") || strings.Contains(plan, "Filter") {
		t.Errorf("plan:\n%s", plan)
	}
}

// rowStrings renders rows as |-separated cells, NULL for NULL.
func rowStrings(r result) []string {
	out := make([]string, len(r.Rows))
	for i, row := range r.Rows {
		cells := make([]string, len(row))
		for j, c := range row {
			cells[j] = "NULL"
			if c != nil {
				cells[j] = *c
			}
		}
		out[i] = strings.Join(cells, "|")
	}
	return out
}

// textFiles are a CSV without a header and a JSON file, in the parts
// folder.
var textFiles = map[string]string{
	"text/plain.csv":   "a,b,c\nd,e\n",
	"text/events.json": "{\"id\": 1, \"who\": {\"n\": \"x\"}, \"v\": 1}\n{\"id\": 2, \"v\": 2.5}\n",
}

func writeTextFiles(t testing.TB, dir string) {
	for name, body := range textFiles {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTextAndJSONThroughSQL: a headerless CSV's columns array is indexed
// from 1 (PostgreSQL's arrays; Drill's columns[0] is columns[1]), JSON
// keys are columns with nested values as json.
func TestTextAndJSONThroughSQL(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	dir := filepath.ToSlash(filepath.Join(f.partsDir(), "text"))
	cases := []struct {
		query string
		want  []string
	}{
		{"SELECT columns[1], columns[3], columns[0] FROM dfs.root.`" + dir + "/plain.csv`", []string{"a|c|NULL", "d|NULL|NULL"}},
		{"SELECT id, who->>'n', v, filename FROM dfs.root.`" + dir + "/events.json` ORDER BY id",
			[]string{"1|x|1|events.json", "2|NULL|2.5|events.json"}},
	}
	for _, c := range cases {
		if got := rowStrings(mustText(t, conn, c.query)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s\n got %q\nwant %q", c.query, got, c.want)
		}
	}
}

// TestDirPruningWithParameter: a bound parameter compared with dir0
// prunes as a literal does; DESCRIBE shows no implicit column.
func TestDirPruningWithParameter(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	table := "dfs.root.`" + filepath.ToSlash(filepath.Join(f.partsDir(), "sales")) + "`"
	var n int64
	if err := conn.QueryRow(context.Background(), "SELECT count(*) FROM "+table+" WHERE dir0 = $1", "2023").Scan(&n); err != nil || n != 40 {
		t.Errorf("count in 2023: %d, %v; want 40", n, err)
	}
	described := cells(mustText(t, conn, "DESCRIBE "+table), 0)
	plain := cells(mustText(t, conn, "DESCRIBE dfs.data.`users.parquet`"), 0)
	if !reflect.DeepEqual(described, plain) {
		t.Errorf("DESCRIBE columns %v, want %v", described, plain)
	}
}
