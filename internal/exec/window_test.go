package exec

import (
	"context"
	"errors"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// windowSchema is the input of the window tests: a partition key p, an
// order key o, values v (integer), f (double precision), d
// (numeric(10,2)), s (text) and b (boolean).
var windowSchema = arrow.NewSchema([]arrow.Field{
	{Name: "p", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "o", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	{Name: "v", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	{Name: "f", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	{Name: "d", Type: &arrow.Decimal128Type{Precision: 10, Scale: 2}, Nullable: true},
	{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "b", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
}, nil)

// windowTestRows are the test rows, in two batches. Sorted by p, then o
// (NULLs last) they are: a/1, a/2 (v 20), a/2 (v NULL), a/4, b/5, b/NULL,
// NULL/3: partitions a, b and NULL; a's rows with o = 2 are peers.
var windowTestRows = [][][]any{
	{
		{"b", nil, int32(7), 1e20, int64(-150), "y", true},
		{"a", int32(2), int32(20), 2.5, int64(225), "b", true},
		{"a", int32(1), int32(10), 1.5, int64(100), "a", false},
		{nil, int32(3), int32(3), 3.0, int64(1), "z", nil},
	},
	{
		{"a", int32(2), nil, 0.25, nil, nil, nil},
		{"b", int32(5), int32(5), 8.0, int64(50), "x", true},
		{"a", int32(4), int32(40), -1.0, int64(-5), "d", true},
	},
}

func windowInput(t *testing.T, batches [][][]any) Operator {
	t.Helper()
	var out []arrow.RecordBatch
	for _, rows := range batches {
		b := array.NewRecordBuilder(memory.DefaultAllocator, windowSchema)
		for _, row := range rows {
			for i, v := range row {
				appendWindowValue(b.Field(i), v)
			}
		}
		out = append(out, b.NewRecordBatch())
		b.Release()
	}
	if len(out) == 0 {
		b := array.NewRecordBuilder(memory.DefaultAllocator, windowSchema)
		out = append(out, b.NewRecordBatch())
		b.Release()
	}
	return catalog.NewSliceReader(out...)
}

func appendWindowValue(b array.Builder, v any) {
	if v == nil {
		b.AppendNull()
		return
	}
	switch bb := b.(type) {
	case *array.StringBuilder:
		bb.Append(v.(string))
	case *array.Int32Builder:
		bb.Append(v.(int32))
	case *array.Float64Builder:
		bb.Append(v.(float64))
	case *array.Decimal128Builder:
		bb.Append(decimal128.FromI64(v.(int64)))
	case *array.BooleanBuilder:
		bb.Append(v.(bool))
	}
}

func wcol(name string) *expr.Column {
	i := windowSchema.FieldIndices(name)[0]
	return &expr.Column{Index: i, Name: name, Typ: windowSchema.Field(i).Type}
}

func int32Lit(v int32) expr.Expr { return &expr.Literal{Value: scalar.NewInt32Scalar(v)} }
func int64Lit(v int64) expr.Expr { return &expr.Literal{Value: scalar.NewInt64Scalar(v)} }

func rowsFrame(start, end FrameBound) WindowFrame {
	return WindowFrame{Mode: FrameRows, Start: start, End: end}
}

func preceding(n int64) FrameBound { return FrameBound{Kind: OffsetPreceding, Offset: int64Lit(n)} }
func following(n int64) FrameBound { return FrameBound{Kind: OffsetFollowing, Offset: int64Lit(n)} }

var (
	unboundedPreceding = FrameBound{Kind: UnboundedPreceding}
	unboundedFollowing = FrameBound{Kind: UnboundedFollowing}
	currentRow         = FrameBound{Kind: CurrentRow}
)

// runWindow computes one function over the test rows, partitioned by p and
// ordered by o, and renders its values in the Window's output order.
func runWindow(t *testing.T, f WindowFunc) (string, error) {
	t.Helper()
	if f.Frame == (WindowFrame{}) {
		f.Frame = DefaultFrame
	}
	schema := arrow.NewSchema(append(windowSchema.Fields(), arrow.Field{Name: f.Name, Type: f.Typ, Nullable: true}), nil)
	w := NewWindow(windowInput(t, windowTestRows), []expr.Expr{wcol("p")}, []SortKey{{Expr: wcol("o")}}, []WindowFunc{f}, schema, nil)
	return renderColumn(w, schema.NumFields()-1)
}

// renderColumn drains an operator and renders one column as PostgreSQL
// writes it, NULL for NULL.
func renderColumn(op Operator, col int) (string, error) {
	defer op.Close()
	var cells []string
	for {
		b, err := op.Next(context.Background())
		if errors.Is(err, io.EOF) {
			return strings.Join(cells, " "), nil
		}
		if err != nil {
			return "", err
		}
		arr := b.Column(col)
		for r := 0; r < arr.Len(); r++ {
			if arr.IsNull(r) {
				cells = append(cells, "NULL")
			} else {
				cells = append(cells, types.FormatText(arr, r, time.UTC))
			}
		}
		b.Release()
	}
}

var (
	int64Type   = arrow.PrimitiveTypes.Int64
	float64Type = arrow.PrimitiveTypes.Float64
	int32Type   = arrow.PrimitiveTypes.Int32
)

func TestWindowFunctions(t *testing.T) {
	v, f, s, d, b := wcol("v"), wcol("f"), wcol("s"), wcol("d"), wcol("b")
	nullInt := &expr.Literal{Value: scalar.MakeNullScalar(int32Type)}
	cases := []struct {
		name string
		fn   WindowFunc
		want string
	}{
		{"row_number counts rows", WindowFunc{Name: "row_number", Typ: int64Type}, "1 2 3 4 1 2 1"},
		{"rank skips after peers", WindowFunc{Name: "rank", Typ: int64Type}, "1 2 2 4 1 2 1"},
		{"dense_rank counts peer groups", WindowFunc{Name: "dense_rank", Typ: int64Type}, "1 2 2 3 1 2 1"},
		{"percent_rank", WindowFunc{Name: "percent_rank", Typ: float64Type},
			"0 0.3333333333333333 0.3333333333333333 1 0 1 0"},
		{"cume_dist counts peers", WindowFunc{Name: "cume_dist", Typ: float64Type}, "0.25 0.75 0.75 1 0.5 1 1"},
		{"ntile gives the first buckets more", WindowFunc{Name: "ntile", Args: []expr.Expr{int32Lit(3)}, Typ: int32Type},
			"1 1 2 3 1 2 1"},
		{"ntile of NULL", WindowFunc{Name: "ntile", Args: []expr.Expr{nullInt}, Typ: int32Type},
			"NULL NULL NULL NULL NULL NULL NULL"},
		{"lag stays in its partition", WindowFunc{Name: "lag", Args: []expr.Expr{v, int32Lit(1), nullInt}, Typ: int32Type},
			"NULL 10 20 NULL NULL 5 NULL"},
		{"lead with a default", WindowFunc{Name: "lead", Args: []expr.Expr{v, int32Lit(2), int32Lit(-1)}, Typ: int32Type},
			"NULL 40 -1 -1 -1 -1 -1"},
		{"lag with a negative offset leads", WindowFunc{Name: "lag", Args: []expr.Expr{v, int32Lit(-1), nullInt}, Typ: int32Type},
			"20 NULL 40 NULL 7 NULL NULL"},
		{"lag with a NULL offset", WindowFunc{Name: "lag", Args: []expr.Expr{v, nullInt, int32Lit(0)}, Typ: int32Type},
			"NULL NULL NULL NULL NULL NULL NULL"},
		{"first_value", WindowFunc{Name: "first_value", Args: []expr.Expr{v}, Typ: int32Type}, "10 10 10 10 5 5 3"},
		{"last_value reaches the last peer", WindowFunc{Name: "last_value", Args: []expr.Expr{v}, Typ: int32Type},
			"10 NULL NULL 40 5 7 3"},
		{"nth_value", WindowFunc{Name: "nth_value", Args: []expr.Expr{v, int32Lit(2)}, Typ: int32Type},
			"NULL 20 20 20 NULL 7 NULL"},
		{"count(*) over the default frame", WindowFunc{Name: "count", Typ: int64Type}, "1 3 3 4 1 2 1"},
		{"count skips NULLs", WindowFunc{Name: "count", Args: []expr.Expr{v}, Typ: int64Type}, "1 2 2 3 1 2 1"},
		{"running sum", WindowFunc{Name: "sum", Args: []expr.Expr{v}, Typ: int64Type}, "10 30 30 70 5 12 3"},
		{"running avg", WindowFunc{Name: "avg", Args: []expr.Expr{v}, Typ: types.Numeric},
			"10.0000000000000000 15.0000000000000000 15.0000000000000000 23.3333333333333333 5.0000000000000000 6.0000000000000000 3.0000000000000000"},
		{"min over a sliding frame", WindowFunc{Name: "min", Args: []expr.Expr{v}, Typ: int32Type,
			Frame: rowsFrame(preceding(1), following(1))}, "10 10 20 40 5 5 3"},
		{"max over a sliding frame", WindowFunc{Name: "max", Args: []expr.Expr{v}, Typ: int32Type,
			Frame: rowsFrame(preceding(1), following(1))}, "20 20 40 40 7 7 3"},
		{"sum to the partition's end", WindowFunc{Name: "sum", Args: []expr.Expr{v}, Typ: int64Type,
			Frame: rowsFrame(currentRow, unboundedFollowing)}, "70 60 40 40 12 7 3"},
		{"frames past the partition's end are empty", WindowFunc{Name: "sum", Args: []expr.Expr{v}, Typ: int64Type,
			Frame: rowsFrame(following(2), following(3))}, "40 40 NULL NULL NULL NULL NULL"},
		{"frames before the partition's start are empty", WindowFunc{Name: "count", Typ: int64Type,
			Frame: rowsFrame(preceding(3), preceding(2))}, "0 0 1 2 0 0 0"},
		{"GROUPS counts peer groups", WindowFunc{Name: "count", Typ: int64Type,
			Frame: WindowFrame{Mode: FrameGroups, Start: preceding(1), End: currentRow}}, "1 3 3 3 1 2 1"},
		{"GROUPS following", WindowFunc{Name: "sum", Args: []expr.Expr{v}, Typ: int64Type,
			Frame: WindowFrame{Mode: FrameGroups, Start: following(1), End: following(1)}}, "20 40 40 NULL 7 NULL NULL"},
		{"RANGE offsets; a NULL key's frame is its NULL peers", WindowFunc{Name: "sum", Args: []expr.Expr{v}, Typ: int64Type,
			Frame: WindowFrame{Mode: FrameRange, Start: preceding(1), End: following(1)}}, "30 30 30 40 5 7 3"},
		{"EXCLUDE CURRENT ROW", WindowFunc{Name: "sum", Args: []expr.Expr{v}, Typ: int64Type,
			Frame: WindowFrame{Mode: FrameRows, Start: unboundedPreceding, End: unboundedFollowing, Exclude: ExcludeCurrentRow}},
			"60 50 70 30 7 5 NULL"},
		{"EXCLUDE GROUP", WindowFunc{Name: "sum", Args: []expr.Expr{v}, Typ: int64Type,
			Frame: WindowFrame{Mode: FrameRange, Start: unboundedPreceding, End: unboundedFollowing, Exclude: ExcludeGroup}},
			"60 50 50 30 7 5 NULL"},
		{"EXCLUDE TIES", WindowFunc{Name: "sum", Args: []expr.Expr{v}, Typ: int64Type,
			Frame: WindowFrame{Mode: FrameRange, Start: unboundedPreceding, End: unboundedFollowing, Exclude: ExcludeTies}},
			"70 70 50 70 12 12 3"},
		{"nth_value skips excluded rows", WindowFunc{Name: "nth_value", Args: []expr.Expr{v, int32Lit(2)}, Typ: int32Type,
			Frame: WindowFrame{Mode: FrameRows, Start: unboundedPreceding, End: unboundedFollowing, Exclude: ExcludeCurrentRow}},
			"NULL NULL 20 20 NULL NULL NULL"},
		{"float sums restart as the frame slides", WindowFunc{Name: "sum", Args: []expr.Expr{f}, Typ: float64Type,
			Frame: rowsFrame(preceding(1), currentRow)}, "1.5 4 2.75 -0.75 8 1e+20 3"},
		{"avg of floats", WindowFunc{Name: "avg", Args: []expr.Expr{f}, Typ: float64Type}, "1.5 1.4166666666666667 1.4166666666666667 0.8125 8 5e+19 3"},
		{"sum of decimals keeps the scale", WindowFunc{Name: "sum", Args: []expr.Expr{d}, Typ: &arrow.Decimal128Type{Precision: 38, Scale: 2},
			Frame: rowsFrame(preceding(1), currentRow)}, "1.00 3.25 2.25 -0.05 0.50 -1.00 0.01"},
		{"string_agg in frame order", WindowFunc{Name: "string_agg", Args: []expr.Expr{s}, Sep: ",", Typ: arrow.BinaryTypes.String,
			Frame: rowsFrame(preceding(1), following(1))}, "a,b a,b b,d d x,y x,y z"},
		{"bool_and", WindowFunc{Name: "bool_and", Args: []expr.Expr{b}, Typ: arrow.FixedWidthTypes.Boolean}, "f f f f t t NULL"},
		{"bool_or over a sliding frame", WindowFunc{Name: "bool_or", Args: []expr.Expr{b}, Typ: arrow.FixedWidthTypes.Boolean,
			Frame: rowsFrame(currentRow, currentRow)}, "f t NULL t t t NULL"},
	}
	for _, c := range cases {
		got, err := runWindow(t, c.fn)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

func TestWindowErrors(t *testing.T) {
	v := wcol("v")
	nullBig := &expr.Literal{Value: scalar.MakeNullScalar(int64Type)}
	cases := []struct {
		fn            WindowFunc
		code, message string
	}{
		{WindowFunc{Name: "ntile", Args: []expr.Expr{int32Lit(0)}, Typ: int32Type}, "22014", "argument of ntile must be greater than zero"},
		{WindowFunc{Name: "nth_value", Args: []expr.Expr{v, int32Lit(0)}, Typ: int32Type}, "22016", "argument of nth_value must be greater than zero"},
		{WindowFunc{Name: "sum", Args: []expr.Expr{v}, Typ: int64Type, Frame: rowsFrame(preceding(-1), currentRow)},
			"22013", "frame starting offset must not be negative"},
		{WindowFunc{Name: "count", Typ: int64Type, Frame: rowsFrame(currentRow, FrameBound{Kind: OffsetFollowing, Offset: nullBig})},
			"22004", "frame ending offset must not be null"},
		{WindowFunc{Name: "count", Typ: int64Type, Frame: WindowFrame{Mode: FrameRange, Start: preceding(-2), End: currentRow}},
			"22013", "invalid preceding or following size in window function"},
	}
	for _, c := range cases {
		_, err := runWindow(t, c.fn)
		var e *sqlstate.Error
		if !errors.As(err, &e) || e.Code != c.code || e.Message != c.message {
			t.Errorf("%s: error %v, want %s %s", c.fn, err, c.code, c.message)
		}
	}
}

// TestWindowFrameOffsetsCheckedWithoutRows: like PostgreSQL, a negative
// ROWS offset fails even when there is no row.
func TestWindowFrameOffsetsCheckedWithoutRows(t *testing.T) {
	f := WindowFunc{Name: "count", Typ: int64Type, Frame: rowsFrame(preceding(-1), currentRow)}
	schema := arrow.NewSchema(append(windowSchema.Fields(), arrow.Field{Name: "count", Type: int64Type}), nil)
	w := NewWindow(windowInput(t, nil), nil, nil, []WindowFunc{f}, schema, nil)
	if _, err := renderColumn(w, 7); sqlstate.Code(err) != "22013" {
		t.Errorf("error %v, want 22013", err)
	}
}

func TestWindowEmptyInput(t *testing.T) {
	funcs := []WindowFunc{{Name: "rank", Typ: int64Type, Frame: DefaultFrame},
		{Name: "sum", Args: []expr.Expr{wcol("v")}, Typ: int64Type, Frame: DefaultFrame}}
	schema := arrow.NewSchema(append(windowSchema.Fields(),
		arrow.Field{Name: "rank", Type: int64Type}, arrow.Field{Name: "sum", Type: int64Type}), nil)
	w := NewWindow(windowInput(t, nil), []expr.Expr{wcol("p")}, []SortKey{{Expr: wcol("o")}}, funcs, schema, nil)
	got, err := renderColumn(w, 8)
	if err != nil || got != "" {
		t.Errorf("empty input: %q, %v", got, err)
	}
}

// TestWindowSeveralFunctions computes functions sharing one window in one
// pass, without partitions, ordered by o descending with NULLs first; the
// rows come out in that order, input columns first.
func TestWindowSeveralFunctions(t *testing.T) {
	funcs := []WindowFunc{
		{Name: "row_number", Typ: int64Type, Frame: DefaultFrame},
		{Name: "sum", Args: []expr.Expr{wcol("v")}, Typ: int64Type, Frame: DefaultFrame},
		{Name: "last_value", Args: []expr.Expr{wcol("v")}, Typ: int32Type, Frame: rowsFrame(unboundedPreceding, unboundedFollowing)},
	}
	fields := windowSchema.Fields()
	for _, f := range funcs {
		fields = append(fields, arrow.Field{Name: f.Name, Type: f.Typ, Nullable: true})
	}
	schema := arrow.NewSchema(fields, nil)
	w := NewWindow(windowInput(t, windowTestRows), nil, []SortKey{{Expr: wcol("o"), Desc: true, NullsFirst: true}}, funcs, schema, nil)
	defer w.Close()
	var rows []string
	for {
		b, err := w.Next(context.Background())
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for r := 0; r < int(b.NumRows()); r++ {
			var cells []string
			for _, c := range []int{1, 2, 7, 8, 9} {
				cell := "NULL"
				if !b.Column(c).IsNull(r) {
					cell = types.FormatText(b.Column(c), r, time.UTC)
				}
				cells = append(cells, cell)
			}
			rows = append(rows, strings.Join(cells, ","))
		}
		b.Release()
	}
	want := "NULL,7,1,7,10 5,5,2,12,10 4,40,3,52,10 3,3,4,55,10 2,20,5,75,10 2,NULL,6,75,10 1,10,7,85,10"
	if got := strings.Join(rows, " "); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestWindowRangeOffsets moves frames by values: floats descending, with
// NaN above every number and infinite keys; exact numerics; dates by an
// interval.
func TestWindowRangeOffsets(t *testing.T) {
	floats := arrow.NewSchema([]arrow.Field{{Name: "k", Type: float64Type, Nullable: true}}, nil)
	dates := arrow.NewSchema([]arrow.Field{{Name: "k", Type: arrow.FixedWidthTypes.Date32, Nullable: true}}, nil)
	numerics := arrow.NewSchema([]arrow.Field{{Name: "k", Type: types.Numeric, Nullable: true}}, nil)
	month := &expr.Literal{Value: scalar.NewMonthDayNanoIntervalScalar(arrow.MonthDayNanoInterval{Months: 1})}
	cases := []struct {
		name   string
		schema *arrow.Schema
		values string // the keys, as text
		order  SortKey
		frame  WindowFrame
		want   string // count(*) per row, in sorted order
	}{
		{"float keys descending", floats, "1 NaN 2.5 Infinity NULL 3 -Infinity", SortKey{Desc: true, NullsFirst: true},
			WindowFrame{Mode: FrameRange, Start: FrameBound{Kind: OffsetPreceding, Offset: &expr.Literal{Value: scalar.NewFloat64Scalar(1)}}, End: currentRow},
			"1 1 1 1 2 1 1"},
		{"an infinite offset reaches infinite keys", floats, "1 Infinity -Infinity", SortKey{},
			WindowFrame{Mode: FrameRange, Start: FrameBound{Kind: OffsetPreceding, Offset: &expr.Literal{Value: scalar.NewFloat64Scalar(math.Inf(1))}},
				End: currentRow}, "1 2 3"},
		{"numeric keys", numerics, "1.5 2 2.25 4 NULL", SortKey{},
			WindowFrame{Mode: FrameRange, Start: currentRow, End: FrameBound{Kind: OffsetFollowing, Offset: &expr.Literal{Value: scalar.NewInt32Scalar(2)}}},
			"3 3 2 1 1"},
		{"dates moved by a month", dates, "2024-01-31 2024-02-29 2024-03-30 2024-03-31", SortKey{},
			WindowFrame{Mode: FrameRange, Start: FrameBound{Kind: OffsetPreceding, Offset: month}, End: currentRow},
			"1 2 2 3"},
	}
	for _, c := range cases {
		key := &expr.Column{Index: 0, Name: "k", Typ: c.schema.Field(0).Type}
		c.order.Expr = key
		rows := [][]any{}
		for _, v := range strings.Fields(c.values) {
			rows = append(rows, []any{v})
		}
		input := textBatch(t, c.schema, rows)
		f := WindowFunc{Name: "count", Typ: int64Type, Frame: c.frame}
		schema := arrow.NewSchema(append(c.schema.Fields(), arrow.Field{Name: "count", Type: int64Type}), nil)
		got, err := renderColumn(NewWindow(input, nil, []SortKey{c.order}, []WindowFunc{f}, schema, nil), 1)
		if err != nil || got != c.want {
			t.Errorf("%s: got %q, %v; want %q", c.name, got, err, c.want)
		}
	}
}

// textBatch builds a one-batch input from values written as text.
func textBatch(t *testing.T, schema *arrow.Schema, rows [][]any) Operator {
	t.Helper()
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for _, row := range rows {
		for i, v := range row {
			if v == "NULL" {
				b.Field(i).AppendNull()
				continue
			}
			s, err := types.ParseLiteral(schema.Field(i).Type, v.(string))
			if err != nil {
				t.Fatal(err)
			}
			if err := b.Field(i).AppendValueFromString(s.String()); err != nil {
				t.Fatal(err)
			}
		}
	}
	return catalog.NewSliceReader(b.NewRecordBatch())
}

func TestWindowReservesMemory(t *testing.T) {
	ctx := context.Background()
	budget := NewBudget(256)
	f := WindowFunc{Name: "rank", Typ: int64Type, Frame: DefaultFrame}
	schema := arrow.NewSchema(append(windowSchema.Fields(), arrow.Field{Name: "rank", Type: int64Type}), nil)
	w := NewWindow(windowInput(t, windowTestRows), nil, []SortKey{{Expr: wcol("o")}}, []WindowFunc{f}, schema, budget)
	_, err := w.Next(ctx)
	if sqlstate.Code(err) != sqlstate.OutOfMemory {
		t.Errorf("Next within 256 bytes: %v, want SQLSTATE 53200", err)
	}
	w.Close()
	if budget.Used() != 0 {
		t.Errorf("after Close the budget still holds %d bytes", budget.Used())
	}
	budget = NewBudget(1 << 20)
	w = NewWindow(windowInput(t, windowTestRows), nil, []SortKey{{Expr: wcol("o")}}, []WindowFunc{f}, schema, budget)
	b, err := w.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b.Release()
	if budget.Used() == 0 {
		t.Error("a running Window holds no memory of the budget")
	}
	w.Close()
	if budget.Used() != 0 {
		t.Errorf("after Close the budget still holds %d bytes", budget.Used())
	}
}

// BenchmarkWindowFrames computes aggregates over one partition of many
// rows: frames that grow, slide, shrink or move by value each cost a
// pass, not a pass per row.
func BenchmarkWindowFrames(b *testing.B) {
	const rows = 100_000
	schema := arrow.NewSchema([]arrow.Field{{Name: "k", Type: int32Type}}, nil)
	key := &expr.Column{Index: 0, Name: "k", Typ: int32Type}
	frames := map[string]WindowFrame{
		"running":   DefaultFrame,
		"sliding":   rowsFrame(preceding(100), following(100)),
		"shrinking": rowsFrame(currentRow, unboundedFollowing),
		"by value":  {Mode: FrameRange, Start: FrameBound{Kind: OffsetPreceding, Offset: int64Lit(50)}, End: currentRow},
	}
	for name, frame := range frames {
		for _, fn := range []string{"sum", "max"} {
			b.Run(name+" "+fn, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					builder := array.NewInt32Builder(memory.DefaultAllocator)
					for r := 0; r < rows; r++ {
						builder.Append(int32(r * 7 % 1000))
					}
					col := builder.NewArray()
					builder.Release()
					input := catalog.NewSliceReader(array.NewRecordBatch(schema, []arrow.Array{col}, rows))
					col.Release()
					f := WindowFunc{Name: fn, Args: []expr.Expr{key}, Typ: int64Type, Frame: frame}
					if fn == "max" {
						f.Typ = int32Type
					}
					out := arrow.NewSchema([]arrow.Field{{Name: "k", Type: int32Type}, {Name: fn, Type: f.Typ}}, nil)
					if _, err := renderColumn(NewWindow(input, nil, []SortKey{{Expr: key}}, []WindowFunc{f}, out, nil), 1); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestWindowRangeOverTimesAndIntervals moves times by an interval's time
// part and intervals by intervals (a month counting 30 days).
func TestWindowRangeOverTimesAndIntervals(t *testing.T) {
	hour := int64(3600_000_000)
	times := array.NewTime64Builder(memory.DefaultAllocator, arrow.FixedWidthTypes.Time64us.(*arrow.Time64Type))
	times.AppendValues([]arrow.Time64{arrow.Time64(hour), arrow.Time64(2 * hour), arrow.Time64(4 * hour)}, nil)
	intervals := array.NewMonthDayNanoIntervalBuilder(memory.DefaultAllocator)
	intervals.AppendValues([]arrow.MonthDayNanoInterval{{Days: 29}, {Months: 1}, {Days: 31}, {Months: 2}}, nil)
	cases := []struct {
		keys   arrow.Array
		offset arrow.MonthDayNanoInterval
		want   string
	}{
		{times.NewArray(), arrow.MonthDayNanoInterval{Days: 3, Nanoseconds: hour * 1000}, "2 2 1"},
		{intervals.NewArray(), arrow.MonthDayNanoInterval{Days: 1}, "2 3 2 1"},
	}
	times.Release()
	intervals.Release()
	for _, c := range cases {
		schema := arrow.NewSchema([]arrow.Field{{Name: "k", Type: c.keys.DataType()}}, nil)
		key := &expr.Column{Index: 0, Name: "k", Typ: c.keys.DataType()}
		input := catalog.NewSliceReader(array.NewRecordBatch(schema, []arrow.Array{c.keys}, int64(c.keys.Len())))
		c.keys.Release()
		offset := &expr.Literal{Value: scalar.NewMonthDayNanoIntervalScalar(c.offset)}
		f := WindowFunc{Name: "count", Typ: int64Type, Frame: WindowFrame{Mode: FrameRange,
			Start: FrameBound{Kind: OffsetPreceding, Offset: offset}, End: FrameBound{Kind: OffsetFollowing, Offset: offset}}}
		out := arrow.NewSchema([]arrow.Field{schema.Field(0), {Name: "count", Type: int64Type}}, nil)
		got, err := renderColumn(NewWindow(input, nil, []SortKey{{Expr: key}}, []WindowFunc{f}, out, nil), 1)
		if err != nil || got != c.want {
			t.Errorf("%s keys: got %q, %v; want %q", schema.Field(0).Type, got, err, c.want)
		}
	}
}
