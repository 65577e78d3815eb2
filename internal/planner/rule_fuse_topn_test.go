package planner

import (
	"testing"

	"auger/internal/catalog"
	"auger/internal/expr"
)

func TestFuseTopN(t *testing.T) {
	sorted := func() Node {
		return &Sort{Input: testScan(catalog.Unsupported), Keys: []SortKey{{Expr: col(2), Desc: true}}}
	}
	project := func(n Node) Node { return &Project{Input: n, Exprs: []expr.Expr{col(0)}, Names: []string{"a"}} }
	cases := []struct {
		name    string
		plan    Node
		changed bool
		want    string
	}{
		{"a limit over a sort", &Limit{Input: sorted(), Offset: 2, Count: 5}, true, `TopN offset=2 count=5 "c" DESC NULLS LAST
  Scan t columns=[a, b, c]
`},
		{"a limit over a project over a sort", &Limit{Input: project(sorted()), Count: 10}, true, `Project "a" AS a
  TopN offset=0 count=10 "c" DESC NULLS LAST
    Scan t columns=[a, b, c]
`},
		{"a limit too large to keep", &Limit{Input: sorted(), Offset: maxTopNRows, Count: 1}, false, `Limit offset=10000 count=1
  Sort "c" DESC NULLS LAST
    Scan t columns=[a, b, c]
`},
		{"LIMIT 0 reads nothing and stays", &Limit{Input: sorted(), Count: 0}, false, `Limit offset=0 count=0
  Sort "c" DESC NULLS LAST
    Scan t columns=[a, b, c]
`},
		{"OFFSET alone stays", &Limit{Input: sorted(), Offset: 3, Count: -1}, false, `Limit offset=3 count=-1
  Sort "c" DESC NULLS LAST
    Scan t columns=[a, b, c]
`},
		{"a filter between them stops the fusion", &Limit{Input: &Filter{Input: sorted(), Cond: gt(col(0), 1)}, Count: 3}, false, `Limit offset=0 count=3
  Filter ("a" > 1)
    Sort "c" DESC NULLS LAST
      Scan t columns=[a, b, c]
`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plan, changed := ruleNamed(t, "fuse_topn").Apply(c.plan)
			if changed != c.changed {
				t.Errorf("changed = %v", changed)
			}
			if got := Explain(plan); got != c.want {
				t.Errorf("plan:\n%swant:\n%s", got, c.want)
			}
			if _, again := fuseTopN(plan); again {
				t.Error("the rule changed its own result again")
			}
		})
	}
}
