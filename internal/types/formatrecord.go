package types

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// formatRecord renders a composite value as PostgreSQL's record output
// does: (a,b) with a NULL field empty, and a field quoted when it is
// empty or holds a comma, quote, backslash, parenthesis or space.
func formatRecord(a *array.Struct, row int, style Style) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := 0; i < a.NumField(); i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		f := a.Field(i)
		if f.IsNull(row) {
			continue
		}
		b.WriteString(recordField(FormatStyled(f, row, style)))
	}
	b.WriteByte(')')
	return b.String()
}

func recordField(s string) string {
	if s != "" && !strings.ContainsAny(s, ",\"\\() \t\n\r") {
		return s
	}
	r := strings.NewReplacer(`"`, `""`, `\`, `\\`)
	return `"` + r.Replace(s) + `"`
}
