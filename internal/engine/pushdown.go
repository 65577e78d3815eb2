package engine

import (
	"strings"

	"auger/internal/planner"
)

// pushdownSetting is the setting that lets the planner hand work to the
// sources (on, the default) or keeps all of it in the engine (off), so
// that tests can compare the two.
const pushdownSetting = "auger.pushdown"

// optimizerOptions are the optimiser options of the session's settings.
func (s *Session) optimizerOptions() planner.Options {
	s.mu.Lock()
	defer s.mu.Unlock()
	return planner.Options{NoPushdown: s.settings.noPush}
}

// parseBoolSetting reads a Boolean setting as PostgreSQL's parse_bool
// does: true, false, yes, no, on, off, 1, 0, or an unambiguous prefix of
// one of the words, in any case.
func parseBoolSetting(value string) (on, ok bool) {
	v := strings.ToLower(strings.TrimSpace(value))
	switch v {
	case "1":
		return true, true
	case "0":
		return false, true
	case "o", "":
		return false, false
	}
	for _, w := range []struct {
		word string
		on   bool
		min  int
	}{{"true", true, 1}, {"false", false, 1}, {"yes", true, 1}, {"no", false, 1}, {"on", true, 2}, {"off", false, 2}} {
		if len(v) >= w.min && strings.HasPrefix(w.word, v) {
			return w.on, true
		}
	}
	return false, false
}
