package catalog

import "context"

// Setting is one run-time parameter of a session as pg_settings shows it.
type Setting struct {
	Name, Setting, Unit, Category, ShortDesc, Context, Vartype, Source, MinVal, MaxVal string
	EnumVals                                                                           []string // nil unless Vartype is enum
	BootVal, ResetVal                                                                  string
}

type settingsKey struct{}

// WithSettings returns a context whose queries see the parameters
// settings lists in pg_settings.
func WithSettings(ctx context.Context, settings func() []Setting) context.Context {
	return context.WithValue(ctx, settingsKey{}, settings)
}

// settingsRows are pg_settings' rows: the parameters of the query's
// session, none outside one.
func settingsRows(ctx context.Context, _ *pgSnapshot) []pgRow {
	list, _ := ctx.Value(settingsKey{}).(func() []Setting)
	if list == nil {
		return nil
	}
	var rows []pgRow
	for _, s := range list() {
		rows = append(rows, pgRow{"name": s.Name, "setting": s.Setting, "unit": nullIfEmpty(s.Unit),
			"category": s.Category, "short_desc": s.ShortDesc, "context": s.Context, "vartype": s.Vartype,
			"source": s.Source, "min_val": nullIfEmpty(s.MinVal), "max_val": nullIfEmpty(s.MaxVal),
			"enumvals": enumValues(s.EnumVals), "boot_val": s.BootVal, "reset_val": s.ResetVal})
	}
	return rows
}

func enumValues(values []string) any {
	if values == nil {
		return nil
	}
	return values
}
