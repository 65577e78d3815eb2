package exec

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/compute"

	"auger/internal/expr"
)

// evalArgs evaluates expressions into arrays of the batch's length.
func evalArgs(ctx context.Context, args []expr.Expr, batch arrow.RecordBatch) ([]arrow.Array, error) {
	out := make([]arrow.Array, 0, len(args))
	for _, a := range args {
		d, err := Eval(ctx, a, batch)
		if err != nil {
			releaseArrays(out)
			return nil, err
		}
		arr, err := datumToArray(d, int(batch.NumRows()))
		d.Release()
		if err != nil {
			releaseArrays(out)
			return nil, err
		}
		out = append(out, arr)
	}
	return out, nil
}

// evalFunc computes a call through the kernel of the overload the binder
// resolved it to.
func evalFunc(ctx context.Context, f *expr.Func, batch arrow.RecordBatch) (compute.Datum, error) {
	o, ok := f.Overload.(*Overload)
	if !ok {
		return nil, fmt.Errorf("function %s was not resolved", f.Name)
	}
	args, err := evalArgs(ctx, f.Args, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(args)
	k := &KernelContext{Mem: compute.GetAllocator(ctx), Rows: int(batch.NumRows()), Result: f.Typ, Session: SessionOf(ctx)}
	out, err := o.Kernel(k, args)
	if err != nil {
		return nil, err
	}
	defer out.Release()
	return compute.NewDatum(out), nil
}

// evalLike matches each value against its pattern; ILIKE lower-cases
// both in the "C" locale first.
func evalLike(ctx context.Context, l *expr.Like, batch arrow.RecordBatch) (compute.Datum, error) {
	args, err := evalArgs(ctx, []expr.Expr{l.Arg, l.Pattern}, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(args)
	values, patterns := textAt(args[0]), textAt(args[1])
	k := &KernelContext{Mem: compute.GetAllocator(ctx), Rows: int(batch.NumRows())}
	out, err := strict(boolBuilder(k), k, args, func(i int) (bool, error) {
		v, p := values.Value(i), patterns.Value(i)
		if l.CaseInsensitive {
			v, p = asciiLower(v), asciiLower(p)
		}
		return likeMatch([]rune(p), []rune(v))
	})
	if err != nil {
		return nil, err
	}
	defer out.Release()
	return compute.NewDatum(out), nil
}

// Like tells whether s matches a LIKE pattern: % any run, _ one
// character, backslash escapes. A pattern ending in a backslash matches
// nothing.
func Like(pattern, s string) bool {
	ok, _ := likeMatch([]rune(pattern), []rune(s))
	return ok
}
