package exec

import (
	"regexp"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// textArray is the type of text[] values.
var textArray = types.ArrayOf(arrow.BinaryTypes.String)

// regexArrayFunctions are the regular-expression functions that return
// text[]: the groups of the first match, and the pieces between matches.
var regexArrayFunctions = []*Overload{
	fn("regexp_match", params(tText, tText), returns(textArray), regexMatchGroupsKernel),
	fn("regexp_match", params(tText, tText, tText), returns(textArray), regexMatchGroupsKernel),
	fn("regexp_split_to_array", params(tText, tText), returns(textArray), regexSplitKernel),
	fn("regexp_split_to_array", params(tText, tText, tText), returns(textArray), regexSplitKernel),
}

// textArrayBuilder builds a text[] column from rows of elements, a nil
// element standing for NULL.
type textArrayBuilder struct {
	*array.ListBuilder
	values *array.StringBuilder
}

func newTextArrayBuilder(k *KernelContext) *textArrayBuilder {
	b := array.NewListBuilder(k.Mem, arrow.BinaryTypes.String)
	return &textArrayBuilder{ListBuilder: b, values: b.ValueBuilder().(*array.StringBuilder)}
}

// Append adds one array.
func (b *textArrayBuilder) Append(elems []*string) {
	b.ListBuilder.Append(true)
	for _, e := range elems {
		if e == nil {
			b.values.AppendNull()
		} else {
			b.values.Append(*e)
		}
	}
}

// regexOptions compiles row i's pattern under its flags (the third
// argument, when given); fn names the function for its errors.
func regexOptions(cache regexCache, args []arrow.Array, i int, fn string) (*regexp.Regexp, reFlags, error) {
	flags := ""
	if len(args) > 2 {
		flags = textAt(args[2]).Value(i)
	}
	f, err := parseReFlags(flags, fn)
	if err != nil {
		return nil, f, err
	}
	re, err := cache.compile(textAt(args[1]).Value(i), f)
	return re, f, err
}

// regexMatchGroupsKernel is regexp_match(s, pattern [, flags]): the
// parenthesised groups of the first match (NULL for a group that took no
// part), or the whole match when there are none; NULL without a match.
func regexMatchGroupsKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, cache := textAt(args[0]), regexCache{}
	return strictOrNull(newTextArrayBuilder(k), k, args, func(i int) ([]*string, bool, error) {
		re, _, err := regexOptions(cache, args, i, "regexp_match")
		if err != nil {
			return nil, false, withMatchesHint(err)
		}
		m := re.FindStringSubmatchIndex(s.Value(i))
		if m == nil {
			return nil, false, nil
		}
		return matchGroups(s.Value(i), m), true, nil
	})
}

// withMatchesHint points a refused "global" option to regexp_matches.
func withMatchesHint(err error) error {
	if e, ok := err.(*sqlstate.Error); ok && e.Code == sqlstate.InvalidParameterValue {
		return e.WithHint("Use the regexp_matches function instead.")
	}
	return err
}

// matchGroups are a match's groups as regexp_match and regexp_matches
// return them.
func matchGroups(s string, m []int) []*string {
	if len(m) == 2 {
		whole := s[m[0]:m[1]]
		return []*string{&whole}
	}
	out := make([]*string, 0, len(m)/2-1)
	for g := 2; g < len(m); g += 2 {
		if m[g] < 0 {
			out = append(out, nil)
			continue
		}
		part := s[m[g]:m[g+1]]
		out = append(out, &part)
	}
	return out
}

// regexSplitKernel is regexp_split_to_array(s, pattern [, flags]): the
// pieces of s between the matches of pattern.
func regexSplitKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, cache := textAt(args[0]), regexCache{}
	return strict(newTextArrayBuilder(k), k, args, func(i int) ([]*string, error) {
		re, _, err := regexOptions(cache, args, i, "regexp_split_to_array")
		if err != nil {
			return nil, err
		}
		return regexSplit(re, s.Value(i)), nil
	})
}

// regexSplit cuts s at the matches of re; as in PostgreSQL, an empty match
// at either end of s or right after another match does not cut.
func regexSplit(re *regexp.Regexp, s string) []*string {
	var out []*string
	start := 0
	for _, m := range re.FindAllStringIndex(s, -1) {
		if m[0] == m[1] && (m[0] == 0 || m[0] == len(s) || m[0] == start && start > 0) {
			continue
		}
		piece := s[start:m[0]]
		out = append(out, &piece)
		start = m[1]
	}
	rest := s[start:]
	return append(out, &rest)
}
