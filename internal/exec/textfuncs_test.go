package exec

import (
	"testing"

	"auger/internal/sqlstate"
)

// TestTextFunctions computes the text functions over columns with NULLs,
// non-ASCII text and PostgreSQL's edge cases (the expected rows are
// PostgreSQL 15's answers).
func TestTextFunctions(t *testing.T) {
	runFunctionCases(t, []functionCase{
		call("upper", texts("zoë É", "NULL", "abc")).gives("ZOë É", "NULL", "ABC"),
		call("lower", texts("ÉMILE", "MiXeD")).gives("Émile", "mixed"),
		call("initcap", texts("émile o'brien hello-world foo_bar 3rd", "hELLO wORLD")).gives("éMile O'Brien Hello-World Foo_Bar 3rd", "Hello World"),
		call("length", texts("zoë", "", "NULL")).gives("3", "0", "NULL"),
		call("char_length", texts("日本語")).gives("3"),
		call("octet_length", texts("zoë")).gives("4"),
		call("bit_length", texts("zoë")).gives("32"),
		call("reverse", texts("zoë", "")).gives("ëoz", ""),
		call("md5", texts("abc")).gives("900150983cd24fb0d6963f7d28e17f72"),
		call("ascii", texts("", "é", "A")).gives("0", "233", "65"),
		call("chr", ints("65", "233", "NULL")).gives("A", "é", "NULL"),
		call("chr", ints("0")).fails(sqlstate.ProgramLimitExceeded, "null character not permitted"),
		call("chr", ints("-1")).fails(sqlstate.InvalidParameterValue, "character number must be positive"),
		call("chr", ints("55296")).fails(sqlstate.ProgramLimitExceeded, "requested character not valid for encoding: 55296"),
		call("repeat", texts("ab", "ab", "ab"), ints("3", "0", "-1")).gives("ababab", "", ""),
		call("repeat", texts("abc"), ints("1000000000")).fails(sqlstate.ProgramLimitExceeded, "requested length too large"),
		call("lpad", texts("hello", "hi", "hi", "hi"), ints("2", "5", "7", "-3"), texts("x", "", "xy", "x")).gives("he", "hi", "xyxyxhi", ""),
		call("rpad", texts("hi", "zoë"), ints("5", "5"), texts("xy", "é")).gives("hixyx", "zoëéé"),
		call("lpad", texts("ab"), ints("4")).gives("  ab"),
		call("split_part", texts("a,b,c", "a,b,c", "a,b,c", "a,b,c", ""), texts(",", ",", ",", "", "x"), ints("2", "-1", "-4", "1", "1")).
			gives("b", "c", "", "a,b,c", ""),
		call("split_part", texts("a,b"), texts(","), ints("0")).fails(sqlstate.InvalidParameterValue, "field position must not be zero"),
		call("translate", texts("12345", "abc"), texts("143", "aa"), texts("ax", "xy")).gives("a2x5", "xbc"),
		call("overlay", texts("Txxxxas", "abc"), texts("hom", "X"), ints("2", "5"), ints("4", "1")).gives("Thomas", "abcX"),
		call("overlay", texts("abc"), texts("X"), ints("2")).gives("aXc"),
		call("overlay", texts("abc"), texts("X"), ints("0")).fails(sqlstate.SubstringError, "negative substring length not allowed"),
		call("substr", texts("hello", "hello", "hello"), ints("2", "-1", "0"), ints("3", "4", "2")).gives("ell", "he", "h"),
		call("strpos", texts("zoë_4", "abc"), texts("_", "x")).gives("4", "0"),
		call("left", texts("abcdef", "abcdef"), ints("2", "-2")).gives("ab", "abcd"),
		call("right", texts("abcdef", "abcdef"), ints("2", "-2")).gives("ef", "cdef"),
		call("btrim", texts("xxhixx"), texts("x")).gives("hi"),
		call("to_hex", ints("-1", "255")).gives("ffffffff", "ff"),
		call("to_hex", bigints("-1", "9223372036854775807")).gives("ffffffffffffffff", "7fffffffffffffff"),
		call("starts_with", texts("alice", "bob", "NULL"), texts("al", "al", "al")).gives("t", "f", "NULL"),
		call("replace", texts("a.b.c", "abc"), texts(".", ""), texts("-", "x")).gives("a-b-c", "abc"),
	})
}

// TestConcatAndFormat checks the functions that take NULLs as values and
// show any type.
func TestConcatAndFormat(t *testing.T) {
	runFunctionCases(t, []functionCase{
		call("concat", texts("a", "NULL"), ints("1", "NULL"), floats("1.5", "NULL")).gives("a11.5", ""),
		call("concat_ws", texts(",", "NULL"), texts("a", "a"), ints("NULL", "2"), texts("b", "b")).gives("a,b", "NULL"),
		call("format", texts("%s has %s", "%2$s-%1$s", "[%-5s|%5s]"), texts("a", "a", "ab"), ints("1", "2", "3")).
			gives("a has 1", "2-a", "[ab   |    3]"),
		call("format", texts("%I.%L %L %%"), texts("Foo"), texts("NULL"), texts("o'k")).gives(`"Foo".NULL 'o''k' %`),
		call("format", texts("NULL", "x")).gives("NULL", "x"),
		call("format", texts("%d"), ints("1")).fails(sqlstate.InvalidParameterValue, `unrecognized format() type specifier "d"`),
		call("format", texts("%s %s"), ints("1")).fails(sqlstate.InvalidParameterValue, "too few arguments for format()"),
		call("format", texts("%I"), texts("NULL")).fails(sqlstate.NullValueNotAllowed, "null values cannot be formatted as an SQL identifier"),
		call("format", texts("abc %")).fails(sqlstate.InvalidParameterValue, "unterminated format() type specifier"),
		call("quote_literal", texts(`O'Re\illy`, "NULL")).gives(`E'O''Re\\illy'`, "NULL"),
		call("quote_literal", ints("42")).gives("'42'"),
		call("quote_nullable", texts("NULL", "x")).gives("NULL", "'x'"),
		call("quote_ident", texts("Foo", "foo", "select", "a b", "_x1$", "zoë", `a"b`)).
			gives(`"Foo"`, "foo", `"select"`, `"a b"`, `"_x1$"`, `"zoë"`, `"a""b"`),
		operator("||", texts("a", "NULL"), ints("1", "2")).gives("a1", "NULL"),
	})
}

// TestPatternFunctions covers regular expressions, SIMILAR TO's and
// LIKE's escapes.
func TestPatternFunctions(t *testing.T) {
	runFunctionCases(t, []functionCase{
		operator("~", texts("abc", "ABC", "NULL"), texts("^a", "^a", "a")).gives("t", "f", "NULL"),
		operator("~*", texts("ABC"), texts("^a")).gives("t"),
		operator("!~", texts("abc"), texts("^a")).gives("f"),
		operator("~", texts("a\nb"), texts("a.b")).gives("t"),
		call("regexp_replace", texts("aAbB"), texts("a"), texts("x"), texts("gi")).gives("xxbB"),
		call("regexp_replace", texts("abcabc"), texts("b"), texts("X")).gives("aXcabc"),
		call("regexp_replace", texts("abc"), texts("(b)"), texts(`[\1\&\\]`)).gives(`a[bb\]c`),
		call("regexp_replace", texts("abcabc"), texts("b"), texts("X"), ints("2")).gives("aXcabc"),
		call("regexp_replace", texts("abcabcabc"), texts("b"), texts("X"), ints("1"), ints("2")).gives("abcaXcabc"),
		call("regexp_replace", texts("abcabcabc"), texts("b"), texts("X"), ints("1"), ints("0")).gives("aXcaXcaXc"),
		call("regexp_replace", texts("a.c"), texts("."), texts("x"), texts("gq")).gives("axc"),
		call("regexp_replace", texts("abc"), texts("b"), texts("x"), texts("z")).fails(sqlstate.InvalidParameterValue, `invalid regular expression option: "z"`),
		call("regexp_replace", texts("abc"), texts("b"), texts("X"), ints("0")).fails(sqlstate.InvalidParameterValue, `invalid value for parameter "start": 0`),
		call("regexp_replace", texts("abc"), texts("("), texts("x")).fails(sqlstate.InvalidRegularExpression, "invalid regular expression"),
		call("regexp_count", texts("abcabc", "abcabc"), texts("b", "b"), ints("1", "3")).gives("2", "1"),
		call("regexp_like", texts("abc"), texts("B"), texts("i")).gives("t"),
		call("regexp_like", texts("abc"), texts("b"), texts("g")).fails(sqlstate.InvalidParameterValue, `regexp_like() does not support the "global" option`),
		call("substring", texts("foobar", "foobar", "foobar"), texts("o(.)b", "x", "o.b")).gives("o", "NULL", "oob"),
		call("substring", texts("foobar"), texts(`%#"o_b#"%`), texts("#")).gives("oob"),
		call("similar_to_escape", texts("a%b_(c|d)")).gives("^(?:a.*b.(?:c|d))$"),
		call("similar_to_escape", texts(`a#"b#"c`), texts("#")).gives("^(?:a){1,1}?(b){1,1}(?:c)$"),
		call("like_escape", texts("a!%b", `a\b`, `a\b`), texts("!", "", "!")).gives(`a\%b`, `a\\b`, `a\\b`),
		call("like_escape", texts("a"), texts("xy")).fails(sqlstate.InvalidEscapeSequence, "invalid escape string"),
	})
}

func TestLikeEndsInEscape(t *testing.T) {
	for _, c := range []struct {
		pattern, s string
		fails      bool
	}{{`a\`, "ab", true}, {`a\`, "a", false}, {`%\`, "abc", true}, {`a\%`, "a%", false}} {
		_, err := likeMatch([]rune(c.pattern), []rune(c.s))
		if (err != nil) != c.fails || c.fails && sqlstate.Code(err) != sqlstate.InvalidEscapeSequence {
			t.Errorf("%q LIKE %q: error %v, want failure %v", c.s, c.pattern, err, c.fails)
		}
	}
}
