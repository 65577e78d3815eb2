package planner

import (
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/expr"
)

// call resolves a function of the registry for its arguments' types.
func call(t *testing.T, name string, args ...expr.Expr) *expr.Func {
	t.Helper()
	callArgs := make([]exec.CallArg, len(args))
	for i, a := range args {
		callArgs[i] = exec.CallArg{Type: a.Type()}
	}
	res, err := exec.ResolveFunction(name, callArgs)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range args {
		args[i] = castTo(a, res.ArgTypes[i])
	}
	return &expr.Func{Name: name, Args: args, Typ: res.Result, Overload: res.Overload}
}

func text(s string) *expr.Literal { return &expr.Literal{Value: scalar.NewStringScalar(s)} }

// TestFoldConstants checks that calls of constants become literals before
// filters are offered to the source, nested calls first, and that the
// volatile, the stable and the failing ones stay calls.
func TestFoldConstants(t *testing.T) {
	cases := []struct {
		name string
		cond expr.Expr
		want string
	}{
		{"a call of literals", &expr.Compare{Op: expr.Eq, Left: col(1), Right: call(t, "upper", text("x"))}, `("b" = 'X')`},
		{"nested calls", &expr.Compare{Op: expr.Eq, Left: col(1), Right: call(t, "lower", call(t, "repeat", text("AB"), &expr.Literal{Value: scalar.NewInt32Scalar(2)}))},
			`("b" = 'abab')`},
		{"a stable call waits for the statement", &expr.Compare{Op: expr.Eq, Left: col(1), Right: call(t, "concat_ws", text("-"), text("A"), text("B"))},
			`("b" = concat_ws('-', 'A', 'B'))`},
		{"a call of a column stays", &expr.Compare{Op: expr.Eq, Left: call(t, "upper", col(1)), Right: call(t, "repeat", text("x"), &expr.Literal{Value: scalar.NewInt32Scalar(2)})},
			`(upper("b") = 'xx')`},
		{"random() stays", &expr.Compare{Op: expr.Gt, Left: call(t, "random"), Right: &expr.Literal{Value: scalar.NewFloat64Scalar(0.5)}},
			`(random() > 0.5)`},
		{"number arithmetic of literals", &expr.Compare{Op: expr.Eq, Left: col(2), Right: &expr.Arith{Op: expr.Add,
			Left: &expr.Literal{Value: scalar.NewInt64Scalar(1)}, Right: &expr.Literal{Value: scalar.NewInt64Scalar(2)}, Typ: arrow.PrimitiveTypes.Int64}},
			`("c" = 3)`},
		{"a column cast to decimal meets a literal it holds", &expr.Compare{Op: expr.Ge, Left: castTo(col(0), dec(38, 2)), Right: decimal(500, 38, 2)},
			`("a" >= 5)`},
		{"a literal with a fraction keeps the cast", &expr.Compare{Op: expr.Ge, Left: castTo(col(0), dec(38, 2)), Right: decimal(550, 38, 2)},
			`(CAST("a" AS decimal(38, 2)) >= 5.5)`},
		{"a failing call stays for the executor", &expr.Compare{Op: expr.Eq, Left: col(1), Right: call(t, "chr", &expr.Literal{Value: scalar.NewInt32Scalar(0)})},
			`("b" = chr(0))`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plan, changed := foldConstants(&Filter{Input: testScan(catalog.Exact), Cond: c.cond})
			got := plan.(*Filter).Cond.String()
			if got != c.want || changed != (got != c.cond.String()) {
				t.Errorf("folded to %s (changed %v), want %s", got, changed, c.want)
			}
		})
	}
	// The folded filter reaches the source.
	plan := Optimize(&Filter{Input: testScan(catalog.Exact), Cond: &expr.Compare{Op: expr.Eq, Left: col(1), Right: call(t, "upper", text("x"))}}, Options{})
	if got := Explain(plan); !strings.Contains(got, `filter=("b" = 'X')(exact)`) {
		t.Errorf("plan:\n%s", got)
	}
}

func dec(precision, scale int32) arrow.DataType {
	return &arrow.Decimal128Type{Precision: precision, Scale: scale}
}

func decimal(unscaled int64, precision, scale int32) *expr.Literal {
	return &expr.Literal{Value: scalar.NewDecimal128Scalar(decimal128.FromI64(unscaled), dec(precision, scale))}
}
