// Package config reads and validates storage-plugin definitions in Apache
// Drill's own JSON format: either one file `{"storage": {NAME: {...}}}` or a
// folder of `NAME.json` files, each holding one plugin's `{"type": ...}`
// object, as Drill's web console exports them.
package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Storage is the whole configuration: every plugin by name, enabled or not.
type Storage struct {
	Plugins map[string]*Plugin
}

// Enabled returns the plugins that are served, sorted by name.
func (s *Storage) Enabled() []*Plugin {
	var out []*Plugin
	for _, p := range s.Plugins {
		if p.Enabled {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Plugin is one storage plugin. The fields are Drill's; which ones apply
// depends on Type ("jdbc" or "file").
type Plugin struct {
	Name    string `json:"-"`
	Type    string `json:"type"`
	Enabled bool   `json:"enabled"`

	// jdbc
	Driver           string         `json:"driver,omitempty"`
	URL              string         `json:"url,omitempty"`
	Username         string         `json:"username,omitempty"`
	Password         string         `json:"password,omitempty"`
	SourceParameters map[string]any `json:"sourceParameters,omitempty"`
	Writable         bool           `json:"writable,omitempty"`

	// file
	Connection string               `json:"connection,omitempty"`
	Config     map[string]string    `json:"config,omitempty"`
	Workspaces map[string]Workspace `json:"workspaces,omitempty"`
	Formats    map[string]Format    `json:"formats,omitempty"`
}

// Workspace is a named folder of a file plugin.
type Workspace struct {
	Location           string `json:"location"`
	Writable           bool   `json:"writable"`
	DefaultInputFormat string `json:"defaultInputFormat,omitempty"`
}

// Format is one entry of a file plugin's `formats` map, with Drill's
// fields: type "parquet", "text" or "json"; for text, the field
// delimiter (Drill's newer fieldDelimiter or its older delimiter),
// whether the first line names the columns (extractHeader) or is skipped
// (skipFirstLine), and the comment character.
type Format struct {
	Type           string   `json:"type"`
	Extensions     []string `json:"extensions,omitempty"`
	FieldDelimiter string   `json:"fieldDelimiter,omitempty"`
	Delimiter      string   `json:"delimiter,omitempty"`
	ExtractHeader  bool     `json:"extractHeader,omitempty"`
	SkipFirstLine  bool     `json:"skipFirstLine,omitempty"`
	Comment        string   `json:"comment,omitempty"`
}

// Error is a configuration problem, naming the plugin and field at fault.
type Error struct {
	Plugin string
	Field  string
	Reason string
}

func (e *Error) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("storage plugin %q: %s", e.Plugin, e.Reason)
	}
	return fmt.Sprintf("storage plugin %q: field %q: %s", e.Plugin, e.Field, e.Reason)
}

// Load reads a storage-plugins file, or a folder of one-plugin files, expands
// ${ENV_VAR} references with getenv, and validates every enabled plugin.
func Load(path string, getenv func(string) string, log *slog.Logger) (*Storage, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	var raw map[string]json.RawMessage
	if info.IsDir() {
		raw, err = readFolder(path)
	} else {
		raw, err = readFile(path)
	}
	if err != nil {
		return nil, err
	}
	storage, err := parsePlugins(raw, getenv, log)
	if err != nil {
		return nil, err
	}
	base := filepath.Dir(path)
	if info.IsDir() {
		base = path
	}
	resolveLocalLocations(storage, base)
	return storage, nil
}

// resolveLocalLocations makes relative workspace locations of local file
// plugins absolute, relative to the folder the configuration lives in, so a
// bundled configuration can point at data shipped beside it.
func resolveLocalLocations(s *Storage, base string) {
	for _, p := range s.Plugins {
		if p.Type != "file" || !strings.HasPrefix(p.Connection, "file:") {
			continue
		}
		for name, ws := range p.Workspaces {
			if ws.Location != "" && !filepath.IsAbs(ws.Location) {
				abs, err := filepath.Abs(filepath.Join(base, ws.Location))
				if err == nil {
					ws.Location = abs
					p.Workspaces[name] = ws
				}
			}
		}
	}
}

func readFile(path string) (map[string]json.RawMessage, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	var doc struct {
		Storage map[string]json.RawMessage `json:"storage"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("read config %s: %w", path, err)
	}
	if doc.Storage == nil {
		return nil, fmt.Errorf("read config %s: no \"storage\" object", path)
	}
	return doc.Storage, nil
}

func readFolder(dir string) (map[string]json.RawMessage, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	out := map[string]json.RawMessage{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read config: %w", err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		out[name] = data
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("read config %s: no NAME.json plugin files in folder", dir)
	}
	return out, nil
}

func parsePlugins(raw map[string]json.RawMessage, getenv func(string) string, log *slog.Logger) (*Storage, error) {
	s := &Storage{Plugins: map[string]*Plugin{}}
	names := make([]string, 0, len(raw))
	for n := range raw {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		p, err := parsePlugin(name, raw[name], getenv, log)
		if err != nil {
			return nil, err
		}
		s.Plugins[name] = p
	}
	return s, nil
}

func parsePlugin(name string, raw json.RawMessage, getenv func(string) string, log *slog.Logger) (*Plugin, error) {
	var generic map[string]any
	if err := json.Unmarshal(raw, &generic); err != nil {
		return nil, &Error{Plugin: name, Reason: "not a JSON object: " + err.Error()}
	}
	expanded, err := json.Marshal(expandEnv(generic, getenv))
	if err != nil {
		return nil, &Error{Plugin: name, Reason: err.Error()}
	}
	p := &Plugin{Name: name, Enabled: true}
	if err := decodeKnown(expanded, p); err != nil {
		return nil, &Error{Plugin: name, Field: fieldOf(err), Reason: err.Error()}
	}
	logUnknownFields(name, generic, log)
	if !p.Enabled {
		return p, nil
	}
	if err := validate(p); err != nil {
		return nil, err
	}
	return p, nil
}

func decodeKnown(data []byte, p *Plugin) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	return dec.Decode(p)
}

// fieldOf extracts the offending field from a json.UnmarshalTypeError.
func fieldOf(err error) string {
	if te, ok := err.(*json.UnmarshalTypeError); ok {
		return te.Field
	}
	return ""
}

// knownFields are the top-level fields Auger reads; any other is a Drill
// field it accepts and ignores.
var knownFields = map[string]bool{
	"type": true, "enabled": true, "driver": true, "url": true, "username": true,
	"password": true, "sourceParameters": true, "writable": true, "connection": true,
	"config": true, "workspaces": true, "formats": true,
}

func logUnknownFields(name string, generic map[string]any, log *slog.Logger) {
	var unknown []string
	for k := range generic {
		if !knownFields[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 && log != nil {
		sort.Strings(unknown)
		log.Info("ignoring storage plugin fields Auger does not use", "plugin", name, "fields", unknown)
	}
}

// expandEnv replaces ${NAME} in every string of a decoded JSON value.
func expandEnv(v any, getenv func(string) string) any {
	switch t := v.(type) {
	case string:
		return os.Expand(t, func(k string) string { return getenv(k) })
	case map[string]any:
		for k, x := range t {
			t[k] = expandEnv(x, getenv)
		}
	case []any:
		for i, x := range t {
			t[i] = expandEnv(x, getenv)
		}
	}
	return v
}

func validate(p *Plugin) error {
	switch p.Type {
	case "jdbc":
		return validateJDBC(p)
	case "file":
		return validateFile(p)
	case "":
		return &Error{Plugin: p.Name, Field: "type", Reason: "missing"}
	default:
		return &Error{Plugin: p.Name, Field: "type", Reason: fmt.Sprintf("unsupported plugin type %q (supported: jdbc, file)", p.Type)}
	}
}

func validateJDBC(p *Plugin) error {
	u, err := url.Parse(strings.TrimPrefix(p.URL, "jdbc:"))
	if err != nil {
		return &Error{Plugin: p.Name, Field: "url", Reason: "not a URL"}
	}
	if !strings.HasPrefix(p.URL, "jdbc:postgresql://") {
		return &Error{Plugin: p.Name, Field: "url", Reason: fmt.Sprintf("want jdbc:postgresql://host:port/db, got %q", u.Redacted())}
	}
	if p.Driver != "" && p.Driver != "org.postgresql.Driver" {
		return &Error{Plugin: p.Name, Field: "driver", Reason: fmt.Sprintf("only org.postgresql.Driver is supported, got %q", p.Driver)}
	}
	return nil
}

func validateFile(p *Plugin) error {
	u, err := url.Parse(p.Connection)
	if err != nil || (u.Scheme != "file" && u.Scheme != "s3a") {
		return &Error{Plugin: p.Name, Field: "connection", Reason: fmt.Sprintf("want file:/// or s3a://bucket, got %q", p.Connection)}
	}
	if u.Scheme == "s3a" && u.Host == "" {
		return &Error{Plugin: p.Name, Field: "connection", Reason: "s3a:// connection names no bucket"}
	}
	for name, ws := range p.Workspaces {
		if ws.Location == "" {
			return &Error{Plugin: p.Name, Field: "workspaces." + name + ".location", Reason: "missing"}
		}
	}
	return nil
}
