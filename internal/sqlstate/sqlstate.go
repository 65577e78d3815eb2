// Package sqlstate gives errors the five-character SQLSTATE codes that
// PostgreSQL clients act on. Any package may return an *Error; the server
// sends its code, message, detail and position to the client. Errors without
// a code reach the client as XX000 (internal error).
package sqlstate

import (
	"errors"
	"fmt"
)

// The SQLSTATE codes Auger uses, named as in PostgreSQL's errcodes.txt.
const (
	SyntaxError                 = "42601"
	UndefinedTable              = "42P01"
	UndefinedColumn             = "42703"
	AmbiguousColumn             = "42702"
	AmbiguousTable              = "42P09"
	DatatypeMismatch            = "42804"
	UndefinedFunction           = "42883"
	InvalidSchemaName           = "3F000"
	FeatureNotSupported         = "0A000"
	InvalidTextRepresentation   = "22P02"
	NumericValueOutOfRange      = "22003"
	DivisionByZero              = "22012"
	InvalidParameterValue       = "22023"
	SQLClientUnableToConnect    = "08001"
	ConnectionFailure           = "08006"
	IOError                     = "58030"
	InternalError               = "XX000"
	QueryCanceled               = "57014"
	InsufficientPrivilege       = "42501"
	InvalidAuthorization        = "28000"
	ConfigFileError             = "F0000"
	UndefinedObject             = "42704"
	ProgramLimitExceeded        = "54000"
	InvalidParameterReference   = "42P02"
	IndeterminateDatatype       = "42P18"
	ProtocolViolation           = "08P01"
	InvalidBinaryRepresentation = "22P03"
	InvalidCatalogName          = "3D000"
	DuplicateTable              = "42P07"
	ObjectNotInPrerequisiteSta  = "55000"
	OutOfMemory                 = "53200"
)

// Error is an error with a SQLSTATE.
type Error struct {
	Code     string
	Message  string
	Detail   string
	Hint     string
	Position int   // 1-based byte offset into the statement (or query string), 0 when unknown
	Cause    error // the underlying error, if any
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Cause }

// New returns an error with a code and a formatted message.
func New(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap gives err a code; the message is err's. If err already carries a code
// somewhere in its chain, that code wins.
func Wrap(code string, err error) error {
	if err == nil {
		return nil
	}
	var existing *Error
	if errors.As(err, &existing) {
		return err
	}
	return &Error{Code: code, Message: err.Error(), Cause: err}
}

// At returns a copy of e with a statement position.
func (e *Error) At(position int) *Error {
	c := *e
	c.Position = position
	return &c
}

// Shift moves the position of err, if it has one, by offset bytes: from a
// statement to the query string the statement was cut from.
func Shift(err error, offset int) error {
	var e *Error
	if offset == 0 || !errors.As(err, &e) || e.Position == 0 {
		return err
	}
	return e.At(e.Position + offset)
}

// WithHint returns a copy of e with a hint.
func (e *Error) WithHint(hint string) *Error {
	c := *e
	c.Hint = hint
	return &c
}

// Code returns the SQLSTATE of err, or InternalError when it has none.
func Code(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return InternalError
}
