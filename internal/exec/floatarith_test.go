package exec

import (
	"context"
	"math"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
	"auger/internal/sqlstate"
)

// TestFloatArithmeticRange raises PostgreSQL's overflow and underflow
// errors where IEEE arithmetic would give an infinity or a zero, and keeps
// the infinities that come from infinite operands.
func TestFloatArithmeticRange(t *testing.T) {
	inf := math.Inf(1)
	cases := []struct {
		op      expr.ArithOp
		a, b    float64
		want    float64
		message string
	}{
		{expr.Add, 1e308, 1e308, 0, "value out of range: overflow"},
		{expr.Sub, -1e308, 1e308, 0, "value out of range: overflow"},
		{expr.Mul, 1e300, 1e300, 0, "value out of range: overflow"},
		{expr.Div, 1e300, 1e-300, 0, "value out of range: overflow"},
		{expr.Mul, 1e-300, 1e-300, 0, "value out of range: underflow"},
		{expr.Div, 1e-300, 1e300, 0, "value out of range: underflow"},
		{expr.Mul, inf, 2, inf, ""},
		{expr.Div, 1, inf, 0, ""},
		{expr.Add, 1e-300, -1e-300, 0, ""},
		{expr.Mul, 0, 5, 0, ""},
		{expr.Mul, 1.5, 2, 3, ""},
	}
	schema := arrow.NewSchema([]arrow.Field{{Name: "a", Type: arrow.PrimitiveTypes.Float64}, {Name: "b", Type: arrow.PrimitiveTypes.Float64}}, nil)
	for _, c := range cases {
		a := array.NewFloat64Builder(memory.DefaultAllocator)
		b := array.NewFloat64Builder(memory.DefaultAllocator)
		a.Append(c.a)
		b.Append(c.b)
		cols := []arrow.Array{a.NewArray(), b.NewArray()}
		a.Release()
		b.Release()
		batch := array.NewRecordBatch(schema, cols, 1)
		left := &expr.Column{Index: 0, Name: "a", Typ: arrow.PrimitiveTypes.Float64}
		right := &expr.Column{Index: 1, Name: "b", Typ: arrow.PrimitiveTypes.Float64}
		out, err := Eval(context.Background(), &expr.Arith{Op: c.op, Left: left, Right: right, Typ: arrow.PrimitiveTypes.Float64}, batch)
		switch {
		case c.message != "":
			if sqlstate.Code(err) != "22003" || err.Error() != c.message {
				t.Errorf("%g %s %g: %v, want 22003 %s", c.a, c.op, c.b, err, c.message)
			}
		case err != nil:
			t.Errorf("%g %s %g: %v", c.a, c.op, c.b, err)
		default:
			arr, _ := datumToArray(out, 1)
			if got := arr.(*array.Float64).Value(0); got != c.want {
				t.Errorf("%g %s %g = %g, want %g", c.a, c.op, c.b, got, c.want)
			}
			arr.Release()
			out.Release()
		}
		batch.Release()
		releaseArrays(cols)
	}
}
