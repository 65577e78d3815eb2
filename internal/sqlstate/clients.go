package sqlstate

// Codes of LIMIT and OFFSET clauses.
const (
	InvalidRowCountInLimit  = "2201W"
	InvalidRowCountInOffset = "2201X"
	InvalidColumnReference  = "42P10"
)

// Codes of the extended query protocol's named objects.
const (
	InvalidSQLStatementName = "26000"
	InvalidCursorName       = "34000"
	DuplicateCursor         = "42P03"
)
