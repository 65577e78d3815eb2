package types

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// normalised is v as jsonb holds it: object keys unique (the last value of
// a key wins) and sorted as jsonb sorts them (shorter keys first, then by
// bytes), numbers as numeric renders them.
func (v *JSONValue) normalised() *JSONValue {
	switch v.Kind {
	case JSONNumber:
		if canonical, err := CanonicalNumeric(v.Text); err == nil {
			v.Text = canonical
		}
	case JSONArray:
		for i, e := range v.Elems {
			v.Elems[i] = e.normalised()
		}
	case JSONObject:
		v.sortKeys()
		for i, e := range v.Elems {
			v.Elems[i] = e.normalised()
		}
	}
	return v
}

// CompareJSONBKeys orders object keys as jsonb stores them: by length,
// then by bytes.
func CompareJSONBKeys(a, b string) int {
	return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
}

// sortKeys sorts an object's keys, keeping the last value of a repeated key.
func (v *JSONValue) sortKeys() {
	order := make([]int, len(v.Keys))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return CompareJSONBKeys(v.Keys[a], v.Keys[b]) })
	keys, elems := make([]string, 0, len(order)), make([]*JSONValue, 0, len(order))
	for n, i := range order {
		if n+1 < len(order) && v.Keys[order[n+1]] == v.Keys[i] {
			continue
		}
		keys, elems = append(keys, v.Keys[i]), append(elems, v.Elems[i])
	}
	v.Keys, v.Elems = keys, elems
}

// JSONB renders v as PostgreSQL's jsonb output does: {"a": 1, "b": [1, 2]}.
func (v *JSONValue) JSONB() string {
	var b strings.Builder
	v.writeJSONB(&b)
	return b.String()
}

func (v *JSONValue) writeJSONB(b *strings.Builder) {
	switch v.Kind {
	case JSONString:
		b.WriteString(QuoteJSON(v.Text))
	case JSONArray:
		b.WriteByte('[')
		for i, e := range v.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			e.writeJSONB(b)
		}
		b.WriteByte(']')
	case JSONObject:
		b.WriteByte('{')
		for i, e := range v.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(QuoteJSON(v.Keys[i]))
			b.WriteString(": ")
			e.writeJSONB(b)
		}
		b.WriteByte('}')
	default:
		b.WriteString(v.Text)
	}
}

// QuoteJSON writes s as a JSON string, escaping as PostgreSQL's
// escape_json does.
func QuoteJSON(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			if c < ' ' {
				fmt.Fprintf(&b, `\u%04x`, c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ScalarText is what ->> and the _text functions give for a value: a
// string's value, else the value's JSON text (as written for json, as
// jsonb renders it for jsonb); ok is false for a JSON null.
func (v *JSONValue) ScalarText(jsonb bool) (string, bool) {
	switch {
	case v.Kind == JSONNull:
		return "", false
	case v.Kind == JSONString:
		return v.Text, true
	case jsonb:
		return v.JSONB(), true
	}
	return v.Raw, true
}

// Field is the value of an object's key (the last one of that key), or nil.
func (v *JSONValue) Field(key string) *JSONValue {
	if v.Kind != JSONObject {
		return nil
	}
	for i := len(v.Keys) - 1; i >= 0; i-- {
		if v.Keys[i] == key {
			return v.Elems[i]
		}
	}
	return nil
}

// Index is an array's element at a 0-based index, counting from the end
// when negative, or nil.
func (v *JSONValue) Index(i int) *JSONValue {
	if v.Kind != JSONArray {
		return nil
	}
	if i < 0 {
		i += len(v.Elems)
	}
	if i < 0 || i >= len(v.Elems) {
		return nil
	}
	return v.Elems[i]
}

// NormalizedJSONB is v, built from jsonb values, as jsonb holds it: keys
// sorted and unique, the last of a repeated key winning.
func NormalizedJSONB(v *JSONValue) *JSONValue { return v.normalised() }

// Compact renders a json value without whitespace, as json_strip_nulls
// writes it: keys and strings escaped as escape_json does, numbers as
// written, every pair of an object kept in order.
func (v *JSONValue) Compact() string {
	var b strings.Builder
	v.writeCompact(&b)
	return b.String()
}

func (v *JSONValue) writeCompact(b *strings.Builder) {
	switch v.Kind {
	case JSONString:
		b.WriteString(QuoteJSON(v.Text))
	case JSONArray, JSONObject:
		open, end := byte('['), byte(']')
		if v.Kind == JSONObject {
			open, end = '{', '}'
		}
		b.WriteByte(open)
		for i, e := range v.Elems {
			if i > 0 {
				b.WriteByte(',')
			}
			if v.Kind == JSONObject {
				b.WriteString(QuoteJSON(v.Keys[i]) + ":")
			}
			e.writeCompact(b)
		}
		b.WriteByte(end)
	default:
		b.WriteString(v.Text)
	}
}
