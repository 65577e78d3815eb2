package server

import (
	"auger/internal/sqlstate"
)

// psql-wire answers a Describe of a statement or portal that does not
// exist with errors of its own, without SQLSTATE; these are their texts.
const (
	wireUnknownStatement = "unknown statement"
	wireUnknownPortal    = "unknown portal"
)

// protocolError is psql-wire's ErrorSanitizer: it gives the errors
// psql-wire raises itself the SQLSTATE PostgreSQL gives the same
// mistake, so that drivers react to them as they do on PostgreSQL.
func protocolError(err error) error {
	switch err.Error() {
	case wireUnknownStatement:
		return toWireError(sqlstate.New(sqlstate.InvalidSQLStatementName, "prepared statement does not exist"), "")
	case wireUnknownPortal:
		return toWireError(sqlstate.New(sqlstate.InvalidCursorName, "portal does not exist"), "")
	}
	return err
}
