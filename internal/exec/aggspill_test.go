package exec

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// spillInput yields batches of 1000 rows of (k text, m int32, v int32,
// s text, n numeric, ok bool). key gives row r its k; m is r % 3, v
// repeats every 50 rows, n is r/100 as a numeric.
func spillInput(t *testing.T, batches int, key func(r int) string) Operator {
	t.Helper()
	var out []arrow.RecordBatch
	for b := 0; b < batches; b++ {
		cols := make([][]any, 6)
		for i := 0; i < 1000; i++ {
			r := b*1000 + i
			cols[0] = append(cols[0], key(r))
			cols[1] = append(cols[1], r%3)
			cols[2] = append(cols[2], r%50)
			cols[3] = append(cols[3], fmt.Sprintf("s%d", r%7))
			cols[4] = append(cols[4], fmt.Sprintf("%d.%02d", r/100, r%100))
			cols[5] = append(cols[5], r%4 != 0)
		}
		out = append(out, batchOf(arrayOf(t, text, cols[0]...), arrayOf(t, i32, cols[1]...), arrayOf(t, i32, cols[2]...),
			arrayOf(t, text, cols[3]...), arrayOf(t, types.Numeric, cols[4]...), arrayOf(t, boolean, cols[5]...)))
	}
	return catalog.NewSliceReader(out...)
}

var (
	spillK   = col(0, text)
	spillMod = col(1, i32)
	spillV   = col(2, i32)
	spillS   = col(3, text)
	spillN   = col(4, types.Numeric)
	spillOK  = col(5, boolean)
)

// spillAggregates are aggregates of every kind the aggregation treats
// apart: plain, DISTINCT, ORDER BY in the call, FILTER, exact numerics.
var spillAggregates = []AggSpec{
	{Func: "count", Typ: i64},
	{Func: "count", Arg: spillV, Distinct: true, Typ: i64},
	{Func: "string_agg", Arg: spillS, Sep: ",", Typ: text, OrderBy: []SortKey{{Expr: spillV, Desc: true}, {Expr: spillS}}},
	{Func: "avg", Arg: spillN, Typ: types.Numeric},
	{Func: "sum", Arg: spillV, Filter: spillOK, Typ: i64},
	{Func: "string_agg", Arg: spillS, Sep: "", Distinct: true, Typ: text},
}

// aggregateUnder runs an aggregate under a budget of limit bytes (0: no
// limit) and returns its rows sorted and how much it spilled.
func aggregateUnder(t *testing.T, limit int64, op Operator) ([]string, int64, error) {
	t.Helper()
	ctx, budget, space := queryContext(t, limit)
	rows, err := runOperator(ctx, op)
	written := space.Written()
	assertReleased(t, budget, space)
	sort.Strings(rows)
	return rows, written, err
}

// TestHashAggregateSpillsExactly aggregates 20000 rows in 5000 groups
// through a budget far too small for them: the aggregate spills, and its
// groups are those of the unlimited aggregation, for every kind of
// aggregate and with grouping sets; no file and no memory is left.
func TestHashAggregateSpillsExactly(t *testing.T) {
	cases := []struct {
		name string
		key  func(r int) string
		aggs []AggSpec
		sets [][]int
	}{
		// Each key's rows come together, so no group held grows after
		// the spill: every aggregate can spill.
		{"every kind of aggregate", func(r int) string { return fmt.Sprintf("k%d", r/4) }, spillAggregates, nil},
		{"grouping sets", func(r int) string { return fmt.Sprintf("k%d", r/4) },
			[]AggSpec{spillAggregates[0], spillAggregates[1], spillAggregates[3], {Func: "grouping", Grouping: []int{0, 1}, Typ: i32}},
			[][]int{{0, 1}, {0}, {1}, {}}},
		// Keys that come back all through the input suit aggregates whose
		// state per group does not grow.
		{"keys spread over the input", func(r int) string { return fmt.Sprintf("k%d", r%5000) },
			[]AggSpec{spillAggregates[0], spillAggregates[3], spillAggregates[4], {Func: "max", Arg: spillS, Typ: text}}, nil},
		{"DISTINCT rows", func(r int) string { return fmt.Sprintf("k%d", r%5000) }, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			groups := []expr.Expr{spillK, spillMod}
			build := func() Operator {
				op := NewHashAggregate(spillInput(t, 20, c.key), groups, c.aggs, aggregateSchema(groups, c.aggs))
				if c.sets != nil {
					op = op.WithGroupingSets(c.sets)
				}
				return op
			}
			want, written, err := aggregateUnder(t, 0, build())
			if err != nil || written != 0 {
				t.Fatalf("unlimited: %v, spilled %d bytes", err, written)
			}
			got, written, err := aggregateUnder(t, 64<<10, build())
			if err != nil {
				t.Fatalf("in 64kB: %v", err)
			}
			if written == 0 {
				t.Error("the aggregate did not spill")
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("%d rows spilled, %d in memory; first difference at %d", len(got), len(want), firstDifference(got, want))
			}
		})
	}
}

// TestHashAggregateSpillLimits checks what cannot spill still fails with
// 53200, leaving nothing behind: the one group of an aggregate without
// GROUP BY, and groups held whose ordered rows go on growing after the
// spill.
func TestHashAggregateSpillLimits(t *testing.T) {
	few := func(r int) string { return fmt.Sprintf("k%d", r%3) }
	cases := []struct {
		name   string
		groups []expr.Expr
		aggs   []AggSpec
	}{
		{"no GROUP BY", nil, []AggSpec{spillAggregates[2]}},
		{"groups held keep growing", []expr.Expr{spillK}, []AggSpec{spillAggregates[2]}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			op := NewHashAggregate(spillInput(t, 20, few), c.groups, c.aggs, aggregateSchema(c.groups, c.aggs))
			_, _, err := aggregateUnder(t, 64<<10, op)
			if sqlstate.Code(err) != sqlstate.OutOfMemory {
				t.Errorf("got %v, want 53200", err)
			}
		})
	}
}

// TestHashAggregateSpillCleansUpOnCancel cancels a spilled aggregate
// while it yields the groups of its files: Close removes them all.
func TestHashAggregateSpillCleansUpOnCancel(t *testing.T) {
	ctx, budget, space := queryContext(t, 64<<10)
	ctx, cancel := context.WithCancel(ctx)
	groups := []expr.Expr{spillK}
	aggs := spillAggregates[:1]
	op := NewHashAggregate(spillInput(t, 20, func(r int) string { return fmt.Sprintf("k%d", r) }), groups, aggs, aggregateSchema(groups, aggs))
	b, err := op.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b.Release()
	if space.folder() == "" || space.Written() == 0 {
		t.Fatal("the aggregate did not spill")
	}
	cancel()
	for err == nil {
		if b, err = op.Next(ctx); err == nil {
			b.Release()
		}
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Next after cancel: %v", err)
	}
	op.Close()
	if files, _ := os.ReadDir(space.folder()); len(files) != 0 {
		t.Errorf("%d spill files left after Close", len(files))
	}
	assertReleased(t, budget, space)
}

// TestHashAggregateSpillCleansUpAfterAnError fails the input of an
// aggregate once it has spilled: the error reaches the caller, and no
// file and no memory is left.
func TestHashAggregateSpillCleansUpAfterAnError(t *testing.T) {
	ctx, budget, space := queryContext(t, 64<<10)
	input := spillInput(t, 20, func(r int) string { return fmt.Sprintf("k%d", r) })
	var batches []arrow.RecordBatch
	for {
		b, err := input.Next(ctx)
		if err != nil {
			break
		}
		batches = append(batches, b)
	}
	input.Close()
	broken := errors.New("the input broke")
	groups := []expr.Expr{spillK}
	op := NewHashAggregate(&failsAfter{batches: batches, err: broken}, groups, spillAggregates, aggregateSchema(groups, spillAggregates))
	if _, err := runOperator(ctx, op); !errors.Is(err, broken) {
		t.Errorf("got %v, want the input's error", err)
	}
	if space.Written() == 0 {
		t.Error("the aggregate did not spill before the error")
	}
	assertReleased(t, budget, space)
}
