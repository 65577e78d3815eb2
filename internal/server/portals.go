package server

import (
	"context"

	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/pkg/buffer"
)

// portals is a connection's portal cache: psql-wire's own, which keeps a
// suspended portal's statement waiting between Executes, plus a count of
// the Executes it has run. PostgreSQL's CommandComplete for a portal
// resumed after PortalSuspended counts the rows of its last Execute only;
// a statement learns from the count when a new Execute has taken it on.
type portals struct {
	wire.PortalCache
	executes  uint64     // Executes started on this connection
	executing bool       // inside Execute (not a simple query)
	limit     wire.Limit // the row limit of the running Execute
}

func newPortals() wire.PortalCache {
	return &portals{PortalCache: wire.DefaultPortalCacheFn()}
}

// Execute runs (or resumes) a portal, counting the Execute.
func (p *portals) Execute(ctx context.Context, name string, limit wire.Limit, reader *buffer.Reader, writer *buffer.Writer) error {
	p.executes++
	p.executing, p.limit = true, limit
	defer func() { p.executing = false }()
	return p.PortalCache.Execute(ctx, name, limit, reader, writer)
}

// executeRows is a statement's DataWriter that counts the rows it sends
// since the Execute now running started.
type executeRows struct {
	wire.DataWriter
	portals *portals // nil when the statement cannot be suspended
	execute uint64   // the Execute the last row went out in
	rows    int64    // rows sent in all
	before  int64    // rows sent before that Execute
}

// countExecuteRows wraps w for a statement starting now. A statement run
// by a simple query, or by an Execute without row limit, is never
// suspended: its rows all go out in one Execute.
func countExecuteRows(ctx context.Context, w wire.DataWriter) *executeRows {
	c := &executeRows{DataWriter: w}
	session, ok := wire.GetSession(ctx)
	if !ok {
		return c
	}
	if p, ok := session.Portals.(*portals); ok && p.executing && p.limit != wire.NoLimit {
		c.portals, c.execute = p, p.executes
	}
	return c
}

// Row sends one row. It returns when the client wants the next one,
// which may be in a later Execute.
func (c *executeRows) Row(values []any) error {
	err := c.DataWriter.Row(values)
	c.rows++
	if c.portals != nil && c.portals.executes != c.execute {
		c.execute, c.before = c.portals.executes, c.rows
	}
	return err
}

// Rows sends many rows, in one go when the statement cannot be
// suspended, else one at a time to see each Execute start.
func (c *executeRows) Rows(rows [][]any) error {
	if c.portals == nil {
		c.rows += int64(len(rows))
		return wire.WriteRows(c.DataWriter, rows)
	}
	for _, row := range rows {
		if err := c.Row(row); err != nil {
			return err
		}
	}
	return nil
}

// lastExecute is the number of rows sent in the latest Execute.
func (c *executeRows) lastExecute() int64 { return c.rows - c.before }
