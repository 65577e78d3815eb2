package exec

import (
	"slices"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// jsonPathFunctions change a jsonb value at a path (#-, jsonb_insert) and
// strip a json value's null fields.
var jsonPathFunctions = []*Overload{
	op("#-", params(tJSONB, tTextArray), returns(jsonbType), jsonbDeletePath),
	fn("jsonb_insert", params(tJSONB, tTextArray, tJSONB), returns(jsonbType), jsonbInsert),
	fn("jsonb_insert", params(tJSONB, tTextArray, tJSONB, tBool), returns(jsonbType), jsonbInsert),
	fn("json_strip_nulls", params(tJSON), returns(jsonType), jsonStripNulls),
}

// pathSteps is row i of a text[] path, with PostgreSQL's error for a NULL
// step.
func pathSteps(paths *array.List, i int) ([]string, error) {
	steps, ok := textList(paths, i)
	if !ok {
		return nil, sqlstate.New(sqlstate.NullValueNotAllowed, "path element at position %d is null", nullPosition(paths, i))
	}
	return steps, nil
}

// arrayStep reads the path step at level (0-based) that indexes an
// array; a negative index counts from the end.
func arrayStep(steps []string, level int) (int, error) {
	n, err := strconv.Atoi(steps[level])
	if err != nil {
		return 0, sqlstate.New(sqlstate.InvalidTextRepresentation, "path element at position %d is not an integer: %q", level+1, steps[level])
	}
	return n, nil
}

// jsonbDeletePath is jsonb #- path: the target without the member or
// element the path leads to (unchanged when there is none).
func jsonbDeletePath(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	return jsonbPathEdit(k, args, "cannot delete path in scalar", func(v *types.JSONValue, steps []string, _ int) (*types.JSONValue, error) {
		return editPath(v, steps, 0, deleteStep)
	})
}

// jsonbInsert is jsonb_insert(target, path, new [, insert_after]): new
// added as the key the path ends with, or into an array before (after)
// the element it names.
func jsonbInsert(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	news := jsonValues(args[2])
	return jsonbPathEdit(k, args, "cannot set path in scalar", func(v *types.JSONValue, steps []string, i int) (*types.JSONValue, error) {
		nv, err := news(i)
		if err != nil {
			return nil, err
		}
		after := len(args) > 3 && args[3].(*array.Boolean).Value(i)
		return editPath(v, steps, 0, insertStep(nv, after))
	})
}

// jsonbPathEdit applies edit to each row's target and path; a scalar
// target is the error scalarError, an empty path leaves it unchanged.
func jsonbPathEdit(k *KernelContext, args []arrow.Array, scalarError string,
	edit func(v *types.JSONValue, steps []string, i int) (*types.JSONValue, error)) (arrow.Array, error) {
	targets, paths := jsonValues(args[0]), args[1].(*array.List)
	return jsonResult(k, args, func(i int) (string, bool, error) {
		v, err := targets(i)
		if err != nil {
			return "", false, err
		}
		steps, err := pathSteps(paths, i)
		if err != nil {
			return "", false, err
		}
		if v.Kind != types.JSONObject && v.Kind != types.JSONArray {
			return "", false, sqlstate.New(sqlstate.InvalidParameterValue, "%s", scalarError)
		}
		if len(steps) == 0 {
			return v.JSONB(), true, nil
		}
		out, err := edit(v, steps, i)
		if err != nil {
			return "", false, err
		}
		return types.NormalizedJSONB(out).JSONB(), true, nil
	})
}

// lastStep changes a container at the path's last step.
type lastStep func(v *types.JSONValue, steps []string, level int) (*types.JSONValue, error)

// editPath follows steps from level down into v and applies last at the
// last one; a step that leads nowhere leaves v unchanged.
func editPath(v *types.JSONValue, steps []string, level int, last lastStep) (*types.JSONValue, error) {
	if v.Kind != types.JSONObject && v.Kind != types.JSONArray {
		return v, nil
	}
	if level == len(steps)-1 {
		return last(v, steps, level)
	}
	at, err := memberAt(v, steps, level)
	if err != nil || at < 0 {
		return v, err
	}
	child, err := editPath(v.Elems[at], steps, level+1, last)
	if err != nil {
		return nil, err
	}
	out := &types.JSONValue{Kind: v.Kind, Keys: v.Keys, Elems: slices.Clone(v.Elems)}
	out.Elems[at] = child
	return out, nil
}

// memberAt is the position in v of the member (object) or element
// (array) the step at level names, -1 when there is none.
func memberAt(v *types.JSONValue, steps []string, level int) (int, error) {
	if v.Kind == types.JSONObject {
		return slices.Index(v.Keys, steps[level]), nil
	}
	n, err := arrayStep(steps, level)
	if err != nil {
		return 0, err
	}
	if n < 0 {
		n += len(v.Elems)
	}
	if n < 0 || n >= len(v.Elems) {
		return -1, nil
	}
	return n, nil
}

// deleteStep drops the member or element the last step names.
func deleteStep(v *types.JSONValue, steps []string, level int) (*types.JSONValue, error) {
	at, err := memberAt(v, steps, level)
	if err != nil || at < 0 {
		return v, err
	}
	out := &types.JSONValue{Kind: v.Kind, Elems: slices.Delete(slices.Clone(v.Elems), at, at+1)}
	if v.Kind == types.JSONObject {
		out.Keys = slices.Delete(slices.Clone(v.Keys), at, at+1)
	}
	return out, nil
}

// insertStep adds nv at the last step: as a new key of an object (an
// existing key is PostgreSQL's error), into an array before (after) the
// element named, at the front or the end for indexes past either end.
func insertStep(nv *types.JSONValue, after bool) lastStep {
	return func(v *types.JSONValue, steps []string, level int) (*types.JSONValue, error) {
		if v.Kind == types.JSONObject {
			if slices.Contains(v.Keys, steps[level]) {
				return nil, sqlstate.New(sqlstate.InvalidParameterValue, "cannot replace existing key").
					WithHint("Try using the function jsonb_set to replace key value.")
			}
			return &types.JSONValue{Kind: v.Kind, Keys: append(slices.Clone(v.Keys), steps[level]),
				Elems: append(slices.Clone(v.Elems), nv)}, nil
		}
		n, err := arrayStep(steps, level)
		if err != nil {
			return nil, err
		}
		if n < 0 {
			n += len(v.Elems)
		}
		switch {
		case n < 0:
			n = 0
		case n >= len(v.Elems):
			n = len(v.Elems)
		case after:
			n++
		}
		return &types.JSONValue{Kind: v.Kind, Elems: slices.Insert(slices.Clone(v.Elems), n, nv)}, nil
	}
}

// jsonStripNulls is json_strip_nulls(json): the value without its null
// object fields, at every depth, written without whitespace.
func jsonStripNulls(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	values := jsonValues(args[0])
	return jsonResult(k, args, func(i int) (string, bool, error) {
		v, err := values(i)
		if err != nil {
			return "", false, err
		}
		return stripNulls(v).Compact(), true, nil
	})
}
