package exec

import (
	"context"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/compute"

	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

var arithFuncs = map[expr.ArithOp]string{expr.Add: "add", expr.Sub: "subtract", expr.Mul: "multiply", expr.Div: "divide"}

// evalArith computes with arrow-go's checked kernels (integers overflow
// with an error, division by zero is an error) and brings decimal results
// to the scale PostgreSQL gives them.
func evalArith(ctx context.Context, n *expr.Arith, batch arrow.RecordBatch) (compute.Datum, error) {
	switch n.Typ.ID() {
	case arrow.INT16, arrow.INT32, arrow.INT64:
		return evalIntegerArith(ctx, n, batch)
	case arrow.FLOAT32, arrow.FLOAT64:
		return evalFloatArith(ctx, n, batch)
	}
	if n.Typ == types.Numeric {
		return evalExactArith(ctx, n, batch)
	}
	if wideProduct(n) {
		return evalWideProduct(ctx, n, batch)
	}
	out, err := evalCall(ctx, arithFuncs[n.Op], batch, n.Left, n.Right)
	if err != nil {
		return nil, arithError(err, n.Typ)
	}
	if arrow.TypeEqual(out.(compute.ArrayLikeDatum).Type(), n.Typ) {
		return out, nil
	}
	defer out.Release()
	cast, err := compute.CastDatum(ctx, out, compute.SafeCastOptions(n.Typ))
	if err != nil {
		return nil, arithError(err, n.Typ)
	}
	return cast, nil
}

// evalIntegerArith evaluates both operands as arrays of the result type and
// computes with integerArith.
func evalIntegerArith(ctx context.Context, n *expr.Arith, batch arrow.RecordBatch) (compute.Datum, error) {
	operands, err := operandArrays(ctx, n, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(operands)
	out, err := integerArith(ctx, n.Op, operands[0], operands[1])
	if err != nil {
		return nil, err
	}
	defer out.Release()
	return compute.NewDatum(out), nil
}

// operandArrays evaluates both operands of n as arrays of the batch's
// length; the caller releases them.
func operandArrays(ctx context.Context, n *expr.Arith, batch arrow.RecordBatch) ([]arrow.Array, error) {
	rows := int(batch.NumRows())
	operands := make([]arrow.Array, 0, 2)
	for _, e := range []expr.Expr{n.Left, n.Right} {
		d, err := Eval(ctx, e, batch)
		if err != nil {
			releaseArrays(operands)
			return nil, err
		}
		arr, err := datumToArray(d, rows)
		d.Release()
		if err != nil {
			releaseArrays(operands)
			return nil, err
		}
		operands = append(operands, arr)
	}
	return operands, nil
}

// arithError gives arrow's arithmetic errors PostgreSQL's codes and words.
func arithError(err error, dt arrow.DataType) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "divide by zero"):
		return sqlstate.New(sqlstate.DivisionByZero, "division by zero")
	case strings.Contains(msg, "overflow"):
		return types.OutOfRange(dt)
	}
	return err
}
