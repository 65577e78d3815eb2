package engine

import (
	"strconv"
	"strings"

	"auger/internal/exec"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// Zone is the session's TimeZone setting.
func (s *Session) Zone() types.Zone {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.zone
}

func (s *Session) setZone(z types.Zone, reset bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.zone = z
	if reset {
		s.zone = s.startZone
	}
}

// resetZone is the zone RESET returns to.
func (s *Session) resetZone() types.Zone {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.startZone
}

// StartIn sets the zone a session starts in and RESET returns to, as a
// client's TimeZone start-up parameter does; it tells whether the zone
// is known (an unknown one leaves the session as it was).
func (s *Session) StartIn(zone string) bool {
	z, err := parseZoneSetting(zone)
	if err != nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.zone, s.startZone = z, z
	return true
}

// parseZoneSetting reads a TimeZone setting as PostgreSQL does: a number
// is hours east of Greenwich ("5", "-3.5"), anything else a zone name or
// a POSIX zone.
func parseZoneSetting(value string) (types.Zone, error) {
	if hours, err := strconv.ParseFloat(strings.TrimSpace(value), 64); err == nil && hours > -16 && hours < 16 {
		return types.OffsetZone(int(hours * 3600)), nil
	}
	if z, ok := types.LookupZone(value); ok {
		return z, nil
	}
	return types.Zone{}, sqlstate.New(sqlstate.InvalidParameterValue, "invalid value for parameter %q: %q", "TimeZone", value)
}

// settingNames are the settings SHOW and current_setting know, by their
// lower-case names, spelled as PostgreSQL spells them in SHOW's column.
var settingNames = map[string]string{"timezone": "TimeZone", "statement_timeout": "statement_timeout", pushdownSetting: pushdownSetting}

// showSetting is a setting's value as SHOW shows it.
func (s *Session) showSetting(name string) (string, bool) {
	switch strings.ToLower(name) {
	case "timezone":
		return s.Zone().Name, true
	case "statement_timeout":
		return formatTimeout(s.StatementTimeout().Milliseconds()), true
	case pushdownSetting:
		if s.optimizerOptions().NoPushdown {
			return "off", true
		}
		return "on", true
	}
	return "", false
}

// formatTimeout renders milliseconds in the largest unit that divides
// them, as SHOW renders a time setting: "0", "90s", "1500ms", "2min".
func formatTimeout(ms int64) string {
	if ms == 0 {
		return "0"
	}
	units := []struct {
		name string
		ms   int64
	}{{"d", 86400000}, {"h", 3600000}, {"min", 60000}, {"s", 1000}}
	for _, u := range units {
		if ms%u.ms == 0 {
			return strconv.FormatInt(ms/u.ms, 10) + u.name
		}
	}
	return strconv.FormatInt(ms, 10) + "ms"
}

// state is what the statements of a session planned in zone know of it.
func (s *Session) state(zone types.Zone) exec.SessionState {
	return exec.SessionState{Zone: zone.Location, Setting: s.showSetting, Catalog: s.systemCatalog()}
}

func unrecognizedSetting(name string) error {
	return sqlstate.New(sqlstate.UndefinedObject, "unrecognized configuration parameter %q", name)
}
