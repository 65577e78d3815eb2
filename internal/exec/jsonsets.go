package exec

import (
	"context"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// JSONSetPart is the part of a JSON value a json set-returning function
// yields per row.
type JSONSetPart int

// What json set-returning functions yield.
const (
	JSONElements     JSONSetPart = iota // json[b]_array_elements: the elements, as json[b]
	JSONElementTexts                    // json[b]_array_elements_text: their text
	JSONKeys                            // json[b]_object_keys, and the key column of json[b]_each[_text]
	JSONFieldValues                     // the value column of json[b]_each
	JSONFieldTexts                      // the value column of json[b]_each_text
)

// JSONSetFunctions are the set-returning functions of json and jsonb and
// what each yields; json[b]_each[_text] yield two columns, keys and values.
var JSONSetFunctions = map[string][]JSONSetPart{
	"json_array_elements": {JSONElements}, "jsonb_array_elements": {JSONElements},
	"json_array_elements_text": {JSONElementTexts}, "jsonb_array_elements_text": {JSONElementTexts},
	"json_object_keys": {JSONKeys}, "jsonb_object_keys": {JSONKeys},
	"json_each": {JSONKeys, JSONFieldValues}, "jsonb_each": {JSONKeys, JSONFieldValues},
	"json_each_text": {JSONKeys, JSONFieldTexts}, "jsonb_each_text": {JSONKeys, JSONFieldTexts},
}

// JSONSetFuncName is the name a ProjectSet computes one part of a json
// set-returning function under: "jsonb_each.1" for the values of
// jsonb_each.
func JSONSetFuncName(name string, part int) string {
	return name + "." + string(rune('0'+part))
}

// jsonSet is a json set-returning function's rows for each input row:
// their texts, nil for NULL.
type jsonSet struct {
	typ  arrow.DataType
	rows [][]*string
}

// newJSONSet computes a json set-returning function over one batch.
func newJSONSet(name string, arg arrow.Array, typ arrow.DataType) (*jsonSet, error) {
	base, part, _ := strings.Cut(name, ".")
	parts := JSONSetFunctions[base]
	which := parts[0]
	if part != "" {
		which = parts[part[0]-'0']
	}
	values := jsonValues(arg)
	jsonb := isJSONB(arg.DataType())
	s := &jsonSet{typ: typ, rows: make([][]*string, arg.Len())}
	for r := range s.rows {
		if arg.IsNull(r) {
			continue
		}
		v, err := values(r)
		if err != nil {
			return nil, err
		}
		if err := checkSetInput(base, v, len(parts) == 2); err != nil {
			return nil, err
		}
		s.rows[r] = setRows(v, which, jsonb)
	}
	return s, nil
}

// setRows is what a part yields for one value.
func setRows(v *types.JSONValue, part JSONSetPart, jsonb bool) []*string {
	out := make([]*string, len(v.Elems))
	for i, e := range v.Elems {
		var s string
		ok := true
		switch part {
		case JSONKeys:
			s = v.Keys[i]
		case JSONElements, JSONFieldValues:
			s = renderJSON(e, jsonb)
		default:
			s, ok = e.ScalarText(jsonb)
		}
		if ok {
			out[i] = &s
		}
	}
	return out
}

// checkSetInput fails, as PostgreSQL does, for a value of the wrong kind.
func checkSetInput(name string, v *types.JSONValue, each bool) error {
	scalar := v.Kind != types.JSONObject && v.Kind != types.JSONArray
	jsonb := strings.HasPrefix(name, "jsonb")
	var msg string
	switch {
	case each && v.Kind != types.JSONObject && jsonb:
		msg = "cannot call " + name + " on a non-object"
	case each && scalar:
		msg = "cannot deconstruct a scalar"
	case each && v.Kind == types.JSONArray:
		msg = "cannot deconstruct an array as an object"
	case each:
	case strings.Contains(name, "object_keys") && scalar:
		msg = "cannot call " + name + " on a scalar"
	case strings.Contains(name, "object_keys") && v.Kind == types.JSONArray:
		msg = "cannot call " + name + " on an array"
	case strings.Contains(name, "object_keys"):
	case jsonb && scalar:
		msg = "cannot extract elements from a scalar"
	case jsonb && v.Kind == types.JSONObject:
		msg = "cannot extract elements from an object"
	case scalar:
		msg = "cannot call " + name + " on a scalar"
	case v.Kind == types.JSONObject:
		msg = "cannot call " + name + " on a non-array"
	}
	if msg != "" {
		return sqlstate.New(sqlstate.InvalidParameterValue, "%s", msg)
	}
	return nil
}

func (s *jsonSet) count(r int) int { return len(s.rows[r]) }

func (s *jsonSet) values(_ context.Context, spans []span) (arrow.Array, error) {
	storage := array.NewStringBuilder(memory.DefaultAllocator)
	defer storage.Release()
	for _, sp := range spans {
		for _, v := range s.rows[sp.row][sp.from:sp.to] {
			if v == nil {
				storage.AppendNull()
			} else {
				storage.Append(*v)
			}
		}
	}
	out := storage.NewArray()
	if ext, ok := s.typ.(arrow.ExtensionType); ok {
		defer out.Release()
		return array.NewExtensionArrayWithStorage(ext, out), nil
	}
	return out, nil
}

func (s *jsonSet) release() {}
