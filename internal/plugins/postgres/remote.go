package postgres

import (
	"context"

	"auger/internal/catalog"
)

var (
	_ catalog.RemoteTable   = (*table)(nil)
	_ catalog.ScanExplainer = (*table)(nil)
)

// RemoteServer implements catalog.RemoteTable: the plugin, whose pool
// reaches one server.
func (t *table) RemoteServer() string { return t.plugin.name }

// RemoteName implements catalog.RemoteTable.
func (t *table) RemoteName() (schema, name string) { return t.schema, t.name }

// RemoteColumns implements catalog.RemoteTable.
func (t *table) RemoteColumns() []catalog.RemoteColumn {
	out := make([]catalog.RemoteColumn, len(t.columns))
	for i, c := range t.columns {
		out[i] = catalog.RemoteColumn{AsText: c.asText, SameOrder: c.sameOrder}
	}
	return out
}

// RunRemote implements catalog.RemoteTable: the statement read as a scan
// is, in binary format, as it is pulled.
func (t *table) RunRemote(ctx context.Context, st catalog.RemoteStatement) (catalog.BatchReader, error) {
	pool, err := t.plugin.connect(ctx)
	if err != nil {
		return nil, err
	}
	return newReader(ctx, t.plugin, pool, st.Schema, st.Text, st.Args), nil
}

// ExplainScan implements catalog.ScanExplainer: the statement a scan
// sends, and its parameters.
func (t *table) ExplainScan(_ context.Context, req catalog.ScanRequest) ([]string, error) {
	text, args, err := t.remoteQuery(req)
	if err != nil {
		return nil, err
	}
	return catalog.RemoteStatement{Text: text, Args: args}.Explain(), nil
}
