package exec

import (
	"context"
	"errors"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sqlstate"
)

func TestSemiAndAntiJoin(t *testing.T) {
	width := schema.NumFields()
	rightN := &expr.Column{Index: width, Name: "n", Typ: arrow.PrimitiveTypes.Int32}
	leftN := n()
	cases := []struct {
		name     string
		kind     JoinKind
		keys     bool
		residual expr.Expr
		want     string
	}{
		{"semi keeps matched left rows once", SemiJoin, true, &expr.Compare{Op: expr.Gt, Left: rightN, Right: lit(3)}, "4,true 6,(null)"},
		{"anti keeps the others, NULL keys included", AntiJoin, true, &expr.Compare{Op: expr.Gt, Left: rightN, Right: lit(3)},
			"1,true 2,false 3,(null) (null),false"},
		{"semi without keys", SemiJoin, false, &expr.Compare{Op: expr.Lt, Left: leftN, Right: rightN}, "1,true 2,false 3,(null) 4,true"},
		{"NOT IN: a NULL on the right matches every row", AntiJoin, false,
			resolvedCall(t, "coalesce", &expr.Compare{Op: expr.Eq, Left: leftN, Right: rightN},
				&expr.Literal{Value: scalar.NewBooleanScalar(true)}), ""},
	}
	for _, c := range cases {
		var lk, rk []expr.Expr
		if c.keys {
			lk, rk = []expr.Expr{n()}, []expr.Expr{n()}
		}
		op := NewHashJoin(input(t), input(t), c.kind, lk, rk, c.residual, schema)
		if got := drain(t, op); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// filteredInput is an InnerPlan: the rows of input(t) whose b equals the
// outer value, through project (or all columns when nil); it counts its runs.
func filteredInput(t *testing.T, runs *int, project []expr.Expr, out *arrow.Schema) InnerPlan {
	return func(ctx context.Context, outer []scalar.Scalar) (Operator, error) {
		*runs++
		var op Operator = NewFilter(input(t), &expr.Compare{Op: expr.Eq, Left: b(), Right: &expr.Literal{Value: outer[0]}})
		if project != nil {
			op = NewProject(op, project, out)
		}
		return op, nil
	}
}

func TestSubqueries(t *testing.T) {
	boolOut := arrow.NewSchema([]arrow.Field{{Name: "m", Type: arrow.FixedWidthTypes.Boolean, Nullable: true}}, nil)
	intOut := arrow.NewSchema([]arrow.Field{{Name: "n", Type: arrow.PrimitiveTypes.Int32, Nullable: true}}, nil)
	isTwo := []expr.Expr{&expr.Compare{Op: expr.Eq, Left: n(), Right: lit(2)}}
	cases := []struct {
		name    string
		kind    string
		project []expr.Expr
		out     *arrow.Schema
		typ     arrow.DataType
		want    string
	}{
		{"exists", "exists", nil, nil, arrow.FixedWidthTypes.Boolean,
			"1,true,true 2,false,true 3,(null),false 4,true,true (null),false,true 6,(null),false"},
		{"any: true, else NULL, else false", "any", isTwo, boolOut, arrow.FixedWidthTypes.Boolean,
			"1,true,false 2,false,true 3,(null),false 4,true,false (null),false,true 6,(null),false"},
		{"all: false, else NULL, else true (over no rows)", "all", isTwo, boolOut, arrow.FixedWidthTypes.Boolean,
			"1,true,false 2,false,(null) 3,(null),true 4,true,false (null),false,(null) 6,(null),true"},
	}
	for _, c := range cases {
		runs := 0
		spec := SubquerySpec{Kind: c.kind, Outer: []expr.Expr{b()}, Inner: filteredInput(t, &runs, c.project, c.out), Typ: c.typ}
		widened := arrow.NewSchema(append(append([]arrow.Field{}, schema.Fields()...), arrow.Field{Name: "v", Type: c.typ, Nullable: true}), nil)
		op := NewSubqueries(context.Background(), input(t), []SubquerySpec{spec}, widened)
		if got := drain(t, op); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
		if runs != 3 {
			t.Errorf("%s: ran the subquery %d times for 3 distinct outer values", c.name, runs)
		}
	}
	runs := 0
	spec := SubquerySpec{Kind: "scalar", Outer: []expr.Expr{b()}, Inner: filteredInput(t, &runs, []expr.Expr{n()}, intOut), Typ: arrow.PrimitiveTypes.Int32}
	widened := arrow.NewSchema(append(append([]arrow.Field{}, schema.Fields()...), intOut.Field(0)), nil)
	op := NewSubqueries(context.Background(), input(t), []SubquerySpec{spec}, widened)
	defer op.Close()
	_, err := op.Next(context.Background())
	var se *sqlstate.Error
	if !errors.As(err, &se) || se.Code != "21000" {
		t.Errorf("a scalar subquery of two rows gave %v, want 21000", err)
	}
}

// TestSubqueriesGuard runs a subquery only for the rows its guard holds
// for; the others get NULL.
func TestSubqueriesGuard(t *testing.T) {
	runs := 0
	above := &expr.Compare{Op: expr.Gt, Left: n(), Right: lit(2)}
	spec := SubquerySpec{Kind: "exists", Outer: []expr.Expr{b()}, Inner: filteredInput(t, &runs, nil, nil),
		Typ: arrow.FixedWidthTypes.Boolean, Guard: above}
	widened := arrow.NewSchema(append(append([]arrow.Field{}, schema.Fields()...),
		arrow.Field{Name: "v", Type: arrow.FixedWidthTypes.Boolean, Nullable: true}), nil)
	op := NewSubqueries(context.Background(), input(t), []SubquerySpec{spec}, widened)
	want := "1,true,(null) 2,false,(null) 3,(null),false 4,true,true (null),false,(null) 6,(null),false"
	if got := drain(t, op); got != want {
		t.Errorf(" got %q\nwant %q", got, want)
	}
	if runs != 2 {
		t.Errorf("ran the subquery %d times, want 2 (b NULL for 3 and 6, true for 4)", runs)
	}
}

func TestLateral(t *testing.T) {
	intOut := arrow.NewSchema([]arrow.Field{{Name: "m", Type: arrow.PrimitiveTypes.Int32, Nullable: true}}, nil)
	joined := arrow.NewSchema(append(append([]arrow.Field{}, schema.Fields()...), intOut.Field(0)), nil)
	runs := 0
	inner := func(ctx context.Context, outer []scalar.Scalar) (Operator, error) {
		runs++
		less := NewFilter(input(t), &expr.Compare{Op: expr.Lt, Left: n(), Right: &expr.Literal{Value: outer[0]}})
		return NewProject(NewLimit(less, 0, 2), []expr.Expr{n()}, intOut), nil
	}
	for _, c := range []struct {
		keep bool
		want string
	}{
		{false, "2,false,1 3,(null),1 3,(null),2 4,true,1 4,true,2 6,(null),1 6,(null),2"},
		{true, "1,true,(null) 2,false,1 3,(null),1 3,(null),2 4,true,1 4,true,2 (null),false,(null) 6,(null),1 6,(null),2"},
	} {
		runs = 0
		op := NewLateral(context.Background(), input(t), []expr.Expr{n()}, inner, intOut, c.keep, joined)
		if got := drain(t, op); got != c.want {
			t.Errorf("keep unmatched %v:\n got %q\nwant %q", c.keep, got, c.want)
		}
		if runs != 6 {
			t.Errorf("ran the inner plan %d times for 6 distinct values", runs)
		}
	}
}

func TestDistinctOn(t *testing.T) {
	cases := []struct {
		name string
		keys []expr.Expr
		want string
	}{
		{"runs across batches", []expr.Expr{&expr.Compare{Op: expr.Gt, Left: n(), Right: lit(2)}}, "1,true 3,(null) (null),false 6,(null)"},
		{"one key: the first row", []expr.Expr{lit(7)}, "1,true"},
		{"NULLs are equal", []expr.Expr{nullInt()}, "1,true"},
	}
	for _, c := range cases {
		if got := drain(t, NewDistinctOn(input(t), c.keys)); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestRecursiveUnion(t *testing.T) {
	one := arrow.NewSchema([]arrow.Field{{Name: "n", Type: arrow.PrimitiveTypes.Int32, Nullable: true}}, nil)
	anchor := func(v int32) Operator {
		b, err := catalog.BuildBatch(one, [][]any{{v}})
		if err != nil {
			t.Fatal(err)
		}
		return catalog.NewSliceReader(b)
	}
	step := func(next expr.Expr, keep expr.Expr) RecursiveStep {
		return func(ctx context.Context, working arrow.RecordBatch) (Operator, error) {
			working.Retain()
			var op Operator = catalog.NewSliceReader(working)
			if keep != nil {
				op = NewFilter(op, keep)
			}
			return NewProject(op, []expr.Expr{next}, one), nil
		}
	}
	plusOne := &expr.Arith{Op: expr.Add, Left: n(), Right: lit(1), Typ: arrow.PrimitiveTypes.Int32}
	cycle := &expr.Arith{Op: expr.Add, Left: &expr.Arith{Op: expr.Mod, Left: n(), Right: lit(3), Typ: arrow.PrimitiveTypes.Int32},
		Right: lit(1), Typ: arrow.PrimitiveTypes.Int32}
	cases := []struct {
		name     string
		start    int32
		step     RecursiveStep
		distinct bool
		want     string
	}{
		{"UNION ALL until the step yields nothing", 1, step(plusOne, &expr.Compare{Op: expr.Lt, Left: n(), Right: lit(5)}), false, "1 2 3 4 5"},
		{"UNION stops when a round adds nothing new", 5, step(cycle, nil), true, "5 3 1 2"},
	}
	for _, c := range cases {
		op := NewRecursiveUnion(context.Background(), anchor(c.start), c.step, c.distinct, one)
		if got := drain(t, op); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
