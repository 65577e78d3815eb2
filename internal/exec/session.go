package exec

import (
	"context"
	"time"

	"auger/internal/types"
)

// SessionState is what the functions of a statement know of the session
// it runs in: its time zone (the TimeZone setting), which timestamptz
// values are read and shown in, and its settings for current_setting.
type SessionState struct {
	Zone *time.Location
	// Style is how values are written as text (DateStyle, IntervalStyle,
	// extra_float_digits, bytea_output, in Zone); the zero Style stands
	// for PostgreSQL's defaults.
	Style types.Style
	// Setting gives a setting's value as SHOW shows it; ok is false for a
	// setting the session does not have.
	Setting func(name string) (value string, ok bool)
	// Info answers the functions that describe the session; nil outside one.
	Info SessionInfo
	// Catalog answers the catalog functions (regclass, obj_description);
	// nil outside a session.
	Catalog SystemCatalog
}

type sessionKey struct{}

// WithSession returns a context whose statements run in session s.
func WithSession(ctx context.Context, s SessionState) context.Context {
	return context.WithValue(ctx, sessionKey{}, s)
}

// NoSession is the session of what runs outside one (constants folded
// while planning): in UTC, without settings.
var NoSession = SessionState{Zone: time.UTC, Setting: func(string) (string, bool) { return "", false }}

// SessionOf is the session a context's statement runs in, NoSession
// when none was given.
func SessionOf(ctx context.Context) SessionState {
	if s, ok := ctx.Value(sessionKey{}).(SessionState); ok {
		return s
	}
	return NoSession
}

// zone is the time zone of the kernel's session, UTC when it has none.
func (k *KernelContext) zone() *time.Location {
	if k.Session.Zone == nil {
		return time.UTC
	}
	return k.Session.Zone
}

// setting is a setting of the kernel's session, as SHOW shows it.
func (k *KernelContext) setting(name string) (string, bool) {
	if k.Session.Setting == nil {
		return "", false
	}
	return k.Session.Setting(name)
}
