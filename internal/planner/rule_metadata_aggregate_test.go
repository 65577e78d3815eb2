package planner

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/expr"
)

// footerTable is an in-memory table that answers aggregates as a footer
// would: with fixed values, or not at all when exact is false.
type footerTable struct {
	*catalog.MemTable
	exact bool
	asked [][]catalog.MetadataAggregate
}

func (f *footerTable) AggregateFromMetadata(_ context.Context, aggs []catalog.MetadataAggregate) ([]scalar.Scalar, bool, error) {
	f.asked = append(f.asked, aggs)
	if !f.exact {
		return nil, false, nil
	}
	out := make([]scalar.Scalar, len(aggs))
	for i, a := range aggs {
		if a.Func == "count" {
			out[i] = scalar.NewInt64Scalar(1000 + int64(a.Column))
		} else {
			out[i] = scalar.NewInt32Scalar(7)
		}
	}
	return out, true, nil
}

func footerScan(exact bool) (*Scan, *footerTable) {
	mem := catalog.NewMemTable(threeColumns, func(context.Context) ([][]any, error) {
		return [][]any{{int32(1), "x", int64(10)}, {int32(5), nil, int64(20)}}, nil
	})
	table := &footerTable{MemTable: mem, exact: exact}
	return NewScan(table, "t"), table
}

func countStar() AggCall { return AggCall{Func: "count", Typ: arrow.PrimitiveTypes.Int64} }

// TestAnswerFromMetadata replaces count/min/max over an unfiltered scan
// of a table that can answer from metadata, and nothing else; built, the
// node yields the table's answer, or the aggregate's when it has none.
func TestAnswerFromMetadata(t *testing.T) {
	a := col(0)
	cases := []struct {
		name    string
		aggs    []AggCall
		filter  bool
		groups  bool
		replace bool
		rows    string
	}{
		{"count star, count, min", []AggCall{countStar(), {Func: "count", Arg: a, Typ: arrow.PrimitiveTypes.Int64}, {Func: "min", Arg: a, Typ: a.Typ}}, false, false, true, "999|1000|7"},
		{"with a filter", []AggCall{countStar()}, true, false, false, ""},
		{"grouped", []AggCall{countStar()}, false, true, false, ""},
		{"sum", []AggCall{{Func: "sum", Arg: a, Typ: arrow.PrimitiveTypes.Int64}}, false, false, false, ""},
		{"distinct", []AggCall{{Func: "count", Arg: a, Distinct: true, Typ: arrow.PrimitiveTypes.Int64}}, false, false, false, ""},
		{"expression", []AggCall{{Func: "max", Arg: &expr.Arith{Op: expr.Add, Left: a, Right: a, Typ: a.Typ}, Typ: a.Typ}}, false, false, false, ""},
	}
	for _, c := range cases {
		scan, _ := footerScan(true)
		var input Node = scan
		if c.filter {
			scan.Filters, scan.Verdicts = []expr.Expr{gt(col(0), 1)}, []catalog.FilterVerdict{catalog.Inexact}
		}
		agg := &Aggregate{Input: input, Aggs: c.aggs}
		if c.groups {
			agg.Groups = []expr.Expr{col(1)}
		}
		out, changed := answerFromMetadata(agg)
		if _, isMeta := out.(*MetadataAggregate); changed != c.replace || isMeta != c.replace {
			t.Errorf("%s: changed=%v, plan %s", c.name, changed, Explain(out))
			continue
		}
		if c.replace {
			if got := runOneRow(t, out); got != c.rows {
				t.Errorf("%s: row %s, want %s", c.name, got, c.rows)
			}
		}
	}
}

func TestMetadataAggregateFallsBackWhenNotExact(t *testing.T) {
	scan, table := footerScan(false)
	agg := &Aggregate{Input: scan, Aggs: []AggCall{countStar(), {Func: "max", Arg: col(2), Typ: col(2).Typ}}}
	out, changed := answerFromMetadata(agg)
	if !changed {
		t.Fatalf("not replaced: %s", Explain(out))
	}
	if got := runOneRow(t, out); got != "2|20" || len(table.asked) != 1 || table.asked[0][1] != (catalog.MetadataAggregate{Func: "max", Column: 2}) {
		t.Errorf("row %s, asked %v", got, table.asked)
	}
}

func runOneRow(t *testing.T, n Node) string {
	t.Helper()
	ctx := context.Background()
	op, err := Build(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	defer op.Close()
	var cells []string
	for {
		b, err := op.Next(ctx)
		if errors.Is(err, io.EOF) {
			return strings.Join(cells, "|")
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range b.Columns() {
			cells = append(cells, c.ValueStr(0))
		}
		b.Release()
	}
}
