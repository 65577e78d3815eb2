package planner

import (
	"testing"

	"auger/internal/catalog"
	"auger/internal/expr"
)

// TestPruneColumns narrows the scan to the columns the plan above reads.
func TestPruneColumns(t *testing.T) {
	checkRuleCases(t, []ruleCase{
		{"pruning keeps what the project and filter read", catalog.Unsupported, []string{"prune_columns"}, "", `
Limit offset=0 count=5
  Project "a" AS a, "c" AS c
    Filter (("a" > 1) AND ("c" > 2))
      Scan t columns=[a, c]`},
	})
}

// TestPruneRenumbersColumns checks that after pruning, the project and the
// filter read the right positions of the narrower scan.
func TestPruneRenumbersColumns(t *testing.T) {
	plan, _ := pruneColumns(selectAC(catalog.Unsupported))
	project := plan.(*Limit).Input.(*Project)
	if c := project.Exprs[1].(*expr.Column); c.Index != 1 || c.Name != "c" {
		t.Errorf("project reads %+v, want c at 1", c)
	}
	filter := project.Input.(*Filter)
	right := filter.Cond.(*expr.And).Args[1].(*expr.Compare).Left.(*expr.Column)
	if right.Index != 1 {
		t.Errorf("filter reads c at %d, want 1", right.Index)
	}
	if scan := filter.Input.(*Scan); len(scan.Columns) != 2 || scan.Columns[1] != 2 {
		t.Errorf("scan columns %v, want [0 2]", scan.Columns)
	}
}

// TestPruneThroughSort keeps the columns a Sort orders by and renumbers its
// keys.
func TestPruneThroughSort(t *testing.T) {
	sort := &Sort{Input: testScan(catalog.Unsupported), Keys: []SortKey{{Expr: col(2), Desc: true}}}
	plan, changed := pruneColumns(&Project{Input: sort, Exprs: []expr.Expr{col(0)}, Names: []string{"a"}})
	want := `Project "a" AS a
  Sort "c" DESC NULLS LAST
    Scan t columns=[a, c]
`
	if got := Explain(plan); !changed || got != want {
		t.Fatalf("plan:\n%swant:\n%s", got, want)
	}
	key := plan.(*Project).Input.(*Sort).Keys[0].Expr.(*expr.Column)
	if key.Index != 1 {
		t.Errorf("sort key reads column %d, want 1", key.Index)
	}
}
