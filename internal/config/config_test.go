package config

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// A plugin file as Drill's web console exports it, with fields Auger ignores.
const drillExport = `{
  "storage": {
    "pg": {
      "type": "jdbc",
      "driver": "org.postgresql.Driver",
      "url": "jdbc:postgresql://db.example:5432/sales",
      "username": "${PG_USER}",
      "password": "${PG_PASSWORD}",
      "caseInsensitiveTableNames": false,
      "sourceParameters": {"maximumPoolSize": 5, "minimumIdle": 0},
      "authMode": "SHARED_USER",
      "enabled": true
    },
    "dfs": {
      "type": "file",
      "connection": "file:///",
      "config": null,
      "workspaces": {
        "root": {"location": "/", "writable": false, "defaultInputFormat": null, "allowAccessOutsideWorkspace": false},
        "data": {"location": "data", "writable": true, "defaultInputFormat": "parquet"}
      },
      "formats": {"parquet": {"type": "parquet"}, "csv": {"type": "text", "extensions": ["csv"], "delimiter": ","},
        "csvh": {"type": "text", "extensions": ["csvh"], "lineDelimiter": "\n", "fieldDelimiter": ";", "quote": "\"",
          "escape": "\"", "comment": "#", "extractHeader": true, "skipFirstLine": false},
        "json": {"type": "json", "extensions": ["json"]}},
      "authMode": "SHARED_USER",
      "enabled": true
    },
    "broken_but_off": {"type": "jdbc", "url": "mysql://nope", "enabled": false}
  }
}`

func TestLoadDrillExport(t *testing.T) {
	dir := t.TempDir()
	path := writeFile(t, dir, "storage-plugins.json", drillExport)
	var logs bytes.Buffer
	s, err := Load(path, env(map[string]string{"PG_USER": "analyst", "PG_PASSWORD": "s3cret"}),
		slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	pg := s.Plugins["pg"]
	if pg.Username != "analyst" || pg.Password != "s3cret" {
		t.Errorf("env not expanded: user %q", pg.Username)
	}
	if pg.SourceParameters["maximumPoolSize"] != float64(5) {
		t.Errorf("sourceParameters = %v", pg.SourceParameters)
	}
	dfs := s.Plugins["dfs"]
	if got, want := dfs.Workspaces["data"].Location, filepath.Join(dir, "data"); got != want {
		t.Errorf("relative location resolved to %q, want %q", got, want)
	}
	if !dfs.Workspaces["data"].Writable || dfs.Workspaces["root"].Location != "/" {
		t.Errorf("workspaces = %+v", dfs.Workspaces)
	}
	if csvh := dfs.Formats["csvh"]; csvh.FieldDelimiter != ";" || !csvh.ExtractHeader || csvh.Comment != "#" ||
		dfs.Formats["csv"].Delimiter != "," || dfs.Formats["json"].Extensions[0] != "json" {
		t.Errorf("formats = %+v", dfs.Formats)
	}
	names := []string{}
	for _, p := range s.Enabled() {
		names = append(names, p.Name)
	}
	if strings.Join(names, ",") != "dfs,pg" {
		t.Errorf("enabled = %v", names)
	}
	if !strings.Contains(logs.String(), "authMode") {
		t.Errorf("unknown fields not logged: %s", logs.String())
	}
	if strings.Contains(logs.String(), "s3cret") {
		t.Errorf("a secret reached the log: %s", logs.String())
	}
}

func TestLoadFolderOfPluginFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "pg.json", `{"type": "jdbc", "url": "jdbc:postgresql://h:5432/db", "enabled": true}`)
	writeFile(t, dir, "dfs.json", `{"type": "file", "connection": "file:///", "enabled": true}`)
	s, err := Load(dir, env(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Plugins) != 2 || s.Plugins["pg"].Type != "jdbc" || s.Plugins["dfs"].Type != "file" {
		t.Errorf("plugins = %+v", s.Plugins)
	}
}

func TestLoadErrorsNamePluginAndField(t *testing.T) {
	cases := []struct {
		name, config, want string
	}{
		{"bad jdbc url", `{"storage": {"pg": {"type": "jdbc", "url": "postgres://h/db", "enabled": true}}}`,
			`storage plugin "pg": field "url"`},
		{"secret in a bad url is not shown", `{"storage": {"pg": {"type": "jdbc", "url": "mysql://u:hunter2@h/db"}}}`,
			`got "mysql://u:xxxxx@h/db"`},
		{"bad driver", `{"storage": {"pg": {"type": "jdbc", "driver": "com.mysql.Driver", "url": "jdbc:postgresql://h/db"}}}`,
			`storage plugin "pg": field "driver"`},
		{"bad connection", `{"storage": {"f": {"type": "file", "connection": "hdfs://x"}}}`,
			`storage plugin "f": field "connection"`},
		{"s3 without bucket", `{"storage": {"f": {"type": "file", "connection": "s3a://"}}}`,
			`storage plugin "f": field "connection"`},
		{"missing location", `{"storage": {"f": {"type": "file", "connection": "file:///", "workspaces": {"w": {}}}}}`,
			`storage plugin "f": field "workspaces.w.location"`},
		{"unknown type", `{"storage": {"m": {"type": "mongo"}}}`, `storage plugin "m": field "type"`},
		{"wrong field type", `{"storage": {"pg": {"type": "jdbc", "url": 5}}}`, `storage plugin "pg": field "url"`},
		{"not json", `{"storage": `, `read config`},
		{"no storage", `{"plugins": {}}`, `no "storage" object`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeFile(t, t.TempDir(), "s.json", c.config)
			_, err := Load(path, env(nil), nil)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "nope.json"), env(nil), nil); err == nil {
		t.Fatal("no error for a missing file")
	}
}
