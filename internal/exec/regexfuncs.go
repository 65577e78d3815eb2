package exec

import (
	"errors"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/sqlstate"
)

// regexFunctions are the pattern matches: POSIX regular expressions (in
// Go's RE2 syntax, which reads PostgreSQL's common patterns the same),
// SQL's SIMILAR TO, and LIKE's escape clause.
var regexFunctions = []*Overload{
	op("~", params(tText, tText), returns(bool_), regexMatchKernel(false, false)),
	op("~*", params(tText, tText), returns(bool_), regexMatchKernel(true, false)),
	op("!~", params(tText, tText), returns(bool_), regexMatchKernel(false, true)),
	op("!~*", params(tText, tText), returns(bool_), regexMatchKernel(true, true)),
	fn("substring", params(tText, tText), returns(text), regexSubstringKernel),
	fn("substring", params(tText, tText, tText), returns(text), similarSubstringKernel),
	fn("regexp_replace", params(tText, tText, tText), returns(text), regexReplaceKernel),
	fn("regexp_replace", params(tText, tText, tText, tText), returns(text), regexReplaceKernel),
	fn("regexp_replace", params(tText, tText, tText, tInt4), returns(text), regexReplaceKernel),
	fn("regexp_replace", params(tText, tText, tText, tInt4, tInt4), returns(text), regexReplaceKernel),
	fn("regexp_replace", params(tText, tText, tText, tInt4, tInt4, tText), returns(text), regexReplaceKernel),
	fn("regexp_like", params(tText, tText), returns(bool_), regexLikeKernel),
	fn("regexp_like", params(tText, tText, tText), returns(bool_), regexLikeKernel),
	fn("regexp_count", params(tText, tText), returns(int4), regexCountKernel),
	fn("regexp_count", params(tText, tText, tInt4), returns(int4), regexCountKernel),
	fn("regexp_count", params(tText, tText, tInt4, tText), returns(int4), regexCountKernel),
	fn("like_escape", params(tText, tText), returns(text), likeEscapeKernel),
	fn("similar_to_escape", params(tText), returns(text), similarEscapeKernel),
	fn("similar_to_escape", params(tText, tText), returns(text), similarEscapeKernel),
}

// reFlags are the option letters of PostgreSQL's regular-expression
// functions.
type reFlags struct {
	global, ignoreCase, literal, expanded bool
	newline                               byte // 's' (default), 'n', 'p' or 'w'
}

func parseReFlags(flags string, globalAllowed string) (reFlags, error) {
	f := reFlags{newline: 's'}
	for _, c := range flags {
		switch c {
		case 'g':
			if globalAllowed != "" {
				return f, sqlstate.New(sqlstate.InvalidParameterValue, "%s() does not support the \"global\" option", globalAllowed)
			}
			f.global = true
		case 'i':
			f.ignoreCase = true
		case 'c':
			f.ignoreCase = false
		case 'q':
			f.literal = true
		case 'x':
			f.expanded = true
		case 'n', 'm':
			f.newline = 'n'
		case 's', 'p', 'w':
			f.newline = byte(c)
		case 'b', 'e', 't':
		default:
			return f, sqlstate.New(sqlstate.InvalidParameterValue, "invalid regular expression option: %q", string(c))
		}
	}
	return f, nil
}

// source is the Go expression for a PostgreSQL pattern under the flags:
// by default "." matches a newline and ^ $ anchor at the ends only.
func (f reFlags) source(pattern string) string {
	if f.literal {
		pattern = regexp.QuoteMeta(pattern)
	} else if f.expanded {
		pattern = unexpand(pattern)
	}
	mode := map[byte]string{'s': "s", 'n': "m", 'p': "", 'w': "sm"}[f.newline]
	if f.ignoreCase {
		mode += "i"
	}
	if mode == "" {
		return pattern
	}
	return "(?" + mode + ")" + pattern
}

// unexpand drops the white space and #-comments of an expanded (x flag)
// pattern, outside bracket expressions and escapes.
func unexpand(p string) string {
	var b strings.Builder
	inClass, escaped, comment := false, false, false
	for _, r := range p {
		switch {
		case comment:
			comment = r != '\n'
		case escaped:
			b.WriteRune(r)
			escaped = false
		case r == '\\':
			b.WriteRune(r)
			escaped = true
		case inClass:
			b.WriteRune(r)
			inClass = r != ']'
		case r == '[':
			b.WriteRune(r)
			inClass = true
		case r == '#':
			comment = true
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// regexCache compiles each distinct pattern of a batch once.
type regexCache map[string]*regexp.Regexp

func (c regexCache) compile(pattern string, f reFlags) (*regexp.Regexp, error) {
	src := f.source(pattern)
	if re, ok := c[src]; ok {
		return re, nil
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, sqlstate.New(sqlstate.InvalidRegularExpression, "invalid regular expression: %s", regexErrorText(err))
	}
	c[src] = re
	return re, nil
}

// regexErrors are PostgreSQL's words (regerror's) for the syntax errors
// both engines know.
var regexErrors = map[syntax.ErrorCode]string{
	syntax.ErrMissingParen:          "parentheses () not balanced",
	syntax.ErrUnexpectedParen:       "parentheses () not balanced",
	syntax.ErrMissingBracket:        "brackets [] not balanced",
	syntax.ErrMissingRepeatArgument: "quantifier operand invalid",
	syntax.ErrInvalidRepeatOp:       "quantifier operand invalid",
	syntax.ErrInvalidEscape:         "invalid escape \\ sequence",
	syntax.ErrInvalidCharRange:      "invalid character range",
	syntax.ErrInvalidRepeatSize:     "invalid repetition count(s)",
	syntax.ErrInvalidCharClass:      "invalid character class",
}

// regexErrorText says what is wrong with a pattern, in PostgreSQL's words
// where it has them.
func regexErrorText(err error) string {
	var se *syntax.Error
	if errors.As(err, &se) {
		if text, ok := regexErrors[se.Code]; ok {
			return text
		}
	}
	return err.Error()
}

// regexMatchKernel is ~ (~* ignoring case; !~ and !~* negated).
func regexMatchKernel(ignoreCase, negated bool) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		s, p := textAt(args[0]), textAt(args[1])
		cache := regexCache{}
		return strict(boolBuilder(k), k, args, func(i int) (bool, error) {
			re, err := cache.compile(p.Value(i), reFlags{ignoreCase: ignoreCase, newline: 's'})
			if err != nil {
				return false, err
			}
			return re.MatchString(s.Value(i)) != negated, nil
		})
	}
}

// regexSubstringKernel is substring(s from pattern): the part matching the
// first parenthesised group, or the whole match when there is none; NULL
// without a match.
func regexSubstringKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, p := textAt(args[0]), textAt(args[1])
	cache := regexCache{}
	return strictOrNull(stringBuilder(k), k, args, func(i int) (string, bool, error) {
		re, err := cache.compile(p.Value(i), reFlags{newline: 's'})
		if err != nil {
			return "", false, err
		}
		return firstGroup(re, s.Value(i))
	})
}

func firstGroup(re *regexp.Regexp, s string) (string, bool, error) {
	m := re.FindStringSubmatchIndex(s)
	switch {
	case m == nil:
		return "", false, nil
	case len(m) > 2:
		if m[2] < 0 {
			return "", false, nil
		}
		return s[m[2]:m[3]], true, nil
	}
	return s[m[0]:m[1]], true, nil
}

// similarSubstringKernel is substring(s similar pattern escape e): the
// part between the pattern's two escape-double-quotes, or the whole match.
func similarSubstringKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, p, e := textAt(args[0]), textAt(args[1]), textAt(args[2])
	cache := regexCache{}
	return strictOrNull(stringBuilder(k), k, args, func(i int) (string, bool, error) {
		pattern, err := similarToRegex(p.Value(i), e.Value(i))
		if err != nil {
			return "", false, err
		}
		re, err := cache.compile(pattern, reFlags{newline: 's'})
		if err != nil {
			return "", false, err
		}
		return firstGroup(re, s.Value(i))
	})
}

// regexReplaceKernel is regexp_replace(s, pattern, replacement [, flags])
// and PostgreSQL 15's (s, pattern, replacement, start [, n [, flags]]):
// the first match (the n'th; all with the g flag or n = 0) replaced, \1 to
// \9 and \& in the replacement standing for the groups and the match.
func regexReplaceKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, p, r := textAt(args[0]), textAt(args[1]), textAt(args[2])
	cache := regexCache{}
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		opts, err := replaceOptions(args, i)
		if err != nil {
			return "", err
		}
		re, err := cache.compile(p.Value(i), opts.flags)
		if err != nil {
			return "", err
		}
		return replaceMatches(re, s.Value(i), r.Value(i), opts), nil
	})
}

// replaceOpts are regexp_replace's optional arguments for one row.
type replaceOpts struct {
	flags reFlags
	start int64 // 1-based character position where the search begins
	nth   int64 // the match to replace, 0 for all
}

func replaceOptions(args []arrow.Array, i int) (replaceOpts, error) {
	o := replaceOpts{start: 1, nth: 1}
	var flags string
	switch {
	case len(args) == 4 && args[3].DataType().ID() == arrow.STRING:
		flags = textAt(args[3]).Value(i)
	case len(args) >= 4:
		o.start = intAt(args[3])(i)
		if o.start <= 0 {
			return o, sqlstate.New(sqlstate.InvalidParameterValue, "invalid value for parameter \"start\": %d", o.start)
		}
	}
	if len(args) >= 5 {
		if o.nth = intAt(args[4])(i); o.nth < 0 {
			return o, sqlstate.New(sqlstate.InvalidParameterValue, "invalid value for parameter \"n\": %d", o.nth)
		}
	}
	if len(args) == 6 {
		flags = textAt(args[5]).Value(i)
	}
	var err error
	if o.flags, err = parseReFlags(flags, ""); err != nil {
		return o, err
	}
	if o.flags.global && len(args) < 5 {
		o.nth = 0
	}
	return o, nil
}

func replaceMatches(re *regexp.Regexp, s, replacement string, o replaceOpts) string {
	from := byteOffset(s, o.start-1)
	var b strings.Builder
	b.WriteString(s[:from])
	last := from
	for n, m := range re.FindAllStringSubmatchIndex(s[from:], -1) {
		if o.nth != 0 && int64(n+1) != o.nth {
			continue
		}
		b.WriteString(s[last : from+m[0]])
		b.WriteString(expandReplacement(replacement, s[from:], m))
		last = from + m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// byteOffset is the byte offset of the character at position n (0-based),
// the end of s when it has fewer.
func byteOffset(s string, n int64) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// expandReplacement writes a replacement text with \1..\9, \& and \\
// replaced; other backslashes stay.
func expandReplacement(r, s string, m []int) string {
	if !strings.Contains(r, `\`) {
		return r
	}
	var b strings.Builder
	for i := 0; i < len(r); i++ {
		c := r[i]
		if c != '\\' || i+1 == len(r) {
			b.WriteByte(c)
			continue
		}
		next := r[i+1]
		switch {
		case next >= '1' && next <= '9':
			g := int(next - '0')
			if 2*g+1 < len(m) && m[2*g] >= 0 {
				b.WriteString(s[m[2*g]:m[2*g+1]])
			}
		case next == '&':
			b.WriteString(s[m[0]:m[1]])
		case next == '\\':
			b.WriteByte('\\')
		default:
			b.WriteByte('\\')
			b.WriteByte(next)
		}
		i++
	}
	return b.String()
}

func regexLikeKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, p := textAt(args[0]), textAt(args[1])
	cache := regexCache{}
	return strict(boolBuilder(k), k, args, func(i int) (bool, error) {
		var flags string
		if len(args) > 2 {
			flags = textAt(args[2]).Value(i)
		}
		f, err := parseReFlags(flags, "regexp_like")
		if err != nil {
			return false, err
		}
		re, err := cache.compile(p.Value(i), f)
		if err != nil {
			return false, err
		}
		return re.MatchString(s.Value(i)), nil
	})
}

// regexCountKernel is regexp_count(s, pattern [, start [, flags]]).
func regexCountKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	s, p := textAt(args[0]), textAt(args[1])
	cache := regexCache{}
	return strict(int32Builder(k), k, args, func(i int) (int32, error) {
		start, flags := int64(1), ""
		if len(args) > 2 {
			if start = intAt(args[2])(i); start <= 0 {
				return 0, sqlstate.New(sqlstate.InvalidParameterValue, "invalid value for parameter \"start\": %d", start)
			}
		}
		if len(args) > 3 {
			flags = textAt(args[3]).Value(i)
		}
		f, err := parseReFlags(flags, "regexp_count")
		if err != nil {
			return 0, err
		}
		re, err := cache.compile(p.Value(i), f)
		if err != nil {
			return 0, err
		}
		v := s.Value(i)
		return int32(len(re.FindAllStringIndex(v[byteOffset(v, start-1):], -1))), nil
	})
}

// likeEscapeKernel is like_escape(pattern, escape), which LIKE ... ESCAPE
// calls: the pattern rewritten to escape with a backslash.
func likeEscapeKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	p, e := textAt(args[0]), textAt(args[1])
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		return likeEscape(p.Value(i), e.Value(i))
	})
}

func invalidEscape() error {
	return sqlstate.New(sqlstate.InvalidEscapeSequence, "invalid escape string").
		WithHint("Escape string must be empty or one character.")
}

func likeEscape(pattern, escape string) (string, error) {
	switch {
	case escape == "":
		return strings.ReplaceAll(pattern, `\`, `\\`), nil
	case utf8.RuneCountInString(escape) != 1:
		return "", invalidEscape()
	case escape == `\`:
		return pattern, nil
	}
	e, _ := utf8.DecodeRuneInString(escape)
	var b strings.Builder
	after := false
	for _, r := range pattern {
		switch {
		case r == e && !after:
			b.WriteByte('\\')
			after = true
			continue
		case r == '\\':
			b.WriteByte('\\')
			if !after {
				b.WriteByte('\\')
			}
		default:
			b.WriteRune(r)
		}
		after = false
	}
	return b.String(), nil
}

// similarEscapeKernel is similar_to_escape(pattern [, escape]), which
// SIMILAR TO calls: the POSIX expression of an SQL regular expression.
func similarEscapeKernel(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
	p := textAt(args[0])
	return strict(stringBuilder(k), k, args, func(i int) (string, error) {
		if len(args) == 1 {
			return similarToRegex(p.Value(i), `\`)
		}
		return similarToRegex(p.Value(i), textAt(args[1]).Value(i))
	})
}

// similarToRegex translates SIMILAR TO's pattern into a regular expression
// anchored at both ends: % and _ become .* and ., an escape-double-quote
// pair marks the part substring returns. An empty escape means none.
func similarToRegex(pattern, escape string) (string, error) {
	if utf8.RuneCountInString(escape) > 1 {
		return "", invalidEscape()
	}
	e, _ := utf8.DecodeRuneInString(escape)
	useEscape := escape != ""
	var b strings.Builder
	b.WriteString("^(?:")
	after, inClass, quotes := false, false, 0
	for _, r := range pattern {
		switch {
		case after:
			after = false
			if r == '"' && !inClass {
				if quotes > 1 {
					return "", sqlstate.New(sqlstate.InvalidUseOfEscapeCharacter,
						"SQL regular expression may not contain more than two escape-double-quote separators")
				}
				b.WriteString([]string{"){1,1}?(", "){1,1}(?:"}[quotes])
				quotes++
				continue
			}
			b.WriteByte('\\')
			b.WriteRune(r)
		case useEscape && r == e:
			after = true
		case inClass:
			if r == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
			inClass = r != ']'
		case r == '[':
			b.WriteRune(r)
			inClass = true
		case r == '%':
			b.WriteString(".*")
		case r == '_':
			b.WriteByte('.')
		case r == '(':
			b.WriteString("(?:")
		case r == '\\' || r == '.' || r == '^' || r == '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(")$")
	return b.String(), nil
}

// likeMatch tells whether s matches a LIKE pattern (% any run, _ one
// character, backslash escapes), as PostgreSQL's MatchText does, with its
// error for a pattern ending in an escape.
func likeMatch(p, s []rune) (bool, error) {
	r, err := matchText(p, s)
	return r == likeTrue, err
}

type likeResult int

const (
	likeFalse likeResult = iota
	likeTrue
	likeAbort // no later start of the text can match either
)

func endsInEscape() error {
	return sqlstate.New(sqlstate.InvalidEscapeSequence, "LIKE pattern must not end with escape character")
}

func matchText(p, s []rune) (likeResult, error) {
	if len(p) == 1 && p[0] == '%' {
		return likeTrue, nil
	}
	for len(s) > 0 && len(p) > 0 {
		switch p[0] {
		case '\\':
			p = p[1:]
			if len(p) == 0 {
				return likeFalse, endsInEscape()
			}
			if p[0] != s[0] {
				return likeFalse, nil
			}
		case '%':
			return matchPercent(p[1:], s)
		case '_':
		default:
			if p[0] != s[0] {
				return likeFalse, nil
			}
		}
		p, s = p[1:], s[1:]
	}
	if len(s) > 0 {
		return likeFalse, nil
	}
	for len(p) > 0 && p[0] == '%' {
		p = p[1:]
	}
	if len(p) == 0 {
		return likeTrue, nil
	}
	return likeAbort, nil
}

// matchPercent matches the pattern after a % against s: wildcards first,
// then each text position where the next literal matches.
func matchPercent(p, s []rune) (likeResult, error) {
	for len(p) > 0 && (p[0] == '%' || p[0] == '_') {
		if p[0] == '_' {
			if len(s) == 0 {
				return likeAbort, nil
			}
			s = s[1:]
		}
		p = p[1:]
	}
	if len(p) == 0 {
		return likeTrue, nil
	}
	first := p[0]
	if first == '\\' {
		if len(p) < 2 {
			return likeFalse, endsInEscape()
		}
		first = p[1]
	}
	for ; len(s) > 0; s = s[1:] {
		if s[0] != first {
			continue
		}
		if r, err := matchText(p, s); r != likeFalse || err != nil {
			return r, err
		}
	}
	return likeAbort, nil
}
