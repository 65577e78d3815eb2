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
	return s.settings.zone
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

// state is what a statement of a session planned in zone knows of it;
// query is the statement's text (current_query()).
func (s *Session) state(zone types.Zone, query string) exec.SessionState {
	style := s.TextStyle()
	style.Zone = zone.Location
	return exec.SessionState{Zone: zone.Location, Style: style, Setting: s.showSetting, Info: sessionFacts{session: s, query: query},
		Catalog: s.systemCatalog()}
}
