package types

import (
	"slices"
	"testing"
)

func mustJSONB(t *testing.T, text string) *JSONValue {
	t.Helper()
	v, err := ParseJSON(text, true)
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return v
}

// TestCompareJSONB checks pairs against PostgreSQL's jsonb comparison.
func TestCompareJSONB(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{`1.0`, `1`, 0},
		{`[1.50, 2]`, `[1.5, 2.00]`, 0},
		{`1`, `"1"`, 1},
		{`10`, `9`, 1},
		{`"10"`, `"9"`, -1},
		{`[1,2]`, `{}`, -1},
		{`[]`, `null`, -1},
		{`[]`, `"x"`, -1},
		{`[[]]`, `1`, 1},
		{`[null]`, `[false]`, -1},
		{`{"aa":1}`, `{"b":1}`, -1},
		{`{"a":2}`, `{"a":1}`, 1},
		{`{"b":1,"c":1}`, `{"a":1}`, 1},
		{`[1,2]`, `[3]`, 1},
		{`true`, `false`, 1},
		{`false`, `999`, 1},
		{`null`, `""`, -1},
		{`{"a":[1]}`, `{"a":{}}`, -1},
		{`{"a":1,"c":0}`, `{"a":1,"b":9}`, 1},
		{`-1.5`, `-1.25`, -1},
	}
	for _, c := range cases {
		if got := CompareJSONB(mustJSONB(t, c.a), mustJSONB(t, c.b)); got != c.want {
			t.Errorf("%s vs %s: %d, want %d", c.a, c.b, got, c.want)
		}
		if got := CompareJSONB(mustJSONB(t, c.b), mustJSONB(t, c.a)); got != -c.want {
			t.Errorf("%s vs %s: %d, want %d", c.b, c.a, got, -c.want)
		}
	}
}

// TestCompareJSONBSorts sorts values of every kind in PostgreSQL's order.
func TestCompareJSONBSorts(t *testing.T) {
	want := []string{`[]`, `null`, `""`, `"s"`, `-2.5`, `1`, `false`, `true`, `[null]`, `[3]`, `[[]]`, `[1, 2]`,
		`{}`, `{"a": 2}`, `{"b": 1}`, `{"a": 1, "b": 2}`}
	values := make([]*JSONValue, len(want))
	for i, text := range want {
		values[len(want)-1-i] = mustJSONB(t, text)
	}
	slices.SortFunc(values, CompareJSONB)
	for i, v := range values {
		if v.JSONB() != want[i] {
			t.Errorf("position %d: %s, want %s", i, v.JSONB(), want[i])
		}
	}
}

// TestJSONBKey gives values equal by CompareJSONB one key, and others
// different keys.
func TestJSONBKey(t *testing.T) {
	same := [][2]string{{`1.0`, `1`}, {`{"a": [1.50, 0.0]}`, `{"a": [1.5, -0]}`}, {`[]`, `[]`}}
	for _, p := range same {
		if JSONBKey(mustJSONB(t, p[0])) != JSONBKey(mustJSONB(t, p[1])) {
			t.Errorf("%s and %s have different keys", p[0], p[1])
		}
	}
	different := [][2]string{{`1`, `"1"`}, {`[1, 2]`, `[12]`}, {`{"a": "b"}`, `{"ab": ""}`}, {`[]`, `{}`}, {`true`, `"true"`}}
	for _, p := range different {
		if JSONBKey(mustJSONB(t, p[0])) == JSONBKey(mustJSONB(t, p[1])) {
			t.Errorf("%s and %s have one key", p[0], p[1])
		}
	}
}
