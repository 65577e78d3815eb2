package parquet

import (
	"context"
	"fmt"
	"path"
	"strings"

	"auger/internal/catalog"
)

var _ catalog.ViewLister = (*Plugin)(nil)

// Views implements catalog.ViewLister: the names of the workspace's
// name.view.drill files.
func (p *Plugin) Views(ctx context.Context, schema string) ([]string, error) {
	entries, err := p.listWorkspace(ctx, schema)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if base := path.Base(e.Path); !e.IsDir && !hidden(base) && strings.HasSuffix(base, viewSuffix) {
			names = append(names, strings.TrimSuffix(base, viewSuffix))
		}
	}
	return names, nil
}

// listWorkspace lists the entries at the top of a workspace's folder.
func (p *Plugin) listWorkspace(ctx context.Context, schema string) ([]FileInfo, error) {
	ws, err := p.workspace(schema)
	if err != nil {
		return nil, err
	}
	entries, err := p.fs.List(ctx, rootOf(ws))
	if err != nil {
		return nil, catalog.Classify(fmt.Errorf("plugin %q: list %s: %w", p.name, ws.Location, err))
	}
	return entries, nil
}
