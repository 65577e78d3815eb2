package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
	"auger/internal/sqlstate"
)

// signed are the integer types SQL has: smallint, integer, bigint.
type signed interface{ ~int16 | ~int32 | ~int64 }

// integerArith computes integer arithmetic in Go with exact overflow and
// division-by-zero checks (arrow-go's kernels miss some overflows, such as
// -2147483648 + -2147483648). Operands are arrays of the result type.
func integerArith(ctx context.Context, op expr.ArithOp, l, r arrow.Array) (arrow.Array, error) {
	mem := compute.GetAllocator(ctx)
	switch l.DataType().ID() {
	case arrow.INT16:
		return intLoop(mem, op, l.(*array.Int16).Int16Values(), r.(*array.Int16).Int16Values(), l, r,
			array.NewInt16Builder(mem), "smallint")
	case arrow.INT32:
		return intLoop(mem, op, l.(*array.Int32).Int32Values(), r.(*array.Int32).Int32Values(), l, r,
			array.NewInt32Builder(mem), "integer")
	}
	return intLoop(mem, op, l.(*array.Int64).Int64Values(), r.(*array.Int64).Int64Values(), l, r,
		array.NewInt64Builder(mem), "bigint")
}

// builderOf is the part of a typed Arrow builder intLoop needs.
type builderOf[T signed] interface {
	Append(T)
	AppendNull()
	Reserve(int)
	NewArray() arrow.Array
	Release()
}

func intLoop[T signed](_ memory.Allocator, op expr.ArithOp, a, b []T, la, lb arrow.Array, out builderOf[T], name string) (arrow.Array, error) {
	defer out.Release()
	out.Reserve(len(a))
	for i := range a {
		if la.IsNull(i) || lb.IsNull(i) {
			out.AppendNull()
			continue
		}
		v, err := applyInt(op, a[i], b[i], name)
		if err != nil {
			return nil, err
		}
		out.Append(v)
	}
	return out.NewArray(), nil
}

// applyInt is one checked operation; Go's signed arithmetic wraps, which
// the checks detect.
func applyInt[T signed](op expr.ArithOp, a, b T, name string) (T, error) {
	overflow := sqlstate.New(sqlstate.NumericValueOutOfRange, "%s out of range", name)
	switch op {
	case expr.Add:
		s := a + b
		if (a > 0 && b > 0 && s < 0) || (a < 0 && b < 0 && s >= 0) {
			return 0, overflow
		}
		return s, nil
	case expr.Sub:
		s := a - b
		if (a >= 0 && b < 0 && s < 0) || (a < 0 && b > 0 && s >= 0) {
			return 0, overflow
		}
		return s, nil
	case expr.Mul:
		p := a * b
		if a != 0 && (p/a != b || (a == -1 && b < 0 && p < 0)) {
			return 0, overflow
		}
		return p, nil
	}
	if b == 0 {
		return 0, sqlstate.New(sqlstate.DivisionByZero, "division by zero")
	}
	if b == -1 {
		if op == expr.Mod {
			return 0, nil
		}
		if -a == a && a != 0 {
			return 0, overflow
		}
		return -a, nil
	}
	if op == expr.Mod {
		return a % b, nil
	}
	return a / b, nil
}
