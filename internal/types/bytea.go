package types

import (
	"fmt"
	"strings"

	"auger/internal/sqlstate"
)

// ParseBytea reads bytea input as PostgreSQL does: "\x" and hex digits
// (whitespace allowed between pairs), else the escape format, where "\\"
// is a backslash and "\ooo" an octal byte.
func ParseBytea(text string) ([]byte, error) {
	if strings.HasPrefix(text, `\x`) {
		return DecodeHex(text[2:])
	}
	out := make([]byte, 0, len(text))
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		switch {
		case i+1 < len(text) && text[i+1] == '\\':
			out = append(out, '\\')
			i++
		case i+3 < len(text) && isOctal(text[i+1], '3') && isOctal(text[i+2], '7') && isOctal(text[i+3], '7'):
			out = append(out, (text[i+1]-'0')<<6|(text[i+2]-'0')<<3|(text[i+3]-'0'))
			i += 3
		default:
			return nil, sqlstate.New(sqlstate.InvalidTextRepresentation, "invalid input syntax for type bytea")
		}
	}
	return out, nil
}

func isOctal(c, highest byte) bool { return c >= '0' && c <= highest }

// DecodeHex reads hex digit pairs, skipping whitespace between pairs, with
// PostgreSQL's errors (22023).
func DecodeHex(s string) ([]byte, error) {
	out := make([]byte, 0, len(s)/2)
	for i := 0; i < len(s); {
		if strings.IndexByte(" \t\n\r", s[i]) >= 0 {
			i++
			continue
		}
		hi, err := hexDigit(s, i)
		if err != nil {
			return nil, err
		}
		if i+1 >= len(s) {
			return nil, sqlstate.New(sqlstate.InvalidParameterValue, "invalid hexadecimal data: odd number of digits")
		}
		lo, err := hexDigit(s, i+1)
		if err != nil {
			return nil, err
		}
		out = append(out, hi<<4|lo)
		i += 2
	}
	return out, nil
}

func hexDigit(s string, i int) (byte, error) {
	switch c := s[i]; {
	case c >= '0' && c <= '9':
		return c - '0', nil
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, nil
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, nil
	}
	r := []rune(s[i:])[0]
	return 0, sqlstate.New(sqlstate.InvalidParameterValue, "invalid hexadecimal digit: %q", string(r))
}

// ParseUUID reads a uuid as PostgreSQL does: 32 hex digits in either case,
// a hyphen allowed after any group of four, the whole optionally in braces.
func ParseUUID(text string) ([16]byte, error) {
	var out [16]byte
	bad := fmt.Errorf("not a uuid")
	src := text
	braces := strings.HasPrefix(src, "{")
	if braces {
		src = src[1:]
	}
	for i := range out {
		if len(src) < 2 {
			return out, bad
		}
		hi, err1 := hexDigit(src, 0)
		lo, err2 := hexDigit(src, 1)
		if err1 != nil || err2 != nil {
			return out, bad
		}
		out[i] = hi<<4 | lo
		src = src[2:]
		if strings.HasPrefix(src, "-") && i%2 == 1 && i < len(out)-1 {
			src = src[1:]
		}
	}
	if braces {
		if !strings.HasPrefix(src, "}") {
			return out, bad
		}
		src = src[1:]
	}
	if src != "" {
		return out, bad
	}
	return out, nil
}
