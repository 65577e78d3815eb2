package exec

import (
	"github.com/apache/arrow-go/v18/arrow"
)

// conditionalFunctions are COALESCE, NULLIF, GREATEST and LEAST, whose
// arguments the binder has brought to one type first.
var conditionalFunctions = []*Overload{
	variadic(fn("coalesce", params(tAnyCompatible), sameAsFirst, pickKernel(pickCoalesce))),
	variadic(fn("greatest", params(tAnyCompatible), sameAsFirst, pickKernel(pickExtreme(1)))),
	variadic(fn("least", params(tAnyCompatible), sameAsFirst, pickKernel(pickExtreme(-1)))),
	fn("nullif", params(tAnyCompatible, tAnyCompatible), sameAsFirst, pickKernel(pickNullif)),
}

// picker chooses, for row r, the position of its result in the arguments
// laid end to end (argument k's row r is at k*rows+r), or -1 for NULL.
type picker func(all arrow.Array, rows, nargs, r int, compare func(i, j int) int) int64

// pickKernel computes a function that picks one of its arguments' values
// per row; it works for every type by taking from the arguments laid end
// to end.
func pickKernel(pick picker) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		all, err := concat(args, args[0].DataType())
		if err != nil {
			return nil, err
		}
		defer all.Release()
		compare := valueCompare(all)
		positions := make([]int64, k.Rows)
		for r := range positions {
			positions[r] = pick(all, k.Rows, len(args), r, compare)
		}
		return takeArray(k.context(), all, positions)
	}
}

// pickCoalesce takes the first non-NULL argument.
func pickCoalesce(all arrow.Array, rows, nargs, r int, _ func(i, j int) int) int64 {
	for a := 0; a < nargs; a++ {
		if p := a*rows + r; !all.IsNull(p) {
			return int64(p)
		}
	}
	return -1
}

// pickExtreme takes the greatest (sign 1) or least (sign -1) non-NULL
// argument.
func pickExtreme(sign int) picker {
	return func(all arrow.Array, rows, nargs, r int, compare func(i, j int) int) int64 {
		best := -1
		for a := 0; a < nargs; a++ {
			p := a*rows + r
			if !all.IsNull(p) && (best < 0 || sign*compare(p, best) > 0) {
				best = p
			}
		}
		return int64(best)
	}
}

// pickNullif takes the first argument unless it equals the second.
func pickNullif(all arrow.Array, rows, _, r int, compare func(i, j int) int) int64 {
	first, second := r, rows+r
	if !all.IsNull(first) && !all.IsNull(second) && compare(first, second) == 0 {
		return -1
	}
	return int64(first)
}
