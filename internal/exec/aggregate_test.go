package exec

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

var (
	i16      = arrow.PrimitiveTypes.Int16
	i32      = arrow.PrimitiveTypes.Int32
	i64      = arrow.PrimitiveTypes.Int64
	f32      = arrow.PrimitiveTypes.Float32
	f64      = arrow.PrimitiveTypes.Float64
	boolean  = arrow.FixedWidthTypes.Boolean
	date     = arrow.FixedWidthTypes.Date32
	stamp    = &arrow.TimestampType{Unit: arrow.Microsecond}
	interval = arrow.FixedWidthTypes.MonthDayNanoInterval
	dec122   = &arrow.Decimal128Type{Precision: 12, Scale: 2}
)

// arrayOf builds an array of dt from Go values (nil for NULL): numbers,
// strings, bools, dates and decimals as text, timestamps as time.Time,
// intervals as arrow.MonthDayNanoInterval, numerics as their text.
func arrayOf(t *testing.T, dt arrow.DataType, values ...any) arrow.Array {
	t.Helper()
	if dt == types.Numeric {
		storage := arrayOf(t, text, values...)
		defer storage.Release()
		return array.NewExtensionArrayWithStorage(types.Numeric, storage)
	}
	b := array.NewBuilder(memory.DefaultAllocator, dt)
	defer b.Release()
	for _, v := range values {
		if v == nil {
			b.AppendNull()
			continue
		}
		switch bb := b.(type) {
		case *array.Int16Builder:
			bb.Append(int16(v.(int)))
		case *array.Int32Builder:
			bb.Append(int32(v.(int)))
		case *array.Int64Builder:
			bb.Append(int64(v.(int)))
		case *array.Float32Builder:
			bb.Append(float32(v.(float64)))
		case *array.Float64Builder:
			bb.Append(v.(float64))
		case *array.StringBuilder:
			bb.Append(v.(string))
		case *array.BooleanBuilder:
			bb.Append(v.(bool))
		case *array.TimestampBuilder:
			bb.Append(arrow.Timestamp(v.(time.Time).UnixMicro()))
		case *array.MonthDayNanoIntervalBuilder:
			bb.Append(v.(arrow.MonthDayNanoInterval))
		case *array.Decimal128Builder:
			n, err := decimal128.FromString(v.(string), dec122.Precision, dec122.Scale)
			if err != nil {
				t.Fatal(err)
			}
			bb.Append(n)
		default:
			if err := b.AppendValueFromString(v.(string)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return b.NewArray()
}

// batchOf makes a record batch of columns named c0, c1, ...
func batchOf(cols ...arrow.Array) arrow.RecordBatch {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = arrow.Field{Name: fmt.Sprintf("c%d", i), Type: c.DataType(), Nullable: true}
	}
	b := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, int64(cols[0].Len()))
	releaseArrays(cols)
	return b
}

func col(i int, dt arrow.DataType) *expr.Column {
	return &expr.Column{Index: i, Name: fmt.Sprintf("c%d", i), Typ: dt}
}

// aggregateSchema is the output schema of a HashAggregate.
func aggregateSchema(groups []expr.Expr, aggs []AggSpec) *arrow.Schema {
	var fields []arrow.Field
	for i, g := range groups {
		fields = append(fields, arrow.Field{Name: fmt.Sprintf("g%d", i), Type: g.Type(), Nullable: true})
	}
	for _, a := range aggs {
		fields = append(fields, arrow.Field{Name: a.Func, Type: a.Typ, Nullable: true})
	}
	return arrow.NewSchema(fields, nil)
}

// sortedRows renders every row an operator yields as PostgreSQL's text,
// cells joined by "|", rows sorted.
func sortedRows(t *testing.T, op Operator) []string {
	t.Helper()
	rows, err := collectRows(op)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(rows)
	return rows
}

func collectRows(op Operator) ([]string, error) {
	defer op.Close()
	var rows []string
	for {
		b, err := op.Next(context.Background())
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		for r := 0; r < int(b.NumRows()); r++ {
			cells := make([]string, b.NumCols())
			for c, arr := range b.Columns() {
				cells[c] = "NULL"
				if arr.IsValid(r) {
					cells[c] = types.FormatText(arr, r, time.UTC)
				}
			}
			rows = append(rows, strings.Join(cells, "|"))
		}
		b.Release()
	}
}

// TestAccumulators feeds each accumulator two batches over three groups,
// one of which gets only NULLs, and checks its result per group.
func TestAccumulators(t *testing.T) {
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		fn, sep string
		arg     arrow.DataType // nil: count(*)
		result  arrow.DataType
		values  []any // six rows: groups 0, 1, 0 | 1, 0, 2
		want    string
	}{
		{fn: "count", result: i64, arg: nil, values: []any{1, 2, 3, 4, 5, nil}, want: "3 2 1"},
		{fn: "count", result: i64, arg: i32, values: []any{1, nil, 3, 4, 5, nil}, want: "3 1 0"},
		{fn: "sum", result: i64, arg: i16, values: []any{1, 2, 3, 4, -5, nil}, want: "-1 6 NULL"},
		{fn: "sum", result: i64, arg: i32, values: []any{math.MaxInt32, 2, math.MaxInt32, 4, 1, nil}, want: "4294967295 6 NULL"},
		{fn: "sum", result: &arrow.Decimal128Type{Precision: 38}, arg: i64, values: []any{math.MaxInt64, 2, math.MaxInt64, 4, 5, nil},
			want: "18446744073709551619 6 NULL"},
		{fn: "sum", result: &arrow.Decimal128Type{Precision: 38, Scale: 2}, arg: dec122, values: []any{"1.25", "2", "-3.50", "4", "5", nil},
			want: "2.75 6.00 NULL"},
		{fn: "sum", result: types.Numeric, arg: types.Numeric, values: []any{"1.5", "2", "2.25", "4.000", "-1", nil}, want: "2.75 6.000 NULL"},
		{fn: "sum", result: f32, arg: f32, values: []any{0.1, 0.2, 0.7, 4.0, 1.5, nil}, want: "2.3 4.2 NULL"},
		{fn: "sum", result: f64, arg: f64, values: []any{0.1, 0.2, 0.7, 4.0, math.Inf(1), nil}, want: "Infinity 4.2 NULL"},
		{fn: "avg", result: types.Numeric, arg: i32, values: []any{1, 2, 2, 4, 2, nil}, want: "1.6666666666666667 3.0000000000000000 NULL"},
		{fn: "avg", result: types.Numeric, arg: dec122, values: []any{"1.25", "2", "-3.50", "4", "5", nil}, want: "0.91666666666666666667 3.0000000000000000 NULL"},
		{fn: "avg", result: types.Numeric, arg: types.Numeric, values: []any{"1", "2.5", "2", nil, "3", nil}, want: "2.0000000000000000 2.5000000000000000 NULL"},
		{fn: "avg", result: f64, arg: f32, values: []any{1.0, 2.0, 2.0, 4.0, 3.0, nil}, want: "2 3 NULL"},
		{fn: "min", result: i32, arg: i32, values: []any{5, 2, -3, nil, 7, nil}, want: "-3 2 NULL"},
		{fn: "max", result: f64, arg: f64, values: []any{5.0, 2.0, math.NaN(), math.Inf(1), 7.0, nil}, want: "NaN Infinity NULL"},
		{fn: "min", result: f64, arg: f64, values: []any{math.NaN(), 2.0, math.Inf(-1), 1.0, 7.0, nil}, want: "-Infinity 1 NULL"},
		{fn: "max", result: text, arg: text, values: []any{"b", "zoë", "a", "Z", "ba", nil}, want: "ba zoë NULL"},
		{fn: "min", result: text, arg: text, values: []any{"b", "zoë", "a", "Z", "ba", nil}, want: "a Z NULL"},
		{fn: "max", result: date, arg: date, values: []any{"2024-01-02", "2023-05-01", "2024-01-01", nil, "2025-01-01", nil}, want: "2025-01-01 2023-05-01 NULL"},
		{fn: "min", result: stamp, arg: stamp, values: []any{day, day.Add(time.Hour), day.Add(-time.Second), nil, day, nil},
			want: "2024-02-29 23:59:59 2024-03-01 01:00:00 NULL"},
		{fn: "max", result: dec122, arg: dec122, values: []any{"1.25", "2", "-3.50", "4", "5", nil}, want: "5.00 4.00 NULL"},
		{fn: "max", result: types.Numeric, arg: types.Numeric, values: []any{"1.0", "2", "1.00", "10", "0.5", nil}, want: "1.00 10 NULL"},
		{fn: "min", result: types.Numeric, arg: types.Numeric, values: []any{"2.50", "2", "2.5", "-10", "9", nil}, want: "2.5 -10 NULL"},
		{fn: "max", result: interval, arg: interval, values: []any{arrow.MonthDayNanoInterval{Months: 1}, arrow.MonthDayNanoInterval{Days: 2},
			arrow.MonthDayNanoInterval{Days: 30}, arrow.MonthDayNanoInterval{Nanoseconds: 49 * 3600e9}, nil, nil},
			want: "30 days 49:00:00 NULL"},
		{fn: "sum", result: interval, arg: interval, values: []any{arrow.MonthDayNanoInterval{Months: 1, Days: 40}, arrow.MonthDayNanoInterval{Days: 2},
			arrow.MonthDayNanoInterval{Nanoseconds: 25 * 3600e9}, nil, arrow.MonthDayNanoInterval{Months: 11}, nil},
			want: "1 year 40 days 25:00:00 2 days NULL"},
		{fn: "avg", result: interval, arg: interval, values: []any{arrow.MonthDayNanoInterval{Months: 1}, arrow.MonthDayNanoInterval{Days: 3},
			arrow.MonthDayNanoInterval{Days: 1}, arrow.MonthDayNanoInterval{Nanoseconds: 3600e9}, nil, nil},
			want: "15 days 12:00:00 1 day 12:30:00 NULL"},
		{fn: "bool_and", result: boolean, arg: boolean, values: []any{true, true, false, nil, true, nil}, want: "f t NULL"},
		{fn: "bool_or", result: boolean, arg: boolean, values: []any{false, false, true, nil, false, nil}, want: "t f NULL"},
		{fn: "bit_and", result: i32, arg: i32, values: []any{7, 12, 5, 10, 13, nil}, want: "5 8 NULL"},
		{fn: "bit_or", result: i16, arg: i16, values: []any{1, 12, 4, 1, 8, nil}, want: "13 13 NULL"},
		{fn: "bit_xor", result: i64, arg: i64, values: []any{1, 12, 3, 10, 7, nil}, want: "5 6 NULL"},
		{fn: "string_agg", sep: ", ", result: text, arg: text, values: []any{"a", "b", nil, "c", "d", nil}, want: "a, d b, c NULL"},
		{fn: "var_samp", result: types.Numeric, arg: i32, values: []any{1, 5, 2, 5, 4, nil}, want: "2.3333333333333333 0 NULL"},
		{fn: "stddev_pop", result: types.Numeric, arg: dec122, values: []any{"1.50", "5", "2.25", nil, "7", nil},
			want: "2.4352731993670763 0 NULL"},
		{fn: "stddev", result: types.Numeric, arg: i64, values: []any{1, 5, 2, nil, 4, nil}, want: "1.5275252316519467 NULL NULL"},
		{fn: "variance", result: f64, arg: f64, values: []any{1.0, 5.0, 2.0, nil, 4.0, nil}, want: "2.3333333333333335 NULL NULL"},
		{fn: "stddev_pop", result: f64, arg: f32, values: []any{1.0, 5.0, 2.0, 6.0, 4.0, nil}, want: "1.247219128924647 0.5 NULL"},
		{fn: "var_pop", result: f64, arg: f64, values: []any{1.0, 5.0, math.Inf(1), nil, 4.0, nil}, want: "NaN 0 NULL"},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%s(%v)", c.fn, c.arg)
		t.Run(name, func(t *testing.T) {
			spec := AggSpec{Func: c.fn, Sep: c.sep, Typ: c.result}
			if c.arg != nil {
				spec.Arg = col(0, c.arg)
			}
			acc, err := newAccumulator(spec)
			if err != nil {
				t.Fatal(err)
			}
			argType := c.arg
			if argType == nil {
				argType = i32
			}
			for _, part := range []struct {
				groups []int32
				values []any
			}{{[]int32{0, 1, 0}, c.values[:3]}, {[]int32{1, 0, 2}, c.values[3:]}} {
				acc.Resize(int(slices.Max(part.groups)) + 1)
				values := arrayOf(t, argType, part.values...)
				if c.arg == nil {
					err = acc.Update(part.groups, nil)
				} else {
					err = acc.Update(part.groups, values)
				}
				values.Release()
				if err != nil {
					t.Fatal(err)
				}
			}
			got, err := acc.Result()
			if err != nil {
				t.Fatal(err)
			}
			defer got.Release()
			if !arrow.TypeEqual(got.DataType(), c.result) {
				t.Errorf("result type %s, want %s", got.DataType(), c.result)
			}
			if s := renderCells(got); s != c.want {
				t.Errorf("got %q, want %q", s, c.want)
			}
			if acc.Size() <= 0 {
				t.Errorf("size %d", acc.Size())
			}
		})
	}
}

func renderCells(arr arrow.Array) string {
	cells := make([]string, arr.Len())
	for i := range cells {
		cells[i] = "NULL"
		if arr.IsValid(i) {
			cells[i] = types.FormatText(arr, i, time.UTC)
		}
	}
	return strings.Join(cells, " ")
}

// TestAccumulatorErrors checks the failures PostgreSQL reports while it
// aggregates: float overflow of finite values, intervals out of range.
func TestAccumulatorErrors(t *testing.T) {
	for _, fn := range []string{"sum", "avg", "var_pop"} {
		result := types.Numeric
		acc, err := newAccumulator(AggSpec{Func: fn, Arg: col(0, f64), Typ: result})
		if err != nil {
			t.Fatal(err)
		}
		acc.Resize(1)
		values := arrayOf(t, f64, 1e308, 1e308)
		err = acc.Update([]int32{0, 0}, values)
		values.Release()
		if sqlstate.Code(err) != sqlstate.NumericValueOutOfRange {
			t.Errorf("%s of 1e308 twice: %v, want 22003", fn, err)
		}
	}
	acc, err := newAccumulator(AggSpec{Func: "sum", Arg: col(0, interval), Typ: interval})
	if err != nil {
		t.Fatal(err)
	}
	acc.Resize(1)
	huge := arrayOf(t, interval, arrow.MonthDayNanoInterval{Months: math.MaxInt32}, arrow.MonthDayNanoInterval{Months: 1})
	err = acc.Update([]int32{0, 0}, huge)
	huge.Release()
	if sqlstate.Code(err) != "22008" {
		t.Errorf("sum of intervals past 2^31 months: %v, want 22008", err)
	}
	if _, err := newAccumulator(AggSpec{Func: "max", Arg: col(0, boolean)}); err == nil {
		t.Errorf("max(boolean) has an accumulator")
	}
}

// TestHashAggregateManyGroups groups rows spread over many batches and
// checks every group against counts made independently.
func TestHashAggregateManyGroups(t *testing.T) {
	const batches, rows, groups = 7, 1000, 337
	want := map[string][2]int{}
	var input []arrow.RecordBatch
	for b := 0; b < batches; b++ {
		keys, values := make([]any, rows), make([]any, rows)
		for r := range keys {
			i := b*rows + r
			if i%101 != 0 {
				keys[r] = fmt.Sprintf("k%d", (i*31)%groups)
			}
			values[r] = i
			k := "NULL"
			if keys[r] != nil {
				k = keys[r].(string)
			}
			w := want[k]
			want[k] = [2]int{w[0] + 1, w[1] + i}
		}
		input = append(input, batchOf(arrayOf(t, text, keys...), arrayOf(t, i64, values...)))
	}
	groupsExpr := []expr.Expr{col(0, text)}
	aggs := []AggSpec{{Func: "count", Typ: i64}, {Func: "sum", Arg: col(1, i64), Typ: &arrow.Decimal128Type{Precision: 38}}}
	got := sortedRows(t, NewHashAggregate(catalog.NewSliceReader(input...), groupsExpr, aggs, aggregateSchema(groupsExpr, aggs)))
	var expected []string
	for k, w := range want {
		expected = append(expected, fmt.Sprintf("%s|%d|%d", k, w[0], w[1]))
	}
	sort.Strings(expected)
	if strings.Join(got, "\n") != strings.Join(expected, "\n") {
		t.Errorf("%d groups, want %d; first %v, want %v", len(got), len(expected), got[:3], expected[:3])
	}
}

// TestHashAggregateKeys checks which values group together: NULLs with
// NULLs, numerics by value (the first row's text kept), -0 with 0, NaN
// with NaN, intervals by their span; several columns at once.
func TestHashAggregateKeys(t *testing.T) {
	cases := []struct {
		name string
		keys []arrow.Array
		want []string
	}{
		{"integers with NULLs", []arrow.Array{arrayOf(t, i32, 1, nil, 1, 2, nil, 2)}, []string{"1|2", "2|2", "NULL|2"}},
		{"numerics by value", []arrow.Array{arrayOf(t, types.Numeric, "1.0", "1.00", "1", "0.0", "0", "10")}, []string{"0.0|2", "1.0|3", "10|1"}},
		{"floats", []arrow.Array{arrayOf(t, f64, 0.0, math.Copysign(0, -1), math.NaN(), -math.NaN(), 1.5, 1.5)}, []string{"0|2", "1.5|2", "NaN|2"}},
		{"reals", []arrow.Array{arrayOf(t, f32, 0.0, math.Copysign(0, -1), 2.5, 2.5, nil, nil)}, []string{"0|2", "2.5|2", "NULL|2"}},
		{"intervals by span", []arrow.Array{arrayOf(t, interval, arrow.MonthDayNanoInterval{Months: 1}, arrow.MonthDayNanoInterval{Days: 30},
			arrow.MonthDayNanoInterval{Days: 1}, arrow.MonthDayNanoInterval{Nanoseconds: 24 * 3600e9}, nil, arrow.MonthDayNanoInterval{})},
			[]string{"00:00:00|1", "1 day|2", "1 mon|2", "NULL|1"}},
		{"two columns, NULL apart from empty text", []arrow.Array{arrayOf(t, text, "a", "a", "", nil, "", nil), arrayOf(t, boolean, true, true, nil, nil, nil, false)},
			[]string{"NULL|NULL|1", "NULL|f|1", "a|t|2", "|NULL|2"}},
		{"text that would run into the next column", []arrow.Array{arrayOf(t, text, "ab", "a", "ab", "a", "", ""), arrayOf(t, text, "c", "bc", "c", "bc", "abc", "abc")},
			[]string{"a|bc|2", "ab|c|2", "|abc|2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var groups []expr.Expr
			for i, k := range c.keys {
				groups = append(groups, col(i, k.DataType()))
			}
			aggs := []AggSpec{{Func: "count", Typ: i64}}
			op := NewHashAggregate(catalog.NewSliceReader(batchOf(c.keys...)), groups, aggs, aggregateSchema(groups, aggs))
			got := sortedRows(t, op)
			want := append([]string{}, c.want...)
			sort.Strings(want)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// aggInput is two batches of (k text, v int32, s text, f float64, ok bool):
// groups a and b, NULLs in every column, duplicate values.
func aggInput(t *testing.T) Operator {
	t.Helper()
	first := batchOf(arrayOf(t, text, "a", "b", "a", "a", nil),
		arrayOf(t, i32, 3, 1, 3, nil, 7),
		arrayOf(t, text, "x", "y", "z", "x", "w"),
		arrayOf(t, f64, 1e16, 0.2, 1.0, 1e16, nil),
		arrayOf(t, boolean, true, false, nil, true, true))
	second := batchOf(arrayOf(t, text, "b", "a", "b", nil, "a"),
		arrayOf(t, i32, 1, 2, 5, 7, 3),
		arrayOf(t, text, "y", "y", nil, "v", "w"),
		arrayOf(t, f64, 0.3, 2.0, 0.2, 1.0, 1.0),
		arrayOf(t, boolean, nil, false, true, false, true))
	return catalog.NewSliceReader(first, second)
}

var (
	kCol  = col(0, text)
	vCol  = col(1, i32)
	sCol  = col(2, text)
	fCol  = col(3, f64)
	okCol = col(4, boolean)
)

// TestHashAggregateCallClauses checks DISTINCT, FILTER and ORDER BY
// inside calls, alone and together, across batches and groups.
func TestHashAggregateCallClauses(t *testing.T) {
	cases := []struct {
		name string
		agg  AggSpec
		want []string // per group a, b, NULL
	}{
		{"count(DISTINCT v)", AggSpec{Func: "count", Arg: vCol, Distinct: true, Typ: i64}, []string{"2", "2", "1"}},
		{"sum(DISTINCT v)", AggSpec{Func: "sum", Arg: vCol, Distinct: true, Typ: i64}, []string{"5", "6", "7"}},
		{"string_agg(DISTINCT s) sorts", AggSpec{Func: "string_agg", Arg: sCol, Distinct: true, Sep: ",", Typ: text}, []string{"w,x,y,z", "y", "v,w"}},
		{"sum(DISTINCT f) adds in sorted order", AggSpec{Func: "sum", Arg: fCol, Distinct: true, Typ: f64}, []string{"1.0000000000000004e+16", "0.5", "1"}},
		{"sum(f) adds in input order", AggSpec{Func: "sum", Arg: fCol, Typ: f64}, []string{"2e+16", "0.7", "1"}},
		{"count(*) FILTER", AggSpec{Func: "count", Filter: okCol, Typ: i64}, []string{"3", "1", "1"}},
		{"FILTER on a NULL condition skips the row", AggSpec{Func: "sum", Arg: vCol, Filter: &expr.Not{Arg: okCol}, Typ: i64}, []string{"2", "1", "7"}},
		{"count(DISTINCT v) FILTER", AggSpec{Func: "count", Arg: vCol, Distinct: true, Filter: okCol, Typ: i64}, []string{"1", "1", "1"}},
		{"string_agg ORDER BY v DESC, s", AggSpec{Func: "string_agg", Arg: sCol, Sep: ",", Typ: text,
			OrderBy: []SortKey{{Expr: vCol, Desc: true, NullsFirst: true}, {Expr: sCol}}}, []string{"x,w,x,z,y", "y,y", "v,w"}},
		{"string_agg DISTINCT ORDER BY s DESC FILTER", AggSpec{Func: "string_agg", Arg: sCol, Sep: "", Distinct: true, Typ: text,
			Filter: okCol, OrderBy: []SortKey{{Expr: sCol, Desc: true}}}, []string{"xw", "NULL", "w"}},
		{"min ignores ORDER BY", AggSpec{Func: "min", Arg: sCol, Typ: text, OrderBy: []SortKey{{Expr: vCol}}}, []string{"w", "y", "v"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			groups := []expr.Expr{kCol}
			aggs := []AggSpec{c.agg}
			got := sortedRows(t, NewHashAggregate(aggInput(t), groups, aggs, aggregateSchema(groups, aggs)))
			want := []string{"a|" + c.want[0], "b|" + c.want[1], "NULL|" + c.want[2]}
			sort.Strings(want)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// TestHashAggregateGroupingSets groups by (k, ok), (k) and () at once:
// each set's rows have NULL for the keys it leaves out, grouping() tells
// them apart.
func TestHashAggregateGroupingSets(t *testing.T) {
	groups := []expr.Expr{kCol, okCol}
	aggs := []AggSpec{{Func: "count", Typ: i64}, {Func: "grouping", Grouping: []int{0, 1}, Typ: i32},
		{Func: "sum", Arg: vCol, Typ: i64}}
	op := NewHashAggregate(aggInput(t), groups, aggs, aggregateSchema(groups, aggs)).WithGroupingSets([][]int{{0, 1}, {0}, {}})
	got := sortedRows(t, op)
	want := []string{
		"NULL|NULL|10|3|32", "NULL|NULL|2|1|14", "NULL|f|1|0|7", "NULL|t|1|0|7",
		"a|NULL|1|0|3", "a|NULL|5|1|11", "a|f|1|0|2", "a|t|3|0|6",
		"b|NULL|1|0|1", "b|NULL|3|1|7", "b|f|1|0|1", "b|t|1|0|5",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// distinctKeys yields batches of rows keyed "key-0", "key-1", ...: each
// value new, so that the state of an aggregation grows with every row.
func distinctKeys(t *testing.T, batches, rows int) Operator {
	t.Helper()
	var out []arrow.RecordBatch
	for b := 0; b < batches; b++ {
		keys, values := make([]any, rows), make([]any, rows)
		for r := range keys {
			keys[r], values[r] = fmt.Sprintf("key-%d", b*rows+r), b*rows+r
		}
		out = append(out, batchOf(arrayOf(t, text, keys...), arrayOf(t, i32, values...)))
	}
	return catalog.NewSliceReader(out...)
}

// TestHashAggregateMemoryLimit checks that DISTINCT values and the rows
// an ordered aggregate holds count against the budget: past it an
// aggregate without GROUP BY, which cannot spill, fails with 53200, and
// everything is given back on Close. (Groups spill: aggspill_test.go.)
func TestHashAggregateMemoryLimit(t *testing.T) {
	key, value := col(0, text), col(1, i32)
	cases := []struct {
		name   string
		groups []expr.Expr
		aggs   []AggSpec
	}{
		{"DISTINCT values", nil, []AggSpec{{Func: "count", Arg: key, Distinct: true, Typ: i64}}},
		{"rows of an ordered aggregate", nil, []AggSpec{{Func: "string_agg", Arg: key, Sep: ",", Typ: text,
			OrderBy: []SortKey{{Expr: value, Desc: true}}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			budget := NewBudget(256 << 10)
			ctx := WithBudget(context.Background(), budget)
			op := NewHashAggregate(distinctKeys(t, 20, 1000), c.groups, c.aggs, aggregateSchema(c.groups, c.aggs))
			var err error
			for err == nil {
				var b arrow.RecordBatch
				if b, err = op.Next(ctx); err == nil {
					b.Release()
				}
			}
			if sqlstate.Code(err) != sqlstate.OutOfMemory || !strings.Contains(err.(*sqlstate.Error).Detail, "hash aggregate") {
				t.Errorf("20000 distinct keys in 256kB: %v, want 53200", err)
			}
			op.Close()
			if budget.Used() != 0 {
				t.Errorf("%d bytes still reserved after Close", budget.Used())
			}
			roomy := NewBudget(64 << 20)
			op = NewHashAggregate(distinctKeys(t, 20, 1000), c.groups, c.aggs, aggregateSchema(c.groups, c.aggs))
			if _, err := collectRows(&withContext{op, WithBudget(context.Background(), roomy)}); err != nil {
				t.Errorf("in 64MB: %v", err)
			}
			if roomy.Used() != 0 {
				t.Errorf("%d bytes still reserved after Close", roomy.Used())
			}
		})
	}
}

// withContext runs an operator under a context of its own.
type withContext struct {
	Operator
	ctx context.Context
}

func (w *withContext) Next(context.Context) (arrow.RecordBatch, error) { return w.Operator.Next(w.ctx) }

// failsAfter yields its batches, then fails.
type failsAfter struct {
	batches []arrow.RecordBatch
	err     error
}

func (f *failsAfter) Schema() *arrow.Schema { return f.batches[0].Schema() }
func (f *failsAfter) Close() error {
	releaseRecords(f.batches)
	f.batches = f.batches[:0]
	return nil
}
func (f *failsAfter) Next(context.Context) (arrow.RecordBatch, error) {
	if len(f.batches) == 0 {
		return nil, f.err
	}
	b := f.batches[0]
	f.batches = f.batches[1:]
	return b, nil
}

func releaseRecords(bs []arrow.RecordBatch) {
	for _, b := range bs {
		b.Release()
	}
}

// TestHashAggregateStreamsDistinct checks that without aggregates each
// input batch yields its new rows at once, before the input ends.
func TestHashAggregateStreamsDistinct(t *testing.T) {
	broken := errors.New("source went away")
	in := &failsAfter{err: broken, batches: []arrow.RecordBatch{
		batchOf(arrayOf(t, text, "a", "b", "a", nil)),
		batchOf(arrayOf(t, text, "b", "c", nil, "c")),
	}}
	groups := []expr.Expr{col(0, text)}
	op := NewHashAggregate(in, groups, nil, aggregateSchema(groups, nil))
	defer op.Close()
	var got []string
	for _, want := range []int{3, 1} {
		b, err := op.Next(context.Background())
		if err != nil {
			t.Fatalf("batch of %d new rows: %v", want, err)
		}
		got = append(got, renderCells(b.Column(0)))
		if int(b.NumRows()) != want {
			t.Errorf("%d rows, want %d", b.NumRows(), want)
		}
		b.Release()
	}
	if strings.Join(got, " ") != "a b NULL c" {
		t.Errorf("rows %q", got)
	}
	if _, err := op.Next(context.Background()); !errors.Is(err, broken) {
		t.Errorf("after the input failed: %v", err)
	}
}

// TestHashAggregateEmptyInput checks PostgreSQL's answers without rows:
// one row without groups (count 0, the rest NULL), one row for the empty
// grouping set, none for others.
func TestHashAggregateEmptyInput(t *testing.T) {
	empty := func() Operator {
		return catalog.NewSliceReader(batchOf(arrayOf(t, text), arrayOf(t, i32)))
	}
	aggs := []AggSpec{{Func: "count", Typ: i64}, {Func: "sum", Arg: col(1, i32), Typ: i64},
		{Func: "string_agg", Arg: col(0, text), Sep: ",", Typ: text}, {Func: "stddev", Arg: col(1, i32), Typ: types.Numeric},
		{Func: "count", Arg: col(0, text), Distinct: true, Typ: i64}}
	if got := sortedRows(t, NewHashAggregate(empty(), nil, aggs, aggregateSchema(nil, aggs))); strings.Join(got, " ") != "0|NULL|NULL|NULL|0" {
		t.Errorf("no groups: %q", got)
	}
	groups := []expr.Expr{col(0, text)}
	if got := sortedRows(t, NewHashAggregate(empty(), groups, aggs, aggregateSchema(groups, aggs))); len(got) != 0 {
		t.Errorf("grouped: %q", got)
	}
	op := NewHashAggregate(empty(), groups, aggs[:1], aggregateSchema(groups, aggs[:1])).WithGroupingSets([][]int{{0}, {}, {}})
	if got := sortedRows(t, op); strings.Join(got, " ") != "NULL|0 NULL|0" {
		t.Errorf("grouping sets (k), (), (): %q", got)
	}
}

// TestSetOpRowKeys checks that INTERSECT and EXCEPT compare rows as
// grouping does: numerics by value, NULLs equal.
func TestSetOpRowKeys(t *testing.T) {
	left := func() Operator {
		return catalog.NewSliceReader(batchOf(arrayOf(t, types.Numeric, "1.0", "2", nil, "3"), arrayOf(t, text, "x", "y", nil, "z")))
	}
	right := func() Operator {
		return catalog.NewSliceReader(batchOf(arrayOf(t, types.Numeric, "1.00", "2", nil), arrayOf(t, text, "x", "q", nil)))
	}
	if got := sortedRows(t, NewSetOp(left(), right(), true, false)); strings.Join(got, " ") != "1.0|x NULL|NULL" {
		t.Errorf("INTERSECT: %q", got)
	}
	if got := sortedRows(t, NewSetOp(left(), right(), false, false)); strings.Join(got, " ") != "2|y 3|z" {
		t.Errorf("EXCEPT: %q", got)
	}
}
