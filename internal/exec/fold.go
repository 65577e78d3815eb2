package exec

import (
	"context"
	"fmt"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
)

// Foldable tells whether a call may be computed before its statement runs:
// its overload is not volatile and every argument is a literal. Stable
// calls (the clock) fold only once the statement's time is known.
func Foldable(f *expr.Func, stable bool) bool {
	o, ok := f.Overload.(*Overload)
	if !ok || o.Volatility == Volatile || o.Volatility == Stable && !stable {
		return false
	}
	for _, a := range f.Args {
		if _, ok := a.(*expr.Literal); !ok {
			return false
		}
	}
	return true
}

// constantMemory holds the values of folded calls: the literals they
// become outlive any query, so their memory is left to the garbage
// collector.
var constantMemory = memory.NewGoAllocator()

// EvalConstant computes a call whose arguments are all literals, as of
// the statement time now in session: the constant it folds to.
func EvalConstant(f *expr.Func, now time.Time, session SessionState) (scalar.Scalar, error) {
	o := f.Overload.(*Overload)
	args := make([]arrow.Array, 0, len(f.Args))
	defer func() { releaseArrays(args) }()
	for _, a := range f.Args {
		arr, err := datumToArray(compute.NewDatum(a.(*expr.Literal).Value), 1)
		if err != nil {
			return nil, err
		}
		args = append(args, arr)
	}
	k := &KernelContext{Mem: constantMemory, Rows: 1, Result: f.Typ, Now: now, Session: session}
	out, err := o.Kernel(k, args)
	if err != nil {
		return nil, err
	}
	defer out.Release()
	return scalar.GetScalar(out, 0)
}

// EvalLiteralExpr computes an expression that reads no column and calls no
// function (arithmetic and casts of literals): the constant it folds to.
func EvalLiteralExpr(a expr.Expr) (scalar.Scalar, error) {
	empty := array.NewRecordBatch(arrow.NewSchema(nil, nil), nil, 1)
	defer empty.Release()
	out, err := Eval(context.Background(), a, empty)
	if err != nil {
		return nil, err
	}
	defer out.Release()
	switch d := out.(type) {
	case *compute.ScalarDatum:
		return d.Value, nil
	case *compute.ArrayDatum:
		arr := d.MakeArray()
		defer arr.Release()
		return scalar.GetScalar(arr, 0)
	}
	return nil, fmt.Errorf("%s gave %s", a, out)
}
