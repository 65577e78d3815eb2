package exec

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

func jsons(values ...string) arg  { return arg{types.JSON, values} }
func jsonbs(values ...string) arg { return arg{types.JSONB, values} }
func paths(values ...string) arg {
	return arg{types.ArrayOf(tTextType), values}
}

func TestJSONOperators(t *testing.T) {
	runFunctionCases(t, []functionCase{
		operator("->", jsons(`{"a": [1,  2]}`, `{"a":1,"a":2}`, `[1]`, "NULL"), texts("a", "a", "a", "a")).
			gives("[1,  2]", "2", "NULL", "NULL"),
		operator("->", jsonbs(`[1,2,3]`, `[1,2,3]`, `42`, `{"a":1}`), ints("-1", "-4", "-1", "0")).
			gives("3", "NULL", "42", "NULL"),
		operator("->>", jsonbs(`{"a":"x\ty"}`, `{"a":null}`, `{"a":[1,2]}`), texts("a", "a", "a")).
			gives("x\ty", "NULL", "[1, 2]"),
		operator("#>", jsonbs(`{"a":{"b":[10,20]}}`, `{"a":1}`, `{"a":1}`), paths("{a,b,-1}", "{}", "{a,NULL}")).
			gives("20", `{"a": 1}`, "NULL"),
		operator("#>>", jsons(`{"a":{"b":"x"}}`, `[0, [1, "y"]]`), paths("{a,b}", "{1,1}")).gives("x", "y"),
		operator("@>", jsonbs(`[1,2]`, `{"a":[1,2,3],"b":{"c":1}}`, `[1,2]`, `[1,[2,3]]`), jsonbs(`1`, `{"a":[3],"b":{}}`, `[[1]]`, `[[3]]`)).
			gives("t", "t", "f", "t"),
		operator("<@", jsonbs(`{"a":1}`, `{"a":1}`), jsonbs(`{"a":1,"b":2}`, `{"a":"1"}`)).gives("t", "f"),
		operator("?", jsonbs(`"a"`, `["a",1]`, `{"b":1}`, `{"b":1}`), texts("a", "a", "a", "b")).gives("t", "t", "f", "t"),
		operator("?|", jsonbs(`["a",1]`, `{"x":1}`), paths("{b,a}", "{y,NULL}")).gives("t", "f"),
		operator("?&", jsonbs(`{"a":1,"b":2}`, `{"a":1}`), paths("{a,b,NULL}", "{a,b}")).gives("t", "f"),
		operator("||", jsonbs(`[1,2]`, `{"a":1}`, `1`, `{"a":1}`), jsonbs(`3`, `{"a":2,"b":3}`, `2`, `[2]`)).
			gives("[1, 2, 3]", `{"a": 2, "b": 3}`, "[1, 2]", `[{"a": 1}, 2]`),
		operator("-", jsonbs(`{"a":1,"b":2}`, `["a","b","a"]`), texts("a", "a")).gives(`{"b": 2}`, `["b"]`),
		operator("-", jsonbs(`[1,2,3]`, `[1,2]`), ints("-1", "5")).gives("[1, 2]", "[1, 2]"),
		operator("-", jsonbs(`{"a":1}`), ints("0")).fails(sqlstate.InvalidParameterValue, "cannot delete from object using integer index"),
		operator("-", jsonbs(`1`), texts("a")).fails(sqlstate.InvalidParameterValue, "cannot delete from scalar"),
	})
}

func TestJSONFunctions(t *testing.T) {
	runFunctionCases(t, []functionCase{
		call("json_typeof", jsons("1", " [ ] ", "null", `"x"`, "{}", "true")).
			gives("number", "array", "null", "string", "object", "boolean"),
		call("jsonb_array_length", jsonbs("[]", "[1,[2,3]]")).gives("0", "2"),
		call("json_array_length", jsons(`{"a":1}`)).fails(sqlstate.InvalidParameterValue, "cannot get array length of a non-array"),
		call("jsonb_array_length", jsonbs("1")).fails(sqlstate.InvalidParameterValue, "cannot get array length of a scalar"),
		call("jsonb_extract_path_text", jsonbs(`{"a":{"b":"x"}}`), texts("a"), texts("b")).gives("x"),
		call("jsonb_build_object", texts("b", "a"), ints("1", "2"), texts("a", "b"), ints("3", "4")).
			gives(`{"a": 3, "b": 1}`, `{"a": 2, "b": 4}`),
		call("json_build_object", texts("k"), texts("NULL")).gives(`{"k" : null}`),
		call("json_build_object", texts("NULL"), ints("1")).fails(sqlstate.InvalidParameterValue, "argument 1 cannot be null"),
		call("json_build_array", ints("1"), texts(`a"b`), floats("NaN")).gives(`[1, "a\"b", "NaN"]`),
		call("to_jsonb", texts("x", "NULL")).gives(`"x"`, "NULL"),
		call("jsonb_strip_nulls", jsonbs(`{"a":null,"b":[null,{"c":null}]}`)).gives(`{"b": [null, {}]}`),
		call("jsonb_set", jsonbs(`{"a":{"b":1}}`, `[1,2]`, `[1,2]`), paths("{a,b}", "{-1}", "{5}"), jsonbs("2", "9", "9")).
			gives(`{"a": {"b": 2}}`, "[1, 9]", "[1, 2, 9]"),
		call("jsonb_pretty", jsonbs(`{"a":[1,{}]}`, "[]", "1")).gives("{\n    \"a\": [\n        1,\n        {\n        }\n    ]\n}", "[\n]", "1"),
	})
}

func TestByteaFunctions(t *testing.T) {
	bytes := func(values ...string) arg { return arg{byteaType, values} }
	runFunctionCases(t, []functionCase{
		call("encode", bytes(`\x00ff41`, `\x5c`, "abc"), texts("escape", "escape", "base64")).gives(`\000\377A`, `\\`, "YWJj"),
		call("decode", texts("YW Jj", "616263", `a\\b\001`), texts("base64", "hex", "escape")).gives(`\x616263`, `\x616263`, `\x615c6201`),
		call("decode", texts("zz"), texts("hex")).fails(sqlstate.InvalidParameterValue, `invalid hexadecimal digit: "z"`),
		call("decode", texts("YWJ"), texts("base64")).fails(sqlstate.InvalidParameterValue, "invalid base64 end sequence"),
		call("encode", bytes("abc"), texts("foo")).fails(sqlstate.InvalidParameterValue, `unrecognized encoding: "foo"`),
		call("get_byte", bytes("abc"), ints("1")).gives("98"),
		call("get_byte", bytes("abc"), ints("3")).fails("2202E", "index 3 out of valid range, 0..2"),
		call("substring", bytes("abcdef", "abc"), ints("2", "-1"), ints("3", "3")).gives(`\x626364`, `\x61`),
		call("sha256", bytes("abc")).gives(`\xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad`),
	})
}

func TestJSONPathFunctions(t *testing.T) {
	runFunctionCases(t, []functionCase{
		operator("#-", jsonbs(`{"a":{"b":1,"c":2}}`, `[1,2,3]`, `[1,2,3]`, `{"a":1}`, `[1,[2,3]]`), paths("{a,b}", "{-1}", "{5}", "{x,y}", "{1,-2}")).
			gives(`{"a": {"c": 2}}`, "[1, 2]", "[1, 2, 3]", `{"a": 1}`, "[1, [3]]"),
		operator("#-", jsonbs(`1`), paths("{a}")).fails(sqlstate.InvalidParameterValue, "cannot delete path in scalar"),
		operator("#-", jsonbs(`[1]`), paths("{a}")).fails(sqlstate.InvalidTextRepresentation, `path element at position 1 is not an integer: "a"`),
		operator("#-", jsonbs(`{"a":1}`), paths("{a,NULL}")).fails(sqlstate.NullValueNotAllowed, "path element at position 2 is null"),
		call("jsonb_insert", jsonbs(`{"a":[1,2]}`, `{"a":[1,2]}`, `[1,2]`, `{"a":1}`, `[]`), paths("{a,1}", "{a,-9}", "{9}", "{b}", "{0}"), jsonbs("9", "9", "9", "2", "2")).
			gives(`{"a": [1, 9, 2]}`, `{"a": [9, 1, 2]}`, "[1, 2, 9]", `{"a": 1, "b": 2}`, "[2]"),
		call("jsonb_insert", jsonbs(`{"a":[1,2]}`), paths("{a,0}"), jsonbs("9"), arg{arrow.FixedWidthTypes.Boolean, []string{"t"}}).gives(`{"a": [1, 9, 2]}`),
		call("jsonb_insert", jsonbs(`{"a":1}`), paths("{a}"), jsonbs("2")).fails(sqlstate.InvalidParameterValue, "cannot replace existing key"),
		call("json_strip_nulls", jsons(`{"a":null, "b" : [null, {"c":null,"d":1.50}]}`, `[ 1 , null ]`)).gives(`{"b":[null,{"d":1.50}]}`, "[1,null]"),
	})
}
