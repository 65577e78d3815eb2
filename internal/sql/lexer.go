package sql

import (
	"strings"
	"unicode"

	"auger/internal/sqlstate"
)

// RewriteBackticks turns Drill's `quoted identifiers` into PostgreSQL's
// "quoted identifiers" (a `"` inside becomes `""`, a doubled backtick is one
// backtick). Text inside '…' strings (also E'…'), "…" identifiers, -- and
// /* nested */ comments and $tag$…$tag$ dollar quotes is left as it is.
func RewriteBackticks(text string) (string, error) {
	if !strings.Contains(text, "`") {
		return text, nil
	}
	var b strings.Builder
	b.Grow(len(text) + 8)
	for i := 0; i < len(text); {
		n, err := copyToken(&b, text, i)
		if err != nil {
			return "", err
		}
		i = n
	}
	return b.String(), nil
}

// copyToken copies the token starting at i, rewriting it if it is a
// backtick identifier, and returns the index after it.
func copyToken(b *strings.Builder, text string, i int) (int, error) {
	var end int
	switch c := text[i]; {
	case c == '`':
		return rewriteBacktick(b, text, i)
	case c == '\'':
		end = skipQuoted(text, i, '\'', isEscapeString(text, i))
	case c == '"':
		end = skipQuoted(text, i, '"', false)
	case strings.HasPrefix(text[i:], "--"):
		end = skipLine(text, i)
	case strings.HasPrefix(text[i:], "/*"):
		end = skipBlockComment(text, i)
	case c == '$':
		end = skipDollarQuote(text, i)
	default:
		end = i + 1
	}
	b.WriteString(text[i:end])
	return end, nil
}

func rewriteBacktick(b *strings.Builder, text string, start int) (int, error) {
	b.WriteByte('"')
	for i := start + 1; i < len(text); i++ {
		switch text[i] {
		case '`':
			if i+1 < len(text) && text[i+1] == '`' {
				b.WriteByte('`')
				i++
				continue
			}
			b.WriteByte('"')
			return i + 1, nil
		case '"':
			b.WriteString(`""`)
		default:
			b.WriteByte(text[i])
		}
	}
	return 0, sqlstate.New(sqlstate.SyntaxError, "unterminated quoted identifier").At(start + 1)
}

// isEscapeString tells whether the quote at i opens an E'…' string.
func isEscapeString(text string, i int) bool {
	if i == 0 || (text[i-1] != 'E' && text[i-1] != 'e') {
		return false
	}
	return i < 2 || !isIdentChar(text[i-2])
}

func isIdentChar(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// skipQuoted returns the index after a quoted run that starts at i; a
// doubled quote stays inside, as does a backslash-escaped one in E'…'.
func skipQuoted(text string, i int, quote byte, backslash bool) int {
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			if backslash {
				j++
			}
		case quote:
			if j+1 < len(text) && text[j+1] == quote {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(text)
}

func skipLine(text string, i int) int {
	if n := strings.IndexByte(text[i:], '\n'); n >= 0 {
		return i + n + 1
	}
	return len(text)
}

func skipBlockComment(text string, i int) int {
	depth := 0
	for j := i; j < len(text)-1; j++ {
		switch {
		case text[j] == '/' && text[j+1] == '*':
			depth++
			j++
		case text[j] == '*' && text[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(text)
}

// skipDollarQuote returns the index after a $tag$…$tag$ string starting at
// i, or i+1 when the $ does not open one (a $1 parameter, say).
func skipDollarQuote(text string, i int) int {
	j := i + 1
	for j < len(text) && isIdentChar(text[j]) && !(j == i+1 && text[j] >= '0' && text[j] <= '9') {
		j++
	}
	if j >= len(text) || text[j] != '$' {
		return i + 1
	}
	tag := text[i : j+1]
	if end := strings.Index(text[j+1:], tag); end >= 0 {
		return j + 1 + end + len(tag)
	}
	return len(text)
}

// splitStatements cuts a query string at the semicolons that are not
// inside strings, quoted identifiers, comments or dollar quotes. Pieces
// holding only white space and comments are dropped.
func splitStatements(text string) []piece {
	var out []piece
	start := 0
	var skip strings.Builder
	for i := 0; i < len(text); {
		if text[i] == ';' {
			out = appendStatement(out, text[start:i], start)
			i++
			start = i
			continue
		}
		if text[i] == '`' {
			i++
			continue
		}
		skip.Reset()
		next, _ := copyToken(&skip, text, i)
		i = next
	}
	return appendStatement(out, text[start:], start)
}

// piece is one statement's text and its byte offset in the query string.
type piece struct {
	text   string
	offset int
}

func appendStatement(out []piece, text string, offset int) []piece {
	if blank(text) {
		return out
	}
	lead := len(text) - len(strings.TrimLeftFunc(text, unicode.IsSpace))
	return append(out, piece{text: strings.TrimSpace(text), offset: offset + lead})
}

// blank tells whether text holds only white space and comments.
func blank(text string) bool {
	for i := 0; i < len(text); {
		switch {
		case strings.HasPrefix(text[i:], "--"):
			i = skipLine(text, i)
		case strings.HasPrefix(text[i:], "/*"):
			i = skipBlockComment(text, i)
		case strings.IndexByte(" \t\r\n\f", text[i]) >= 0:
			i++
		default:
			return false
		}
	}
	return true
}
