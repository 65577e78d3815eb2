package sqlstate

// The SQLSTATE codes of PostgreSQL's scalar functions and operators.
const (
	AmbiguousFunction             = "42725"
	NullValueNotAllowed           = "22004"
	InvalidDatetimeFormat         = "22007"
	DatetimeFieldOverflow         = "22008"
	SubstringError                = "22011"
	InvalidEscapeCharacter        = "22019"
	InvalidEscapeSequence         = "22025"
	InvalidUseOfEscapeCharacter   = "2200C"
	InvalidRegularExpression      = "2201B"
	InvalidArgumentForLogarithm   = "2201E"
	InvalidArgumentForPower       = "2201F"
	InvalidArgumentForWidthBucket = "2201G"
)

// WithDetail returns a copy of e with a detail line.
func (e *Error) WithDetail(detail string) *Error {
	c := *e
	c.Detail = detail
	return &c
}
