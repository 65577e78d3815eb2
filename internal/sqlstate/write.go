package sqlstate

// The codes of the statements that write.
const (
	DuplicateColumn = "42701" // duplicate_column
)
