package planner

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"auger/internal/catalog"
)

// explainedTable is an in-memory table that says what a scan would read.
type explainedTable struct {
	*catalog.MemTable
	err error
}

func (e explainedTable) ExplainScan(_ context.Context, req catalog.ScanRequest) ([]string, error) {
	return []string{fmt.Sprintf("columns=%v limit=%d", req.Columns, req.Limit)}, e.err
}

func TestScanDetailsRenderUnderTheScan(t *testing.T) {
	mem := catalog.NewMemTable(threeColumns, func(context.Context) ([][]any, error) { return nil, nil })
	scan := NewScan(explainedTable{MemTable: mem}, "t")
	scan.Columns, scan.Limit = []int{2, 0}, 5
	plan := &Limit{Input: scan, Offset: 0, Count: 5}
	var failed error
	got := Render(plan, ScanDetails(context.Background(), &failed))
	want := "Limit offset=0 count=5\n  Scan t columns=[c, a] limit=5\n      columns=[2 0] limit=5\n"
	if failed != nil || got != want {
		t.Fatalf("got %q (error %v), want %q", got, failed, want)
	}
	if plain := Explain(plan); plain != "Limit offset=0 count=5\n  Scan t columns=[c, a] limit=5\n" {
		t.Errorf("Explain added details: %q", plain)
	}
}

func TestScanDetailsKeepTheFirstError(t *testing.T) {
	mem := catalog.NewMemTable(threeColumns, func(context.Context) ([][]any, error) { return nil, nil })
	down := errors.New("source down")
	var failed error
	Render(NewScan(explainedTable{MemTable: mem, err: down}, "t"), ScanDetails(context.Background(), &failed))
	if !errors.Is(failed, down) {
		t.Fatalf("failed = %v, want %v", failed, down)
	}
}
