package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
)

// rowBuilder is an Arrow builder of values of type T.
type rowBuilder[T any] interface {
	Append(T)
	AppendNull()
	Reserve(int)
	NewArray() arrow.Array
	Release()
}

// strict builds a column with f's value for every row where no argument
// is NULL, and NULL elsewhere, as a strict function does.
func strict[T any, B rowBuilder[T]](b B, k *KernelContext, args []arrow.Array, f func(i int) (T, error)) (arrow.Array, error) {
	return strictOrNull(b, k, args, func(i int) (T, bool, error) {
		v, err := f(i)
		return v, true, err
	})
}

// strictOrNull is strict for functions that may also yield NULL from
// non-NULL arguments (ok false).
func strictOrNull[T any, B rowBuilder[T]](b B, k *KernelContext, args []arrow.Array, f func(i int) (T, bool, error)) (arrow.Array, error) {
	defer b.Release()
	b.Reserve(k.Rows)
	for i := 0; i < k.Rows; i++ {
		if anyNull(args, i) {
			b.AppendNull()
			continue
		}
		v, ok, err := f(i)
		if err != nil {
			return nil, err
		}
		if ok {
			b.Append(v)
		} else {
			b.AppendNull()
		}
	}
	return b.NewArray(), nil
}

func anyNull(args []arrow.Array, i int) bool {
	for _, a := range args {
		if a.IsNull(i) {
			return true
		}
	}
	return false
}

func stringBuilder(k *KernelContext) *array.StringBuilder   { return array.NewStringBuilder(k.Mem) }
func int32Builder(k *KernelContext) *array.Int32Builder     { return array.NewInt32Builder(k.Mem) }
func int64Builder(k *KernelContext) *array.Int64Builder     { return array.NewInt64Builder(k.Mem) }
func float64Builder(k *KernelContext) *array.Float64Builder { return array.NewFloat64Builder(k.Mem) }
func boolBuilder(k *KernelContext) *array.BooleanBuilder    { return array.NewBooleanBuilder(k.Mem) }
func dateBuilder(k *KernelContext) *array.Date32Builder     { return array.NewDate32Builder(k.Mem) }

func timestampBuilder(k *KernelContext) *array.TimestampBuilder {
	return array.NewTimestampBuilder(k.Mem, k.Result.(*arrow.TimestampType))
}

func intervalBuilder(k *KernelContext) *array.MonthDayNanoIntervalBuilder {
	return array.NewMonthDayNanoIntervalBuilder(k.Mem)
}

// textAt reads a text argument.
func textAt(a arrow.Array) *array.String { return a.(*array.String) }

// intAt reads an integer argument of any width as int64s.
func intAt(a arrow.Array) func(i int) int64 {
	switch v := a.(type) {
	case *array.Int16:
		return func(i int) int64 { return int64(v.Value(i)) }
	case *array.Int32:
		return func(i int) int64 { return int64(v.Value(i)) }
	}
	return a.(*array.Int64).Value
}

// floatAt reads a double precision argument.
func floatAt(a arrow.Array) []float64 { return a.(*array.Float64).Float64Values() }

// context is a context carrying the kernel's allocator, for the compute
// functions kernels call.
func (k *KernelContext) context() context.Context {
	return compute.WithAllocator(context.Background(), k.Mem)
}
