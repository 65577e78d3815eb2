package engine

import (
	"context"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/exec"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// planSet plans SET, SET LOCAL, SET ... TO DEFAULT, RESET and RESET ALL.
// The statements after it in the same string are planned with the new
// value.
func (p *planning) planSet(ctx context.Context, s *sql.SetVariable) (*Statement, error) {
	tag := "SET"
	if s.Reset {
		tag = "RESET"
	}
	if s.All {
		return p.settingStatement(s.Text(), tag, func(ss *sessionSettings) { ss.resetAll() }), nil
	}
	d, err := p.session.definition(s.Name, true)
	if err != nil {
		return nil, err
	}
	if err := changeable(d); err != nil {
		return nil, err
	}
	var value settingValue
	if s.Default {
		value = p.session.resetValueOf(d)
	} else {
		text, err := flatten(d, s.Values)
		if err != nil {
			return nil, err
		}
		if value, err = p.session.check(d, text); err != nil {
			return nil, err
		}
	}
	p.note(d, value.setting)
	p.resolvePath(ctx)
	local := s.Local
	return p.settingStatement(s.Text(), tag, func(ss *sessionSettings) {
		if s.Default {
			value = ss.resetValue(d)
		}
		if local && ss.tx == nil {
			ss.notify("WARNING", sqlstate.New(sqlstate.NoActiveSQLTransaction, "SET LOCAL can only be used in transaction blocks"))
			return
		}
		ss.set(d, value, local)
	}), nil
}

// settingStatement is a statement that changes the session's settings
// when it runs and returns no rows.
func (p *planning) settingStatement(text, tag string, change func(*sessionSettings)) *Statement {
	session := p.session
	return &Statement{
		Text: text,
		Tag:  tag,
		run: func(context.Context, []scalar.Scalar) (exec.Operator, error) {
			session.mu.Lock()
			change(session.settings)
			session.mu.Unlock()
			return rowsOperator(arrow.NewSchema(nil, nil), nil)
		},
	}
}

// note keeps what a planned SET changes that the planning of the next
// statements of the string depends on.
func (p *planning) note(d *settingDef, setting string) {
	switch strings.ToLower(d.name) {
	case "timezone":
		if z, err := parseZoneSetting(setting); err == nil {
			p.zone = z
		}
	case pushdownSetting:
		p.optimizer.NoPushdown = setting == "off"
	case "search_path":
		p.searchPath = setting
	}
}

// changeable refuses the parameters no session may set.
func changeable(d *settingDef) error {
	switch d.context {
	case "internal":
		return sqlstate.New(sqlstate.CantChangeRuntimeParam, "parameter %q cannot be changed", d.name)
	case "postmaster":
		return sqlstate.New(sqlstate.CantChangeRuntimeParam, "parameter %q cannot be changed without restarting the server", d.name)
	case "sighup", "backend", "superuser-backend":
		return sqlstate.New(sqlstate.CantChangeRuntimeParam, "parameter %q cannot be changed now", d.name)
	}
	return nil
}

// flatten joins the items of SET's value: a list parameter takes several
// (search_path's quoted as identifiers), the others one.
func flatten(d *settingDef, values []string) (string, error) {
	quote, list := listSettings[strings.ToLower(d.name)]
	if !list {
		if len(values) > 1 {
			return "", sqlstate.New(sqlstate.InvalidParameterValue, "SET %s takes only one argument", d.name)
		}
		if len(values) == 0 {
			return "", nil
		}
		return values[0], nil
	}
	items := make([]string, len(values))
	for i, v := range values {
		items[i] = v
		if quote {
			items[i] = exec.QuoteIdent(v)
		}
	}
	return strings.Join(items, ", "), nil
}

// definition finds a parameter by name; a name with a dot that is not
// known is a placeholder, which create makes when the session has none.
func (s *Session) definition(name string, create bool) (*settingDef, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d, ok := s.settings.find(name); ok {
		return d, nil
	}
	if create && isPlaceholderName(name) {
		return placeholder(name), nil
	}
	return nil, unrecognizedSetting(name)
}

// check reads a value for a parameter as SET would set it.
func (s *Session) check(d *settingDef, value string) (settingValue, error) {
	s.mu.Lock()
	current, user := s.settings.value(d).setting, s.conn.User
	s.mu.Unlock()
	if roleRules[strings.ToLower(d.name)] && value != user && !(d.name == "role" && value == "none") {
		return settingValue{}, sqlstate.New(sqlstate.InvalidParameterValue, "role %q does not exist", value)
	}
	if check, ok := settingRules[strings.ToLower(d.name)]; ok {
		setting, err := check(d, value, current)
		return settingValue{setting: setting, source: "session"}, err
	}
	setting, err := d.parse(value)
	return settingValue{setting: setting, source: "session"}, err
}

func (s *Session) resetValueOf(d *settingDef) settingValue {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings.resetValue(d)
}

// showSetting is a parameter's value as SHOW shows it.
func (s *Session) showSetting(name string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.settings.find(name)
	if !ok {
		return "", false
	}
	return d.show(s.settings.value(d).setting), true
}

// setConfig is set_config(name, value, is_local): SET from a query; it
// returns the new value as SHOW shows it.
func (s *Session) setConfig(name, value string, local bool) (string, error) {
	d, err := s.definition(name, true)
	if err != nil {
		return "", err
	}
	if err := changeable(d); err != nil {
		return "", err
	}
	v, err := s.check(d, value)
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if local && s.settings.tx == nil {
		return d.show(s.settings.value(d).setting), nil
	}
	s.settings.set(d, v, local)
	return d.show(v.setting), nil
}

// showAllSchema is SHOW ALL's columns, named as PostgreSQL names them.
var showAllSchema = arrow.NewSchema([]arrow.Field{stringField("name"), stringField("setting"), stringField("description")}, nil)

// planShow plans SHOW of a parameter (one row, one column named after it)
// and SHOW ALL.
func (p *planning) planShow(s *sql.ShowVariable) (*Statement, error) {
	session := p.session
	if s.Name == "all" {
		st := computed(s.Text(), showAllSchema, func(context.Context) ([][]any, error) {
			var rows [][]any
			for _, r := range session.Settings() {
				rows = append(rows, []any{r.Name, session.mustShow(r.Name), r.ShortDesc})
			}
			return rows, nil
		})
		st.Tag = "SHOW"
		return st, nil
	}
	d, err := session.definition(s.Name, false)
	if err != nil {
		return nil, err
	}
	schema := arrow.NewSchema([]arrow.Field{{Name: d.name, Type: arrow.BinaryTypes.String}}, nil)
	st := computed(s.Text(), schema, func(context.Context) ([][]any, error) {
		return [][]any{{session.mustShow(d.name)}}, nil
	})
	st.Tag = "SHOW"
	return st, nil
}

func (s *Session) mustShow(name string) string {
	v, _ := s.showSetting(name)
	return v
}
