package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// arrayOverloads are the overloads of the array functions and operators.
// The planner resolves their polymorphic parameters (anyarray,
// anycompatible) itself, beyond what the registry's types say, and gives
// a call the overload of its name; the kernel computes the function of
// arrayFuncs.
var arrayOverloads = func() map[string]*Overload {
	out := make(map[string]*Overload, len(arrayFuncs))
	for name, f := range arrayFuncs {
		out[name] = &Overload{Name: name, Kernel: arrayKernel(f), Volatility: Immutable,
			Result: func(args []arrow.DataType) arrow.DataType { return nil }}
	}
	return out
}()

// arrayKernel runs an array function; a result wanted in other memory
// than the default (a folded constant's) is copied there.
func arrayKernel(f arrayFunc) Kernel {
	return func(k *KernelContext, args []arrow.Array) (arrow.Array, error) {
		out, err := f(context.Background(), args, k.Result)
		if err != nil || k.Mem == nil || k.Mem == memory.DefaultAllocator {
			return out, err
		}
		defer out.Release()
		return array.Concatenate([]arrow.Array{out}, k.Mem)
	}
}

// ArrayOverload is the overload of an array function ("array" for
// ARRAY[...], "array_cat" for array || array, "array_contains" for @>);
// nil for another name.
func ArrayOverload(name string) *Overload { return arrayOverloads[name] }
