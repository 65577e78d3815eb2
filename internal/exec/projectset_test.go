package exec

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// setSchema is a ProjectSet's output: the input's columns, the functions',
// then the ordinality when asked for.
func setSchema(input *arrow.Schema, funcs []SetFunc, ordinality bool) *arrow.Schema {
	fields := append([]arrow.Field{}, input.Fields()...)
	for _, f := range funcs {
		fields = append(fields, arrow.Field{Name: f.Name, Type: f.Typ, Nullable: true})
	}
	if ordinality {
		fields = append(fields, arrow.Field{Name: "ordinality", Type: arrow.PrimitiveTypes.Int64, Nullable: true})
	}
	return arrow.NewSchema(fields, nil)
}

// drainText renders every row of an operator, cells as PostgreSQL renders
// them, and counts its batches.
func drainText(t *testing.T, op Operator) (string, int, error) {
	t.Helper()
	defer op.Close()
	var rows []string
	batches := 0
	for {
		b, err := op.Next(context.Background())
		if errors.Is(err, io.EOF) {
			return strings.Join(rows, " "), batches, nil
		}
		if err != nil {
			return "", batches, err
		}
		batches++
		for r := 0; r < int(b.NumRows()); r++ {
			cells := make([]string, b.NumCols())
			for c, col := range b.Columns() {
				cells[c] = "NULL"
				if col.IsValid(r) {
					cells[c] = types.FormatText(col, r, time.UTC)
				}
			}
			rows = append(rows, strings.Join(cells, ","))
		}
		b.Release()
	}
}

func TestProjectSet(t *testing.T) {
	int4, int8 := arrow.DataType(arrow.PrimitiveTypes.Int32), arrow.DataType(arrow.PrimitiveTypes.Int64)
	ts := arrow.DataType(&arrow.TimestampType{Unit: arrow.Microsecond})
	step := func(s string) expr.Expr {
		v, err := types.ParseInterval(s)
		if err != nil {
			t.Fatal(err)
		}
		return &expr.Literal{Value: scalar.NewMonthDayNanoIntervalScalar(v)}
	}
	stamp := func(s string) expr.Expr {
		v, err := types.ParseLiteral(ts, s)
		if err != nil {
			t.Fatal(err)
		}
		return &expr.Literal{Value: v}
	}
	number := func(s string) expr.Expr {
		v, err := types.ParseLiteral(types.Numeric, s)
		if err != nil {
			t.Fatal(err)
		}
		return &expr.Literal{Value: v}
	}
	series := func(typ arrow.DataType, args ...expr.Expr) SetFunc {
		return SetFunc{Name: "generate_series", Args: args, Typ: typ}
	}
	cases := []struct {
		name       string
		funcs      func(b arrow.RecordBatch) []SetFunc
		ordinality bool
		outer      bool
		columns    []int // the output columns shown
		want       string
	}{
		{"unnest, NULL and empty arrays give no row", func(b arrow.RecordBatch) []SetFunc {
			return []SetFunc{{Name: "unnest", Args: []expr.Expr{listColumn(b, "a")}, Typ: int4}}
		}, false, false, []int{3, 5}, "1,1 1,2 1,3 4,4 4,NULL 4,4"},
		{"unnest flattens every dimension", func(b arrow.RecordBatch) []SetFunc {
			return []SetFunc{{Name: "unnest", Args: []expr.Expr{listColumn(b, "m")}, Typ: int4}}
		}, false, false, []int{5}, "1 2 3 4 5 6"},
		{"functions side by side, the shorter padded", func(b arrow.RecordBatch) []SetFunc {
			return []SetFunc{{Name: "unnest", Args: []expr.Expr{listColumn(b, "t")}, Typ: arrow.BinaryTypes.String},
				series(int4, intLit(1), listColumn(b, "n"))}
		}, false, false, []int{3, 5, 6}, "1,a b,1 1,NULL,NULL 1,c,NULL 2,NULL,1 2,NULL,2 4,x,1 4,NULL,2 4,NULL,3 4,NULL,4"},
		{"with ordinality", func(b arrow.RecordBatch) []SetFunc {
			return []SetFunc{{Name: "unnest", Args: []expr.Expr{listColumn(b, "t")}, Typ: arrow.BinaryTypes.String}}
		}, true, false, []int{3, 5, 6}, "1,a b,1 1,NULL,2 1,c,3 4,x,1"},
		{"outer keeps rows without elements", func(b arrow.RecordBatch) []SetFunc {
			return []SetFunc{{Name: "unnest", Args: []expr.Expr{listColumn(b, "a")}, Typ: int4}}
		}, true, true, []int{3, 5, 6}, "1,1,1 1,2,2 1,3,3 2,NULL,NULL NULL,NULL,NULL 4,4,1 4,NULL,2 4,4,3"},
		{"series downwards", func(b arrow.RecordBatch) []SetFunc {
			return []SetFunc{series(int8, &expr.Literal{Value: scalar.NewInt64Scalar(9223372036854775807)}, listColumn(b, "n"), &expr.Literal{Value: scalar.NewInt64Scalar(-4611686018427387904)})}
		}, false, false, []int{3, 5}, "1,9223372036854775807 1,4611686018427387903 2,9223372036854775807 2,4611686018427387903 4,9223372036854775807 4,4611686018427387903"},
		{"numeric series keeps scales", func(arrow.RecordBatch) []SetFunc {
			return []SetFunc{series(types.Numeric, number("1"), number("2"), number("0.50"))}
		}, false, false, []int{5}, "1 1.50 2.00 1 1.50 2.00 1 1.50 2.00 1 1.50 2.00"},
		{"timestamps by months", func(arrow.RecordBatch) []SetFunc {
			return []SetFunc{series(ts, stamp("2024-01-31"), stamp("2024-04-30"), step("1 mon"))}
		}, false, false, []int{3, 5}, strings.Join([]string{
			"1,2024-01-31 00:00:00", "1,2024-02-29 00:00:00", "1,2024-03-29 00:00:00", "1,2024-04-29 00:00:00",
			"2,2024-01-31 00:00:00", "2,2024-02-29 00:00:00", "2,2024-03-29 00:00:00", "2,2024-04-29 00:00:00",
			"NULL,2024-01-31 00:00:00", "NULL,2024-02-29 00:00:00", "NULL,2024-03-29 00:00:00", "NULL,2024-04-29 00:00:00",
			"4,2024-01-31 00:00:00", "4,2024-02-29 00:00:00", "4,2024-03-29 00:00:00", "4,2024-04-29 00:00:00"}, " ")},
		{"subscripts, reversed", func(b arrow.RecordBatch) []SetFunc {
			return []SetFunc{{Name: "generate_subscripts", Args: []expr.Expr{listColumn(b, "m"), intLit(1),
				&expr.Literal{Value: scalar.NewBooleanScalar(true)}}, Typ: int4}}
		}, false, false, []int{3, 5}, "1,2 1,1 4,2 4,1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := arrayBatch(t)
			funcs := c.funcs(b)
			op := NewProjectSet(catalog.NewSliceReader(b), funcs, c.ordinality, c.outer, setSchema(b.Schema(), funcs, c.ordinality))
			got, _, err := drainText(t, &columnsOf{Operator: op, columns: c.columns})
			if err != nil || got != c.want {
				t.Errorf("got %q (%v)\nwant %q", got, err, c.want)
			}
		})
	}
}

// columnsOf keeps some columns of its operator's batches.
type columnsOf struct {
	Operator
	columns []int
}

func (p *columnsOf) Next(ctx context.Context) (arrow.RecordBatch, error) {
	b, err := p.Operator.Next(ctx)
	if err != nil {
		return nil, err
	}
	defer b.Release()
	cols := make([]arrow.Array, len(p.columns))
	fields := make([]arrow.Field, len(p.columns))
	for i, c := range p.columns {
		cols[i], fields[i] = b.Column(c), b.Schema().Field(c)
	}
	return array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, b.NumRows()), nil
}

func TestProjectSetStreamsLongResults(t *testing.T) {
	funcs := []SetFunc{{Name: "generate_series", Args: []expr.Expr{intLit(1), intLit(20000)}, Typ: arrow.PrimitiveTypes.Int32}}
	op := NewProjectSet(&OneRow{}, funcs, false, false, setSchema(emptySchema, funcs, false))
	got, batches, err := drainText(t, op)
	if err != nil {
		t.Fatal(err)
	}
	values := strings.Fields(got)
	if len(values) != 20000 || values[0] != "1" || values[19999] != "20000" || batches != 3 {
		t.Errorf("%d values in %d batches, from %s to %s", len(values), batches, values[0], values[len(values)-1])
	}
}

func TestProjectSetErrors(t *testing.T) {
	funcs := []SetFunc{{Name: "generate_series", Args: []expr.Expr{intLit(1), intLit(3), intLit(0)}, Typ: arrow.PrimitiveTypes.Int32}}
	op := NewProjectSet(&OneRow{}, funcs, false, false, setSchema(emptySchema, funcs, false))
	if _, _, err := drainText(t, op); sqlstate.Code(err) != "22023" || err.Error() != "step size cannot equal zero" {
		t.Errorf("step 0: %v", err)
	}
}

// TestUnnestIntervals takes 16-byte interval elements, which the compute
// kernels cannot take.
func TestUnnestIntervals(t *testing.T) {
	intervals := types.ArrayOf(arrow.FixedWidthTypes.MonthDayNanoInterval)
	v, err := types.ParseLiteral(intervals, `{"1 day",NULL,-02:00:00}`)
	if err != nil {
		t.Fatal(err)
	}
	funcs := []SetFunc{{Name: "unnest", Args: []expr.Expr{&expr.Literal{Value: v}}, Typ: arrow.FixedWidthTypes.MonthDayNanoInterval}}
	op := NewProjectSet(&OneRow{}, funcs, false, false, setSchema(emptySchema, funcs, false))
	if got, _, err := drainText(t, op); err != nil || got != "1 day NULL -02:00:00" {
		t.Errorf("unnest of intervals: %q, %v", got, err)
	}
}
