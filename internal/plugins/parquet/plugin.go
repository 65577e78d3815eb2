// Package parquet is the `file` storage plugin with its formats: each
// workspace of a file plugin is a schema whose tables are files, folders
// of them, or globs — Parquet read with arrow-go's pqarrow reader,
// delimited text (CSV, TSV, PSV) and newline-delimited JSON streamed a
// batch at a time. Every file table has Drill's implicit columns (fqn,
// filepath, filename, suffix, dir0, dir1, ...), and filters over them pick
// the files before any is opened. The files live on the local disk
// (connection file:///) or in an S3 bucket (s3a://bucket, through
// internal/plugins/s3).
package parquet

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/plugins/s3"
	"auger/internal/sqlstate"
)

func init() {
	catalog.Register("file", New)
}

// Plugin is one configured file plugin.
type Plugin struct {
	name       string
	fs         FileSystem
	footers    *footerCache
	workspaces map[string]config.Workspace
	formats    formats
}

var _ catalog.Plugin = (*Plugin)(nil)

// New builds a file plugin from its configuration; it does no I/O.
func New(name string, cfg *config.Plugin) (catalog.Plugin, error) {
	u, err := url.Parse(cfg.Connection)
	if err != nil {
		return nil, &config.Error{Plugin: name, Field: "connection", Reason: err.Error()}
	}
	p := &Plugin{name: name, workspaces: cfg.Workspaces, footers: newFooterCache(), formats: newFormats(cfg.Formats)}
	switch u.Scheme {
	case "file":
		p.fs = localFS{}
	case "s3a", "s3":
		bucket, err := s3.New(name, u.Host, cfg.Config)
		if err != nil {
			return nil, &config.Error{Plugin: name, Field: "config", Reason: err.Error()}
		}
		p.fs = s3FS{bucket: bucket}
	default:
		return nil, &config.Error{Plugin: name, Field: "connection", Reason: "unsupported scheme " + u.Scheme}
	}
	if len(p.workspaces) == 0 {
		p.workspaces = map[string]config.Workspace{"root": {Location: "/"}}
	}
	return p, nil
}

// Schemas implements catalog.Plugin: the workspace names.
func (p *Plugin) Schemas(context.Context) ([]string, error) {
	names := make([]string, 0, len(p.workspaces))
	for n := range p.workspaces {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

// DefaultSchema implements catalog.Plugin.
func (p *Plugin) DefaultSchema() string {
	if _, ok := p.workspaces["default"]; ok {
		return "default"
	}
	return "root"
}

// Close implements catalog.Plugin.
func (p *Plugin) Close() error { return nil }

func (p *Plugin) workspace(schema string) (config.Workspace, error) {
	ws, ok := p.workspaces[schema]
	if !ok {
		return ws, &sqlstate.Error{Code: sqlstate.InvalidSchemaName,
			Message: fmt.Sprintf("schema %q does not exist", p.name+"."+schema), Cause: catalog.ErrSchemaNotFound}
	}
	return ws, nil
}

// Tables implements catalog.Plugin: the readable files (Parquet, text,
// JSON, by extension) at the top of the workspace, the folders that hold
// such files directly or one level down, and the views (name.view.drill,
// listed as name). Hidden names (starting with . or _) are skipped.
func (p *Plugin) Tables(ctx context.Context, schema string) ([]string, error) {
	entries, err := p.listWorkspace(ctx, schema)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		base := path.Base(e.Path)
		if hidden(base) {
			continue
		}
		switch {
		case !e.IsDir && strings.HasSuffix(base, viewSuffix):
			names = append(names, strings.TrimSuffix(base, viewSuffix))
		case (!e.IsDir && p.readable(base)) || (e.IsDir && p.holdsReadable(ctx, e.Path, 1)):
			names = append(names, base)
		}
	}
	return names, nil
}

// holdsReadable tells whether a folder has a readable file within depth
// levels below it.
func (p *Plugin) holdsReadable(ctx context.Context, dir string, depth int) bool {
	entries, err := p.fs.List(ctx, dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		base := path.Base(e.Path)
		if hidden(base) {
			continue
		}
		if !e.IsDir && p.readable(base) {
			return true
		}
		if e.IsDir && depth > 0 && p.holdsReadable(ctx, e.Path, depth-1) {
			return true
		}
	}
	return false
}

func rootOf(ws config.Workspace) string {
	return "/" + strings.Trim(ws.Location, "/")
}

func hidden(base string) bool { return strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") }

// readable tells whether a file name has the extension of a format.
func (p *Plugin) readable(base string) bool {
	_, ok := p.formats.forFile(base)
	return ok
}

// Table implements catalog.Plugin: name is a path relative to the
// workspace (a leading / is relative too, as in Drill): a view (a
// catalog.View), a file, a folder of Parquet files, or a glob.
func (p *Plugin) Table(ctx context.Context, schema, name string) (catalog.Table, error) {
	ws, err := p.workspace(schema)
	if err != nil {
		return nil, err
	}
	// Cleaning an absolute path drops any ".." that would climb above it,
	// so the table stays inside the workspace.
	full := path.Join(rootOf(ws), path.Clean("/"+name))
	files, err := p.resolveFiles(ctx, full)
	if errors.Is(err, catalog.ErrTableNotFound) {
		if view, viewErr := p.lookupView(ctx, full); viewErr != nil || view != nil {
			return view, viewErr
		}
	}
	if err != nil {
		return nil, err
	}
	ft, err := p.tableFormat(files, ws)
	if err != nil {
		return nil, err
	}
	set := newFileSet(tableRoot(full, files), files)
	if ft.kind != kindParquet {
		return openTextTable(ctx, p.fs, full, set, ft)
	}
	return openTable(ctx, p.fs, p.footers, full, set)
}

// tableFormat is the one format of a table's files: by extension, or the
// workspace's defaultInputFormat for a file without a known one.
func (p *Plugin) tableFormat(files []FileInfo, ws config.Workspace) (format, error) {
	var first format
	for i, f := range files {
		ft, ok := p.formats.forFile(f.Path)
		if !ok {
			ft, ok = p.formats.byName[ws.DefaultInputFormat]
		}
		if !ok {
			ft = format{kind: kindParquet}
		}
		if i == 0 {
			first = ft
		} else if ft.kind != first.kind {
			return format{}, sqlstate.New(sqlstate.DatatypeMismatch, "%s and %s are of different formats", files[0].Path, f.Path)
		}
	}
	return first, nil
}

// tableRoot is the folder a table's dir0, dir1, ... start below, as in
// Drill: a glob's segments before the first with a wildcard, the folder a
// table names, or a single file's own folder.
func tableRoot(full string, files []FileInfo) string {
	if strings.ContainsAny(full, "*?[") {
		segments := strings.Split(strings.Trim(full, "/"), "/")
		for i, seg := range segments {
			if strings.ContainsAny(seg, "*?[") {
				return "/" + strings.Join(segments[:i], "/")
			}
		}
	}
	if len(files) == 1 && files[0].Path == full {
		return path.Dir(full)
	}
	return full
}

// resolveFiles lists the readable files a table path stands for.
func (p *Plugin) resolveFiles(ctx context.Context, full string) ([]FileInfo, error) {
	if strings.ContainsAny(full, "*?[") {
		return p.glob(ctx, full)
	}
	info, err := p.fs.Stat(ctx, full)
	if err != nil {
		if notFound(err) {
			return nil, fmt.Errorf("%w: %s", catalog.ErrTableNotFound, full)
		}
		return nil, catalog.Classify(fmt.Errorf("plugin %q: %s: %w", p.name, full, err))
	}
	if !info.IsDir {
		return []FileInfo{info}, nil
	}
	files, err := p.walk(ctx, full)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%w: folder %s holds no readable files", catalog.ErrTableNotFound, full)
	}
	return files, nil
}

// walk lists the Parquet files below a folder, recursively, sorted.
func (p *Plugin) walk(ctx context.Context, dir string) ([]FileInfo, error) {
	entries, err := p.fs.List(ctx, dir)
	if err != nil {
		return nil, catalog.Classify(fmt.Errorf("plugin %q: list %s: %w", p.name, dir, err))
	}
	var out []FileInfo
	for _, e := range entries {
		base := path.Base(e.Path)
		switch {
		case hidden(base):
		case e.IsDir:
			sub, err := p.walk(ctx, e.Path)
			if err != nil {
				return nil, err
			}
			out = append(out, sub...)
		case p.readable(base):
			out = append(out, e)
		}
	}
	return out, nil
}

// glob matches a path pattern segment by segment.
func (p *Plugin) glob(ctx context.Context, pattern string) ([]FileInfo, error) {
	segments := strings.Split(strings.Trim(pattern, "/"), "/")
	current := []FileInfo{{Path: "/", IsDir: true}}
	for i, seg := range segments {
		var next []FileInfo
		for _, dir := range current {
			if !dir.IsDir {
				continue
			}
			entries, err := p.fs.List(ctx, dir.Path)
			if err != nil {
				continue
			}
			for _, e := range entries {
				if ok, _ := path.Match(seg, path.Base(e.Path)); ok && !hidden(path.Base(e.Path)) {
					next = append(next, e)
				}
			}
		}
		current = next
		if len(current) == 0 {
			return nil, fmt.Errorf("%w: nothing matches %s (at %q)", catalog.ErrTableNotFound, pattern, strings.Join(segments[:i+1], "/"))
		}
	}
	var files []FileInfo
	for _, m := range current {
		if !m.IsDir {
			files = append(files, m)
			continue
		}
		sub, err := p.walk(ctx, m.Path)
		if err != nil {
			return nil, err
		}
		files = append(files, sub...)
	}
	return files, nil
}
