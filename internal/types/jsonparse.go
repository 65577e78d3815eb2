package types

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"auger/internal/sqlstate"
)

// JSONKind is the kind of a JSON value.
type JSONKind uint8

// The kinds of JSON values, in jsonb's sort order of kinds (PostgreSQL
// orders null < string < number < boolean < array < object, except that
// an empty top-level array sorts below everything).
const (
	JSONNull JSONKind = iota
	JSONString
	JSONNumber
	JSONBool
	JSONArray
	JSONObject
)

// JSONValue is a parsed JSON value. Text is a string's decoded value, a
// number's digits (as written for json, as jsonb's numeric renders them for
// jsonb), "true" or "false"; Elems are an array's elements or an object's
// values, Keys an object's keys; Raw is the text the value was written as.
type JSONValue struct {
	Kind  JSONKind
	Text  string
	Keys  []string
	Elems []*JSONValue
	Raw   string
}

// jsonLexer reads the tokens of a JSON text as PostgreSQL's JSON lexer
// does, with its error details.
type jsonLexer struct {
	in     string
	pos    int  // the start of the next token
	strict bool // jsonb: strings are decoded, surrogates and \u0000 checked
}

// jsonInputError is PostgreSQL's error for JSON text that does not parse.
func jsonInputError(detail string) error {
	return &sqlstate.Error{Code: sqlstate.InvalidTextRepresentation, Message: "invalid input syntax for type json", Detail: detail}
}

// ParseJSON reads a json value (jsonb false: strings are only checked, the
// text is kept) or a jsonb value (strings decoded, objects sorted and
// deduplicated, numbers as numeric renders them).
func ParseJSON(text string, jsonb bool) (*JSONValue, error) {
	lx := &jsonLexer{in: text, strict: jsonb}
	v, err := lx.value()
	if err != nil {
		return nil, err
	}
	tok, start, err := lx.next()
	if err != nil {
		return nil, err
	}
	if tok != "" {
		return nil, jsonInputError(fmt.Sprintf("Expected end of input, but found %q.", lx.in[start:lx.pos]))
	}
	if jsonb {
		v = v.normalised()
	}
	return v, nil
}

// peek is the next token without consuming it.
func (lx *jsonLexer) peek() (string, error) {
	save := lx.pos
	tok, _, err := lx.next()
	lx.pos = save
	return tok, err
}

// next consumes the next token: one of {}[],: , a string (starting with
// "), a number, a word (true, false, null), or "" at the end of input. It
// returns where the token started.
func (lx *jsonLexer) next() (string, int, error) {
	for lx.pos < len(lx.in) && strings.IndexByte(" \t\n\r", lx.in[lx.pos]) >= 0 {
		lx.pos++
	}
	start := lx.pos
	if start == len(lx.in) {
		return "", start, nil
	}
	c := lx.in[start]
	switch {
	case strings.IndexByte("{}[],:", c) >= 0:
		lx.pos++
	case c == '"':
		if err := lx.skipString(); err != nil {
			return "", start, err
		}
	case c == '-' || (c >= '0' && c <= '9'):
		lx.skipNumber()
		lx.skipWord()
		if !validJSONNumber(lx.in[start:lx.pos]) {
			return "", start, jsonInputError(fmt.Sprintf("Token %q is invalid.", lx.in[start:lx.pos]))
		}
	default:
		lx.skipWord()
		if lx.pos == start {
			lx.pos += max(1, utf8RuneLen(lx.in[start:]))
		}
		if w := lx.in[start:lx.pos]; w != "true" && w != "false" && w != "null" {
			return "", start, jsonInputError(fmt.Sprintf("Token %q is invalid.", w))
		}
	}
	return lx.in[start:lx.pos], start, nil
}

func utf8RuneLen(s string) int {
	_, n := utf8.DecodeRuneInString(s)
	return n
}

// skipNumber consumes what PostgreSQL's lexer reads as a number.
func (lx *jsonLexer) skipNumber() {
	digits := func() {
		for lx.pos < len(lx.in) && lx.in[lx.pos] >= '0' && lx.in[lx.pos] <= '9' {
			lx.pos++
		}
	}
	if lx.in[lx.pos] == '-' {
		lx.pos++
	}
	digits()
	if lx.pos < len(lx.in) && lx.in[lx.pos] == '.' {
		lx.pos++
		digits()
	}
	if lx.pos < len(lx.in) && (lx.in[lx.pos] == 'e' || lx.in[lx.pos] == 'E') {
		lx.pos++
		if lx.pos < len(lx.in) && (lx.in[lx.pos] == '+' || lx.in[lx.pos] == '-') {
			lx.pos++
		}
		digits()
	}
}

// skipWord consumes letters, digits, '_' and non-ASCII bytes, which
// PostgreSQL's lexer takes as one (invalid) token after a word or number.
func (lx *jsonLexer) skipWord() {
	for lx.pos < len(lx.in) {
		c := lx.in[lx.pos]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80) {
			return
		}
		lx.pos++
	}
}

// validJSONNumber is JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func validJSONNumber(s string) bool {
	i := 0
	digits := func() int {
		n := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i, n = i+1, n+1
		}
		return n
	}
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	if n := digits(); n == 0 || (n > 1 && s[start] == '0') {
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// skipString consumes a string token, checking its escapes.
func (lx *jsonLexer) skipString() error {
	_, err := lx.decodeString(false)
	return err
}

// decodeString reads the string token at lx.pos and, when decode is set,
// returns its value.
func (lx *jsonLexer) decodeString(decode bool) (string, error) {
	var b strings.Builder
	i := lx.pos + 1
	var high rune // a pending high surrogate
	for {
		if i >= len(lx.in) {
			lx.pos = i
			return "", jsonInputError("The input string ended unexpectedly.")
		}
		c := lx.in[i]
		switch {
		case c == '"':
			if high != 0 && lx.strict {
				return "", jsonInputError("Unicode low surrogate must follow a high surrogate.")
			}
			lx.pos = i + 1
			return b.String(), nil
		case c < 0x20:
			return "", jsonInputError(fmt.Sprintf("Character with value 0x%02x must be escaped.", c))
		case c != '\\':
			if high != 0 && lx.strict {
				return "", jsonInputError("Unicode low surrogate must follow a high surrogate.")
			}
			b.WriteByte(c)
			i++
			continue
		}
		if i+1 >= len(lx.in) {
			lx.pos = i + 1
			return "", jsonInputError("The input string ended unexpectedly.")
		}
		esc := lx.in[i+1]
		if esc == 'u' {
			r, err := lx.unicodeEscape(i, &high, &b)
			if err != nil {
				return "", err
			}
			i = r
			continue
		}
		if high != 0 && lx.strict {
			return "", jsonInputError("Unicode low surrogate must follow a high surrogate.")
		}
		plain, ok := map[byte]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}[esc]
		if !ok {
			_, n := utf8.DecodeRuneInString(lx.in[i+1:])
			return "", jsonInputError(fmt.Sprintf("Escape sequence \"\\%s\" is invalid.", lx.in[i+1:i+1+n]))
		}
		b.WriteByte(plain)
		i += 2
	}
}

// unicodeEscape reads the \uXXXX escape at i, joining surrogate pairs,
// and returns the index after it.
func (lx *jsonLexer) unicodeEscape(i int, high *rune, b *strings.Builder) (int, error) {
	if i+6 > len(lx.in) || !isHex4(lx.in[i+2:i+6]) {
		return 0, jsonInputError(`"\u" must be followed by four hexadecimal digits.`)
	}
	v, _ := strconv.ParseUint(lx.in[i+2:i+6], 16, 32)
	r := rune(v)
	switch {
	case utf16.IsSurrogate(r) && r < 0xdc00:
		if *high != 0 && lx.strict {
			return 0, jsonInputError("Unicode high surrogate must not follow a high surrogate.")
		}
		*high = r
	case utf16.IsSurrogate(r):
		if *high == 0 {
			if lx.strict {
				return 0, jsonInputError("Unicode low surrogate must follow a high surrogate.")
			}
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteRune(utf16.DecodeRune(*high, r))
			*high = 0
		}
	case *high != 0 && lx.strict:
		return 0, jsonInputError("Unicode low surrogate must follow a high surrogate.")
	case r == 0 && lx.strict:
		return 0, &sqlstate.Error{Code: "22P05", Message: "unsupported Unicode escape sequence",
			Detail: `\u0000 cannot be converted to text.`}
	default:
		b.WriteRune(r)
	}
	return i + 6, nil
}

func isHex4(s string) bool {
	for _, c := range []byte(s) {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// found is the token a parse error names: the next one, or the end.
func (lx *jsonLexer) unexpected(expected string) error {
	save := lx.pos
	tok, _, err := lx.next()
	if err != nil {
		return err
	}
	lx.pos = save
	if tok == "" {
		return jsonInputError("The input string ended unexpectedly.")
	}
	return jsonInputError(fmt.Sprintf("Expected %s, but found %q.", expected, tok))
}

// value parses one JSON value.
func (lx *jsonLexer) value() (*JSONValue, error) {
	tok, err := lx.peek()
	if err != nil {
		return nil, err
	}
	switch {
	case tok == "{":
		return lx.object()
	case tok == "[":
		return lx.array()
	case tok == "" || strings.IndexByte("}],:", tok[0]) >= 0:
		return nil, lx.unexpected("JSON value")
	}
	_, start, _ := lx.next()
	raw := lx.in[start:lx.pos]
	switch {
	case raw[0] == '"':
		s, err := lx.stringAt(start)
		return &JSONValue{Kind: JSONString, Text: s, Raw: raw}, err
	case raw == "null":
		return &JSONValue{Kind: JSONNull, Text: raw, Raw: raw}, nil
	case raw == "true" || raw == "false":
		return &JSONValue{Kind: JSONBool, Text: raw, Raw: raw}, nil
	}
	return &JSONValue{Kind: JSONNumber, Text: raw, Raw: raw}, nil
}

// stringAt decodes the string token that starts at start.
func (lx *jsonLexer) stringAt(start int) (string, error) {
	end := lx.pos
	lx.pos = start
	s, err := lx.decodeString(true)
	lx.pos = end
	return s, err
}

func (lx *jsonLexer) array() (*JSONValue, error) {
	_, start, _ := lx.next()
	v := &JSONValue{Kind: JSONArray}
	if tok, err := lx.peek(); err != nil {
		return nil, err
	} else if tok == "]" {
		lx.next()
		v.Raw = lx.in[start:lx.pos]
		return v, nil
	} else if tok == "" || strings.IndexByte("},:", tok[0]) >= 0 {
		return nil, lx.unexpected(`array element or "]"`)
	}
	for {
		elem, err := lx.value()
		if err != nil {
			return nil, err
		}
		v.Elems = append(v.Elems, elem)
		tok, err := lx.peek()
		if err != nil {
			return nil, err
		}
		switch tok {
		case ",":
			lx.next()
		case "]":
			lx.next()
			v.Raw = lx.in[start:lx.pos]
			return v, nil
		default:
			return nil, lx.unexpected(`"," or "]"`)
		}
	}
}

func (lx *jsonLexer) object() (*JSONValue, error) {
	_, start, _ := lx.next()
	v := &JSONValue{Kind: JSONObject}
	expect := `string or "}"`
	for {
		tok, err := lx.peek()
		if err != nil {
			return nil, err
		}
		if tok == "}" && expect != "string" {
			lx.next()
			v.Raw = lx.in[start:lx.pos]
			return v, nil
		}
		if tok == "" || tok[0] != '"' {
			return nil, lx.unexpected(expect)
		}
		_, keyStart, _ := lx.next()
		key, err := lx.stringAt(keyStart)
		if err != nil {
			return nil, err
		}
		if tok, err := lx.peek(); err != nil {
			return nil, err
		} else if tok != ":" {
			return nil, lx.unexpected(`":"`)
		}
		lx.next()
		elem, err := lx.value()
		if err != nil {
			return nil, err
		}
		v.Keys, v.Elems = append(v.Keys, key), append(v.Elems, elem)
		tok, err = lx.peek()
		if err != nil {
			return nil, err
		}
		switch tok {
		case ",":
			lx.next()
			expect = "string"
		case "}":
			lx.next()
			v.Raw = lx.in[start:lx.pos]
			return v, nil
		default:
			return nil, lx.unexpected(`"," or "}"`)
		}
	}
}
