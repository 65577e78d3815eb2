package exec

import (
	"regexp"
	"strings"
	"testing"
)

// TestRegexSplit cuts as PostgreSQL's regexp_split_to_array does: empty
// matches at the ends of the text or right after a match do not cut.
func TestRegexSplit(t *testing.T) {
	cases := []struct{ s, pattern, want string }{
		{"hello world  x", `\s+`, "hello|world|x"},
		{"hello", ``, "h|e|l|l|o"},
		{"axbxc", `x*`, "a|b|c"},
		{"abcbd", `b*`, "a|c|d"},
		{"", `x`, ""},
		{"abc", `abc`, "|"},
		{",a,", `,`, "|a|"},
	}
	for _, c := range cases {
		var parts []string
		for _, p := range regexSplit(regexp.MustCompile(c.pattern), c.s) {
			parts = append(parts, *p)
		}
		if got := strings.Join(parts, "|"); got != c.want {
			t.Errorf("split %q by %q = %q, want %q", c.s, c.pattern, got, c.want)
		}
	}
}

// TestMatchGroups gives the groups of a match, NULL for one not taking
// part, or the whole match without groups.
func TestMatchGroups(t *testing.T) {
	s := "foobar"
	groups := matchGroups(s, regexp.MustCompile(`(o+)(x)?(b)`).FindStringSubmatchIndex(s))
	if len(groups) != 3 || *groups[0] != "oo" || groups[1] != nil || *groups[2] != "b" {
		t.Errorf("groups %v", groups)
	}
	whole := matchGroups(s, regexp.MustCompile(`o+b`).FindStringSubmatchIndex(s))
	if len(whole) != 1 || *whole[0] != "oob" {
		t.Errorf("whole match %v", whole)
	}
}
