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

// ruleCase is one run of a sequence of rules over selectAC.
type ruleCase struct {
	name    string
	verdict catalog.FilterVerdict
	rules   []string
	idle    string // a rule of rules that must report no change
	want    string
}

// checkRuleCases applies each case's rules in order to selectAC and
// compares the plan with the expected EXPLAIN text.
func checkRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
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

// TestRulesReportNoChange checks that a rule with nothing to do says so,
// so an optimiser loop can stop.
func TestRulesReportNoChange(t *testing.T) {
	plan := Optimize(selectAC(catalog.Exact), Options{})
	for _, r := range Rules {
		if _, changed := r.Apply(plan); changed {
			t.Errorf("rule %s changed an optimised plan again", r.Name)
		}
	}
}
