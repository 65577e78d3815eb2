package catalog

import "context"

// SessionNames are the names of its session that information_schema
// shows: the database (table_catalog, as PostgreSQL gives
// current_database()) and the user (the grantee of its privileges).
type SessionNames struct {
	Database, User string
}

type sessionNamesKey struct{}

// WithSessionNames returns a context whose queries run in a session of
// those names.
func WithSessionNames(ctx context.Context, n SessionNames) context.Context {
	return context.WithValue(ctx, sessionNamesKey{}, n)
}

// sessionNames are the names of a context's session. A user left empty
// is OwnerName; a database left empty is the user's name, as PostgreSQL
// takes it.
func sessionNames(ctx context.Context) SessionNames {
	n, _ := ctx.Value(sessionNamesKey{}).(SessionNames)
	if n.User == "" {
		n.User = OwnerName
	}
	if n.Database == "" {
		n.Database = n.User
	}
	return n
}
