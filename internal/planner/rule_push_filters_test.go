package planner

import (
	"testing"

	"auger/internal/catalog"
)

// TestPushFilters hands WHERE conjuncts to the scan and keeps above it
// those the scan does not answer exactly.
func TestPushFilters(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		{"exact filters leave the plan", catalog.Exact, []string{"push_filters"}, "", `
Limit offset=0 count=5
  Project "a" AS a, "c" AS c
    Scan t columns=[a, b, c] filter=("a" > 1)(exact) filter=("c" > 2)(exact)`},
		{"inexact filters stay above", catalog.Inexact, []string{"push_filters"}, "", `
Limit offset=0 count=5
  Project "a" AS a, "c" AS c
    Filter (("a" > 1) AND ("c" > 2))
      Scan t columns=[a, b, c] filter=("a" > 1)(inexact) filter=("c" > 2)(inexact)`},
		{"unsupported filters are not pushed", catalog.Unsupported, []string{"push_filters"}, "push_filters", `
Limit offset=0 count=5
  Project "a" AS a, "c" AS c
    Filter (("a" > 1) AND ("c" > 2))
      Scan t columns=[a, b, c]`},
	})
}
