// Package planner binds a parsed statement against the catalog, builds a
// logical plan, rewrites it with an ordered list of rules (pushdown into
// the sources, column pruning) and turns it into exec operators.
//
// Plan nodes are small values: Children returns the inputs and WithChildren
// a copy with new ones; no node holds execution state.
package planner

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/expr"
	"auger/internal/types"
)

// Node is a logical plan node.
type Node interface {
	// Schema is the shape of the rows the node yields.
	Schema() *arrow.Schema
	// Children are the node's inputs.
	Children() []Node
	// WithChildren returns a copy of the node with other inputs.
	WithChildren(children ...Node) Node
	// Describe is the node's one-line description for EXPLAIN.
	Describe() string
}

// Scan reads a table, asking it for the columns needed, the filters it
// accepted and, when every such filter is exact, a limit.
type Scan struct {
	Table    catalog.Table
	Name     string                  // the table's full name, for display
	Columns  []int                   // indexes into Table.Schema(), then its implicit columns
	Filters  []expr.Expr             // pushed filters, over the same indexes
	Verdicts []catalog.FilterVerdict // one per pushed filter
	Limit    int64                   // -1: none
}

// NewScan returns a scan of every column of a table, its implicit
// columns last (column pruning drops those a query does not name).
func NewScan(t catalog.Table, name string) *Scan {
	cols := make([]int, t.Schema().NumFields()+len(catalog.ImplicitColumns(t)))
	for i := range cols {
		cols[i] = i
	}
	return &Scan{Table: t, Name: name, Columns: cols, Limit: -1}
}

// Schema implements Node.
func (s *Scan) Schema() *arrow.Schema {
	fields := make([]arrow.Field, len(s.Columns))
	for i, c := range s.Columns {
		fields[i] = catalog.TableField(s.Table, c)
	}
	return arrow.NewSchema(fields, nil)
}

// Children implements Node.
func (s *Scan) Children() []Node { return nil }

// WithChildren implements Node.
func (s *Scan) WithChildren(...Node) Node { c := *s; return &c }

// Describe implements Node.
func (s *Scan) Describe() string {
	names := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		names[i] = catalog.TableField(s.Table, c).Name
	}
	d := fmt.Sprintf("Scan %s columns=[%s]", s.Name, strings.Join(names, ", "))
	for i, f := range s.Filters {
		d += fmt.Sprintf(" filter=%s(%s)", f, s.Verdicts[i])
	}
	if s.Limit >= 0 {
		d += fmt.Sprintf(" limit=%d", s.Limit)
	}
	return d
}

// Filter keeps the rows for which Cond is true.
type Filter struct {
	Input Node
	Cond  expr.Expr
}

// Schema implements Node.
func (f *Filter) Schema() *arrow.Schema { return f.Input.Schema() }

// Children implements Node.
func (f *Filter) Children() []Node { return []Node{f.Input} }

// WithChildren implements Node.
func (f *Filter) WithChildren(c ...Node) Node { return &Filter{Input: c[0], Cond: f.Cond} }

// Describe implements Node.
func (f *Filter) Describe() string { return "Filter " + f.Cond.String() }

// Project computes the output columns.
type Project struct {
	Input Node
	Exprs []expr.Expr
	Names []string
}

// Schema implements Node. A column passed through keeps its field's
// nullability and metadata (such as its PostgreSQL type) under its new name.
func (p *Project) Schema() *arrow.Schema {
	input := p.Input.Schema()
	fields := make([]arrow.Field, len(p.Exprs))
	for i, e := range p.Exprs {
		fields[i] = fieldOf(p.Names[i], e, input)
	}
	return arrow.NewSchema(fields, nil)
}

// fieldOf is the result field of an expression over input: a column
// keeps its input field (and the PostgreSQL type it came with), a cast to
// a character type is marked with it.
func fieldOf(name string, e expr.Expr, input *arrow.Schema) arrow.Field {
	field := arrow.Field{Name: name, Type: e.Type(), Nullable: true}
	switch c := e.(type) {
	case *expr.Column:
		field = input.Field(c.Index)
		field.Name = name
	case *expr.Cast:
		if c.Char.OID != 0 {
			field = types.WithCharType(field, c.Char)
		}
	}
	return field
}

// Children implements Node.
func (p *Project) Children() []Node { return []Node{p.Input} }

// WithChildren implements Node.
func (p *Project) WithChildren(c ...Node) Node {
	return &Project{Input: c[0], Exprs: p.Exprs, Names: p.Names}
}

// Describe implements Node.
func (p *Project) Describe() string {
	parts := make([]string, len(p.Exprs))
	for i, e := range p.Exprs {
		parts[i] = e.String() + " AS " + p.Names[i]
	}
	return "Project " + strings.Join(parts, ", ")
}

// Limit passes on Count rows (all when negative) after skipping Offset.
type Limit struct {
	Input         Node
	Offset, Count int64
}

// Schema implements Node.
func (l *Limit) Schema() *arrow.Schema { return l.Input.Schema() }

// Children implements Node.
func (l *Limit) Children() []Node { return []Node{l.Input} }

// WithChildren implements Node.
func (l *Limit) WithChildren(c ...Node) Node {
	return &Limit{Input: c[0], Offset: l.Offset, Count: l.Count}
}

// Describe implements Node.
func (l *Limit) Describe() string { return fmt.Sprintf("Limit offset=%d count=%d", l.Offset, l.Count) }

// OneRow yields one row of no columns: the input of SELECT without FROM.
type OneRow struct{}

// Schema implements Node.
func (OneRow) Schema() *arrow.Schema { return arrow.NewSchema(nil, nil) }

// Children implements Node.
func (OneRow) Children() []Node { return nil }

// WithChildren implements Node.
func (o OneRow) WithChildren(...Node) Node { return o }

// Describe implements Node.
func (OneRow) Describe() string { return "OneRow" }

// Explain renders a plan as an indented tree, one node per line.
func Explain(n Node) string {
	return Render(n, nil)
}

// Annotator adds to a node's line in a rendered plan: a suffix on the line
// itself and lines of detail shown under it, before its inputs.
type Annotator func(n Node) (suffix string, details []string)

// Render renders a plan as Explain does, with what annotate adds to each
// node; a nil annotate adds nothing.
func Render(n Node, annotate Annotator) string {
	var b strings.Builder
	render(&b, n, 0, annotate)
	return b.String()
}

func render(b *strings.Builder, n Node, depth int, annotate Annotator) {
	indent := strings.Repeat("  ", depth)
	b.WriteString(indent)
	b.WriteString(n.Describe())
	if annotate != nil {
		suffix, details := annotate(n)
		b.WriteString(suffix)
		for _, d := range details {
			b.WriteString("\n" + indent + "    " + d)
		}
	}
	b.WriteString("\n")
	for _, c := range n.Children() {
		render(b, c, depth+1, annotate)
	}
}

// ScanDetails returns an Annotator that shows, under each scan whose table
// is a catalog.ScanExplainer, what the scan will do (its remote statement,
// the files and row groups it reads). The first error a table gives is kept
// in *failed and stops further asking.
func ScanDetails(ctx context.Context, failed *error) Annotator {
	return func(n Node) (string, []string) {
		s, ok := n.(*Scan)
		if !ok || *failed != nil {
			return "", nil
		}
		explainer, ok := s.Table.(catalog.ScanExplainer)
		if !ok {
			return "", nil
		}
		lines, err := explainer.ExplainScan(ctx, s.Request())
		if err != nil {
			*failed = err
		}
		return "", lines
	}
}

// Request is the catalog request the scan sends its table.
func (s *Scan) Request() catalog.ScanRequest {
	return catalog.ScanRequest{Columns: s.Columns, Filters: s.Filters, Limit: s.Limit}
}

// SortKey is one ORDER BY key over the sort's input.
type SortKey struct {
	Expr       expr.Expr
	Desc       bool
	NullsFirst bool
}

// String renders the key for EXPLAIN.
func (k SortKey) String() string {
	s := k.Expr.String()
	if k.Desc {
		s += " DESC"
	}
	if k.NullsFirst {
		return s + " NULLS FIRST"
	}
	return s + " NULLS LAST"
}

// Sort orders its input's rows by Keys.
type Sort struct {
	Input Node
	Keys  []SortKey
}

// Schema implements Node.
func (s *Sort) Schema() *arrow.Schema { return s.Input.Schema() }

// Children implements Node.
func (s *Sort) Children() []Node { return []Node{s.Input} }

// WithChildren implements Node.
func (s *Sort) WithChildren(c ...Node) Node { return &Sort{Input: c[0], Keys: s.Keys} }

// Describe implements Node.
func (s *Sort) Describe() string {
	keys := make([]string, len(s.Keys))
	for i, k := range s.Keys {
		keys[i] = k.String()
	}
	return "Sort " + strings.Join(keys, ", ")
}

// AggCall is one aggregate an Aggregate computes.
type AggCall struct {
	Func     string    // count, sum, avg, min, max, ... or grouping
	Arg      expr.Expr // over the Aggregate's input; nil for count(*) and grouping()
	Distinct bool
	Sep      string         // string_agg's delimiter
	Filter   expr.Expr      // FILTER (WHERE ...), over the Aggregate's input; nil when absent
	OrderBy  []SortKey      // ORDER BY inside the call, over the Aggregate's input
	Grouping []int          // grouping()'s arguments: positions among the Aggregate's Groups
	Typ      arrow.DataType // the result type
}

// String renders the call for EXPLAIN.
func (a AggCall) String() string {
	arg := "*"
	switch {
	case a.Func == "grouping":
		positions := make([]string, len(a.Grouping))
		for i, g := range a.Grouping {
			positions[i] = fmt.Sprintf("#%d", g)
		}
		arg = strings.Join(positions, ", ")
	case a.Arg != nil:
		arg = a.Arg.String()
	}
	if a.Distinct {
		arg = "DISTINCT " + arg
	}
	if len(a.OrderBy) > 0 {
		keys := make([]string, len(a.OrderBy))
		for i, k := range a.OrderBy {
			keys[i] = k.String()
		}
		arg += " ORDER BY " + strings.Join(keys, ", ")
	}
	s := a.Func + "(" + arg + ")"
	if a.Filter != nil {
		s += " FILTER (WHERE " + a.Filter.String() + ")"
	}
	return s
}

// exprs lists the expressions the call reads from the Aggregate's input.
func (a AggCall) exprs() []expr.Expr {
	var out []expr.Expr
	if a.Arg != nil {
		out = append(out, a.Arg)
	}
	if a.Filter != nil {
		out = append(out, a.Filter)
	}
	for _, k := range a.OrderBy {
		out = append(out, k.Expr)
	}
	return out
}

// mapExprs returns the call with f applied to each expression it reads.
func (a AggCall) mapExprs(f func(expr.Expr) (expr.Expr, error)) (AggCall, error) {
	var err error
	if a.Arg != nil {
		if a.Arg, err = f(a.Arg); err != nil {
			return a, err
		}
	}
	if a.Filter != nil {
		if a.Filter, err = f(a.Filter); err != nil {
			return a, err
		}
	}
	keys := make([]SortKey, len(a.OrderBy))
	for i, k := range a.OrderBy {
		if k.Expr, err = f(k.Expr); err != nil {
			return a, err
		}
		keys[i] = k
	}
	a.OrderBy = keys
	return a, nil
}

// Aggregate groups its input by Groups and computes Aggs per group. Its
// rows are the group values followed by the aggregate values. Without
// groups it yields exactly one row. With GroupingSets (positions among
// Groups) it groups by each set in turn, the Groups a set leaves out NULL
// in its rows.
type Aggregate struct {
	Input        Node
	Groups       []expr.Expr
	Aggs         []AggCall
	GroupingSets [][]int // nil: one set of all Groups
}

// Schema implements Node.
func (a *Aggregate) Schema() *arrow.Schema {
	fields := make([]arrow.Field, 0, len(a.Groups)+len(a.Aggs))
	input := a.Input.Schema()
	for _, g := range a.Groups {
		field := fieldOf(g.String(), g, input)
		field.Nullable = true
		fields = append(fields, field)
	}
	for _, c := range a.Aggs {
		fields = append(fields, arrow.Field{Name: c.String(), Type: c.Typ, Nullable: true})
	}
	return arrow.NewSchema(fields, nil)
}

// Children implements Node.
func (a *Aggregate) Children() []Node { return []Node{a.Input} }

// WithChildren implements Node.
func (a *Aggregate) WithChildren(c ...Node) Node {
	return &Aggregate{Input: c[0], Groups: a.Groups, Aggs: a.Aggs, GroupingSets: a.GroupingSets}
}

// Describe implements Node.
func (a *Aggregate) Describe() string {
	groups := make([]string, len(a.Groups))
	for i, g := range a.Groups {
		groups[i] = g.String()
	}
	aggs := make([]string, len(a.Aggs))
	for i, c := range a.Aggs {
		aggs[i] = c.String()
	}
	d := fmt.Sprintf("Aggregate groups=[%s] aggs=[%s]", strings.Join(groups, ", "), strings.Join(aggs, ", "))
	if a.GroupingSets != nil {
		d += " sets=" + fmt.Sprint(a.GroupingSets)
	}
	return d
}

// JoinKind says which rows a Join keeps (the executor's kinds); a cross
// join is an inner join without a condition.
type JoinKind = exec.JoinKind

// The join kinds.
const (
	InnerJoin = exec.InnerJoin
	LeftJoin  = exec.LeftJoin
	RightJoin = exec.RightJoin
	FullJoin  = exec.FullJoin
	SemiJoin  = exec.SemiJoin
	AntiJoin  = exec.AntiJoin
)

// Join combines the rows of Left and Right for which Cond holds (every
// pair when Cond is nil), keeping unmatched rows of the outer sides with
// NULLs. Its rows are Left's columns followed by Right's.
type Join struct {
	Left, Right Node
	Kind        JoinKind
	Cond        expr.Expr // over Left's columns then Right's; nil: every pair
}

// Schema implements Node.
func (j *Join) Schema() *arrow.Schema {
	if j.Kind.LeftOnly() {
		return j.Left.Schema()
	}
	fields := append(append([]arrow.Field{}, j.Left.Schema().Fields()...), j.Right.Schema().Fields()...)
	for i := range fields {
		fields[i].Nullable = fields[i].Nullable || j.Kind != InnerJoin
	}
	return arrow.NewSchema(fields, nil)
}

// Children implements Node.
func (j *Join) Children() []Node { return []Node{j.Left, j.Right} }

// WithChildren implements Node.
func (j *Join) WithChildren(c ...Node) Node {
	return &Join{Left: c[0], Right: c[1], Kind: j.Kind, Cond: j.Cond}
}

// Describe implements Node.
func (j *Join) Describe() string {
	if j.Cond == nil {
		return "Join " + j.Kind.String()
	}
	return "Join " + j.Kind.String() + " on " + j.Cond.String()
}

// Union yields the rows of each input in turn (UNION ALL). Every input has
// the Union's column types; the names are the first input's.
type Union struct {
	Inputs []Node
}

// Schema implements Node.
func (u *Union) Schema() *arrow.Schema {
	fields := append([]arrow.Field{}, u.Inputs[0].Schema().Fields()...)
	for i := range fields {
		fields[i].Nullable = true
		fields[i].Metadata = arrow.Metadata{}
	}
	return arrow.NewSchema(fields, nil)
}

// Children implements Node.
func (u *Union) Children() []Node { return u.Inputs }

// WithChildren implements Node.
func (u *Union) WithChildren(c ...Node) Node { return &Union{Inputs: c} }

// Describe implements Node.
func (u *Union) Describe() string { return "Union all" }

// SetOp keeps the rows of Left that are (INTERSECT) or are not (EXCEPT) in
// Right: distinct rows, or with All as many copies as the counts allow.
// Rows compare with NULLs equal, as in set operations.
type SetOp struct {
	Left, Right Node
	Op          string // "INTERSECT" or "EXCEPT"
	All         bool
}

// Schema implements Node.
func (s *SetOp) Schema() *arrow.Schema { return s.Left.Schema() }

// Children implements Node.
func (s *SetOp) Children() []Node { return []Node{s.Left, s.Right} }

// WithChildren implements Node.
func (s *SetOp) WithChildren(c ...Node) Node {
	return &SetOp{Left: c[0], Right: c[1], Op: s.Op, All: s.All}
}

// Describe implements Node.
func (s *SetOp) Describe() string {
	if s.All {
		return s.Op + " ALL"
	}
	return s.Op
}
