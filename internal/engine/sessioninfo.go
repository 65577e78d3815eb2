package engine

import (
	"sort"
	"strings"
	"time"

	"auger/internal/catalog"
)

// Settings lists the session's parameters as pg_settings does, sorted by
// name: the ones PostgreSQL lists, and the placeholders the session set.
func (s *Session) Settings() []catalog.Setting {
	s.mu.Lock()
	defer s.mu.Unlock()
	defs := make([]*settingDef, 0, len(settingDefs)+len(s.settings.custom))
	for i := range settingDefs {
		defs = append(defs, &settingDefs[i])
	}
	for _, d := range s.settings.custom {
		defs = append(defs, d)
	}
	sort.Slice(defs, func(i, j int) bool { return strings.ToLower(defs[i].name) < strings.ToLower(defs[j].name) })
	rows := make([]catalog.Setting, len(defs))
	for i, d := range defs {
		v := s.settings.value(d)
		rows[i] = catalog.Setting{Name: d.name, Setting: v.setting, Unit: d.unit, Category: d.category, ShortDesc: d.desc,
			Context: d.context, Vartype: d.vartype, Source: v.source, MinVal: d.min, MaxVal: d.max, EnumVals: d.enumvals,
			BootVal: d.boot, ResetVal: s.settings.resetValue(d).setting}
	}
	return rows
}

// Connection is what a session knows of its client's connection.
type Connection struct {
	User, Database string
	Superuser      bool
	BackendPID     int32  // the process ID given in BackendKeyData
	ClientAddr     string // the client's IP address and port; "" over a Unix socket
	ClientPort     int
	ServerAddr     string
	ServerPort     int
	// Options are the client's start-up parameters that are settings
	// (application_name, DateStyle, options' -c name=value ...), by name.
	Options map[string]string
}

// startTime is when the gateway started, pg_postmaster_start_time().
var startTime = time.Now()

// Start applies a connection's start-up parameters as the session's own
// values (RESET returns to them). An unknown parameter or a bad value
// fails the start-up, as in PostgreSQL.
func (s *Session) Start(c Connection) error {
	s.mu.Lock()
	s.conn = c
	s.mu.Unlock()
	boolean := map[bool]string{true: "on", false: "off"}
	s.startValue("session_authorization", c.User)
	s.startValue("is_superuser", boolean[c.Superuser])
	names := make([]string, 0, len(c.Options))
	for name := range c.Options {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		d, err := s.definition(name, true)
		if err != nil {
			return err
		}
		v, err := s.check(d, c.Options[name])
		if err != nil {
			return err
		}
		s.startValue(d.name, v.setting)
	}
	return nil
}

func (s *Session) startValue(name, setting string) {
	d, err := s.definition(name, true)
	if err != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settings.start(d, setting)
}

// Messages are what a statement leaves for its client besides its
// result: notices, and the reported parameters it changed with their new
// values, which PostgreSQL sends as ParameterStatus.
type Messages struct {
	Notices    []Notice
	Parameters map[string]string
}

// TakeMessages returns the messages the statements run since the last
// call left, and forgets them.
func (s *Session) TakeMessages() Messages {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := Messages{Notices: s.settings.notices}
	s.settings.notices = nil
	for name := range s.settings.changed {
		if m.Parameters == nil {
			m.Parameters = map[string]string{}
		}
		d, _ := s.settings.find(name)
		m.Parameters[d.name] = d.show(s.settings.value(d).setting)
	}
	clear(s.settings.changed)
	return m
}

// ReportedParameters are the values of every parameter PostgreSQL
// reports at start-up, by name.
func (s *Session) ReportedParameters() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]string{}
	for key := range reportedSettings {
		d, _ := s.settings.find(key)
		out[d.name] = d.show(s.settings.value(d).setting)
	}
	clear(s.settings.changed)
	return out
}
