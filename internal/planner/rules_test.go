package planner

import (
	"context"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/expr"
)

// verdictTable is an in-memory table whose answer to every offered filter
// is fixed, to show what each rule does with each verdict.
type verdictTable struct {
	*catalog.MemTable
	verdict catalog.FilterVerdict
}

func (v verdictTable) SupportsFilters(filters []expr.Expr) []catalog.FilterVerdict {
	out := make([]catalog.FilterVerdict, len(filters))
	for i := range out {
		out[i] = v.verdict
	}
	return out
}

var threeColumns = arrow.NewSchema([]arrow.Field{
	{Name: "a", Type: arrow.PrimitiveTypes.Int32},
	{Name: "b", Type: arrow.BinaryTypes.String},
	{Name: "c", Type: arrow.PrimitiveTypes.Int64},
}, nil)

func testScan(v catalog.FilterVerdict) *Scan {
	mem := catalog.NewMemTable(threeColumns, func(context.Context) ([][]any, error) { return nil, nil })
	return NewScan(verdictTable{MemTable: mem, verdict: v}, "t")
}

func col(i int) *expr.Column {
	f := threeColumns.Field(i)
	return &expr.Column{Index: i, Name: f.Name, Typ: f.Type}
}

func gt(c *expr.Column, v int32) expr.Expr {
	return &expr.Compare{Op: expr.Gt, Left: c, Right: &expr.Literal{Value: scalar.NewInt32Scalar(v)}}
}

// selectAC is SELECT a, c FROM t WHERE a > 1 AND c > 2 LIMIT 5.
func selectAC(v catalog.FilterVerdict) Node {
	filter := &Filter{Input: testScan(v), Cond: &expr.And{Args: []expr.Expr{gt(col(0), 1), gt(col(2), 2)}}}
	project := &Project{Input: filter, Exprs: []expr.Expr{col(0), col(2)}, Names: []string{"a", "c"}}
	return &Limit{Input: project, Count: 5}
}

func TestRules(t *testing.T) {
	cases := []struct {
		name    string
		verdict catalog.FilterVerdict
		rules   []string
		idle    string // a rule of rules that must report no change
		want    string
	}{
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
		{"limit reaches a scan with exact filters", catalog.Exact, []string{"push_filters", "push_limit"}, "", `
Limit offset=0 count=5
  Project "a" AS a, "c" AS c
    Scan t columns=[a, b, c] filter=("a" > 1)(exact) filter=("c" > 2)(exact) limit=5`},
		{"limit does not pass a filter", catalog.Inexact, []string{"push_filters", "push_limit"}, "push_limit", `
Limit offset=0 count=5
  Project "a" AS a, "c" AS c
    Filter (("a" > 1) AND ("c" > 2))
      Scan t columns=[a, b, c] filter=("a" > 1)(inexact) filter=("c" > 2)(inexact)`},
		{"pruning keeps what the project and filter read", catalog.Unsupported, []string{"prune_columns"}, "", `
Limit offset=0 count=5
  Project "a" AS a, "c" AS c
    Filter (("a" > 1) AND ("c" > 2))
      Scan t columns=[a, c]`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plan := selectAC(c.verdict)
			for _, name := range c.rules {
				var changed bool
				plan, changed = ruleNamed(t, name).Apply(plan)
				if changed == (name == c.idle) {
					t.Errorf("rule %s reported changed=%v", name, changed)
				}
			}
			if got := "\n" + strings.TrimRight(Explain(plan), "\n"); got != c.want {
				t.Errorf("plan:%s\nwant:%s", got, c.want)
			}
		})
	}
}

func ruleNamed(t *testing.T, name string) Rule {
	for _, r := range Rules {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no rule %s", name)
	return Rule{}
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

// TestRulesReportNoChange checks that a rule with nothing to do says so,
// so an optimiser loop can stop.
func TestRulesReportNoChange(t *testing.T) {
	plan := Optimize(selectAC(catalog.Exact))
	for _, r := range Rules {
		if _, changed := r.Apply(plan); changed {
			t.Errorf("rule %s changed an optimised plan again", r.Name)
		}
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

// TestPushJoinFilters moves one-sided WHERE conjuncts under an inner join
// and keeps the two-sided one as its condition.
func TestPushJoinFilters(t *testing.T) {
	left, right := testScan(catalog.Unsupported), testScan(catalog.Unsupported)
	rightA := &expr.Column{Index: 3, Name: "a", Typ: arrow.PrimitiveTypes.Int32}
	both := &expr.Compare{Op: expr.Eq, Left: col(0), Right: rightA}
	where := &expr.And{Args: []expr.Expr{gt(col(0), 1), gt(rightA, 2), both}}
	plan, changed := pushJoinFilters(&Filter{Input: &Join{Left: left, Right: right, Kind: InnerJoin}, Cond: where})
	want := `Join inner on ("a" = "a")
  Filter ("a" > 1)
    Scan t columns=[a, b, c]
  Filter ("a" > 2)
    Scan t columns=[a, b, c]
`
	if got := Explain(plan); !changed || got != want {
		t.Fatalf("plan:\n%swant:\n%s", got, want)
	}
	pushed := plan.(*Join).Right.(*Filter).Cond.(*expr.Compare).Left.(*expr.Column)
	if pushed.Index != 0 {
		t.Errorf("right-side filter reads column %d of the right input, want 0", pushed.Index)
	}
	left2 := &Join{Left: testScan(catalog.Unsupported), Right: testScan(catalog.Unsupported), Kind: LeftJoin}
	if _, changed := pushJoinFilters(&Filter{Input: left2, Cond: gt(rightA, 2)}); changed {
		t.Errorf("a WHERE condition on the null-extended side of a left join must stay above it")
	}
}

// TestPruneJoinInputs narrows both scans of a join to the columns the
// query reads, also below a nested join.
func TestPruneJoinInputs(t *testing.T) {
	rightA := &expr.Column{Index: 3, Name: "a", Typ: arrow.PrimitiveTypes.Int32}
	inner := &Join{Left: testScan(catalog.Unsupported), Right: testScan(catalog.Unsupported), Kind: InnerJoin,
		Cond: &expr.Compare{Op: expr.Eq, Left: col(0), Right: rightA}}
	outerRightC := &expr.Column{Index: 8, Name: "c", Typ: arrow.PrimitiveTypes.Int64}
	outer := &Join{Left: inner, Right: testScan(catalog.Unsupported), Kind: LeftJoin}
	plan := Optimize(&Project{Input: outer, Exprs: []expr.Expr{col(1), outerRightC}, Names: []string{"b", "c"}})
	want := `Project "b" AS b, "c" AS c
  Join left
    Project "b" AS b
      Join inner on ("a" = "a")
        Project "a" AS a, "b" AS b
          Scan t columns=[a, b]
        Project "a" AS a
          Scan t columns=[a]
    Project "c" AS c
      Scan t columns=[c]
`
	if got := Explain(plan); got != want {
		t.Errorf("plan:\n%swant:\n%s", got, want)
	}
}
