package planner

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/exec"
)

// Analysis records what each operator of one EXPLAIN ANALYZE run did, keyed
// by the plan node it was built from; the plan nodes themselves hold no
// execution state. Build wraps every operator it makes in a counting one
// when its context carries an Analysis.
type Analysis struct {
	ops    map[Node][]*analyzed
	stands map[Node]Node // nodes built in place of a plan's own (a scan given join keys)
}

// NewAnalysis starts an empty record.
func NewAnalysis() *Analysis { return &Analysis{ops: map[Node][]*analyzed{}} }

type analysisKey struct{}

// Context makes Build, under the returned context, record into a.
func (a *Analysis) Context(ctx context.Context) context.Context {
	return context.WithValue(ctx, analysisKey{}, a)
}

// standIn makes an Analysis under ctx count what the nodes of derived, a
// copy of original of the same shape built only when the query runs, do
// as original's nodes, which are the ones EXPLAIN shows.
func standIn(ctx context.Context, derived, original Node) {
	a, _ := ctx.Value(analysisKey{}).(*Analysis)
	if a == nil || derived == original {
		return
	}
	if a.stands == nil {
		a.stands = map[Node]Node{}
	}
	if identified(derived) {
		a.stands[derived] = original
	}
	dc, oc := derived.Children(), original.Children()
	for i := range min(len(dc), len(oc)) {
		standIn(ctx, dc[i], oc[i])
	}
}

// observe wraps op, built from n, when ctx carries an Analysis.
func observe(ctx context.Context, n Node, op exec.Operator) exec.Operator {
	a, _ := ctx.Value(analysisKey{}).(*Analysis)
	if a == nil || op == nil || !identified(n) {
		return op
	}
	if original, ok := a.stands[n]; ok {
		n = original
	}
	w := &analyzed{input: op}
	a.ops[n] = append(a.ops[n], w)
	return w
}

// analyzed is an operator that counts the rows its input yields and the
// wall time spent in the input's Next, inclusive of the input's own inputs.
type analyzed struct {
	input   exec.Operator
	rows    int64
	total   time.Duration // all time spent in Next
	startup time.Duration // time spent in Next until the first batch (or the end)
	started bool
}

// Schema implements exec.Operator.
func (w *analyzed) Schema() *arrow.Schema { return w.input.Schema() }

// Next implements exec.Operator.
func (w *analyzed) Next(ctx context.Context) (arrow.RecordBatch, error) {
	start := time.Now()
	b, err := w.input.Next(ctx)
	w.total += time.Since(start)
	if b != nil {
		w.rows += b.NumRows()
	}
	if !w.started && (b != nil || err != nil) {
		w.started, w.startup = true, w.total
	}
	return b, err
}

// Close implements exec.Operator.
func (w *analyzed) Close() error { return w.input.Close() }

// actual sums the runs of one node: rows, startup and total time, the
// number of operators built from it, and its scans' counts.
type actual struct {
	rows           int64
	startup, total time.Duration
	loops          int
	scan           catalog.ScanStats
	hasScan        bool
}

func (a *Analysis) actual(n Node) (actual, bool) {
	runs := a.ops[n]
	var out actual
	for _, w := range runs {
		out.rows += w.rows
		out.startup += w.startup
		out.total += w.total
		out.loops++
		if r, ok := w.input.(catalog.StatsReporter); ok {
			out.scan, out.hasScan = out.scan.Add(r.ScanStats()), true
		}
	}
	return out, len(runs) > 0
}

// Annotator adds to details (what EXPLAIN shows under each scan) what each
// node did, as PostgreSQL's EXPLAIN ANALYZE shows it: "(actual
// time=startup..total rows=n loops=k)" on the node's line, times in
// milliseconds, and under a scan whose reader counts its work a "Read:" line
// of the counts that are not zero. A node never run says so.
func (a *Analysis) Annotator(details Annotator) Annotator {
	return func(n Node) (string, []string) {
		var lines []string
		if details != nil {
			_, lines = details(n)
		}
		if !identified(n) {
			return "", lines
		}
		act, ok := a.actual(n)
		if !ok {
			return "  (never executed)", lines
		}
		if line := scanLine(act.scan); act.hasScan && line != "" {
			lines = append(lines, "Read: "+line)
		}
		return fmt.Sprintf("  (actual time=%.3f..%.3f rows=%d loops=%d)", ms(act.startup), ms(act.total), act.rows, act.loops), lines
	}
}

// scanLine lists a scan's non-zero counts, "files=1 row_groups=2 ...".
func scanLine(s catalog.ScanStats) string {
	fields := []struct {
		name string
		v    int64
	}{
		{"files", s.Files}, {"files_skipped", s.FilesSkipped}, {"row_groups", s.RowGroups},
		{"row_groups_skipped", s.RowGroupsSkipped}, {"pages_skipped", s.PagesSkipped},
		{"bytes", s.BytesRead}, {"requests", s.Requests},
	}
	var parts []string
	for _, f := range fields {
		if f.v != 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", f.name, f.v))
		}
	}
	return strings.Join(parts, " ")
}

// identified tells whether a node is a pointer, which alone tells one node
// from another equal to it (OneRow is a value: every OneRow is the same key).
func identified(n Node) bool { return reflect.ValueOf(n).Kind() == reflect.Pointer }

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
