package exec

import (
	"sort"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// TestJSONObjectAgg aggregates (name, value) pairs per group: json keeps
// every pair in arrival order (or the call's ORDER BY), jsonb the last
// value of each key, a NULL value as null.
func TestJSONObjectAgg(t *testing.T) {
	pair := &expr.Row{Fields: []expr.Expr{col(1, text), col(2, i32)}}
	cases := []struct {
		name string
		agg  AggSpec
		want []string // groups a and b
	}{
		{"json_object_agg", AggSpec{Func: "json_object_agg", Arg: pair, Typ: types.JSON},
			[]string{`{ "x" : 1, "y" : null, "x" : 3 }`, `{ "x" : 2 }`}},
		{"jsonb_object_agg", AggSpec{Func: "jsonb_object_agg", Arg: pair, Typ: types.JSONB},
			[]string{`{"x": 3, "y": null}`, `{"x": 2}`}},
		{"json_object_agg ORDER BY v DESC", AggSpec{Func: "json_object_agg", Arg: pair, Typ: types.JSON,
			OrderBy: []SortKey{{Expr: col(2, i32), Desc: true, NullsFirst: true}}},
			[]string{`{ "y" : null, "x" : 3, "x" : 1 }`, `{ "x" : 2 }`}},
		{"jsonb_object_agg ORDER BY v DESC keeps the last", AggSpec{Func: "jsonb_object_agg", Arg: pair, Typ: types.JSONB,
			OrderBy: []SortKey{{Expr: col(2, i32), Desc: true, NullsFirst: true}}},
			[]string{`{"x": 1, "y": null}`, `{"x": 2}`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			input := catalog.NewSliceReader(batchOf(arrayOf(t, text, "a", "a", "b", "a"),
				arrayOf(t, text, "x", "y", "x", "x"), arrayOf(t, i32, 1, nil, 2, 3)))
			groups := []expr.Expr{col(0, text)}
			aggs := []AggSpec{c.agg}
			got := sortedRows(t, NewHashAggregate(input, groups, aggs, aggregateSchema(groups, aggs)))
			want := []string{"a|" + c.want[0], "b|" + c.want[1]}
			sort.Strings(want)
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// TestJSONObjectAggNullKey fails as PostgreSQL does on a NULL key, and
// gives NULL for a group without rows.
func TestJSONObjectAggNullKey(t *testing.T) {
	acc, err := newAccumulator(AggSpec{Func: "jsonb_object_agg", Arg: &expr.Row{Fields: []expr.Expr{col(0, text), col(1, i32)}}, Typ: types.JSONB})
	if err != nil {
		t.Fatal(err)
	}
	acc.Resize(2)
	rows := batchOf(arrayOf(t, text, "a", nil), arrayOf(t, i32, 1, 2))
	defer rows.Release()
	pairs, err := Eval(t.Context(), &expr.Row{Fields: []expr.Expr{col(0, text), col(1, i32)}}, rows)
	if err != nil {
		t.Fatal(err)
	}
	defer pairs.Release()
	values := pairs.(*compute.ArrayDatum).MakeArray()
	defer values.Release()
	first := array.NewSlice(values, 0, 1)
	defer first.Release()
	if err := acc.Update([]int32{0}, first); err != nil {
		t.Fatal(err)
	}
	err = acc.Update([]int32{0, 0}, values)
	if sqlstate.Code(err) != sqlstate.InvalidParameterValue || !strings.Contains(err.Error(), "field name must not be null") {
		t.Errorf("NULL key: %v, want 22023 field name must not be null", err)
	}
	result, err := acc.Result()
	if err != nil {
		t.Fatal(err)
	}
	defer result.Release()
	if result.ValueStr(0) != `{"a": 1}` || !result.IsNull(1) {
		t.Errorf("results %s", result)
	}
}
