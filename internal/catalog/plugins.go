package catalog

// Plugin returns a configured plugin by its name, so that the engine can
// reach the optional sides a plugin has (TableCreator, ViewStore, ...).
func (c *Catalog) Plugin(name string) (Plugin, bool) {
	p, ok := c.plugins[name]
	return p, ok
}
