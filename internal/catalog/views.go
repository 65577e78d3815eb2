package catalog

import "context"

// ViewLister is a ViewStore that names its views, so that catalogs list
// views as views without opening each table.
type ViewLister interface {
	// Views names the views of a schema, sorted.
	Views(ctx context.Context, schema string) ([]string, error)
}

// viewNames is the set of views of a plugin schema; empty when its plugin
// keeps none or cannot list them.
func (c *Catalog) viewNames(ctx context.Context, s SchemaRef) map[string]bool {
	lister, ok := c.plugins[s.Plugin].(ViewLister)
	if !ok {
		return nil
	}
	names, err := lister.Views(ctx, s.Sub)
	if err != nil {
		return nil
	}
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	return set
}

// relationKind is pg_class.relkind of a listed name: 'v' for a view, 'r'
// for a table.
func relationKind(views map[string]bool, name string) byte {
	if views[name] {
		return 'v'
	}
	return 'r'
}
