package engine

import (
	"strings"

	"auger/internal/exec"
)

// likeMatch matches s against a SQL LIKE pattern case-insensitively, as
// Drill's SHOW statements do.
func likeMatch(pattern, s string) bool {
	return exec.Like(strings.ToLower(pattern), strings.ToLower(s))
}
