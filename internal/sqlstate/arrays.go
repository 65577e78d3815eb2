package sqlstate

// The codes of PostgreSQL's array errors.
const (
	ArraySubscriptError = "2202E" // array_subscript_error
	WrongObjectType     = "42809" // wrong_object_type (ANY/ALL over a non-array)
	CannotCoerce        = "42846" // cannot_coerce
)
