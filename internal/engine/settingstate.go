package engine

import (
	"maps"
	"strconv"
	"strings"
	"time"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// settingValue is a parameter's value in a session.
type settingValue struct {
	setting string // as pg_settings.setting shows it
	source  string // where it came from: default, client, session
}

// sessionSettings are a session's parameters: the values that differ
// from their defaults, what RESET returns to, the placeholders it made,
// and the open transaction block. Session.mu guards them.
type sessionSettings struct {
	values  map[string]settingValue // by lower-case name
	reset   map[string]settingValue // the values the session started with
	custom  map[string]*settingDef  // placeholders (myapp.flag) by lower-case name
	tx      *transaction            // nil outside a transaction block
	notices []Notice                // what the running statement has to tell its client
	changed map[string]bool         // reported parameters the running statement changed
	// typed values of the parameters the engine honours
	zone    types.Zone
	timeout time.Duration
	noPush  bool
}

// transaction is an open transaction block: the values it started with,
// the ones a COMMIT keeps (SET without LOCAL), and its savepoints.
type transaction struct {
	id         int64 // its number for txid_current(), 0 until asked
	failed     bool  // a statement failed: only ROLLBACK is accepted
	start      map[string]settingValue
	kept       map[string]settingValue
	savepoints []savepoint
}

type savepoint struct {
	name         string
	values, kept map[string]settingValue
}

// Notice is a message a statement leaves for its client besides its
// result, as PostgreSQL's NoticeResponse: a WARNING or NOTICE.
type Notice struct {
	Severity string // WARNING, NOTICE
	*sqlstate.Error
}

func newSessionSettings() *sessionSettings {
	return &sessionSettings{values: map[string]settingValue{}, reset: map[string]settingValue{},
		custom: map[string]*settingDef{}, changed: map[string]bool{}, zone: types.UTC}
}

// find is a parameter's definition: a known one, or a placeholder set in
// this session.
func (ss *sessionSettings) find(name string) (*settingDef, bool) {
	if d, ok := lookupSetting(name); ok {
		return d, true
	}
	d, ok := ss.custom[strings.ToLower(name)]
	return d, ok
}

// value is a parameter's value.
func (ss *sessionSettings) value(d *settingDef) settingValue {
	key := strings.ToLower(d.name)
	if ss.tx == nil && strings.HasPrefix(key, "transaction_") {
		if v, ok := ss.values["default_"+key]; ok {
			return v
		}
		if def, ok := lookupSetting("default_" + key); ok {
			return settingValue{setting: def.boot, source: "default"}
		}
	}
	if v, ok := ss.values[key]; ok {
		return v
	}
	if v, ok := ss.reset[key]; ok {
		return v
	}
	return settingValue{setting: d.boot, source: "default"}
}

// resetValue is what RESET gives a parameter.
func (ss *sessionSettings) resetValue(d *settingDef) settingValue {
	if v, ok := ss.reset[strings.ToLower(d.name)]; ok {
		return v
	}
	return settingValue{setting: d.boot, source: "default"}
}

// set gives a parameter a value, for the session or (local) the
// transaction block only.
func (ss *sessionSettings) set(d *settingDef, v settingValue, local bool) {
	key := strings.ToLower(d.name)
	if _, known := lookupSetting(key); !known {
		ss.custom[key] = d
	}
	if strings.HasPrefix(key, "transaction_") && ss.tx == nil {
		return // outside a block each statement is a transaction of its own
	}
	ss.values[key] = v
	if ss.tx != nil && !local {
		ss.tx.kept[key] = v
	}
	ss.refresh(d, key)
}

// start sets a parameter's value for the whole session, as a client's
// start-up parameter does: RESET returns to it.
func (ss *sessionSettings) start(d *settingDef, setting string) {
	key := strings.ToLower(d.name)
	if _, known := lookupSetting(key); !known {
		ss.custom[key] = d
	}
	v := settingValue{setting: setting, source: "client"}
	ss.reset[key] = v
	ss.values[key] = v
	ss.refresh(d, key)
}

// resetAll is RESET ALL: every parameter a user may set returns to its
// reset value.
func (ss *sessionSettings) resetAll() {
	for key := range ss.values {
		d, _ := ss.find(key)
		if d != nil && (d.context == "user" || d.context == "superuser") {
			ss.set(d, ss.resetValue(d), false)
		}
	}
}

// refresh recomputes the typed value of a parameter the engine honours and
// notes a reported one as changed.
func (ss *sessionSettings) refresh(d *settingDef, key string) {
	if reportedSettings[key] {
		ss.changed[d.name] = true
	}
	setting := ss.value(d).setting
	switch key {
	case "timezone":
		if z, err := parseZoneSetting(setting); err == nil {
			ss.zone = z
		}
	case "statement_timeout":
		ms, _ := strconv.ParseInt(setting, 10, 64)
		ss.timeout = time.Duration(ms) * time.Millisecond
	case pushdownSetting:
		ss.noPush = setting == "off"
	}
}

// refreshAll recomputes every typed value, after a transaction's end put
// back the values it started with.
func (ss *sessionSettings) refreshAll(before map[string]settingValue) {
	for key := range mergedKeys(before, ss.values) {
		if before[key] != ss.values[key] {
			if d, ok := ss.find(key); ok {
				ss.refresh(d, key)
			}
		}
	}
}

func mergedKeys(a, b map[string]settingValue) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// reportedSettings are the parameters PostgreSQL reports to its client in
// ParameterStatus messages, at start-up and whenever they change.
var reportedSettings = map[string]bool{"server_version": true, "server_encoding": true, "client_encoding": true,
	"application_name": true, "default_transaction_read_only": true, "in_hot_standby": true, "is_superuser": true,
	"session_authorization": true, "datestyle": true, "intervalstyle": true, "timezone": true,
	"integer_datetimes": true, "standard_conforming_strings": true}

// begin opens a transaction block.
func (ss *sessionSettings) begin() {
	ss.tx = &transaction{start: maps.Clone(ss.values), kept: map[string]settingValue{}}
	for _, name := range []string{"transaction_isolation", "transaction_read_only", "transaction_deferrable"} {
		d, _ := lookupSetting(name)
		def, _ := lookupSetting("default_" + name)
		ss.values[name] = settingValue{setting: ss.value(def).setting, source: "override"}
		ss.refresh(d, name)
	}
}

// end closes the transaction block: a commit keeps what was SET without
// LOCAL, a rollback (or a failed block's commit) keeps nothing.
func (ss *sessionSettings) end(commit bool) {
	tx := ss.tx
	if tx == nil {
		return
	}
	before := ss.values
	ss.values = tx.start
	if commit && !tx.failed {
		for k, v := range tx.kept {
			if !strings.HasPrefix(k, "transaction_") {
				ss.values[k] = v
			}
		}
	}
	ss.tx = nil
	ss.refreshAll(before)
}

// savepoint marks the block's state under a name.
func (ss *sessionSettings) savepoint(name string) {
	ss.tx.savepoints = append(ss.tx.savepoints, savepoint{name: name, values: maps.Clone(ss.values), kept: maps.Clone(ss.tx.kept)})
}

// findSavepoint is the index of the latest savepoint of that name, -1
// when there is none.
func (ss *sessionSettings) findSavepoint(name string) int {
	for i := len(ss.tx.savepoints) - 1; i >= 0; i-- {
		if ss.tx.savepoints[i].name == name {
			return i
		}
	}
	return -1
}

// rollbackTo returns to savepoint i, which stays; the block is no longer
// failed.
func (ss *sessionSettings) rollbackTo(i int) {
	sp := ss.tx.savepoints[i]
	before := ss.values
	ss.values, ss.tx.kept = maps.Clone(sp.values), maps.Clone(sp.kept)
	ss.tx.savepoints = ss.tx.savepoints[:i+1]
	ss.tx.failed = false
	ss.refreshAll(before)
}

// notify leaves a notice for the running statement's client.
func (ss *sessionSettings) notify(severity string, e *sqlstate.Error) {
	ss.notices = append(ss.notices, Notice{Severity: severity, Error: e})
}
