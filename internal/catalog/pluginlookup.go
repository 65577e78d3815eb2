package catalog

// Plugin is the configured plugin of that name, so that the engine can
// find the optional sides it implements (TableCreator, TableInserter,
// TableDropper, RemoteStatementRunner, ViewStore).
func (c *Catalog) Plugin(name string) (Plugin, bool) {
	p, ok := c.plugins[name]
	return p, ok
}
