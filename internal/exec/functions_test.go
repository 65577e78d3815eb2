package exec

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// arg is a test argument column: its type and its values written as
// PostgreSQL literals, "NULL" for NULL.
type arg struct {
	typ    arrow.DataType
	values []string
}

var (
	tInt4Type = arrow.PrimitiveTypes.Int32
	tTextType = arrow.BinaryTypes.String
)

func ints(values ...string) arg    { return arg{tInt4Type, values} }
func bigints(values ...string) arg { return arg{arrow.PrimitiveTypes.Int64, values} }
func texts(values ...string) arg   { return arg{tTextType, values} }
func floats(values ...string) arg  { return arg{arrow.PrimitiveTypes.Float64, values} }
func numerics(values ...string) arg {
	return arg{types.Numeric, values}
}
func decimals(p, s int32, values ...string) arg {
	return arg{&arrow.Decimal128Type{Precision: p, Scale: s}, values}
}
func timestamps(values ...string) arg {
	return arg{&arrow.TimestampType{Unit: arrow.Microsecond}, values}
}
func dates(values ...string) arg     { return arg{arrow.FixedWidthTypes.Date32, values} }
func intervals(values ...string) arg { return arg{arrow.FixedWidthTypes.MonthDayNanoInterval, values} }

// column builds an argument's array from its literals.
func (a arg) column(t *testing.T) arrow.Array {
	t.Helper()
	parts := make([]arrow.Array, len(a.values))
	for i, v := range a.values {
		s := scalar.MakeNullScalar(a.typ)
		if v != "NULL" {
			var err error
			if s, err = types.ParseLiteral(a.typ, v); err != nil {
				t.Fatalf("literal %q as %s: %v", v, a.typ, err)
			}
		}
		arr, err := datumToArray(compute.NewDatum(s), 1)
		if err != nil {
			t.Fatal(err)
		}
		parts[i] = arr
	}
	defer releaseArrays(parts)
	out, err := array.Concatenate(parts, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// callFunc resolves name (an operator when operator) for the arguments'
// types, computes it over their columns and renders each row's result as
// PostgreSQL's text ("NULL" for NULL).
func callFunc(t *testing.T, name string, operator bool, args ...arg) ([]string, error) {
	t.Helper()
	callArgs := make([]CallArg, len(args))
	fields := make([]arrow.Field, len(args))
	cols := make([]arrow.Array, len(args))
	exprs := make([]expr.Expr, len(args))
	rows := 1
	for i, a := range args {
		callArgs[i] = CallArg{Type: a.typ}
		fields[i] = arrow.Field{Name: fmt.Sprint("a", i), Type: a.typ, Nullable: true}
		cols[i] = a.column(t)
		rows = len(a.values)
	}
	defer releaseArrays(cols)
	resolve := ResolveFunction
	if operator {
		resolve = ResolveOperator
	}
	res, err := resolve(name, callArgs)
	if err != nil {
		return nil, err
	}
	for i, a := range args {
		exprs[i] = &expr.Column{Index: i, Name: fields[i].Name, Typ: a.typ}
		if !arrow.TypeEqual(a.typ, res.ArgTypes[i]) {
			exprs[i] = &expr.Cast{Arg: exprs[i], To: res.ArgTypes[i]}
		}
	}
	var batch arrow.RecordBatch
	if len(args) == 0 {
		batch = array.NewRecordBatch(arrow.NewSchema(nil, nil), nil, int64(rows))
	} else {
		batch = array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, int64(rows))
	}
	defer batch.Release()
	f := &expr.Func{Name: name, Args: exprs, Typ: res.Result, Operator: operator, Overload: res.Overload}
	d, err := Eval(context.Background(), f, batch)
	if err != nil {
		return nil, err
	}
	defer d.Release()
	out, err := datumToArray(d, rows)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	rendered := make([]string, out.Len())
	for i := range rendered {
		rendered[i] = "NULL"
		if out.IsValid(i) {
			rendered[i] = types.FormatText(out, i, time.UTC)
		}
	}
	return rendered, nil
}

// functionCase is one call and its rows, or the SQLSTATE and message it
// fails with.
type functionCase struct {
	name     string
	operator bool
	args     []arg
	want     []string
	code     string
	message  string
}

func call(name string, args ...arg) functionCase { return functionCase{name: name, args: args} }
func operator(name string, args ...arg) functionCase {
	return functionCase{name: name, operator: true, args: args}
}

func (c functionCase) gives(rows ...string) functionCase { c.want = rows; return c }
func (c functionCase) fails(code, message string) functionCase {
	c.code, c.message = code, message
	return c
}

func runFunctionCases(t *testing.T, cases []functionCase) {
	t.Helper()
	for _, c := range cases {
		label := c.name + fmt.Sprint(c.args)
		got, err := callFunc(t, c.name, c.operator, c.args...)
		switch {
		case c.code != "":
			if sqlstate.Code(err) != c.code || err == nil || !strings.Contains(err.Error(), c.message) {
				t.Errorf("%s: error %v, want %s %q", label, err, c.code, c.message)
			}
		case err != nil:
			t.Errorf("%s: %v", label, err)
		case strings.Join(got, " | ") != strings.Join(c.want, " | "):
			t.Errorf("%s:\n got %q\nwant %q", label, got, c.want)
		}
	}
}

// String shows an argument in a failure message.
func (a arg) String() string { return a.typ.String() + fmt.Sprint(a.values) }

// resolvedCall is a call of a registry function over expressions already
// of its parameters' types.
func resolvedCall(t *testing.T, name string, args ...expr.Expr) *expr.Func {
	t.Helper()
	callArgs := make([]CallArg, len(args))
	for i, a := range args {
		callArgs[i] = CallArg{Type: a.Type()}
	}
	res, err := ResolveFunction(name, callArgs)
	if err != nil {
		t.Fatal(err)
	}
	return &expr.Func{Name: name, Args: args, Typ: res.Result, Overload: res.Overload}
}
