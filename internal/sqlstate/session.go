package sqlstate

// The SQLSTATE codes of transaction control and run-time parameters.
const (
	ActiveSQLTransaction          = "25001"
	NoActiveSQLTransaction        = "25P01"
	InFailedSQLTransaction        = "25P02"
	InvalidSavepointSpecification = "3B001"
	CantChangeRuntimeParam        = "55P02"
	InvalidTransactionInitiation  = "0B000"
)
