package planner

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
)

// recordingTable is a server table that takes every filter exactly,
// applies none (its rows are fixed), and records the filters of each scan.
type recordingTable struct {
	serverTable
	scans *[][]expr.Expr
}

func (r recordingTable) SupportsFilters(f []expr.Expr) []catalog.FilterVerdict {
	out := make([]catalog.FilterVerdict, len(f))
	for i := range out {
		out[i] = catalog.Exact
	}
	return out
}

func (r recordingTable) Scan(ctx context.Context, req catalog.ScanRequest) (catalog.BatchReader, error) {
	*r.scans = append(*r.scans, req.Filters)
	return r.serverTable.Scan(ctx, req)
}

func memScan(rows [][]any) *Scan {
	return NewScan(catalog.NewMemTable(threeColumns, func(context.Context) ([][]any, error) { return rows, nil }), "mem")
}

// TestKeyedJoin joins a server table (probe side) with a small in-memory
// one (build side): the server's scan gets the build side's distinct keys
// as an IN list, for the joins that drop unmatched probe rows only, and
// not with pushdown off.
func TestKeyedJoin(t *testing.T) {
	build := [][]any{{int32(2), "x", int64(1)}, {int32(5), "y", int64(2)}, {int32(2), "z", int64(3)}, {nil, "n", int64(4)}}
	probe := [][]any{{int32(1), "a", int64(1)}, {int32(2), "b", int64(2)}, {int32(5), "c", int64(3)}}
	cond := &expr.Compare{Op: expr.Eq, Left: col(0), Right: &expr.Column{Index: 3, Typ: arrow.PrimitiveTypes.Int32}}
	cases := []struct {
		kind  JoinKind
		opts  Options
		rows  int
		keyed bool
	}{
		{InnerJoin, Options{}, 3, true},
		{SemiJoin, Options{}, 2, true},
		{RightJoin, Options{}, 4, true},
		{LeftJoin, Options{}, 4, false},
		{AntiJoin, Options{}, 1, false},
		{InnerJoin, Options{NoPushdown: true}, 3, false},
	}
	for _, c := range cases {
		var scans [][]expr.Expr
		mem := catalog.NewMemTable(threeColumns, func(context.Context) ([][]any, error) { return probe, nil })
		left := NewScan(recordingTable{serverTable: serverTable{MemTable: mem, server: "pg"}, scans: &scans}, "pg.t")
		join := &Join{Left: left, Right: memScan(build), Kind: c.kind, Cond: cond}
		op, err := Build(WithOptions(context.Background(), c.opts), join)
		if err != nil {
			t.Fatal(err)
		}
		rows := 0
		for {
			b, err := op.Next(context.Background())
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			rows += int(b.NumRows())
			b.Release()
		}
		op.Close()
		if rows != c.rows {
			t.Errorf("%s %+v: %d rows, want %d", c.kind, c.opts, rows, c.rows)
		}
		if len(scans) != 1 {
			t.Fatalf("%s: %d scans", c.kind, len(scans))
		}
		got := ""
		if len(scans[0]) == 1 {
			got = scans[0][0].String()
		}
		keyed := strings.HasPrefix(got, `("a" IN (`) && strings.Contains(got, "2") && strings.Contains(got, "5") && strings.Count(got, ",") == 1
		if keyed != c.keyed || (!c.keyed && got != "") {
			t.Errorf("%s %+v: the scan got %q", c.kind, c.opts, got)
		}
	}
}
