package parquet

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/expr"
)

// textFiles are text and JSON files in the shapes the CSV and JSON
// writers give: a header line and PostgreSQL's text form of values; one
// JSON object a line.
var textFiles = map[string]string{
	"people.csv":       "id,name,active,note\n1,\"Smith, Ann\",t,\n2,\"Bo \"\"B\"\"\",f,x\n3,é,,\"two\nlines\"\n4,\"\",\"{1,NULL}\",\"{\"\"a\"\": 1}\"\n5,,,\n",
	"plain.csv":        "a,b,c\nd,e\n",
	"tabs.tsv":         "x\ty\n1\t\n",
	"h.csvh":           "k,v\n1,one\n",
	"events.json":      "{\"id\": 1, \"score\": 2, \"tags\": [\"a\"], \"who\": {\"n\": \"x\"}}\n{\"id\": 2, \"score\": 2.5, \"ok\": true}\n{\"id\": 3, \"score\": null, \"mixed\": 1}\n{\"id\": 4, \"mixed\": \"s\", \"ok\": false}\n",
	"logs/2024/a.json": "{\"n\": 1}\n",
	"logs/2025/b.json": "{\"n\": 2}\n{\"n\": 3}\n",
	"notes.txt":        "not a table\n",
}

func textPlugin(t *testing.T, formats map[string]config.Format) catalog.Plugin {
	t.Helper()
	dir := t.TempDir()
	for name, body := range textFiles {
		writeLocal(t, filepath.Join(dir, name), []byte(body))
	}
	p, err := New("dfs", &config.Plugin{Type: "file", Connection: "file:///", Formats: formats,
		Workspaces: map[string]config.Workspace{"ws": {Location: dir}}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// textRows reads every column of a table and its field names and types.
func textRows(t *testing.T, p catalog.Plugin, name string) (fields, rows []string) {
	t.Helper()
	table, err := p.Table(context.Background(), "ws", name)
	if err != nil {
		t.Fatal(err)
	}
	var cols []int
	for i, f := range table.Schema().Fields() {
		cols = append(cols, i)
		fields = append(fields, f.Name+" "+f.Type.String())
	}
	_, rows = scanAll(t, table, catalog.ScanRequest{Columns: cols, Limit: -1})
	return fields, rows
}

func TestTextAndJSONFiles(t *testing.T) {
	headerCSV := map[string]config.Format{"csv": {Type: "text", Extensions: []string{"csv"}, ExtractHeader: true, Delimiter: ","}}
	cases := []struct {
		name    string
		formats map[string]config.Format
		table   string
		fields  []string
		rows    []string
	}{
		{"csv with header", headerCSV, "people.csv",
			[]string{"id utf8", "name utf8", "active utf8", "note utf8"},
			[]string{"1|Smith, Ann|t|(null)", "2|Bo \"B\"|f|x", "3|é|(null)|two\nlines", "4||{1,NULL}|{\"a\": 1}",
				"5|(null)|(null)|(null)"}},
		{"csv without header", nil, "plain.csv", []string{"columns list<item: utf8, nullable>"},
			[]string{`["a","b","c"]`, `["d","e"]`}},
		{"tsv", nil, "tabs.tsv", []string{"columns list<item: utf8, nullable>"}, []string{`["x","y"]`, `["1",null]`}},
		{"csvh", nil, "h.csvh", []string{"k utf8", "v utf8"}, []string{"1|one"}},
		{"json", nil, "events.json",
			[]string{"id int64", "score float64", "tags extension<arrow.json[storage_type=utf8]>", "who extension<arrow.json[storage_type=utf8]>", "ok bool", "mixed utf8"},
			// arrow-go renders a NULL json value as null
			[]string{`1|2|["a"]|{"n": "x"}|(null)|(null)`, "2|2.5|null|null|true|(null)",
				"3|(null)|null|null|(null)|1", "4|(null)|null|null|false|s"}},
		{"json folder", nil, "logs", []string{"n int64"}, []string{"1", "2", "3"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fields, rows := textRows(t, textPlugin(t, c.formats), c.table)
			if !reflect.DeepEqual(fields, c.fields) {
				t.Errorf("fields %q, want %q", fields, c.fields)
			}
			if !reflect.DeepEqual(rows, c.rows) {
				t.Errorf("rows\n%q\nwant\n%q", rows, c.rows)
			}
		})
	}
}

func TestTextTablesListedWithImplicitColumns(t *testing.T) {
	p := textPlugin(t, nil)
	names, err := p.Tables(context.Background(), "ws")
	if err != nil {
		t.Fatal(err)
	}
	if want := "events.json,h.csvh,logs,people.csv,plain.csv,tabs.tsv"; strings.Join(names, ",") != want {
		t.Errorf("tables %v, want %s", names, want)
	}
	table, err := p.Table(context.Background(), "ws", "logs")
	if err != nil {
		t.Fatal(err)
	}
	req := catalog.ScanRequest{Columns: []int{0, implicitIndex(t, table, "dir0"), implicitIndex(t, table, "suffix")},
		Filters: []expr.Expr{dirFilter(t, table, "dir0", "2025")}, Limit: -1}
	_, rows := scanAll(t, table, req)
	if want := []string{"2|2025|json", "3|2025|json"}; !reflect.DeepEqual(rows, want) {
		t.Errorf("rows %v, want %v", rows, want)
	}
	if stats := countScan(t, table, req); stats.Files != 1 {
		t.Errorf("opened %d files, want 1", stats.Files)
	}
	req.Limit, req.Filters = 1, nil
	if n, _ := scanAll(t, table, req); n != 1 {
		t.Errorf("LIMIT 1 gave %d rows", n)
	}
}

func TestDefaultInputFormatReadsFilesWithoutExtension(t *testing.T) {
	dir := t.TempDir()
	writeLocal(t, filepath.Join(dir, "events"), []byte("{\"a\": 1}\n{\"a\": 2}\n"))
	p, err := New("dfs", &config.Plugin{Type: "file", Connection: "file:///",
		Workspaces: map[string]config.Workspace{"ws": {Location: dir, DefaultInputFormat: "json"}}})
	if err != nil {
		t.Fatal(err)
	}
	fields, rows := textRows(t, p, "events")
	if !reflect.DeepEqual(fields, []string{"a int64"}) || !reflect.DeepEqual(rows, []string{"1", "2"}) {
		t.Errorf("fields %v rows %v", fields, rows)
	}
}

func TestS3TextFiles(t *testing.T) {
	p := s3Plugin(t, "textfiles", map[string][]byte{
		"t/2024/a.csvh": []byte("k,v\n1,one\n2,\n"),
		"t/2025/b.csvh": []byte("k,v\n3,\"\"\n"),
	})
	ctx := context.Background()
	table, err := p.Table(ctx, "root", "t")
	if err != nil {
		t.Fatal(err)
	}
	_, rows := scanAll(t, table, catalog.ScanRequest{Columns: []int{0, 1, implicitIndex(t, table, "dir0")}, Limit: -1})
	if want := []string{"1|one|2024", "2|(null)|2024", "3||2025"}; !reflect.DeepEqual(rows, want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
	req := catalog.ScanRequest{Columns: []int{0}, Filters: []expr.Expr{dirFilter(t, table, "dir0", "2025")}, Limit: -1}
	if stats := countScan(t, table, req); stats.Files != 1 {
		t.Errorf("opened %d files, want 1", stats.Files)
	}
	lines, err := table.(catalog.ScanExplainer).ExplainScan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"files pruned by path: 1 of 2 (dir0)", "files=1 format=text"}; !reflect.DeepEqual(lines, want) {
		t.Errorf("EXPLAIN %q, want %q", lines, want)
	}
}
