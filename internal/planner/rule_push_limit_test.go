package planner

import (
	"testing"

	"auger/internal/catalog"
)

// TestPushLimit gives a scan its row limit only when nothing between the
// Limit and the scan can drop rows.
func TestPushLimit(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		{"limit reaches a scan with exact filters", catalog.Exact, []string{"push_filters", "push_limit"}, "", `
Limit offset=0 count=5
  Project "a" AS a, "c" AS c
    Scan t columns=[a, b, c] filter=("a" > 1)(exact) filter=("c" > 2)(exact) limit=5`},
		{"limit does not pass a filter", catalog.Inexact, []string{"push_filters", "push_limit"}, "push_limit", `
Limit offset=0 count=5
  Project "a" AS a, "c" AS c
    Filter (("a" > 1) AND ("c" > 2))
      Scan t columns=[a, b, c] filter=("a" > 1)(inexact) filter=("c" > 2)(inexact)`},
	})
}
