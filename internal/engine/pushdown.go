package engine

import (
	"context"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/exec"
	"auger/internal/planner"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// pushdownSetting is the setting that lets the planner hand work to the
// sources (on, the default) or keeps all of it in the engine (off), so
// that tests can compare the two.
const pushdownSetting = "auger.pushdown"

// optimizerOptions are the optimiser options of the session's settings.
func (s *Session) optimizerOptions() planner.Options {
	s.mu.Lock()
	defer s.mu.Unlock()
	return planner.Options{NoPushdown: s.noPushdown}
}

func (s *Session) setPushdown(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noPushdown = !on
}

// planSetPushdown plans SET and RESET of auger.pushdown; the statements
// after it in the same string are planned with the new value.
func (p *planning) planSetPushdown(s *sql.SetVariable) (*Statement, error) {
	on := true
	if !s.Default {
		var ok bool
		if on, ok = parseBoolSetting(s.Value); !ok {
			return nil, sqlstate.New(sqlstate.InvalidParameterValue, "parameter %q requires a Boolean value", pushdownSetting)
		}
	}
	p.optimizer.NoPushdown = !on
	session := p.session
	return &Statement{
		Text: s.Text(),
		Tag:  "SET",
		run: func(context.Context, []scalar.Scalar) (exec.Operator, error) {
			session.setPushdown(on)
			return rowsOperator(arrow.NewSchema(nil, nil), nil)
		},
	}, nil
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
