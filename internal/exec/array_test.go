package exec

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

var (
	int4s      = types.ArrayOf(arrow.PrimitiveTypes.Int32)
	int4s2D    = types.ArrayOfDepth(arrow.PrimitiveTypes.Int32, 2)
	textArrays = types.ArrayOf(arrow.BinaryTypes.String)
)

// arrayColumnOf builds a column from array literals ("" for NULL).
func arrayColumnOf(t *testing.T, typ arrow.DataType, literals []string) arrow.Array {
	t.Helper()
	parts := make([]arrow.Array, len(literals))
	for i, l := range literals {
		s := scalar.MakeNullScalar(typ)
		if l != "" {
			v, err := types.ParseLiteral(typ, l)
			if err != nil {
				t.Fatalf("%s: %v", l, err)
			}
			s = v
		}
		arr, err := types.ScalarArray(s, 1, memory.DefaultAllocator)
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

// arrayBatch has four rows of arrays: a (integer[]), m (integer[][]), t
// (text[]), and two integers n and i.
func arrayBatch(t *testing.T) arrow.RecordBatch {
	t.Helper()
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "a", Type: int4s, Nullable: true}, {Name: "m", Type: int4s2D, Nullable: true},
		{Name: "t", Type: textArrays, Nullable: true}, {Name: "n", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "i", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
	}, nil)
	cols := []arrow.Array{
		arrayColumnOf(t, int4s, []string{"{1,2,3}", "{}", "", "{4,NULL,4}"}),
		arrayColumnOf(t, int4s2D, []string{"{{1,2},{3,4}}", "{}", "", "{{5},{6}}"}),
		arrayColumnOf(t, textArrays, []string{`{"a b",NULL,c}`, "{}", "", "{x}"}),
	}
	ints, err := catalog.BuildBatch(arrow.NewSchema(schema.Fields()[3:], nil), [][]any{{int32(1), int32(2)}, {int32(2), nil}, {nil, int32(1)}, {int32(4), int32(3)}})
	if err != nil {
		t.Fatal(err)
	}
	defer ints.Release()
	cols = append(cols, ints.Column(0), ints.Column(1))
	ints.Column(0).Retain()
	ints.Column(1).Retain()
	defer releaseArrays(cols)
	return array.NewRecordBatch(schema, cols, 4)
}

func listColumn(b arrow.RecordBatch, name string) *expr.Column {
	i := b.Schema().FieldIndices(name)[0]
	return &expr.Column{Index: i, Name: name, Typ: b.Schema().Field(i).Type}
}

func intLit(v int32) expr.Expr           { return &expr.Literal{Value: scalar.NewInt32Scalar(v)} }
func textLit(s string) expr.Expr         { return &expr.Literal{Value: scalar.NewStringScalar(s)} }
func nullOf(dt arrow.DataType) expr.Expr { return &expr.Literal{Value: scalar.MakeNullScalar(dt)} }

// rendered evaluates e over the batch and renders each row as PostgreSQL
// would, NULL as "NULL", rows joined by " | ".
func rendered(t *testing.T, e expr.Expr, b arrow.RecordBatch) (string, error) {
	t.Helper()
	args, err := evalArgs(context.Background(), []expr.Expr{e}, b)
	if err != nil {
		return "", err
	}
	defer releaseArrays(args)
	var out []string
	for r := 0; r < args[0].Len(); r++ {
		if args[0].IsNull(r) {
			out = append(out, "NULL")
		} else {
			out = append(out, types.FormatText(args[0], r, time.UTC))
		}
	}
	return strings.Join(out, " | "), nil
}

func arrayFn(name string, typ arrow.DataType, args ...expr.Expr) expr.Expr {
	return &expr.Func{Name: name, Args: args, Typ: typ, Overload: ArrayOverload(name)}
}

func TestArrayExpressions(t *testing.T) {
	b := arrayBatch(t)
	defer b.Release()
	a, m, tx, n, i := listColumn(b, "a"), listColumn(b, "m"), listColumn(b, "t"), listColumn(b, "n"), listColumn(b, "i")
	int4 := arrow.DataType(arrow.PrimitiveTypes.Int32)
	cases := []struct {
		name string
		e    expr.Expr
		want string
	}{
		{"ARRAY of values", arrayFn("array", int4s, n, intLit(7)), "{1,7} | {2,7} | {NULL,7} | {4,7}"},
		{"ARRAY of arrays", arrayFn("array", int4s2D, a, a), "{{1,2,3},{1,2,3}} | {} | {} | {{4,NULL,4},{4,NULL,4}}"},
		{"element", &expr.Subscript{Arg: a, Indexes: []expr.Index{{Upper: i}}, Typ: int4}, "2 | NULL | NULL | 4"},
		{"element out of range", &expr.Subscript{Arg: a, Indexes: []expr.Index{{Upper: intLit(0)}}, Typ: int4}, "NULL | NULL | NULL | NULL"},
		{"element of two dimensions", &expr.Subscript{Arg: m, Indexes: []expr.Index{{Upper: intLit(2)}, {Upper: intLit(1)}}, Typ: int4}, "3 | NULL | NULL | 6"},
		{"too few subscripts", &expr.Subscript{Arg: m, Indexes: []expr.Index{{Upper: intLit(1)}}, Typ: int4}, "NULL | NULL | NULL | NULL"},
		{"slice", &expr.Subscript{Arg: a, Indexes: []expr.Index{{Lower: intLit(2), Upper: intLit(9)}}, Slice: true, Typ: int4s}, "{2,3} | {} | NULL | {NULL,4}"},
		{"open slice", &expr.Subscript{Arg: a, Indexes: []expr.Index{{Upper: intLit(1)}}, Slice: true, Typ: int4s}, "{1} | {} | NULL | {4}"},
		{"slice of two dimensions", &expr.Subscript{Arg: m, Indexes: []expr.Index{{Lower: intLit(2)}}, Slice: true, Typ: int4s2D}, "{{3,4}} | {} | NULL | {{6}}"},
		{"slice with a NULL bound", &expr.Subscript{Arg: a, Indexes: []expr.Index{{Lower: nullOf(int4)}}, Slice: true, Typ: int4s}, "NULL | NULL | NULL | NULL"},
		{"= ANY", &expr.AnyAll{Op: expr.Eq, Left: n, Right: a}, "t | f | NULL | t"},
		{"<> ALL with a NULL element", &expr.AnyAll{Op: expr.Ne, All: true, Left: intLit(5), Right: a}, "t | t | NULL | NULL"},
		{"< ALL over two dimensions", &expr.AnyAll{Op: expr.Lt, All: true, Left: intLit(0), Right: m}, "t | t | NULL | t"},
		{"array equality", &expr.Compare{Op: expr.Eq, Left: a, Right: arrayFn("array_remove", int4s, a, intLit(9))}, "t | t | NULL | t"},
		{"array order", &expr.Compare{Op: expr.Lt, Left: a, Right: arrayFn("array", int4s, intLit(1), intLit(5))}, "t | t | NULL | f"},
		{"arrays of different dimensions", &expr.Compare{Op: expr.Gt, Left: m, Right: a}, "t | f | NULL | t"},
		{"cast to bigint[]", &expr.Cast{Arg: a, To: types.ArrayOf(arrow.PrimitiveTypes.Int64)}, "{1,2,3} | {} | NULL | {4,NULL,4}"},
		{"cast to text", &expr.Cast{Arg: tx, To: arrow.BinaryTypes.String}, `{"a b",NULL,c} | {} | NULL | {x}`},
		{"cast from text", &expr.Cast{Arg: textLit("{1, 2}"), To: int4s}, "{1,2} | {1,2} | {1,2} | {1,2}"},
		{"array_length", arrayFn("array_length", int4, m, intLit(2)), "2 | NULL | NULL | 1"},
		{"array_upper", arrayFn("array_upper", int4, a, intLit(1)), "3 | NULL | NULL | 3"},
		{"array_upper of a missing dimension", arrayFn("array_upper", int4, a, i), "NULL | NULL | NULL | NULL"},
		{"array_lower", arrayFn("array_lower", int4, a, intLit(1)), "1 | NULL | NULL | 1"},
		{"array_ndims", arrayFn("array_ndims", int4, m), "2 | NULL | NULL | 2"},
		{"cardinality", arrayFn("cardinality", int4, m), "4 | 0 | NULL | 2"},
		{"array_dims", arrayFn("array_dims", arrow.BinaryTypes.String, m), "[1:2][1:2] | NULL | NULL | [1:2][1:1]"},
		{"array_position", arrayFn("array_position", int4, a, intLit(4), intLit(2)), "NULL | NULL | NULL | 3"},
		{"array_position of NULL", arrayFn("array_position", int4, a, nullOf(int4)), "NULL | NULL | NULL | 2"},
		{"array_positions", arrayFn("array_positions", int4s, a, intLit(4)), "{} | {} | NULL | {1,3}"},
		{"array_remove", arrayFn("array_remove", int4s, a, intLit(4)), "{1,2,3} | {} | NULL | {NULL}"},
		{"array_replace", arrayFn("array_replace", int4s2D, m, intLit(3), n), "{{1,2},{1,4}} | {} | NULL | {{5},{6}}"},
		{"array_append", arrayFn("array_append", int4s, a, n), "{1,2,3,1} | {2} | {NULL} | {4,NULL,4,4}"},
		{"array_prepend", arrayFn("array_prepend", int4s, i, a), "{2,1,2,3} | {NULL} | {1} | {3,4,NULL,4}"},
		{"array_cat", arrayFn("array_cat", int4s, a, a), "{1,2,3,1,2,3} | {} | NULL | {4,NULL,4,4,NULL,4}"},
		{"array_cat of a sub-array", arrayFn("array_cat", int4s2D, arrayFn("array", int4s2D, a), a), "{{1,2,3},{1,2,3}} | {} | {} | {{4,NULL,4},{4,NULL,4}}"},
		{"array_to_string", arrayFn("array_to_string", arrow.BinaryTypes.String, tx, textLit("/")), "a b/c |  | NULL | x"},
		{"array_to_string with a NULL string", arrayFn("array_to_string", arrow.BinaryTypes.String, m, textLit(","), textLit("?")), "1,2,3,4 |  | NULL | 5,6"},
		{"string_to_array", arrayFn("string_to_array", textArrays, textLit("a,,b"), textLit(","), textLit("b")), `{a,"",NULL} | {a,"",NULL} | {a,"",NULL} | {a,"",NULL}`},
		{"string_to_array by character", arrayFn("string_to_array", textArrays, textLit("ab"), nullOf(arrow.BinaryTypes.String)), "{a,b} | {a,b} | {a,b} | {a,b}"},
		{"@>", arrayFn("array_contains", arrow.FixedWidthTypes.Boolean, m, a), "t | t | NULL | f"},
		{"&&", arrayFn("array_overlap", arrow.FixedWidthTypes.Boolean, a, arrayFn("array", int4s, intLit(3), nullOf(int4))), "t | f | NULL | f"},
	}
	for _, c := range cases {
		got, err := rendered(t, c.e, b)
		if err != nil || got != c.want {
			t.Errorf("%s: %s = %q (%v), want %q", c.name, c.e, got, err, c.want)
		}
	}
}

func TestArrayFunctionErrors(t *testing.T) {
	b := arrayBatch(t)
	defer b.Release()
	a, m := listColumn(b, "a"), listColumn(b, "m")
	int4 := arrow.DataType(arrow.PrimitiveTypes.Int32)
	cases := []struct {
		e    expr.Expr
		code string
		msg  string
	}{
		{arrayFn("array_position", int4, m, intLit(1)), sqlstate.FeatureNotSupported, "searching for elements in multidimensional arrays is not supported"},
		{arrayFn("array_remove", int4s2D, m, intLit(1)), sqlstate.FeatureNotSupported, "removing elements from multidimensional arrays is not supported"},
		{arrayFn("array_position", int4, a, intLit(1), nullOf(int4)), "22004", "initial position must not be null"},
		{arrayFn("array", int4s2D, a, arrayFn("array", int4s, intLit(1))), sqlstate.ArraySubscriptError, "multidimensional arrays must have array expressions with matching dimensions"},
		{arrayFn("array_cat", int4s2D, m, arrayFn("array", int4s, intLit(1), intLit(2), intLit(3))), sqlstate.ArraySubscriptError, "cannot concatenate incompatible arrays"},
	}
	for _, c := range cases {
		_, err := rendered(t, c.e, b)
		if sqlstate.Code(err) != c.code || err.Error() != c.msg {
			t.Errorf("%s: %v, want %s %q", c.e, err, c.code, c.msg)
		}
	}
}

func TestSortByArrays(t *testing.T) {
	b := arrayBatch(t)
	op := NewSort(catalog.NewSliceReader(b), []SortKey{{Expr: listColumn(b, "a"), NullsFirst: true}})
	defer op.Close()
	out, err := op.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer out.Release()
	var got []string
	for r := 0; r < int(out.NumRows()); r++ {
		if out.Column(0).IsNull(r) {
			got = append(got, "NULL")
		} else {
			got = append(got, types.FormatText(out.Column(0), r, time.UTC))
		}
	}
	if want := "NULL {} {1,2,3} {4,NULL,4}"; strings.Join(got, " ") != want {
		t.Errorf("sorted %v, want %s", got, want)
	}
}

// TestArrayAggregates runs array_agg, with DISTINCT (one NULL kept),
// ORDER BY and FILTER, over two batches and three groups.
func TestArrayAggregates(t *testing.T) {
	ints, strs := types.ArrayOf(i32), types.ArrayOf(text)
	cases := []struct {
		name string
		agg  AggSpec
		want []string // per group a, b, NULL
	}{
		{"array_agg(v) keeps NULLs in input order", AggSpec{Func: "array_agg", Arg: vCol, Typ: ints}, []string{"{3,3,NULL,2,3}", "{1,1,5}", "{7,7}"}},
		{"array_agg(DISTINCT v) sorts and keeps one NULL", AggSpec{Func: "array_agg", Arg: vCol, Distinct: true, Typ: ints}, []string{"{2,3,NULL}", "{1,5}", "{7}"}},
		{"array_agg(s ORDER BY v DESC, s)", AggSpec{Func: "array_agg", Arg: sCol, Typ: strs,
			OrderBy: []SortKey{{Expr: vCol, Desc: true, NullsFirst: true}, {Expr: sCol}}}, []string{"{x,w,x,z,y}", "{NULL,y,y}", "{v,w}"}},
		{"array_agg(v) FILTER", AggSpec{Func: "array_agg", Arg: vCol, Filter: okCol, Typ: ints}, []string{"{3,NULL,3}", "{5}", "{7}"}},
		{"array_agg(s) FILTER (WHERE NOT ok)", AggSpec{Func: "array_agg", Arg: sCol, Filter: &expr.Not{Arg: okCol}, Typ: strs}, []string{"{y}", "{y}", "{v}"}},
	}
	for _, c := range cases {
		groups := []expr.Expr{kCol}
		aggs := []AggSpec{c.agg}
		got := sortedRows(t, NewHashAggregate(aggInput(t), groups, aggs, aggregateSchema(groups, aggs)))
		want := []string{"a|" + c.want[0], "b|" + c.want[1], "NULL|" + c.want[2]}
		sort.Strings(want)
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: got %q, want %q", c.name, got, want)
		}
	}
	empty := catalog.NewSliceReader(batchOf(arrayOf(t, text), arrayOf(t, i32)))
	aggs := []AggSpec{{Func: "array_agg", Arg: col(1, i32), Typ: ints}}
	if got := sortedRows(t, NewHashAggregate(empty, nil, aggs, aggregateSchema(nil, aggs))); strings.Join(got, " ") != "NULL" {
		t.Errorf("array_agg of no rows: %q", got)
	}
}

// TestArrayAccumulators aggregates arrays: array_agg into arrays of one
// more dimension, with PostgreSQL's errors, and min and max in array order.
func TestArrayAccumulators(t *testing.T) {
	cases := []struct {
		fn      string
		batches [][]string // the arrays of each batch: groups 0, 1, 0
		want    string
		err     string
	}{
		{"array_agg", [][]string{{"{1,2}", "{5,6}", "{3,NULL}"}, {"{7,8}", "{9,9}", "{0,0}"}}, "{{1,2},{3,NULL},{7,8},{0,0}} {{5,6},{9,9}}", ""},
		{"array_agg", [][]string{{"{1,2}", "{5,6}", "{3}"}}, "", "cannot accumulate arrays of different dimensionality"},
		{"array_agg", [][]string{{"{1,2}", "{5,6}", ""}}, "", "cannot accumulate null arrays"},
		{"array_agg", [][]string{{"{}", "{5,6}", "{1}"}}, "", "cannot accumulate empty arrays"},
		{"max", [][]string{{"{1,2}", "{5}", "{1,2,0}"}, {"{1,NULL}", "", "{0,9}"}}, "{1,NULL} {5}", ""},
		{"min", [][]string{{"{1,2}", "", "{1,2,0}"}, {"{1,NULL}", "{}", "{0,9}"}}, "{0,9} {}", ""},
	}
	for _, c := range cases {
		result := int4s
		if c.fn == "array_agg" {
			result = int4s2D
		}
		acc, err := accumulatorFor(c.fn, "", int4s, result)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range c.batches {
			acc.Resize(2)
			values := arrayColumnOf(t, int4s, b)
			err = acc.Update([]int32{0, 1, 0}, values)
			values.Release()
			if err != nil {
				t.Fatal(err)
			}
		}
		got, err := acc.Result()
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%s of %v: %v, want %q", c.fn, c.batches, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s of %v: %v", c.fn, c.batches, err)
		}
		if s := renderCells(got); s != c.want {
			t.Errorf("%s of %v: %q, want %q", c.fn, c.batches, s, c.want)
		}
		got.Release()
	}
}
