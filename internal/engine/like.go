package engine

import "strings"

// likeMatch matches s against a SQL LIKE pattern (% any run, _ one
// character, backslash escapes), case-insensitively as Drill's SHOW
// statements do.
func likeMatch(pattern, s string) bool {
	return like([]rune(strings.ToLower(pattern)), []rune(strings.ToLower(s)))
}

func like(p, s []rune) bool {
	for len(p) > 0 {
		switch p[0] {
		case '%':
			for i := 0; i <= len(s); i++ {
				if like(p[1:], s[i:]) {
					return true
				}
			}
			return false
		case '_':
			if len(s) == 0 {
				return false
			}
		case '\\':
			if len(p) > 1 {
				p = p[1:]
			}
			fallthrough
		default:
			if len(s) == 0 || s[0] != p[0] {
				return false
			}
		}
		p, s = p[1:], s[1:]
	}
	return len(s) == 0
}
