package sql

import (
	pg "github.com/pganalyze/pg_query_go/v6"

	"auger/internal/sqlstate"
)

// PostgreSQL's cursor option bits (parsenodes.h) that Auger reads.
const (
	cursorOptScroll = 0x0002
	cursorOptHold   = 0x0020
)

// fetchAll is the count the grammar gives FETCH ALL (LONG_MAX).
const fetchAll = int64(^uint64(0) >> 1)

// DeclareCursor is `DECLARE name CURSOR [WITH HOLD] FOR query`: a
// session cursor over the query's rows, read with FETCH.
type DeclareCursor struct {
	base
	Name  string
	Hold  bool // WITH HOLD: it outlives the transaction block
	Query Query
}

// Fetch is `FETCH [FORWARD] [n | ALL] [FROM | IN] name` (and MOVE, which
// skips the rows instead of returning them).
type Fetch struct {
	base
	Name  string
	Count int64 // rows to read; -1 for ALL
	Move  bool
}

// CloseCursor is `CLOSE name` or `CLOSE ALL`.
type CloseCursor struct {
	base
	Name string // "" for ALL
}

// transformCursorStatement reads DECLARE, FETCH, MOVE and CLOSE; ok is
// false for other statements.
func transformCursorStatement(text string, node *pg.Node) (read func() (Statement, error), ok bool) {
	if d := node.GetDeclareCursorStmt(); d != nil {
		return func() (Statement, error) { return transformDeclareCursor(text, d) }, true
	}
	if f := node.GetFetchStmt(); f != nil {
		return func() (Statement, error) { return transformFetch(text, f) }, true
	}
	if c := node.GetClosePortalStmt(); c != nil {
		return func() (Statement, error) { return transformCloseCursor(text, c) }, true
	}
	return nil, false
}

func transformDeclareCursor(text string, d *pg.DeclareCursorStmt) (Statement, error) {
	if d.Options&cursorOptScroll != 0 {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "SCROLL cursors are not supported yet")
	}
	sel := d.Query.GetSelectStmt()
	if sel == nil {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "DECLARE CURSOR of statement %s is not supported yet", statementKind(d.Query))
	}
	q, err := transformQuery(text, sel)
	if err != nil {
		return nil, err
	}
	return &DeclareCursor{base: base{text: text}, Name: d.Portalname, Hold: d.Options&cursorOptHold != 0, Query: q}, nil
}

func transformFetch(text string, f *pg.FetchStmt) (Statement, error) {
	switch {
	case f.Direction == pg.FetchDirection_FETCH_BACKWARD:
		return nil, sqlstate.New(sqlstate.ObjectNotInPrerequisiteSta, "cursor can only scan forward")
	case f.Direction != pg.FetchDirection_FETCH_FORWARD || f.HowMany == 0:
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "only FETCH FORWARD of one or more rows is supported")
	}
	count := f.HowMany
	if count == fetchAll {
		count = -1
	}
	return &Fetch{base: base{text: text}, Name: f.Portalname, Count: count, Move: f.Ismove}, nil
}

func transformCloseCursor(text string, c *pg.ClosePortalStmt) (Statement, error) {
	return &CloseCursor{base: base{text: text}, Name: c.Portalname}, nil
}
