package planner

import (
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/expr"
)

// LateralJoin joins each row of Left with the rows of Right, a LATERAL
// subquery planned for that row: Right reads the row's Outer values through
// its Correlated slots, and runs once per distinct combination of them.
// Right is not a child, so rules leave it alone; it is optimised when it
// runs, with the values in place. Its rows are Left's columns, then Right's.
type LateralJoin struct {
	Left  Node
	Right Node
	Outer []expr.Expr // over Left's columns
	Kind  JoinKind    // InnerJoin or LeftJoin
}

// Schema implements Node.
func (l *LateralJoin) Schema() *arrow.Schema {
	fields := append([]arrow.Field{}, l.Left.Schema().Fields()...)
	for _, f := range l.Right.Schema().Fields() {
		f.Nullable = f.Nullable || l.Kind == LeftJoin
		fields = append(fields, f)
	}
	return arrow.NewSchema(fields, nil)
}

// Children implements Node.
func (l *LateralJoin) Children() []Node { return []Node{l.Left} }

// WithChildren implements Node.
func (l *LateralJoin) WithChildren(c ...Node) Node {
	return &LateralJoin{Left: c[0], Right: l.Right, Outer: l.Outer, Kind: l.Kind}
}

// Describe implements Node.
func (l *LateralJoin) Describe() string {
	return fmt.Sprintf("LateralJoin %s outer=%s right=[%s]", l.Kind, exprList(l.Outer), oneLine(l.Right))
}

// RecursiveUnion is WITH RECURSIVE's query: Anchor's rows, then Step's
// over the rows of the previous round (Step reads them through its
// WorkingTable), until a round adds none. Distinct (UNION) drops rows
// already produced. Step is optimised each round, with the rows in place.
type RecursiveUnion struct {
	Name     string
	Anchor   Node
	Step     Node
	Distinct bool
}

// Schema implements Node.
func (r *RecursiveUnion) Schema() *arrow.Schema {
	fields := append([]arrow.Field{}, r.Anchor.Schema().Fields()...)
	for i := range fields {
		fields[i].Nullable = true
	}
	return arrow.NewSchema(fields, nil)
}

// Children implements Node.
func (r *RecursiveUnion) Children() []Node { return []Node{r.Anchor} }

// WithChildren implements Node.
func (r *RecursiveUnion) WithChildren(c ...Node) Node {
	return &RecursiveUnion{Name: r.Name, Anchor: c[0], Step: r.Step, Distinct: r.Distinct}
}

// Describe implements Node.
func (r *RecursiveUnion) Describe() string {
	kind := "all"
	if r.Distinct {
		kind = "distinct"
	}
	return fmt.Sprintf("RecursiveUnion %s %s step=[%s]", r.Name, kind, oneLine(r.Step))
}

// WorkingTable is where a recursive query's step reads the rows of the
// previous round.
type WorkingTable struct {
	Name   string
	Fields *arrow.Schema
}

// Schema implements Node.
func (w *WorkingTable) Schema() *arrow.Schema { return w.Fields }

// Children implements Node.
func (w *WorkingTable) Children() []Node { return nil }

// WithChildren implements Node.
func (w *WorkingTable) WithChildren(...Node) Node { return w }

// Describe implements Node.
func (w *WorkingTable) Describe() string { return "WorkingTable " + w.Name }

// Rows yields rows already in memory: a recursive step's working table.
type Rows struct {
	Batch arrow.RecordBatch
}

// Schema implements Node.
func (r *Rows) Schema() *arrow.Schema { return r.Batch.Schema() }

// Children implements Node.
func (r *Rows) Children() []Node { return nil }

// WithChildren implements Node.
func (r *Rows) WithChildren(...Node) Node { return r }

// Describe implements Node.
func (r *Rows) Describe() string { return fmt.Sprintf("Rows %d", r.Batch.NumRows()) }

// DistinctOn keeps the first row of each group of rows with equal Keys; its
// input is sorted by the keys first (SELECT DISTINCT ON).
type DistinctOn struct {
	Input Node
	Keys  []expr.Expr
}

// Schema implements Node.
func (d *DistinctOn) Schema() *arrow.Schema { return d.Input.Schema() }

// Children implements Node.
func (d *DistinctOn) Children() []Node { return []Node{d.Input} }

// WithChildren implements Node.
func (d *DistinctOn) WithChildren(c ...Node) Node { return &DistinctOn{Input: c[0], Keys: d.Keys} }

// Describe implements Node.
func (d *DistinctOn) Describe() string { return "DistinctOn " + exprList(d.Keys) }

func exprList(es []expr.Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.String()
	}
	return strings.Join(parts, ", ")
}

// oneLine renders a plan on one line, for a node that holds a plan it
// does not show as a child.
func oneLine(n Node) string {
	return strings.Join(strings.Split(strings.TrimSpace(Explain(n)), "\n"), " / ")
}
