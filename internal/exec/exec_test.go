package exec

import (
	"context"
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
	"fmt"
	"sort"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

var schema = arrow.NewSchema([]arrow.Field{
	{Name: "n", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	{Name: "b", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
}, nil)

// input yields two batches: n = 1..3 and 4, NULL, 6; b = true, false, NULL repeating.
func input(t *testing.T) Operator {
	t.Helper()
	rows := [][]any{{int32(1), true}, {int32(2), false}, {int32(3), nil}}
	more := [][]any{{int32(4), true}, {nil, false}, {int32(6), nil}}
	b1, err := catalog.BuildBatch(schema, rows)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := catalog.BuildBatch(schema, more)
	if err != nil {
		t.Fatal(err)
	}
	return catalog.NewSliceReader(b1, b2)
}

func n() *expr.Column { return &expr.Column{Index: 0, Name: "n", Typ: arrow.PrimitiveTypes.Int32} }
func b() *expr.Column { return &expr.Column{Index: 1, Name: "b", Typ: arrow.FixedWidthTypes.Boolean} }
func lit(v int32) *expr.Literal {
	return &expr.Literal{Value: scalar.NewInt32Scalar(v)}
}
func nullInt() *expr.Literal {
	return &expr.Literal{Value: scalar.MakeNullScalar(arrow.PrimitiveTypes.Int32)}
}

// drain renders every row an operator yields, one column value per cell.
func drain(t *testing.T, op Operator) string {
	t.Helper()
	defer op.Close()
	var rows []string
	for {
		batch, err := op.Next(context.Background())
		if errors.Is(err, io.EOF) {
			return strings.Join(rows, " ")
		}
		if err != nil {
			t.Fatal(err)
		}
		for r := 0; r < int(batch.NumRows()); r++ {
			var cells []string
			for _, c := range batch.Columns() {
				cells = append(cells, c.ValueStr(r))
			}
			rows = append(rows, strings.Join(cells, ","))
		}
		batch.Release()
	}
}

func TestFilterThreeValuedLogic(t *testing.T) {
	cases := []struct {
		name string
		cond expr.Expr
		want string
	}{
		{"comparison drops NULL", &expr.Compare{Op: expr.Gt, Left: n(), Right: lit(2)}, "3,(null) 4,true 6,(null)"},
		{"AND with NULL", &expr.And{Args: []expr.Expr{b(), &expr.Compare{Op: expr.Lt, Left: n(), Right: lit(5)}}}, "1,true 4,true"},
		{"OR with NULL is true when one side is", &expr.Or{Args: []expr.Expr{b(), &expr.Compare{Op: expr.Eq, Left: n(), Right: lit(3)}}}, "1,true 3,(null) 4,true"},
		{"NOT NULL is NULL", &expr.Not{Arg: b()}, "2,false (null),false"},
		{"IS NULL", &expr.IsNull{Arg: b()}, "3,(null) 6,(null)"},
		{"IS NOT NULL", &expr.IsNull{Arg: n(), Negated: true}, "1,true 2,false 3,(null) 4,true 6,(null)"},
		{"IN", &expr.InList{Arg: n(), List: []expr.Expr{lit(2), lit(6)}}, "2,false 6,(null)"},
		{"NOT IN with a NULL item keeps nothing", &expr.InList{Arg: n(), List: []expr.Expr{lit(2), nullInt()}, Negated: true}, ""},
		{"NOT IN", &expr.InList{Arg: n(), List: []expr.Expr{lit(2), lit(3)}, Negated: true}, "1,true 4,true 6,(null)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := drain(t, NewFilter(input(t), c.cond)); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestLimitAcrossBatches(t *testing.T) {
	cases := []struct {
		offset, count int64
		want          string
	}{
		{0, 2, "1,true 2,false"},
		{2, 2, "3,(null) 4,true"},
		{4, -1, "(null),false 6,(null)"},
		{5, 10, "6,(null)"},
		{0, 0, ""},
		{7, 1, ""},
	}
	for _, c := range cases {
		if got := drain(t, NewLimit(input(t), c.offset, c.count)); got != c.want {
			t.Errorf("offset %d count %d: got %q, want %q", c.offset, c.count, got, c.want)
		}
	}
}

func schemaOf(exprs []expr.Expr, names ...string) *arrow.Schema {
	fields := make([]arrow.Field, len(exprs))
	for i, e := range exprs {
		fields[i] = arrow.Field{Name: names[i], Type: e.Type(), Nullable: true}
	}
	return arrow.NewSchema(fields, nil)
}

func TestProject(t *testing.T) {
	exprs := []expr.Expr{b(), &expr.Compare{Op: expr.Ge, Left: n(), Right: lit(4)}, lit(7)}
	op := NewProject(input(t), exprs, schemaOf(exprs, "b", "big", "seven"))
	if got := op.Schema().Field(1).Name; got != "big" {
		t.Errorf("column name %q", got)
	}
	want := "true,false,7 false,false,7 (null),false,7 true,true,7 false,(null),7 (null),true,7"
	if got := drain(t, op); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestOneRow(t *testing.T) {
	op := NewProject(&OneRow{}, []expr.Expr{lit(1)}, schemaOf([]expr.Expr{lit(1)}, "?column?"))
	if got := drain(t, op); got != "1" {
		t.Errorf("got %q", got)
	}
}

func TestCast(t *testing.T) {
	cast := &expr.Cast{Arg: n(), To: arrow.PrimitiveTypes.Int64}
	op := NewProject(input(t), []expr.Expr{cast}, schemaOf([]expr.Expr{cast}, "n"))
	if got := drain(t, op); got != "1 2 3 4 (null) 6" {
		t.Errorf("got %q", got)
	}
	if op.Schema().Field(0).Type.ID() != arrow.INT64 {
		t.Errorf("type %s", op.Schema().Field(0).Type)
	}
}

func TestCastToCharacterTypes(t *testing.T) {
	text := &expr.Cast{Arg: &expr.Arith{Op: expr.Mul, Left: n(), Right: lit(1000), Typ: arrow.PrimitiveTypes.Int32},
		To: arrow.BinaryTypes.String}
	varchar := &expr.Cast{Arg: text, To: arrow.BinaryTypes.String, Char: types.CharType{OID: types.OIDVarchar, Length: 2}}
	bools := &expr.Cast{Arg: b(), To: arrow.BinaryTypes.String, Char: types.CharType{OID: types.OIDBpchar, Length: 3}}
	exprs := []expr.Expr{varchar, bools}
	op := NewProject(input(t), exprs, schemaOf(exprs, "v", "c"))
	if got := drain(t, op); got != "10,tru 20,fal 30,(null) 40,tru (null),fal 60,(null)" {
		t.Errorf("got %q", got)
	}
}

func TestCastErrors(t *testing.T) {
	cast := &expr.Cast{Arg: &expr.Arith{Op: expr.Mul, Left: n(), Right: lit(20000), Typ: arrow.PrimitiveTypes.Int32},
		To: arrow.PrimitiveTypes.Int16}
	op := NewProject(input(t), []expr.Expr{cast}, schemaOf([]expr.Expr{cast}, "s"))
	defer op.Close()
	var err error
	for err == nil {
		var batch arrow.RecordBatch
		if batch, err = op.Next(context.Background()); err == nil {
			batch.Release()
		}
	}
	if sqlstate.Code(err) != sqlstate.NumericValueOutOfRange || err.Error() != "smallint out of range" {
		t.Errorf("got %v", err)
	}
}

func TestSort(t *testing.T) {
	cases := []struct {
		name string
		keys []SortKey
		want string
	}{
		{"ascending, NULLs last", []SortKey{{Expr: n()}}, "1,true 2,false 3,(null) 4,true 6,(null) (null),false"},
		{"descending, NULLs first", []SortKey{{Expr: n(), Desc: true, NullsFirst: true}}, "(null),false 6,(null) 4,true 3,(null) 2,false 1,true"},
		{"two keys, stable", []SortKey{{Expr: b(), NullsFirst: true}, {Expr: n(), Desc: true}},
			"6,(null) 3,(null) 2,false (null),false 4,true 1,true"},
		{"an expression key", []SortKey{{Expr: &expr.Compare{Op: expr.Gt, Left: n(), Right: lit(2)}}, {Expr: n()}},
			"1,true 2,false 3,(null) 4,true 6,(null) (null),false"},
	}
	for _, c := range cases {
		if got := drain(t, NewSort(input(t), c.keys)); got != c.want {
			t.Errorf("%s: got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestSortTextAndFloats(t *testing.T) {
	sch := arrow.NewSchema([]arrow.Field{{Name: "s", Type: arrow.BinaryTypes.String}}, nil)
	rows := [][]any{{"b"}, {"B"}, {"é"}, {"a"}, {""}}
	batch, err := catalog.BuildBatch(sch, rows)
	if err != nil {
		t.Fatal(err)
	}
	s := &expr.Column{Index: 0, Name: "s", Typ: arrow.BinaryTypes.String}
	got := drain(t, NewSort(catalog.NewSliceReader(batch), []SortKey{{Expr: s}}))
	if got != " B a b é" {
		t.Errorf("byte order: %q", got)
	}
	if floatCompare(math.NaN(), math.Inf(1)) != 1 || floatCompare(1, math.NaN()) != -1 || floatCompare(math.NaN(), math.NaN()) != 0 {
		t.Errorf("NaN must sort above every float")
	}
}

func TestSortEmptyInput(t *testing.T) {
	empty, err := catalog.BuildBatch(schema, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := drain(t, NewSort(catalog.NewSliceReader(empty), []SortKey{{Expr: n()}})); got != "" {
		t.Errorf("got %q", got)
	}
}

func TestCheckedIntegerArithmetic(t *testing.T) {
	const min32, max32 = -2147483648, 2147483647
	cases := []struct {
		op   expr.ArithOp
		a, b int32
		want int32
		code string
	}{
		{expr.Add, max32, 1, 0, "22003"}, {expr.Add, min32, min32, 0, "22003"}, {expr.Add, min32, max32, -1, ""},
		{expr.Sub, min32, 1, 0, "22003"}, {expr.Sub, 0, min32, 0, "22003"}, {expr.Sub, -1, max32, min32, ""},
		{expr.Mul, min32, -1, 0, "22003"}, {expr.Mul, -1, min32, 0, "22003"}, {expr.Mul, 65536, 65536, 0, "22003"},
		{expr.Mul, -46341, 46341, 0, "22003"}, {expr.Mul, -46340, 46340, -2147395600, ""},
		{expr.Div, 7, 0, 0, "22012"}, {expr.Mod, 7, 0, 0, "22012"}, {expr.Div, min32, -1, 0, "22003"},
		{expr.Mod, min32, -1, 0, ""}, {expr.Div, -7, 2, -3, ""}, {expr.Mod, -7, 3, -1, ""}, {expr.Mod, 7, -3, 1, ""},
	}
	for _, c := range cases {
		got, err := applyInt(c.op, c.a, c.b, "integer")
		if sqlstate.Code(err) != c.code && !(c.code == "" && err == nil) || (err == nil && got != c.want) {
			t.Errorf("%d %s %d = %d, %v; want %d, %s", c.a, c.op, c.b, got, err, c.want, c.code)
		}
	}
}

func TestHashAggregate(t *testing.T) {
	aggSchema := func(fields ...arrow.Field) *arrow.Schema { return arrow.NewSchema(fields, nil) }
	i64 := arrow.PrimitiveTypes.Int64
	cases := []struct {
		name   string
		groups []expr.Expr
		aggs   []AggSpec
		want   string
	}{
		{"no groups", nil, []AggSpec{{Func: "count", Typ: i64}, {Func: "count", Arg: n(), Typ: i64},
			{Func: "sum", Arg: n(), Typ: i64}, {Func: "min", Arg: n(), Typ: n().Typ}, {Func: "max", Arg: n(), Typ: n().Typ}},
			"6,5,16,1,6"},
		{"grouped by a boolean with NULLs", []expr.Expr{b()}, []AggSpec{{Func: "count", Typ: i64}, {Func: "sum", Arg: n(), Typ: i64}},
			"true,2,5 false,2,2 (null),2,9"},
		{"distinct", nil, []AggSpec{{Func: "count", Arg: b(), Distinct: true, Typ: i64}}, "2"},
	}
	for _, c := range cases {
		fields := []arrow.Field{}
		for _, g := range c.groups {
			fields = append(fields, arrow.Field{Name: "g", Type: g.Type(), Nullable: true})
		}
		for _, a := range c.aggs {
			fields = append(fields, arrow.Field{Name: a.Func, Type: a.Typ, Nullable: true})
		}
		got := drain(t, NewHashAggregate(input(t), c.groups, c.aggs, aggSchema(fields...)))
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	empty, err := catalog.BuildBatch(schema, nil)
	if err != nil {
		t.Fatal(err)
	}
	op := NewHashAggregate(catalog.NewSliceReader(empty), nil, []AggSpec{{Func: "count", Typ: i64}, {Func: "sum", Arg: n(), Typ: i64}},
		aggSchema(arrow.Field{Name: "count", Type: i64, Nullable: true}, arrow.Field{Name: "sum", Type: i64, Nullable: true}))
	if got := drain(t, op); got != "0,(null)" {
		t.Errorf("empty input without groups: %q", got)
	}
}

func TestLikeMatch(t *testing.T) {
	cases := []struct {
		pattern, s string
		want       bool
	}{
		{"a%", "abc", true}, {"a%", "bac", false}, {"%c", "abc", true}, {"_b_", "abc", true}, {"_b_", "abcd", false},
		{"%", "", true}, {"", "", true}, {"", "a", false}, {"a\\%", "a%", true}, {"a\\%", "ab", false},
		{"%\\_4_", "bob_42", true}, {"%%x", "aax", true}, {"zoë%", "zoë_4", true}, {"_", "ë", true},
	}
	for _, c := range cases {
		if got, err := likeMatch([]rune(c.pattern), []rune(c.s)); got != c.want || err != nil {
			t.Errorf("%q LIKE %q = %v", c.s, c.pattern, got)
		}
	}
}

// TestCaseIsLazy checks that a CASE computes a branch only for the rows
// that take it: the division by zero in the ELSE is never evaluated.
func TestCaseIsLazy(t *testing.T) {
	zero := &expr.Compare{Op: expr.Eq, Left: n(), Right: lit(2)}
	div := &expr.Arith{Op: expr.Div, Left: lit(10), Right: &expr.Arith{Op: expr.Sub, Left: n(), Right: lit(2),
		Typ: arrow.PrimitiveTypes.Int32}, Typ: arrow.PrimitiveTypes.Int32}
	c := &expr.Case{Whens: []expr.When{{Cond: zero, Then: lit(-1)}}, Else: div, Typ: arrow.PrimitiveTypes.Int32}
	op := NewProject(input(t), []expr.Expr{c}, schemaOf([]expr.Expr{c}, "case"))
	if got := drain(t, op); got != "-10 -1 10 5 (null) 2" {
		t.Errorf("got %q", got)
	}
}

func TestHashJoin(t *testing.T) {
	// input(t) is n = 1, 2, 3, 4, NULL, 6 twice: join it with itself on n.
	width := schema.NumFields()
	joined := arrow.NewSchema(append(append([]arrow.Field{}, schema.Fields()...), schema.Fields()...), nil)
	rightN := &expr.Column{Index: width, Name: "n", Typ: arrow.PrimitiveTypes.Int32}
	cases := []struct {
		name     string
		kind     JoinKind
		residual expr.Expr
		want     string
	}{
		{"inner: NULL keys match nothing", InnerJoin, nil, "1,true,1,true 2,false,2,false 3,(null),3,(null) 4,true,4,true 6,(null),6,(null)"},
		{"inner with a residual", InnerJoin, &expr.Compare{Op: expr.Gt, Left: rightN, Right: lit(3)}, "4,true,4,true 6,(null),6,(null)"},
		{"left keeps unmatched left rows", LeftJoin, &expr.Compare{Op: expr.Gt, Left: rightN, Right: lit(3)},
			"1,true,(null),(null) 2,false,(null),(null) 3,(null),(null),(null) 4,true,4,true 6,(null),6,(null) (null),false,(null),(null)"},
		{"right keeps unmatched right rows", RightJoin, &expr.Compare{Op: expr.Lt, Left: rightN, Right: lit(3)},
			"1,true,1,true 2,false,2,false (null),(null),3,(null) (null),(null),4,true (null),(null),(null),false (null),(null),6,(null)"},
	}
	for _, c := range cases {
		op := NewHashJoin(input(t), input(t), c.kind, []expr.Expr{n()}, []expr.Expr{n()}, c.residual, joined)
		if got := drain(t, op); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
	cross := NewHashJoin(input(t), input(t), InnerJoin, nil, nil, nil, joined)
	if got := strings.Count(drain(t, cross), " ") + 1; got != 36 {
		t.Errorf("cross join gave %d rows, want 36", got)
	}
}

func TestSortNumericByValue(t *testing.T) {
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	b.AppendValues([]string{"10", "9.5", "-2", "100.01", "0.001"}, nil)
	storage := b.NewArray()
	defer storage.Release()
	arr := array.NewExtensionArrayWithStorage(types.Numeric, storage)
	defer arr.Release()
	cmp := valueCompare(arr)
	order := []int{0, 1, 2, 3, 4}
	sort.Slice(order, func(x, y int) bool { return cmp(order[x], order[y]) < 0 })
	if fmt.Sprint(order) != "[2 4 1 0 3]" {
		t.Errorf("numeric order %v", order)
	}
}

func TestSetOp(t *testing.T) {
	cases := []struct {
		intersect, all bool
		want           string
	}{
		{true, false, "1,true 2,false 3,(null) 4,true (null),false 6,(null)"},
		{false, false, ""},
		{true, true, "1,true 2,false 3,(null) 4,true (null),false 6,(null)"},
		{false, true, ""},
	}
	for _, c := range cases {
		if got := drain(t, NewSetOp(input(t), input(t), c.intersect, c.all)); got != c.want {
			t.Errorf("intersect=%v all=%v: got %q, want %q", c.intersect, c.all, got, c.want)
		}
	}
	// EXCEPT ALL of a row against none of it keeps every copy.
	empty, err := catalog.BuildBatch(schema, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := drain(t, NewSetOp(input(t), catalog.NewSliceReader(empty), false, true)); strings.Count(got, ",") != 6 {
		t.Errorf("EXCEPT ALL with an empty right side: %q", got)
	}
}
