package exec

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// Eval computes e over every row of batch, a whole column at a time with
// arrow-go's compute kernels. The result is an array datum with one value
// per row, or a scalar datum when e does not depend on the batch. The caller
// releases the datum.
func Eval(ctx context.Context, e expr.Expr, batch arrow.RecordBatch) (compute.Datum, error) {
	switch n := e.(type) {
	case *expr.Column:
		return compute.NewDatum(batch.Column(n.Index)), nil
	case *expr.Literal:
		return compute.NewDatum(n.Value), nil
	case *expr.Compare:
		return evalCompare(ctx, n, batch)
	case *expr.And:
		return evalFold(ctx, "and_kleene", n.Args, batch)
	case *expr.Or:
		return evalFold(ctx, "or_kleene", n.Args, batch)
	case *expr.Not:
		return evalCall(ctx, "not", batch, n.Arg)
	case *expr.IsNull:
		return evalIsNull(ctx, n, batch)
	case *expr.InList:
		return evalInList(ctx, n, batch)
	case *expr.Cast:
		return evalCast(ctx, n, batch)
	case *expr.Arith:
		return evalArith(ctx, n, batch)
	case *expr.Func:
		return evalFunc(ctx, n, batch)
	case *expr.Like:
		return evalLike(ctx, n, batch)
	case *expr.Case:
		return evalCase(ctx, n, batch)
	case *expr.Subscript:
		return evalSubscript(ctx, n, batch)
	case *expr.AnyAll:
		return evalAnyAll(ctx, n, batch)
	case *expr.Row:
		return evalRow(ctx, n, batch)
	case *expr.FieldOf:
		return evalFieldOf(ctx, n, batch)
	}
	return nil, sqlstate.New(sqlstate.FeatureNotSupported, "cannot evaluate %s", e)
}

var compareFuncs = map[expr.CompareOp]string{
	expr.Eq: "equal", expr.Ne: "not_equal", expr.Lt: "less",
	expr.Le: "less_equal", expr.Gt: "greater", expr.Ge: "greater_equal",
}

func evalCompare(ctx context.Context, n *expr.Compare, batch arrow.RecordBatch) (compute.Datum, error) {
	if types.IsArray(n.Left.Type()) {
		return evalArrayCompare(ctx, n, batch)
	}
	if n.Left.Type() == types.Numeric || n.Left.Type() == types.JSONB {
		return evalCompareByRows(ctx, n, batch)
	}
	if n.Left.Type().ID() == arrow.INTERVAL_MONTH_DAY_NANO {
		return evalIntervalCompare(ctx, n, batch)
	}
	return evalCall(ctx, compareFuncs[n.Op], batch, n.Left, n.Right)
}

// evalCompareByRows compares row by row in ORDER BY's order, for types the
// compute kernels cannot order (exact numerics stored as text).
func evalCompareByRows(ctx context.Context, n *expr.Compare, batch arrow.RecordBatch) (compute.Datum, error) {
	args, err := evalArgs(ctx, []expr.Expr{n.Left, n.Right}, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(args)
	both, err := concat(args, n.Left.Type())
	if err != nil {
		return nil, err
	}
	defer both.Release()
	compare := valueCompare(both)
	rows := args[0].Len()
	b := array.NewBooleanBuilder(memory.DefaultAllocator)
	defer b.Release()
	for i := 0; i < rows; i++ {
		if both.IsNull(i) || both.IsNull(rows+i) {
			b.AppendNull()
			continue
		}
		b.Append(holds(n.Op, compare(i, rows+i)))
	}
	out := b.NewArray()
	defer out.Release()
	return compute.NewDatum(out), nil
}

// holds tells whether an ordering result satisfies a comparison operator.
func holds(op expr.CompareOp, c int) bool {
	switch op {
	case expr.Eq:
		return c == 0
	case expr.Ne:
		return c != 0
	case expr.Lt:
		return c < 0
	case expr.Le:
		return c <= 0
	case expr.Gt:
		return c > 0
	}
	return c >= 0
}

// evalIsNull reads the validity of its argument. (arrow-go's is_null
// kernel goes through comparison dispatch, which fails on decimals.)
func evalIsNull(ctx context.Context, n *expr.IsNull, batch arrow.RecordBatch) (compute.Datum, error) {
	d, err := Eval(ctx, n.Arg, batch)
	if err != nil {
		return nil, err
	}
	defer d.Release()
	if sd, ok := d.(*compute.ScalarDatum); ok {
		return compute.NewDatum(scalar.NewBooleanScalar(sd.Value.IsValid() == n.Negated)), nil
	}
	arr := d.(*compute.ArrayDatum).MakeArray()
	defer arr.Release()
	b := array.NewBooleanBuilder(compute.GetAllocator(ctx))
	defer b.Release()
	b.Reserve(arr.Len())
	for i := 0; i < arr.Len(); i++ {
		b.UnsafeAppend(arr.IsNull(i) != n.Negated)
	}
	out := b.NewArray()
	defer out.Release()
	return compute.NewDatum(out), nil
}

// evalInList evaluates `a IN (x, y)` as `a = x OR a = y`, which gives SQL's
// NULL semantics; NOT IN negates that.
func evalInList(ctx context.Context, n *expr.InList, batch arrow.RecordBatch) (compute.Datum, error) {
	ors := make([]expr.Expr, len(n.List))
	for i, item := range n.List {
		ors[i] = &expr.Compare{Op: expr.Eq, Left: n.Arg, Right: item}
	}
	var e expr.Expr = &expr.Or{Args: ors}
	if n.Negated {
		e = &expr.Not{Arg: e}
	}
	return Eval(ctx, e, batch)
}

func evalFold(ctx context.Context, fn string, args []expr.Expr, batch arrow.RecordBatch) (compute.Datum, error) {
	acc, err := Eval(ctx, args[0], batch)
	if err != nil {
		return nil, err
	}
	for _, a := range args[1:] {
		next, err := Eval(ctx, a, batch)
		if err != nil {
			acc.Release()
			return nil, err
		}
		out, err := compute.CallFunction(ctx, fn, nil, acc, next)
		acc.Release()
		next.Release()
		if err != nil {
			return nil, err
		}
		acc = out
	}
	return acc, nil
}

func evalCall(ctx context.Context, fn string, batch arrow.RecordBatch, args ...expr.Expr) (compute.Datum, error) {
	datums := make([]compute.Datum, 0, len(args))
	defer func() {
		for _, d := range datums {
			d.Release()
		}
	}()
	for _, a := range args {
		d, err := Eval(ctx, a, batch)
		if err != nil {
			return nil, err
		}
		datums = append(datums, storageOf(d))
	}
	out, err := compute.CallFunction(ctx, fn, nil, datums...)
	if err != nil {
		return nil, fmt.Errorf("evaluate %s: %w", fn, err)
	}
	return out, nil
}

// storageOf unwraps extension-typed values (uuid, json, numeric) to their
// storage, which the compute kernels understand. It takes ownership of d.
func storageOf(d compute.Datum) compute.Datum {
	switch v := d.(type) {
	case *compute.ArrayDatum:
		if v.Type().ID() != arrow.EXTENSION {
			return d
		}
		arr := v.MakeArray()
		defer arr.Release()
		d.Release()
		return compute.NewDatum(arr.(array.ExtensionArray).Storage())
	case *compute.ScalarDatum:
		if ext, ok := v.Value.(*scalar.Extension); ok {
			return compute.NewDatum(ext.Value)
		}
	}
	return d
}

// evalCast converts its argument through the type table's one cast
// (types.Cast); a cast to a character type then cuts each value to the
// type's length.
func evalCast(ctx context.Context, n *expr.Cast, batch arrow.RecordBatch) (compute.Datum, error) {
	if types.IsArray(n.To) || types.IsArray(n.Arg.Type()) {
		return evalArrayCast(ctx, n, batch)
	}
	if ZoneDependentCast(n.Arg.Type(), n.To) {
		return evalZonedCast(ctx, n, batch)
	}
	d, err := Eval(ctx, n.Arg, batch)
	if err != nil {
		return nil, err
	}
	defer d.Release()
	arr, err := datumToArray(d, int(batch.NumRows()))
	if err != nil {
		return nil, err
	}
	defer arr.Release()
	out, err := castInStyle(arr, n.To, SessionOf(ctx).TextStyle())
	if err != nil {
		return nil, err
	}
	defer out.Release()
	if n.Char.OID != 0 {
		cut := applyChar(out.(*array.String), n.Char)
		defer cut.Release()
		return compute.NewDatum(cut), nil
	}
	return compute.NewDatum(out), nil
}

// applyChar cuts strings to a character type's length. The caller
// releases the result.
func applyChar(texts *array.String, c types.CharType) arrow.Array {
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	for i := 0; i < texts.Len(); i++ {
		if texts.IsNull(i) {
			b.AppendNull()
			continue
		}
		b.Append(c.Apply(texts.Value(i)))
	}
	return b.NewArray()
}

// datumToArray turns a datum into an array of length rows, repeating a
// scalar. The caller releases the array.
func datumToArray(d compute.Datum, rows int) (arrow.Array, error) {
	switch v := d.(type) {
	case *compute.ArrayDatum:
		return v.MakeArray(), nil
	case *compute.ScalarDatum:
		if ext, ok := v.Value.(*scalar.Extension); ok {
			storage, err := scalar.MakeArrayFromScalar(ext.Value, rows, memory.DefaultAllocator)
			if err != nil {
				return nil, err
			}
			defer storage.Release()
			return array.NewExtensionArrayWithStorage(ext.Type.(arrow.ExtensionType), storage), nil
		}
		return scalar.MakeArrayFromScalar(v.Value, rows, memory.DefaultAllocator)
	}
	return nil, fmt.Errorf("unexpected datum kind %s", d.Kind())
}
