package server

import (
	"errors"
	"strconv"
	"unicode/utf8"

	"github.com/jeroenrinzema/psql-wire/codes"
	psqlerr "github.com/jeroenrinzema/psql-wire/errors"

	"auger/internal/sqlstate"
)

// toWireError gives an error the SQLSTATE, detail, hint and statement
// position psql-wire sends. query is the query string the error's position
// points into.
func toWireError(err error, query string) error {
	var e *sqlstate.Error
	if !errors.As(err, &e) {
		return psqlerr.WithCode(err, codes.Internal)
	}
	if e.Position > 0 {
		err = positioned{error: err, position: characterPosition(query, e.Position)}
	}
	out := psqlerr.WithCode(err, codes.Code(e.Code))
	if e.Detail != "" {
		out = psqlerr.WithDetail(out, e.Detail)
	}
	if e.Hint != "" {
		out = psqlerr.WithHint(out, e.Hint)
	}
	return out
}

// positioned carries an error's position to the client. psql-wire writes
// no Position field ('P') of its own; the field follows the message's
// terminator inside the message text, so that the ErrorResponse holds it
// as one more field, exactly as PostgreSQL sends it.
type positioned struct {
	error
	position int
}

func (p positioned) Error() string {
	return p.error.Error() + "\x00P" + strconv.Itoa(p.position)
}

func (p positioned) Unwrap() error { return p.error }

// characterPosition turns a 1-based byte offset into query into the
// 1-based character position PostgreSQL reports.
func characterPosition(query string, byteOffset int) int {
	if byteOffset > len(query) {
		return utf8.RuneCountInString(query) + 1
	}
	return utf8.RuneCountInString(query[:byteOffset-1]) + 1
}
