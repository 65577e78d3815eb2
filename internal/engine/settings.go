package engine

import (
	"context"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/exec"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// errStatementTimeout ends a statement that ran past statement_timeout.
var errStatementTimeout = sqlstate.New(sqlstate.QueryCanceled, "canceling statement due to statement timeout")

// StatementTimeout is the session's statement_timeout: how long a
// statement may run before it is canceled; 0 means no limit.
func (s *Session) StatementTimeout() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.statementTimeout
}

func (s *Session) setStatementTimeout(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.statementTimeout = d
}

// planSet plans SET and RESET of the settings Auger knows.
func (p *planning) planSet(_ context.Context, s *sql.SetVariable) (*Statement, error) {
	switch s.Name {
	case "timezone":
		return p.planSetZone(s)
	case "statement_timeout":
		return p.planSetTimeout(s)
	case pushdownSetting:
		return p.planSetPushdown(s)
	}
	return nil, sqlstate.New(sqlstate.FeatureNotSupported, "SET %s is not supported yet", s.Name)
}

// planSetZone plans SET TIME ZONE and SET TimeZone; the statements after
// it in the same string are planned in the new zone.
func (p *planning) planSetZone(s *sql.SetVariable) (*Statement, error) {
	var zone types.Zone
	if !s.Default {
		var err error
		if zone, err = parseZoneSetting(s.Value); err != nil {
			return nil, err
		}
	}
	session := p.session
	p.zone = zone
	if s.Default {
		p.zone = session.resetZone()
	}
	return &Statement{
		Text: s.Text(),
		Tag:  "SET",
		run: func(context.Context, []scalar.Scalar) (exec.Operator, error) {
			session.setZone(zone, s.Default)
			return rowsOperator(arrow.NewSchema(nil, nil), nil)
		},
	}, nil
}

// planShow plans SHOW of a setting: one row, one column named after it.
func (p *planning) planShow(s *sql.ShowVariable) (*Statement, error) {
	column, ok := settingNames[s.Name]
	if !ok {
		return nil, unrecognizedSetting(s.Name)
	}
	schema := arrow.NewSchema([]arrow.Field{{Name: column, Type: arrow.BinaryTypes.String}}, nil)
	session := p.session
	return computed(s.Text(), schema, func(context.Context) ([][]any, error) {
		value, _ := session.showSetting(s.Name)
		return [][]any{{value}}, nil
	}), nil
}

func (p *planning) planSetTimeout(s *sql.SetVariable) (*Statement, error) {
	var timeout time.Duration
	if !s.Default {
		var err error
		if timeout, err = parseTimeout(s.Name, s.Value); err != nil {
			return nil, err
		}
	}
	session := p.session
	return &Statement{
		Text: s.Text(),
		Tag:  "SET",
		run: func(context.Context, []scalar.Scalar) (exec.Operator, error) {
			session.setStatementTimeout(timeout)
			return rowsOperator(arrow.NewSchema(nil, nil), nil)
		},
	}, nil
}

// timeUnits are the units of a time setting, in milliseconds.
var timeUnits = map[string]float64{"us": 0.001, "ms": 1, "s": 1000, "min": 60000, "h": 3600000, "d": 86400000}

// parseTimeout reads a time setting as PostgreSQL does: a number of
// milliseconds, or a number with a unit ("100ms", "1.5 s", "2min"),
// rounded to the millisecond (half to even), from 0 to 2147483647 ms.
func parseTimeout(name, value string) (time.Duration, error) {
	v := strings.TrimSpace(value)
	end := strings.IndexFunc(v, func(r rune) bool { return !strings.ContainsRune("0123456789.+-eE", r) })
	if end < 0 {
		end = len(v)
	}
	number, err := strconv.ParseFloat(v[:end], 64)
	if err != nil {
		return 0, sqlstate.New(sqlstate.InvalidParameterValue, "invalid value for parameter %q: %q", name, value)
	}
	unit := strings.TrimSpace(v[end:])
	scale, ok := timeUnits[unit]
	if unit == "" {
		scale, ok = 1, true
	}
	if !ok {
		e := sqlstate.New(sqlstate.InvalidParameterValue, "invalid value for parameter %q: %q", name, value)
		e.Hint = `Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".`
		return 0, e
	}
	ms := math.RoundToEven(number * scale)
	if ms > math.MaxInt32 || ms < math.MinInt32 {
		e := sqlstate.New(sqlstate.InvalidParameterValue, "invalid value for parameter %q: %q", name, value)
		e.Hint = "Value exceeds integer range."
		return 0, e
	}
	if ms < 0 {
		return 0, sqlstate.New(sqlstate.InvalidParameterValue,
			"%s ms is outside the valid range for parameter %q (0 .. 2147483647)", strconv.FormatFloat(ms, 'f', -1, 64), name)
	}
	return time.Duration(ms) * time.Millisecond, nil
}
