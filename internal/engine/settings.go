package engine

import (
	"time"

	"auger/internal/sqlstate"
)

// errStatementTimeout ends a statement that ran past statement_timeout.
var errStatementTimeout = sqlstate.New(sqlstate.QueryCanceled, "canceling statement due to statement timeout")

// StatementTimeout is the session's statement_timeout: how long a
// statement may run before it is canceled; 0 means no limit.
func (s *Session) StatementTimeout() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings.timeout
}
