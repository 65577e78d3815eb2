package types

import (
	"cmp"
	"encoding/binary"
	"math/big"
	"strings"
)

// CompareJSONB orders two jsonb values as PostgreSQL's jsonb comparison
// does: by kind first (object > array > boolean > number > string >
// null), an object with more pairs above one with fewer, then keys and
// values pair by pair in storage order; an array with more elements above
// one with fewer, then element by element; numbers by value (1.0 = 1),
// strings by bytes, false before true. A top-level empty array sorts below
// every scalar (a scalar is stored as an array of one element, and arrays
// compare by length first).
func CompareJSONB(a, b *JSONValue) int {
	if topLevelEmptyArray(a) != topLevelEmptyArray(b) {
		if topLevelEmptyArray(a) {
			return -1
		}
		return 1
	}
	return compareJSONValues(a, b)
}

// topLevelEmptyArray tells whether v is [].
func topLevelEmptyArray(v *JSONValue) bool { return v.Kind == JSONArray && len(v.Elems) == 0 }

func compareJSONValues(a, b *JSONValue) int {
	if a.Kind != b.Kind {
		return cmp.Compare(a.Kind, b.Kind)
	}
	switch a.Kind {
	case JSONString, JSONBool:
		return strings.Compare(a.Text, b.Text)
	case JSONNumber:
		return jsonNumber(a.Text).Cmp(jsonNumber(b.Text))
	case JSONArray, JSONObject:
		return compareJSONContainers(a, b)
	}
	return 0
}

// compareJSONContainers orders two arrays or two objects of one kind.
func compareJSONContainers(a, b *JSONValue) int {
	if c := cmp.Compare(len(a.Elems), len(b.Elems)); c != 0 {
		return c
	}
	for i := range a.Elems {
		if a.Kind == JSONObject {
			if c := strings.Compare(a.Keys[i], b.Keys[i]); c != 0 {
				return c
			}
		}
		if c := compareJSONValues(a.Elems[i], b.Elems[i]); c != 0 {
			return c
		}
	}
	return 0
}

// jsonNumber reads a jsonb number (numeric's rendering) by value.
func jsonNumber(text string) *big.Rat {
	r, ok := new(big.Rat).SetString(text)
	if !ok {
		return new(big.Rat)
	}
	return r
}

// JSONBKey is a key of a jsonb value that two values share exactly when
// CompareJSONB calls them equal: its normalised form with every number
// written by value (1.0 and 1 alike), for grouping and DISTINCT.
func JSONBKey(v *JSONValue) string {
	var b []byte
	return string(appendJSONBKey(b, v))
}

func appendJSONBKey(dst []byte, v *JSONValue) []byte {
	dst = append(dst, byte(v.Kind))
	switch v.Kind {
	case JSONString, JSONBool:
		return appendSizedKey(dst, v.Text)
	case JSONNumber:
		return appendSizedKey(dst, jsonNumber(v.Text).RatString())
	case JSONArray, JSONObject:
		dst = binary.LittleEndian.AppendUint32(dst, uint32(len(v.Elems)))
		for i, e := range v.Elems {
			if v.Kind == JSONObject {
				dst = appendSizedKey(dst, v.Keys[i])
			}
			dst = appendJSONBKey(dst, e)
		}
	}
	return dst
}

func appendSizedKey(dst []byte, s string) []byte {
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(s)))
	return append(dst, s...)
}
