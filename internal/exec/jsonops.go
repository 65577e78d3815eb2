package exec

import (
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// jsonOperators are the operators of json and jsonb: -> ->> #> #>> on
// both, and jsonb's @> <@ ? ?| ?& || - #-.
var jsonOperators = concatLists(
	jsonAccessOperators(tJSON, jsonType), jsonAccessOperators(tJSONB, jsonbType),
	[]*Overload{
		op("@>", params(tJSONB, tJSONB), returns(bool_), jsonbContains(false)),
		op("<@", params(tJSONB, tJSONB), returns(bool_), jsonbContains(true)),
		op("?", params(tJSONB, tText), returns(bool_), jsonbExists(existsOne)),
		op("?|", params(tJSONB, tTextArray), returns(bool_), jsonbExists(existsAny)),
		op("?&", params(tJSONB, tTextArray), returns(bool_), jsonbExists(existsAll)),
		op("||", params(tJSONB, tJSONB), returns(jsonbType), jsonbConcat),
		op("-", params(tJSONB, tText), returns(jsonbType), jsonbDelete),
		op("-", params(tJSONB, tInt4), returns(jsonbType), jsonbDelete),
		op("-", params(tJSONB, tTextArray), returns(jsonbType), jsonbDelete),
	},
)

// jsonAccessOperators are the field, element and path operators of json
// or jsonb (t, whose values are of type dt).
func jsonAccessOperators(t SQLType, dt arrow.DataType) []*Overload {
	return []*Overload{
		op("->", params(t, tText), returns(dt), jsonGet(false)),
		op("->", params(t, tInt4), returns(dt), jsonGet(false)),
		op("->>", params(t, tText), returns(text), jsonGet(true)),
		op("->>", params(t, tInt4), returns(text), jsonGet(true)),
		op("#>", params(t, tTextArray), returns(dt), jsonPath(false)),
		op("#>>", params(t, tTextArray), returns(text), jsonPath(true)),
	}
}

// jsonStep is one step into a value: an object's key (text) or an
// array's index (integer, from the end when negative). jsonb reads a
// scalar as an array of itself, as its storage holds it.
func jsonStep(v *types.JSONValue, key arrow.Array, i int, jsonb bool) *types.JSONValue {
	switch k := key.(type) {
	case *array.String:
		return v.Field(k.Value(i))
	case *array.Int32:
		if jsonb && v.Kind != types.JSONArray && v.Kind != types.JSONObject {
			v = &types.JSONValue{Kind: types.JSONArray, Elems: []*types.JSONValue{v}}
		}
		return v.Index(int(k.Value(i)))
	}
	return nil
}

// jsonGet is -> (asText false) and ->>: the field or element, NULL when
// there is none.
func jsonGet(asText bool) Kernel {
	return jsonLookup(asText, func(v *types.JSONValue, args []arrow.Array, i int, jsonb bool) *types.JSONValue {
		return jsonStep(v, args[1], i, jsonb)
	})
}

// jsonLookup is a kernel of the operators and functions that find a value
// inside a json or jsonb value (the first argument) and return it as json
// (asText false) or as text; find gives nil when there is none.
func jsonLookup(asText bool, find func(v *types.JSONValue, args []arrow.Array, i int, jsonb bool) *types.JSONValue) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		values := jsonValues(args[0])
		jsonb := isJSONB(args[0].DataType())
		f := func(i int) (string, bool, error) {
			v, err := values(i)
			if err != nil {
				return "", false, err
			}
			return jsonOutput(find(v, args, i, jsonb), jsonb, asText)
		}
		if asText {
			return strictOrNull(stringBuilder(k), k, args, f)
		}
		return jsonResult(k, args, f)
	}
}

// jsonOutput is a found value as -> (a json value) or ->> (its text)
// gives it; ok is false when there is no value, or for ->> a JSON null.
func jsonOutput(found *types.JSONValue, jsonb, asText bool) (string, bool, error) {
	switch {
	case found == nil:
		return "", false, nil
	case asText:
		s, ok := found.ScalarText(jsonb)
		return s, ok, nil
	}
	return renderJSON(found, jsonb), true, nil
}

// jsonPath is #> and #>>: the value at a path of keys and indexes, NULL
// when a step finds nothing or the path has a NULL.
func jsonPath(asText bool) Kernel {
	return jsonLookup(asText, func(v *types.JSONValue, args []arrow.Array, i int, _ bool) *types.JSONValue {
		path, ok := textList(args[1].(*array.List), i)
		if !ok {
			return nil
		}
		return walkPath(v, path)
	})
}

// textList is the elements of a text[] row; ok is false when one is NULL.
func textList(l *array.List, i int) ([]string, bool) {
	values := l.ListValues().(*array.String)
	from, to := l.ValueOffsets(i)
	out := make([]string, 0, to-from)
	for j := from; j < to; j++ {
		if values.IsNull(int(j)) {
			return nil, false
		}
		out = append(out, values.Value(int(j)))
	}
	return out, true
}

// walkPath follows a path: keys into objects, integers into arrays.
func walkPath(v *types.JSONValue, path []string) *types.JSONValue {
	for _, step := range path {
		switch v.Kind {
		case types.JSONObject:
			v = v.Field(step)
		case types.JSONArray:
			n, err := strconv.Atoi(step)
			if err != nil {
				return nil
			}
			v = v.Index(n)
		default:
			return nil
		}
		if v == nil {
			return nil
		}
	}
	return v
}

// jsonbContains is @> (a contains b), or <@ (reversed: b contains a).
func jsonbContains(reversed bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		left, right := jsonValues(args[0]), jsonValues(args[1])
		if reversed {
			left, right = right, left
		}
		return strict(boolBuilder(k), k, args, func(i int) (bool, error) {
			a, err := left(i)
			if err != nil {
				return false, err
			}
			b, err := right(i)
			if err != nil {
				return false, err
			}
			if a.Kind == types.JSONArray && b.Kind != types.JSONArray && b.Kind != types.JSONObject {
				return containsElement(a, b), nil // a top-level array contains its scalars
			}
			return jsonContains(a, b), nil
		})
	}
}

// jsonContains is jsonb containment: objects contain objects whose every
// key they have with a contained value; arrays contain arrays whose every
// element matches one of theirs; scalars only equal scalars.
func jsonContains(a, b *types.JSONValue) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case types.JSONObject:
		for i, key := range b.Keys {
			field := a.Field(key)
			if field == nil || !jsonContains(field, b.Elems[i]) {
				return false
			}
		}
		return true
	case types.JSONArray:
		for _, e := range b.Elems {
			if !containsElement(a, e) {
				return false
			}
		}
		return true
	}
	return a.Text == b.Text
}

// containsElement tells whether one of an array's elements contains e.
func containsElement(a, e *types.JSONValue) bool {
	for _, x := range a.Elems {
		if jsonContains(x, e) {
			return true
		}
	}
	return false
}

type existsMode int

const (
	existsOne existsMode = iota
	existsAny
	existsAll
)

// jsonbExists is ? (a key, or a string element, is there), ?| (any of
// the keys) and ?& (all of them; NULL keys are skipped).
func jsonbExists(mode existsMode) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		values := jsonValues(args[0])
		return strict(boolBuilder(k), k, args, func(i int) (bool, error) {
			v, err := values(i)
			if err != nil {
				return false, err
			}
			if mode == existsOne {
				return hasKey(v, args[1].(*array.String).Value(i)), nil
			}
			return keysExist(v, args[1].(*array.List), i, mode == existsAll), nil
		})
	}
}

func keysExist(v *types.JSONValue, keys *array.List, i int, all bool) bool {
	values := keys.ListValues().(*array.String)
	from, to := keys.ValueOffsets(i)
	for j := from; j < to; j++ {
		if values.IsNull(int(j)) {
			continue
		}
		if hasKey(v, values.Value(int(j))) != all {
			return !all
		}
	}
	return all
}

// hasKey is ?: an object's key, or a string element of an array or the
// string a scalar is.
func hasKey(v *types.JSONValue, key string) bool {
	switch v.Kind {
	case types.JSONObject:
		return v.Field(key) != nil
	case types.JSONArray:
		for _, e := range v.Elems {
			if e.Kind == types.JSONString && e.Text == key {
				return true
			}
		}
		return false
	}
	return v.Kind == types.JSONString && v.Text == key
}

// jsonbConcat is jsonb || jsonb: objects merge (the right's keys win),
// anything else concatenates as arrays, a non-array counting as an array
// of itself.
func jsonbConcat(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	left, right := jsonValues(args[0]), jsonValues(args[1])
	return jsonResult(k, args, func(i int) (string, bool, error) {
		a, err := left(i)
		if err != nil {
			return "", false, err
		}
		b, err := right(i)
		if err != nil {
			return "", false, err
		}
		if a.Kind == types.JSONObject && b.Kind == types.JSONObject {
			merged := &types.JSONValue{Kind: types.JSONObject, Keys: append(append([]string{}, a.Keys...), b.Keys...),
				Elems: append(append([]*types.JSONValue{}, a.Elems...), b.Elems...)}
			return types.NormalizedJSONB(merged).JSONB(), true, nil
		}
		joined := &types.JSONValue{Kind: types.JSONArray, Elems: append(asElements(a), asElements(b)...)}
		return joined.JSONB(), true, nil
	})
}

// asElements is an array's elements, or a value as an array of itself.
func asElements(v *types.JSONValue) []*types.JSONValue {
	if v.Kind == types.JSONArray {
		return v.Elems
	}
	return []*types.JSONValue{v}
}

// jsonbDelete is jsonb - key (from an object, or string elements from an
// array), jsonb - index (an array's element) and jsonb - keys.
func jsonbDelete(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	values := jsonValues(args[0])
	return jsonResult(k, args, func(i int) (string, bool, error) {
		v, err := values(i)
		if err != nil {
			return "", false, err
		}
		if v.Kind != types.JSONObject && v.Kind != types.JSONArray {
			return "", false, sqlstate.New(sqlstate.InvalidParameterValue, "cannot delete from scalar")
		}
		var out *types.JSONValue
		switch key := args[1].(type) {
		case *array.Int32:
			if v.Kind == types.JSONObject {
				return "", false, sqlstate.New(sqlstate.InvalidParameterValue, "cannot delete from object using integer index")
			}
			out = deleteIndex(v, int(key.Value(i)))
		case *array.String:
			out = deleteKeys(v, []string{key.Value(i)})
		case *array.List:
			out = deleteKeys(v, nonNullTexts(key, i))
		}
		return out.JSONB(), true, nil
	})
}

func deleteIndex(v *types.JSONValue, n int) *types.JSONValue {
	if n < 0 {
		n += len(v.Elems)
	}
	out := &types.JSONValue{Kind: types.JSONArray}
	for j, e := range v.Elems {
		if j != n {
			out.Elems = append(out.Elems, e)
		}
	}
	return out
}

// deleteKeys drops an object's keys, or an array's string elements equal
// to one of them.
func deleteKeys(v *types.JSONValue, keys []string) *types.JSONValue {
	drop := map[string]bool{}
	for _, key := range keys {
		drop[key] = true
	}
	out := &types.JSONValue{Kind: v.Kind}
	for j, e := range v.Elems {
		switch {
		case v.Kind == types.JSONObject && drop[v.Keys[j]]:
		case v.Kind == types.JSONArray && e.Kind == types.JSONString && drop[e.Text]:
		default:
			if v.Kind == types.JSONObject {
				out.Keys = append(out.Keys, v.Keys[j])
			}
			out.Elems = append(out.Elems, e)
		}
	}
	return out
}

// nonNullTexts is the non-NULL elements of a text[] row.
func nonNullTexts(l *array.List, i int) []string {
	values := l.ListValues().(*array.String)
	from, to := l.ValueOffsets(i)
	var out []string
	for j := from; j < to; j++ {
		if !values.IsNull(int(j)) {
			out = append(out, values.Value(int(j)))
		}
	}
	return out
}
