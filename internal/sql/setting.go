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
	Value   string
	Default bool // SET ... TO DEFAULT or RESET
	Local   bool // SET LOCAL: for the transaction only
}

func transformVariableSet(text string, s *pg.VariableSetStmt) (Statement, error) {
	out := &SetVariable{base: base{text: text}, Name: strings.ToLower(s.Name), Local: s.IsLocal}
	switch s.Kind {
	case pg.VariableSetKind_VAR_SET_VALUE:
		values := make([]string, len(s.Args))
		for i, a := range s.Args {
			c := a.GetAConst()
			if c == nil {
				return nil, sqlstate.New(sqlstate.FeatureNotSupported, "SET %s to an expression is not supported yet", out.Name)
			}
			values[i] = transformConst(c).Value
		}
		out.Value = strings.Join(values, ", ")
	case pg.VariableSetKind_VAR_SET_DEFAULT, pg.VariableSetKind_VAR_RESET:
		out.Default = true
	default:
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "this form of SET is not supported yet")
	}
	return out, nil
}

// ShowVariable is `SHOW name`: the value of a run-time setting.
type ShowVariable struct {
	base
	Name string // lower case, as PostgreSQL folds it
}

func transformVariableShow(text string, s *pg.VariableShowStmt) (Statement, error) {
	if strings.EqualFold(s.Name, "all") {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "SHOW ALL is not supported yet")
	}
	return &ShowVariable{base: base{text: text}, Name: strings.ToLower(s.Name)}, nil
}
