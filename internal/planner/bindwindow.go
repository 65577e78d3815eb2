package planner

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/exec"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// windowingError is PostgreSQL's SQLSTATE for misused windows (42P20).
const windowingError = "42P20"

// windowFuncs are the functions that exist only with OVER.
var windowFuncs = map[string]bool{"row_number": true, "rank": true, "dense_rank": true, "percent_rank": true,
	"cume_dist": true, "ntile": true, "lag": true, "lead": true, "first_value": true, "last_value": true, "nth_value": true}

// boundWindow is a window specification bound over the query's input.
type boundWindow struct {
	partition []expr.Expr
	order     []SortKey
	frame     exec.WindowFrame
	framed    bool // written with a frame clause: a window that cannot be copied
}

// key identifies the partitioning and ordering the window sorts by.
func (w boundWindow) key() string {
	var b strings.Builder
	for _, p := range w.partition {
		b.WriteString(expr.Fingerprint(p) + ",")
	}
	b.WriteString("|")
	for _, k := range w.order {
		fmt.Fprintf(&b, "%s %v %v,", expr.Fingerprint(k.Expr), k.Desc, k.NullsFirst)
	}
	return b.String()
}

// windowCall is one window function call of a query.
type windowCall struct {
	fn     WindowFunc
	window boundWindow
}

// fingerprint identifies what the call computes.
func (c windowCall) fingerprint() string {
	args := make([]string, len(c.fn.Args))
	for i, a := range c.fn.Args {
		args[i] = expr.Fingerprint(a)
	}
	return c.fn.Name + "(" + strings.Join(args, ",") + ";" + c.fn.Sep + ") " + c.fn.Frame.String() + " " + c.window.key()
}

// windowCollector gathers a query's window function calls while its select
// list and ORDER BY are bound, and then plans the Window nodes that
// compute them.
type windowCollector struct {
	named map[string]boundWindow // the WINDOW clause
	calls []windowCall
}

// windowPlaceholder stands for the collector's call number index until
// the Window nodes are planned.
type windowPlaceholder struct {
	index int
	call  windowCall
}

// Type implements expr.Expr.
func (p *windowPlaceholder) Type() arrow.DataType { return p.call.fn.Typ }

// String implements expr.Expr.
func (p *windowPlaceholder) String() string {
	return fmt.Sprintf("%s OVER w%d", p.call.fn, p.index)
}

// newWindowCollector binds the WINDOW clause; sc is the scope window
// definitions bind over (collecting aggregates in a grouped query).
func newWindowCollector(sc *scope, defs []sql.WindowDef) (*windowCollector, error) {
	wc := &windowCollector{named: map[string]boundWindow{}}
	for _, d := range defs {
		if _, dup := wc.named[d.Name]; dup {
			return nil, sqlstate.New(windowingError, "window %q is already defined", d.Name).At(d.Spec.Location + 1)
		}
		w, err := wc.bindSpec(sc, d.Spec, true)
		if err != nil {
			return nil, err
		}
		wc.named[d.Name] = w
	}
	return wc, nil
}

// withWindows returns the scope for binding the clauses that may call
// window functions: the select list and ORDER BY.
func (sc *scope) withWindows(wc *windowCollector) *scope {
	c := *sc
	c.wins = wc
	return &c
}

// bindWindowCall binds a call with OVER, or a window function without.
func bindWindowCall(sc *scope, f *sql.FuncCall) (bound, error) {
	if f.Over == nil {
		return bound{}, sqlstate.New("42809", "window function %s requires an OVER clause", f.Name).At(f.Pos() + 1)
	}
	if sc.wins == nil {
		return bound{}, windowNotAllowed(sc.clause).At(f.Pos() + 1)
	}
	argScope := sc.in("window function")
	argScope.wins = nil
	fn, err := bindWindowFunc(argScope, f)
	if err != nil {
		return bound{}, err
	}
	w, err := sc.wins.resolve(sc, f.Over)
	if err != nil {
		return bound{}, err
	}
	fn.Frame = w.frame
	return bound{Expr: sc.wins.add(windowCall{fn: fn, window: w})}, nil
}

// add records a call, once however often the query writes it.
func (wc *windowCollector) add(call windowCall) *windowPlaceholder {
	for i, c := range wc.calls {
		if c.fingerprint() == call.fingerprint() {
			return &windowPlaceholder{index: i, call: c}
		}
	}
	wc.calls = append(wc.calls, call)
	return &windowPlaceholder{index: len(wc.calls) - 1, call: call}
}

// windowNotAllowed is PostgreSQL's error for a window function in a clause
// that cannot hold one.
func windowNotAllowed(clause string) *sqlstate.Error {
	switch clause {
	case "window function":
		return sqlstate.New(windowingError, "window function calls cannot be nested")
	case "aggregate":
		return sqlstate.New("42803", "aggregate function calls cannot contain window function calls")
	case "JOIN/ON":
		return sqlstate.New(windowingError, "window functions are not allowed in JOIN conditions")
	case "window definition", "window ROWS", "window RANGE", "window GROUPS":
		return sqlstate.New(windowingError, "window functions are not allowed in window definitions")
	case "WHERE", "GROUP BY", "HAVING":
		return sqlstate.New(windowingError, "window functions are not allowed in %s", clause)
	}
	return sqlstate.New(windowingError, "window functions are not allowed here")
}

// resolve binds an OVER clause: a named window, a named window extended
// with ORDER BY and a frame, or a specification of its own.
func (wc *windowCollector) resolve(sc *scope, spec *sql.WindowSpec) (boundWindow, error) {
	if spec.Name == "" {
		return wc.bindSpec(sc, spec, false)
	}
	w, ok := wc.named[spec.Name]
	if !ok {
		return boundWindow{}, sqlstate.New(sqlstate.UndefinedObject, "window %q does not exist", spec.Name).At(spec.Location + 1)
	}
	return w, nil
}

// bindSpec binds a window specification, copying its base window's
// partitioning and ordering as PostgreSQL does: a base window's PARTITION
// BY cannot be overridden, nor its ORDER BY, and one with a frame cannot
// be copied at all.
func (wc *windowCollector) bindSpec(sc *scope, spec *sql.WindowSpec, definition bool) (boundWindow, error) {
	var base boundWindow
	if spec.Base != "" {
		var ok bool
		if base, ok = wc.named[spec.Base]; !ok {
			return base, sqlstate.New(sqlstate.UndefinedObject, "window %q does not exist", spec.Base).At(spec.Location + 1)
		}
	}
	defScope := sc.in("window definition")
	defScope.wins = nil
	w, err := bindWindowKeys(defScope, spec)
	if err != nil {
		return w, err
	}
	if spec.Base != "" {
		if w, err = inherit(base, w, spec, definition); err != nil {
			return w, err
		}
	}
	w.frame, err = bindFrame(sc, spec.Frame, w.order, spec.Location)
	w.framed = spec.Frame != nil
	return w, err
}

// bindWindowKeys binds PARTITION BY and ORDER BY. Unlike a query's ORDER
// BY, a window's keys are expressions only: no output names, no positions.
func bindWindowKeys(sc *scope, spec *sql.WindowSpec) (boundWindow, error) {
	var w boundWindow
	for _, p := range spec.PartitionBy {
		b, err := bindExpr(sc, p)
		if err != nil {
			return w, err
		}
		if err := checkEquality(b.Expr, p.Pos()); err != nil {
			return w, err
		}
		w.partition = append(w.partition, b.Expr)
	}
	for _, item := range spec.OrderBy {
		b, err := bindExpr(sc, item.Expr)
		if err != nil {
			return w, err
		}
		if err := checkOrdering(b.Expr, item.Expr.Pos()); err != nil {
			return w, err
		}
		nullsFirst := item.Desc
		if item.NullsFirst != nil {
			nullsFirst = *item.NullsFirst
		}
		w.order = append(w.order, SortKey{Expr: b.Expr, Desc: item.Desc, NullsFirst: nullsFirst})
	}
	return w, nil
}

// inherit completes a window that names a base window.
func inherit(base, w boundWindow, spec *sql.WindowSpec, definition bool) (boundWindow, error) {
	at := spec.Location + 1
	switch {
	case len(w.partition) > 0:
		return w, sqlstate.New(windowingError, "cannot override PARTITION BY clause of window %q", spec.Base).At(at)
	case len(w.order) > 0 && len(base.order) > 0:
		return w, sqlstate.New(windowingError, "cannot override ORDER BY clause of window %q", spec.Base).At(at)
	case base.framed:
		err := sqlstate.New(windowingError, "cannot copy window %q because it has a frame clause", spec.Base).At(at)
		if !definition && len(w.order) == 0 && spec.Frame == nil {
			err = err.WithHint("Omit the parentheses in this OVER clause.")
		}
		return w, err
	}
	w.partition = base.partition
	if len(w.order) == 0 {
		w.order = base.order
	}
	return w, nil
}

// bindWindowSelect plans a SELECT without aggregates that calls window
// functions (or has a WINDOW clause): the windows over the FROM and WHERE
// rows, then DISTINCT or ORDER BY, then the select list.
func (b *Binder) bindWindowSelect(ctx context.Context, s *sql.Select, input Node, sc *scope) (Node, error) {
	wc, err := newWindowCollector(sc, s.Windows)
	if err != nil {
		return nil, err
	}
	wsc := sc.withWindows(wc)
	exprs, names, err := bindItems(wsc, s.Items)
	if err != nil {
		return nil, err
	}
	keys, err := bindOrderBy(wsc, s.OrderBy, exprs, names)
	if err != nil {
		return nil, err
	}
	plan, err := wc.over(input, keepExpr, exprs, keys)
	if err != nil {
		return nil, err
	}
	if plan, exprs, keys, err = withSetFunctions(plan, exprs, keys); err != nil {
		return nil, err
	}
	if s.Distinct {
		return distinctOver(s, plan, exprs, names, keys)
	}
	if len(keys) > 0 {
		plan = &Sort{Input: plan, Keys: keys}
	}
	return &Project{Input: plan, Exprs: exprs, Names: names}, nil
}

// keepExpr is the lift of a query without aggregates: its expressions are
// over the FROM rows already.
func keepExpr(e expr.Expr) (expr.Expr, error) { return e, nil }

// over stacks the Window nodes that compute the collected calls on input,
// and rewrites outputs and keys (over input, with placeholders for the
// calls) over the top Window's rows. lift first brings the calls' own
// expressions over input (a grouped query's Aggregate). Below the Windows
// a Project keeps only the columns read above, so that the sources are
// asked for no more.
func (wc *windowCollector) over(input Node, lift func(expr.Expr) (expr.Expr, error), outputs []expr.Expr, keys []SortKey) (Node, error) {
	if wc == nil || len(wc.calls) == 0 {
		return input, nil
	}
	calls, err := wc.lifted(lift)
	if err != nil {
		return nil, err
	}
	reads := append([]expr.Expr{}, outputs...)
	for _, k := range keys {
		reads = append(reads, k.Expr)
	}
	for _, c := range calls {
		reads = append(reads, callExprs(c)...)
	}
	used := columnsOf(reads)
	position := make(map[int]int, len(used))
	for i, c := range used {
		position[c] = i
	}
	renumber := func(e expr.Expr) expr.Expr {
		return expr.MapColumns(e, func(c *expr.Column) expr.Expr {
			return &expr.Column{Index: position[c.Index], Name: c.Name, Typ: c.Typ}
		})
	}
	plan, results := stackWindows(selectColumns(input, used), calls, renumber, len(used))
	replace := func(e expr.Expr) expr.Expr { return replaceCalls(e, results, renumber) }
	for i := range outputs {
		outputs[i] = replace(outputs[i])
	}
	for i := range keys {
		keys[i].Expr = replace(keys[i].Expr)
	}
	return plan, nil
}

// lifted returns the calls with their expressions lifted.
func (wc *windowCollector) lifted(lift func(expr.Expr) (expr.Expr, error)) ([]windowCall, error) {
	out := make([]windowCall, len(wc.calls))
	for i, c := range wc.calls {
		var err error
		if c.fn, err = mapFuncExprs(c.fn, lift); err != nil {
			return nil, err
		}
		partition := make([]expr.Expr, len(c.window.partition))
		for j, p := range c.window.partition {
			if partition[j], err = lift(p); err != nil {
				return nil, err
			}
		}
		order := append([]SortKey{}, c.window.order...)
		for j := range order {
			if order[j].Expr, err = lift(order[j].Expr); err != nil {
				return nil, err
			}
		}
		c.window.partition, c.window.order = partition, order
		out[i] = c
	}
	return out, nil
}

// callExprs lists the expressions a call reads from its input.
func callExprs(c windowCall) []expr.Expr {
	out := append([]expr.Expr{}, c.fn.Args...)
	out = append(out, c.window.partition...)
	for _, k := range c.window.order {
		out = append(out, k.Expr)
	}
	return out
}

// stackWindows puts one Window per distinct partitioning and ordering on
// input, in the order the query first uses them, and returns the column
// each call's value ends up in.
func stackWindows(input Node, calls []windowCall, renumber func(expr.Expr) expr.Expr, width int) (Node, []int) {
	results := make([]int, len(calls))
	done := make([]bool, len(calls))
	plan := input
	for i := range calls {
		if done[i] {
			continue
		}
		w := &Window{Input: plan}
		for _, p := range calls[i].window.partition {
			w.PartitionBy = append(w.PartitionBy, renumber(p))
		}
		for _, k := range calls[i].window.order {
			w.OrderBy = append(w.OrderBy, SortKey{Expr: renumber(k.Expr), Desc: k.Desc, NullsFirst: k.NullsFirst})
		}
		for j := i; j < len(calls); j++ {
			if done[j] || calls[j].window.key() != calls[i].window.key() {
				continue
			}
			fn, _ := mapFuncExprs(calls[j].fn, func(e expr.Expr) (expr.Expr, error) { return renumber(e), nil })
			w.Funcs = append(w.Funcs, fn)
			results[j] = width
			width++
			done[j] = true
		}
		plan = w
	}
	return plan, results
}

// replaceCalls rewrites an expression over the Windows' input into one over
// the top Window's rows: calls become their result columns.
func replaceCalls(e expr.Expr, results []int, renumber func(expr.Expr) expr.Expr) expr.Expr {
	if p, ok := e.(*windowPlaceholder); ok {
		return &expr.Column{Index: results[p.index], Name: p.call.fn.Name, Typ: p.call.fn.Typ}
	}
	if _, ok := e.(*expr.Column); ok {
		return renumber(e)
	}
	children := expr.Children(e)
	if len(children) == 0 {
		return e
	}
	next := make([]expr.Expr, len(children))
	for i, c := range children {
		next[i] = replaceCalls(c, results, renumber)
	}
	return expr.WithChildren(e, next)
}

// containsWindow tells whether a parsed expression calls a window
// function (not looking into subqueries, which are queries of their own).
func containsWindow(e sql.Expr) bool {
	found := false
	walkSQL(e, func(n sql.Expr) {
		if f, ok := n.(*sql.FuncCall); ok && f.Over != nil {
			found = true
		}
	})
	return found
}

// hasWindows tells whether a SELECT calls window functions or names
// windows.
func hasWindows(s *sql.Select) bool {
	if len(s.Windows) > 0 {
		return true
	}
	for _, it := range s.Items {
		if !it.Star && containsWindow(it.Expr) {
			return true
		}
	}
	for _, o := range s.OrderBy {
		if containsWindow(o.Expr) {
			return true
		}
	}
	return false
}

// windowsAggregate tells whether the window specifications of a SELECT
// (in its select list, ORDER BY and WINDOW clause) call aggregates: a
// query ordering a window by sum(x) is a grouped query.
func windowsAggregate(sc *scope, s *sql.Select) bool {
	specs := []*sql.WindowSpec{}
	for _, d := range s.Windows {
		specs = append(specs, d.Spec)
	}
	es := []sql.Expr{}
	for _, it := range s.Items {
		if !it.Star {
			es = append(es, it.Expr)
		}
	}
	for _, o := range s.OrderBy {
		es = append(es, o.Expr)
	}
	for _, e := range es {
		walkSQL(e, func(n sql.Expr) {
			if f, ok := n.(*sql.FuncCall); ok && f.Over != nil {
				specs = append(specs, f.Over)
			}
		})
	}
	for _, s := range specs {
		if anyAggregate(sc, s.PartitionBy) {
			return true
		}
		for _, o := range s.OrderBy {
			if containsAggregate(sc, o.Expr) {
				return true
			}
		}
	}
	return false
}

// walkSQL calls visit for a parsed expression and every expression in it,
// window specifications included, subqueries excluded.
func walkSQL(e sql.Expr, visit func(sql.Expr)) {
	if e == nil {
		return
	}
	visit(e)
	var children []sql.Expr
	switch n := e.(type) {
	case *sql.FuncCall:
		children = append(children, aggregateParts(n)...)
		if n.Over != nil {
			children = append(children, n.Over.PartitionBy...)
			for _, o := range n.Over.OrderBy {
				children = append(children, o.Expr)
			}
		}
	case *sql.BinaryOp:
		children = []sql.Expr{n.Left, n.Right}
	case *sql.UnaryOp:
		children = []sql.Expr{n.Arg}
	case *sql.BoolOp:
		children = n.Args
	case *sql.IsNull:
		children = []sql.Expr{n.Arg}
	case *sql.InList:
		children = append([]sql.Expr{n.Arg}, n.List...)
	case *sql.Cast:
		children = []sql.Expr{n.Arg}
	case *sql.Like:
		children = []sql.Expr{n.Arg, n.Pattern}
	case *sql.Case:
		children = []sql.Expr{n.Operand, n.Else}
		for _, w := range n.Whens {
			children = append(children, w.When, w.Then)
		}
	case *sql.SubqueryExpr:
		children = []sql.Expr{n.Arg}
	case *sql.BoolTest:
		children = []sql.Expr{n.Arg}
	case *sql.ArrayExpr:
		children = n.Elements
	case *sql.Row:
		children = n.Items
	case *sql.AnyAll:
		children = []sql.Expr{n.Left, n.Right}
	case *sql.FieldSelect:
		children = []sql.Expr{n.Arg}
	case *sql.Subscript:
		children = []sql.Expr{n.Arg}
		for _, ix := range n.Indexes {
			children = append(children, ix.Lower, ix.Upper)
		}
	}
	for _, c := range children {
		walkSQL(c, visit)
	}
}

// nullOf is a NULL literal of a type.
func nullOf(dt arrow.DataType) expr.Expr { return &expr.Literal{Value: scalar.MakeNullScalar(dt)} }

// reads lists the expressions the collected calls read from the rows they
// are computed over; none when wc is nil.
func (wc *windowCollector) reads() []expr.Expr {
	if wc == nil {
		return nil
	}
	var out []expr.Expr
	for _, c := range wc.calls {
		out = append(out, callExprs(c)...)
	}
	return out
}
