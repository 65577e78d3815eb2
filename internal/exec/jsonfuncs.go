package exec

import (
	"fmt"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// jsonFunctions are the json and jsonb functions: inspection, paths,
// building values, and jsonb's pretty printing, null stripping and
// setting.
var jsonFunctions = concatLists(
	jsonFamilyFunctions("json", tJSON, jsonType), jsonFamilyFunctions("jsonb", tJSONB, jsonbType),
	jsonOperators, jsonPathFunctions,
	[]*Overload{
		fn("jsonb_pretty", params(tJSONB), returns(text), jsonbPretty),
		fn("jsonb_strip_nulls", params(tJSONB), returns(jsonbType), jsonbStripNulls),
		fn("jsonb_set", params(tJSONB, tTextArray, tJSONB), returns(jsonbType), jsonbSet),
		fn("jsonb_set", params(tJSONB, tTextArray, tJSONB, tBool), returns(jsonbType), jsonbSet),
		withVolatility(Stable, fn("to_json", params(tAnyElement), returns(jsonType), toJSON)),
		withVolatility(Stable, fn("to_jsonb", params(tAnyElement), returns(jsonbType), toJSON)),
	},
)

// jsonFamilyFunctions are the functions json and jsonb both have, named
// with their prefix.
func jsonFamilyFunctions(prefix string, t SQLType, dt arrow.DataType) []*Overload {
	return []*Overload{
		fn(prefix+"_typeof", params(t), returns(text), jsonTypeof),
		fn(prefix+"_array_length", params(t), returns(int4), jsonArrayLength),
		variadic(fn(prefix+"_extract_path", params(t, tText), returns(dt), jsonExtractPath(false))),
		variadic(fn(prefix+"_extract_path_text", params(t, tText), returns(text), jsonExtractPath(true))),
		withVolatility(Stable, variadic(fn(prefix+"_build_object", params(tAny), returns(dt), jsonBuildObject))),
		withVolatility(Stable, variadic(fn(prefix+"_build_array", params(tAny), returns(dt), jsonBuildArray))),
		withVolatility(Stable, fn(prefix+"_build_object", nil, returns(dt), jsonBuildObject)),
		withVolatility(Stable, fn(prefix+"_build_array", nil, returns(dt), jsonBuildArray)),
	}
}

var jsonKindNames = map[types.JSONKind]string{types.JSONNull: "null", types.JSONString: "string",
	types.JSONNumber: "number", types.JSONBool: "boolean", types.JSONArray: "array", types.JSONObject: "object"}

func jsonTypeof(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	values := jsonValues(args[0])
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		v, err := values(i)
		if err != nil {
			return "", err
		}
		return jsonKindNames[v.Kind], nil
	})
}

func jsonArrayLength(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	values := jsonValues(args[0])
	return strict(int32Builder(k), k, args, func(i int) (int32, error) {
		v, err := values(i)
		switch {
		case err != nil:
			return 0, err
		case v.Kind == types.JSONObject:
			return 0, sqlstate.New(sqlstate.InvalidParameterValue, "cannot get array length of a non-array")
		case v.Kind != types.JSONArray:
			return 0, sqlstate.New(sqlstate.InvalidParameterValue, "cannot get array length of a scalar")
		}
		return int32(len(v.Elems)), nil
	})
}

// jsonExtractPath is json[b]_extract_path(_text)(value, VARIADIC path):
// #> and #>> with the path as arguments.
func jsonExtractPath(asText bool) Kernel {
	return jsonLookup(asText, func(v *types.JSONValue, args []arrow.Array, i int, _ bool) *types.JSONValue {
		path := make([]string, len(args)-1)
		for j, a := range args[1:] {
			path[j] = a.(*array.String).Value(i)
		}
		return walkPath(v, path)
	})
}

// jsonbPretty indents a jsonb value by four spaces a level, one element
// per line.
func jsonbPretty(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	values := jsonValues(args[0])
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		v, err := values(i)
		if err != nil {
			return "", err
		}
		var b strings.Builder
		writePretty(&b, v, 0)
		return b.String(), nil
	})
}

func writePretty(b *strings.Builder, v *types.JSONValue, depth int) {
	open, close := "[", "]"
	if v.Kind == types.JSONObject {
		open, close = "{", "}"
	} else if v.Kind != types.JSONArray {
		b.WriteString(v.JSONB())
		return
	}
	indent := strings.Repeat("    ", depth)
	b.WriteString(open)
	for j, e := range v.Elems {
		if j > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n" + indent + "    ")
		if v.Kind == types.JSONObject {
			b.WriteString(types.QuoteJSON(v.Keys[j]) + ": ")
		}
		writePretty(b, e, depth+1)
	}
	b.WriteString("\n" + indent + close)
}

func jsonbStripNulls(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	values := jsonValues(args[0])
	return jsonResult(k, args, func(i int) (string, bool, error) {
		v, err := values(i)
		if err != nil {
			return "", false, err
		}
		return stripNulls(v).JSONB(), true, nil
	})
}

// stripNulls drops, at every depth, the object fields whose value is null.
func stripNulls(v *types.JSONValue) *types.JSONValue {
	if v.Kind != types.JSONObject && v.Kind != types.JSONArray {
		return v
	}
	out := &types.JSONValue{Kind: v.Kind}
	for j, e := range v.Elems {
		if v.Kind == types.JSONObject {
			if e.Kind == types.JSONNull {
				continue
			}
			out.Keys = append(out.Keys, v.Keys[j])
		}
		out.Elems = append(out.Elems, stripNulls(e))
	}
	return out
}

// jsonbSet is jsonb_set(target, path, value [, create_missing]): the
// target with the value at path replaced, or added as the last step's new
// key (or, past an array's end, element) when create_missing is true.
func jsonbSet(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	targets, news := jsonValues(args[0]), jsonValues(args[2])
	paths := args[1].(*array.List)
	return jsonResult(k, args, func(i int) (string, bool, error) {
		v, err := targets(i)
		if err != nil {
			return "", false, err
		}
		nv, err := news(i)
		if err != nil {
			return "", false, err
		}
		path, ok := textList(paths, i)
		if !ok {
			return "", false, sqlstate.New(sqlstate.InvalidParameterValue, "path element at position %d is null", nullPosition(paths, i))
		}
		create := len(args) < 4 || args[3].(*array.Boolean).Value(i)
		if v.Kind != types.JSONObject && v.Kind != types.JSONArray {
			return "", false, sqlstate.New(sqlstate.InvalidParameterValue, "cannot set path in scalar")
		}
		return setPath(v, path, nv, create).JSONB(), true, nil
	})
}

func nullPosition(l *array.List, i int) int {
	from, to := l.ValueOffsets(i)
	for j := from; j < to; j++ {
		if l.ListValues().IsNull(int(j)) {
			return int(j-from) + 1
		}
	}
	return 0
}

func setPath(v *types.JSONValue, path []string, nv *types.JSONValue, create bool) *types.JSONValue {
	if len(path) == 0 {
		return nv
	}
	out := &types.JSONValue{Kind: v.Kind, Keys: append([]string{}, v.Keys...), Elems: append([]*types.JSONValue{}, v.Elems...)}
	switch v.Kind {
	case types.JSONObject:
		for j, key := range out.Keys {
			if key == path[0] {
				out.Elems[j] = setPath(out.Elems[j], path[1:], nv, create)
				return out
			}
		}
		if create && len(path) == 1 {
			out.Keys, out.Elems = append(out.Keys, path[0]), append(out.Elems, nv)
			return types.NormalizedJSONB(out)
		}
	case types.JSONArray:
		var n int
		if _, err := fmt.Sscan(path[0], &n); err != nil {
			return out
		}
		at := n
		if at < 0 {
			at += len(out.Elems)
		}
		switch {
		case at >= 0 && at < len(out.Elems):
			out.Elems[at] = setPath(out.Elems[at], path[1:], nv, create)
		case create && len(path) == 1 && at < 0:
			out.Elems = append([]*types.JSONValue{nv}, out.Elems...)
		case create && len(path) == 1:
			out.Elems = append(out.Elems, nv)
		}
	}
	return out
}

// jsonBuildObject is json[b]_build_object(VARIADIC "any"): keys and
// values alternating.
func jsonBuildObject(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	name := "json_build_object"
	if isJSONB(k.Result) {
		name = "jsonb_build_object"
	}
	if len(args)%2 != 0 {
		return nil, sqlstate.New(sqlstate.InvalidParameterValue, "argument list must have even number of elements").
			WithHint(fmt.Sprintf("The arguments of %s() must consist of alternating keys and values.", name))
	}
	return buildJSON(k, func(i int) (string, error) {
		parts := make([]string, 0, len(args)/2)
		for j := 0; j < len(args); j += 2 {
			if args[j].IsNull(i) {
				return "", sqlstate.New(sqlstate.InvalidParameterValue, "argument %d cannot be null", j+1).
					WithHint("Object keys should be text.")
			}
			key := types.QuoteJSON(types.FormatText(args[j], i, time.UTC))
			parts = append(parts, key+" : "+jsonOf(args[j+1], i, time.UTC))
		}
		return "{" + strings.Join(parts, ", ") + "}", nil
	})
}

// jsonBuildArray is json[b]_build_array(VARIADIC "any").
func jsonBuildArray(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	return buildJSON(k, func(i int) (string, error) {
		parts := make([]string, len(args))
		for j, a := range args {
			parts[j] = jsonOf(a, i, time.UTC)
		}
		return "[" + strings.Join(parts, ", ") + "]", nil
	})
}

// toJSON is to_json and to_jsonb: NULL for NULL.
func toJSON(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	return jsonResult(k, args, func(i int) (string, bool, error) {
		s, err := asResultJSON(k.Result, jsonOf(args[0], i, time.UTC))
		return s, true, err
	})
}

// buildJSON builds a json or jsonb value for every row, NULLs included.
func buildJSON(k *KernelContext, f func(i int) (string, error)) (arrow.Array, error) {
	return jsonResult(k, nil, func(i int) (string, bool, error) {
		s, err := f(i)
		if err != nil {
			return "", false, err
		}
		s, err = asResultJSON(k.Result, s)
		return s, true, err
	})
}

// asResultJSON is json text as a value of the result type: as it is for
// json, normalised for jsonb.
func asResultJSON(result arrow.DataType, s string) (string, error) {
	if !isJSONB(result) {
		return s, nil
	}
	v, err := types.ParseJSON(s, true)
	if err != nil {
		return "", err
	}
	return v.JSONB(), nil
}
