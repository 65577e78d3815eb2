package sql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"

	"auger/internal/sqlstate"
)

// SetVariable is `SET name = value` (or TO), `SET name TO DEFAULT` and
// `RESET name`: a run-time setting of the session.
type SetVariable struct {
	base
	Name string // lower case, as PostgreSQL folds it
	// Value is the value as written, list items joined by ", "; "" with
	// Default set.
	Value string
	// Values are the items of the value as written, one per list item.
	Values  []string
	Default bool // SET ... TO DEFAULT or RESET
	Reset   bool // RESET (its command tag is RESET, not SET)
	Local   bool // SET LOCAL: for the transaction only
	All     bool // RESET ALL (Name is "")
}

func transformVariableSet(text string, s *pg.VariableSetStmt) (Statement, error) {
	out := &SetVariable{base: base{text: text}, Name: strings.ToLower(s.Name), Local: s.IsLocal}
	switch s.Kind {
	case pg.VariableSetKind_VAR_SET_VALUE:
		values := make([]string, len(s.Args))
		for i, a := range s.Args {
			if zone, ok := intervalZone(a); ok && out.Name == "timezone" {
				values[i] = zone
				continue
			}
			c := a.GetAConst()
			if c == nil {
				return nil, sqlstate.New(sqlstate.FeatureNotSupported, "SET %s to an expression is not supported yet", out.Name)
			}
			values[i] = transformConst(c).Value
		}
		out.Value, out.Values = strings.Join(values, ", "), values
	case pg.VariableSetKind_VAR_SET_DEFAULT:
		out.Default = true
	case pg.VariableSetKind_VAR_RESET:
		out.Default, out.Reset = true, true
	case pg.VariableSetKind_VAR_RESET_ALL:
		out.Default, out.Reset, out.All = true, true, true
	case pg.VariableSetKind_VAR_SET_MULTI:
		return transformSetTransaction(text, s)
	default:
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "this form of SET is not supported yet")
	}
	return out, nil
}

// ShowVariable is `SHOW name`: the value of a run-time setting; Name
// "all" is SHOW ALL.
type ShowVariable struct {
	base
	Name string // lower case, as PostgreSQL folds it
}

func transformVariableShow(text string, s *pg.VariableShowStmt) (Statement, error) {
	return &ShowVariable{base: base{text: text}, Name: strings.ToLower(s.Name)}, nil
}
