package types

import (
	"errors"
	"testing"

	"auger/internal/sqlstate"
)

func TestJSONBNormalised(t *testing.T) {
	for in, want := range map[string]string{
		`{"a":1,"b":[1,2]}`:                      `{"a": 1, "b": [1, 2]}`,
		`{"b":2,"a":1,"a":3}`:                    `{"a": 3, "b": 2}`,
		`{"aaa": 1, "b": 2, "cc": 3, "B": 4}`:    `{"B": 4, "b": 2, "cc": 3, "aaa": 1}`,
		`  { "s" :  true , "l":[ 1 ,2 ] }  `:     `{"l": [1, 2], "s": true}`,
		`[-0.0, 1e-7, 3.14e2, -1.5E+3, 1.50]`:    `[0.0, 0.0000001, 314, -1500, 1.50]`,
		`"\u00e9\ud83d\ude00 \/ \u001f \b"`:      `"é😀 / \u001f \b"`,
		`{"e": "line\nbreak \"q\" \\", "x": {}}`: `{"e": "line\nbreak \"q\" \\", "x": {}}`,
		`[]`:                                     `[]`, `null`: `null`, `false`: `false`,
	} {
		v, err := ParseJSON(in, true)
		if err != nil {
			t.Errorf("%s: %v", in, err)
			continue
		}
		if got := v.JSONB(); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}

func TestJSONKeepsText(t *testing.T) {
	v, err := ParseJSON(` {"a": [1,  2], "a": "\u00e9"} `, false)
	if err != nil {
		t.Fatal(err)
	}
	if v.Field("a").Raw != `"\u00e9"` || v.Field("a").Text != "é" || len(v.Keys) != 2 {
		t.Errorf("json value %+v", v)
	}
	if _, err := ParseJSON(`"\ud83d"`, false); err != nil {
		t.Errorf("json keeps a lone surrogate: %v", err)
	}
}

func TestJSONInputErrors(t *testing.T) {
	for in, detail := range map[string]string{
		`{"a":}`:    `Expected JSON value, but found "}".`,
		`{"a":1,}`:  `Expected string, but found "}".`,
		``:          "The input string ended unexpectedly.",
		`[1,2`:      "The input string ended unexpectedly.",
		`tru`:       `Token "tru" is invalid.`,
		`1e`:        `Token "1e" is invalid.`,
		`01`:        `Token "01" is invalid.`,
		`{"a":1}x`:  `Token "x" is invalid.`,
		`{"a":1} 1`: `Expected end of input, but found "1".`,
		`"\u00zz"`:  `"\u" must be followed by four hexadecimal digits.`,
		`"\q"`:      `Escape sequence "\q" is invalid.`,
		"\"a\nb\"":  "Character with value 0x0a must be escaped.",
		`{"a" 1}`:   `Expected ":", but found "1".`,
		`[1 2]`:     `Expected "," or "]", but found "2".`,
		`{1:2}`:     `Expected string or "}", but found "1".`,
		`"\ud83d"`:  "Unicode low surrogate must follow a high surrogate.",
	} {
		_, err := ParseJSON(in, true)
		var e *sqlstate.Error
		if !errors.As(err, &e) || e.Code != sqlstate.InvalidTextRepresentation || e.Message != "invalid input syntax for type json" || e.Detail != detail {
			t.Errorf("%q: %v (%+v), want detail %s", in, err, e, detail)
		}
	}
	if _, err := ParseJSON(`"\u0000"`, true); sqlstate.Code(err) != "22P05" {
		t.Errorf(`jsonb "\u0000": %v`, err)
	}
}

func TestByteaAndUUIDInput(t *testing.T) {
	for in, want := range map[string]string{`\x00ff`: "\x00\xff", `\x 00 FF `: "\x00\xff", `a\\b\001\377c`: "a\\b\x01\xffc", "ab  ": "ab  ", "": ""} {
		got, err := ParseBytea(in)
		if err != nil || string(got) != want {
			t.Errorf("bytea %q: %q %v", in, got, err)
		}
	}
	for in, code := range map[string]string{`\xzz`: "22023", `\x0`: "22023", `a\9`: "22P02", `\X41`: "22P02", `a\`: "22P02"} {
		if _, err := ParseBytea(in); sqlstate.Code(err) != code {
			t.Errorf("bytea %q: %v, want %s", in, err, code)
		}
	}
	for _, ok := range []string{"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC999C0B4EF8BB6D6BB9BD380A11", "{a0eebc99-9c0b4ef8-bb6d6bb9bd380a11}", "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11"} {
		if u, err := ParseUUID(ok); err != nil || u[0] != 0xa0 || u[15] != 0x11 {
			t.Errorf("uuid %s: %x %v", ok, u, err)
		}
	}
	for _, bad := range []string{"bad", " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}", "-a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"} {
		if _, err := ParseUUID(bad); err == nil {
			t.Errorf("uuid %q accepted", bad)
		}
	}
}
