package types

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// formatArray renders an array as PostgreSQL's array_out does: elements in
// braces, separated by commas, NULL for a NULL element, an element quoted
// when it is empty, reads as NULL, or holds braces, commas, quotes,
// backslashes or white space (quotes and backslashes then escaped); one
// level of braces per dimension. An array without elements is {} whatever
// its dimensions.
func formatArray(a *array.List, row int, style Style) string {
	if ArrayLen(a, row) == 0 {
		return "{}"
	}
	var b strings.Builder
	appendArray(&b, a, row, style)
	return b.String()
}

// ArrayLen is the number of elements (at every depth) of the array at row.
func ArrayLen(a *array.List, row int) int {
	start, end := a.ValueOffsets(row)
	inner, ok := a.ListValues().(*array.List)
	if !ok {
		return int(end - start)
	}
	n := 0
	for i := int(start); i < int(end); i++ {
		if inner.IsValid(i) {
			n += ArrayLen(inner, i)
		}
	}
	return n
}

func appendArray(b *strings.Builder, a *array.List, row int, style Style) {
	start, end := a.ValueOffsets(row)
	values := a.ListValues()
	b.WriteByte('{')
	for i := int(start); i < int(end); i++ {
		if i > int(start) {
			b.WriteByte(',')
		}
		switch inner := values.(type) {
		case *array.List:
			if inner.IsNull(i) {
				b.WriteString("{}")
			} else {
				appendArray(b, inner, i, style)
			}
		default:
			if values.IsNull(i) {
				b.WriteString("NULL")
			} else {
				appendElement(b, FormatStyled(values, i, style))
			}
		}
	}
	b.WriteByte('}')
}

// appendElement writes one element's text, quoted where array_out quotes.
func appendElement(b *strings.Builder, text string) {
	if !needsQuotes(text) {
		b.WriteString(text)
		return
	}
	b.WriteByte('"')
	for i := 0; i < len(text); i++ {
		if text[i] == '"' || text[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(text[i])
	}
	b.WriteByte('"')
}

func needsQuotes(text string) bool {
	if text == "" || strings.EqualFold(text, "NULL") {
		return true
	}
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c == '"', c == '\\', c == '{', c == '}', c == ',', isArraySpace(c):
			return true
		}
	}
	return false
}

// isArraySpace is PostgreSQL's array_isspace: the white space array input
// skips around elements.
func isArraySpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\v', '\f':
		return true
	}
	return false
}
