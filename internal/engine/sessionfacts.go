package engine

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"sync/atomic"

	"auger/internal/exec"
)

// versionText is version()'s answer: "PostgreSQL 15.0 (Auger) on ...",
// which SQLAlchemy and psycopg2 read the version number from.
var versionText = fmt.Sprintf("PostgreSQL %s on %s-%s, compiled by %s, 64-bit", ServerVersion, runtime.GOARCH, runtime.GOOS, runtime.Version())

// sessionFacts answers the session functions for one statement.
type sessionFacts struct {
	session *Session
	query   string
}

var _ exec.SessionInfo = sessionFacts{}

// Fact implements exec.SessionInfo.
func (f sessionFacts) Fact(name string) (string, bool) {
	s := f.session
	s.mu.Lock()
	c := s.conn
	s.mu.Unlock()
	switch name {
	case "version":
		return versionText, true
	case "user":
		return s.currentUser(), true
	case "session_user":
		return c.User, true
	case "database":
		return c.Database, true
	case "query":
		return f.query, true
	case "txid":
		return strconv.FormatInt(s.transactionID(), 10), true
	case "backend_pid":
		return strconv.Itoa(int(c.BackendPID)), true
	case "client_addr":
		return c.ClientAddr, c.ClientAddr != ""
	case "client_port":
		return strconv.Itoa(c.ClientPort), c.ClientAddr != ""
	case "server_addr":
		return c.ServerAddr, c.ServerAddr != ""
	case "server_port":
		return strconv.Itoa(c.ServerPort), c.ServerAddr != ""
	}
	return "", false
}

// transactionIDs numbers transactions across the gateway, as PostgreSQL's
// transaction IDs do (from 1000, past its reserved ones).
var transactionIDs atomic.Int64

func init() { transactionIDs.Store(1000) }

// transactionID is txid_current(): the open block's number, given on
// first use; outside a block each statement is a transaction of its own.
func (s *Session) transactionID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx := s.settings.tx
	if tx == nil {
		return transactionIDs.Add(1)
	}
	if tx.id == 0 {
		tx.id = transactionIDs.Add(1)
	}
	return tx.id
}

// currentUser is current_user: the role SET ROLE chose, else the session's
// user.
func (s *Session) currentUser() string {
	if role, _ := s.showSetting("role"); role != "none" && role != "" {
		return role
	}
	v, _ := s.showSetting("session_authorization")
	return v
}

// SchemaPath implements exec.SessionInfo.
func (f sessionFacts) SchemaPath(implicit bool) []string {
	var out []string
	if implicit {
		out = append(out, "pg_catalog")
	}
	for _, ref := range f.session.schemaPath(context.Background(), f.session.mustShow("search_path")) {
		out = append(out, ref.String())
	}
	return out
}

// SetSetting implements exec.SessionInfo.
func (f sessionFacts) SetSetting(name, value string, local bool) (string, error) {
	return f.session.setConfig(name, value, local)
}
