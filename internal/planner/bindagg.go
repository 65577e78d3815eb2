package planner

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// aggregateFuncs are the aggregate functions Auger computes.
var aggregateFuncs = map[string]bool{"count": true, "sum": true, "avg": true, "min": true, "max": true,
	"string_agg": true, "bool_and": true, "bool_or": true, "every": true, "array_agg": true,
	"json_agg": true, "jsonb_agg": true, "json_object_agg": true, "jsonb_object_agg": true, "bit_and": true, "bit_or": true, "bit_xor": true,
	"stddev": true, "stddev_samp": true, "stddev_pop": true, "variance": true, "var_samp": true, "var_pop": true}

// aggCollector gathers a query's aggregate calls while its expressions are
// bound, and then lifts those expressions over the Aggregate's output.
type aggCollector struct {
	input  *scope // aggregate arguments bind over the FROM columns
	groups []expr.Expr
	sets   [][]int // the grouping sets, positions among groups; nil for one set of all
	calls  []AggCall

	windows *windowCollector // the window functions computed over the groups
}

// aggPlaceholder stands for the collector's call number index until lift
// turns it into a column of the Aggregate's output.
type aggPlaceholder struct {
	index int
	call  AggCall
}

// Type implements expr.Expr.
func (p *aggPlaceholder) Type() arrow.DataType { return p.call.Typ }

// String implements expr.Expr.
func (p *aggPlaceholder) String() string { return p.call.String() }

// containsAggregate tells whether a parsed expression calls an aggregate
// that belongs to the query of sc (not one of a query around it, whose
// columns alone it reads).
func containsAggregate(sc *scope, e sql.Expr) bool {
	found := false
	walkSQL(e, func(n sql.Expr) {
		if f, ok := n.(*sql.FuncCall); ok && f.Over == nil && (aggregateFuncs[f.Name] || f.Name == "grouping") {
			found = found || f.Name == "grouping" || aggregateLevel(sc, f) == 0
		}
	})
	return found
}

func anyAggregate(sc *scope, es []sql.Expr) bool {
	for _, e := range es {
		if containsAggregate(sc, e) {
			return true
		}
	}
	return false
}

// isAggregateQuery tells whether a SELECT groups or aggregates; sc is the
// scope of its FROM.
func isAggregateQuery(sc *scope, s *sql.Select) bool {
	if len(s.GroupBy) > 0 || s.Having != nil {
		return true
	}
	for _, it := range s.Items {
		if !it.Star && containsAggregate(sc, it.Expr) {
			return true
		}
	}
	for _, o := range s.OrderBy {
		if containsAggregate(sc, o.Expr) {
			return true
		}
	}
	return windowsAggregate(sc, s)
}

// bindFuncCall binds a function call: an aggregate, grouping() or a
// scalar function.
func bindFuncCall(sc *scope, f *sql.FuncCall) (bound, error) {
	switch {
	case f.Name == "grouping":
		return bindGroupingCall(sc, f)
	case !aggregateFuncs[f.Name]:
		return bindScalarOnly(sc, f)
	}
	if level := aggregateLevel(sc, f); level > 0 {
		return bindOuterAggregate(sc, f, level)
	}
	if sc.aggs == nil {
		return bound{}, aggregateNotAllowed(sc.clause).At(f.Pos() + 1)
	}
	call, err := bindAggCall(sc.aggs.input.in("aggregate"), f)
	if err != nil {
		return bound{}, err
	}
	return sc.aggs.placeholder(call), nil
}

// placeholder stands for a call in the expressions bound over the
// Aggregate's input; a call made twice is computed once.
func (c *aggCollector) placeholder(call AggCall) bound {
	for i, other := range c.calls {
		if sameCall(other, call) {
			return bound{Expr: &aggPlaceholder{index: i, call: other}}
		}
	}
	c.calls = append(c.calls, call)
	return bound{Expr: &aggPlaceholder{index: len(c.calls) - 1, call: call}}
}

// bindScalarOnly binds a scalar function call, which may not carry what
// only aggregates take: *, DISTINCT, ORDER BY, FILTER.
func bindScalarOnly(sc *scope, f *sql.FuncCall) (bound, error) {
	b, err := bindScalarCall(sc, f)
	if err != nil {
		return b, err
	}
	what := ""
	switch {
	case f.Star:
		what = f.Name + "(*)"
	case f.Distinct:
		what = "DISTINCT"
	case len(f.OrderBy) > 0:
		what = "ORDER BY"
	case f.Filter != nil:
		what = "FILTER"
	default:
		return b, nil
	}
	return bound{}, sqlstate.New("42809", "%s specified, but %s is not an aggregate function", what, f.Name).At(f.Pos() + 1)
}

// aggregateNotAllowed is PostgreSQL's error for an aggregate in a clause
// that cannot hold one.
func aggregateNotAllowed(clause string) *sqlstate.Error {
	switch clause {
	case "":
		return sqlstate.New("42803", "aggregate functions are not allowed here")
	case "aggregate":
		return sqlstate.New("42803", "aggregate function calls cannot be nested")
	case "JOIN/ON":
		return sqlstate.New("42803", "aggregate functions are not allowed in JOIN conditions")
	}
	return sqlstate.New("42803", "aggregate functions are not allowed in %s", clause)
}

// bindAggCall binds an aggregate call over the aggregation's input scope:
// its argument, its ORDER BY and its FILTER.
func bindAggCall(input *scope, f *sql.FuncCall) (AggCall, error) {
	call, err := bindAggArgument(input, f)
	if err != nil {
		return call, err
	}
	if call.Distinct && call.Arg != nil {
		if err := checkEquality(call.Arg, f.Args[0].Pos()); err != nil {
			return call, err
		}
	}
	if call.OrderBy, err = bindAggOrder(input, f, call); err != nil {
		return call, err
	}
	if f.Filter != nil {
		if call.Filter, err = bindCondition(input.in("FILTER"), f.Filter, "FILTER"); err != nil {
			return call, err
		}
	}
	return call, nil
}

func bindAggArgument(input *scope, f *sql.FuncCall) (AggCall, error) {
	call := AggCall{Func: f.Name, Distinct: f.Distinct}
	switch {
	case f.Star && f.Name == "count":
		call.Typ = arrow.PrimitiveTypes.Int64
		return call, nil
	case f.Name == "string_agg" && len(f.Args) == 2:
		return bindStringAgg(input, f, call)
	case f.Name == "array_agg" && len(f.Args) == 1:
		return bindArrayAgg(input, f, call)
	case (f.Name == "json_agg" || f.Name == "jsonb_agg") && len(f.Args) == 1:
		return bindJSONAgg(input, f, call)
	case (f.Name == "json_object_agg" || f.Name == "jsonb_object_agg") && len(f.Args) == 2:
		return bindJSONObjectAgg(input, f, call)
	case len(f.Args) != 1:
		return call, noSuchAggregate(input, f)
	}
	arg, err := bindExpr(input, f.Args[0])
	if err != nil {
		return call, err
	}
	call.Arg = arg.Expr
	if f.Name == "every" {
		call.Func = "bool_and"
	}
	typ, ok := aggResultType(call.Func, arg.Expr.Type())
	if !ok {
		return call, noSuchAggregate(input, f)
	}
	call.Typ = typ
	return call, nil
}

// noSuchAggregate is PostgreSQL's error for an aggregate without a
// variant for its argument types, named without their modifiers.
func noSuchAggregate(input *scope, f *sql.FuncCall) error {
	names := make([]string, len(f.Args))
	for i, a := range f.Args {
		b, err := bindExpr(input, a)
		if err != nil {
			return err
		}
		names[i] = types.PostgresName(b.Expr.Type())
		if _, ok := b.Expr.Type().(arrow.DecimalType); ok {
			names[i] = "numeric"
		}
	}
	return sqlstate.New(sqlstate.UndefinedFunction, "function %s(%s) does not exist", f.Name, strings.Join(names, ", ")).
		WithHint("No function matches the given name and argument types. You might need to add explicit type casts.").At(f.Pos() + 1)
}

// bindAggOrder binds the ORDER BY inside an aggregate call. With DISTINCT
// its keys must be the call's argument, as in PostgreSQL.
func bindAggOrder(input *scope, f *sql.FuncCall, call AggCall) ([]SortKey, error) {
	var keys []SortKey
	for _, item := range f.OrderBy {
		e, err := bindExpr(input, item.Expr)
		if err != nil {
			return nil, err
		}
		if err := checkOrdering(e.Expr, item.Expr.Pos()); err != nil {
			return nil, err
		}
		if f.Distinct && (call.Arg == nil || expr.Fingerprint(e.Expr) != expr.Fingerprint(call.Arg)) {
			return nil, sqlstate.New("42P10", "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list").
				At(item.Expr.Pos() + 1)
		}
		nullsFirst := item.Desc
		if item.NullsFirst != nil {
			nullsFirst = *item.NullsFirst
		}
		keys = append(keys, SortKey{Expr: e.Expr, Desc: item.Desc, NullsFirst: nullsFirst})
	}
	return keys, nil
}

// aggResultType is the type PostgreSQL gives an aggregate of a type:
// count is bigint; sum of smallint or integer is bigint, of bigint numeric,
// of numeric numeric with the same scale; avg, the variances and the
// standard deviations of integers and numerics are numeric, of floats
// double precision; min, max and the bitwise aggregates keep the type.
func aggResultType(fn string, arg arrow.DataType) (arrow.DataType, bool) {
	class := classOf(arg)
	switch fn {
	case "count":
		return arrow.PrimitiveTypes.Int64, true
	case "min", "max":
		// PostgreSQL has them for numbers, text and times, not for
		// boolean, bytea or uuid.
		return arg, class != classOther || arg.ID() == arrow.TIME64 || arg.ID() == arrow.INTERVAL_MONTH_DAY_NANO || types.IsArray(arg)
	case "sum":
		return sumType(arg)
	case "bool_and", "bool_or":
		return arg, arg.ID() == arrow.BOOL
	case "bit_and", "bit_or", "bit_xor":
		return arg, arg.ID() == arrow.INT16 || arg.ID() == arrow.INT32 || arg.ID() == arrow.INT64
	case "avg", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop":
		if fn == "avg" && arg.ID() == arrow.INTERVAL_MONTH_DAY_NANO {
			return arg, true
		}
		switch class {
		case classInteger, classDecimal:
			return types.Numeric, arg.ID() != arrow.UINT32
		case classFloat:
			return arrow.PrimitiveTypes.Float64, true
		}
	}
	return nil, false
}

// sumType is sum's result type.
func sumType(arg arrow.DataType) (arrow.DataType, bool) {
	switch {
	case arg == types.Numeric || arg.ID() == arrow.DECIMAL256:
		return types.Numeric, true
	case arg.ID() == arrow.INT16 || arg.ID() == arrow.INT32:
		return arrow.PrimitiveTypes.Int64, true
	case arg.ID() == arrow.INT64:
		return &arrow.Decimal128Type{Precision: 38, Scale: 0}, true
	case arg.ID() == arrow.DECIMAL128:
		return &arrow.Decimal128Type{Precision: 38, Scale: arg.(arrow.DecimalType).GetScale()}, true
	case arg.ID() == arrow.FLOAT32 || arg.ID() == arrow.FLOAT64 || arg.ID() == arrow.INTERVAL_MONTH_DAY_NANO:
		return arg, true
	}
	return nil, false
}

// bindAggregateSelect plans SELECT ... GROUP BY ... HAVING ... over input
// (the FROM and WHERE already planned).
func (b *Binder) bindAggregateSelect(ctx context.Context, s *sql.Select, input Node, sc *scope) (Node, error) {
	groups, sets, err := bindGrouping(sc, s)
	if err != nil {
		return nil, err
	}
	collector := &aggCollector{input: sc, groups: groups, sets: sets}
	asc := sc.in("")
	asc.aggs, asc.wins = collector, nil
	if collector.windows, err = newWindowCollector(asc, s.Windows); err != nil {
		return nil, err
	}
	wsc := asc.withWindows(collector.windows)
	var exprs []expr.Expr
	var names []string
	for _, item := range s.Items {
		if item.Star {
			// Each column stands for itself: a grouped one is a group
			// column, any other is PostgreSQL's 42803 when lifted.
			cols, err := sc.star(identNames(item.StarQualifier), item.Location)
			if err != nil {
				return nil, err
			}
			for _, c := range cols {
				exprs, names = append(exprs, c), append(names, c.Name)
			}
			continue
		}
		e, err := bindExpr(wsc, item.Expr)
		if err != nil {
			return nil, err
		}
		exprs = append(exprs, e.Expr)
		names = append(names, itemName(item, e.Expr))
	}
	var having expr.Expr
	if s.Having != nil {
		if having, err = bindCondition(asc.in("HAVING"), s.Having, "HAVING"); err != nil {
			return nil, err
		}
	}
	keys, err := bindOrderBy(wsc, s.OrderBy, exprs, names)
	if err != nil {
		return nil, err
	}
	if s.Distinct {
		return collector.planDistinct(input, s, exprs, names, having, keys)
	}
	var on []expr.Expr
	if s.DistinctOn != nil {
		if on, keys, err = distinctOnKeys(wsc, s, exprs, names, keys); err != nil {
			return nil, err
		}
	}
	return collector.plan(input, exprs, names, having, keys, on)
}

// planDistinct plans SELECT DISTINCT over an aggregation: the distinct
// rows of the select list, then ordered by keys, which must be select-list
// expressions as in PostgreSQL.
func (c *aggCollector) planDistinct(input Node, s *sql.Select, exprs []expr.Expr, names []string, having expr.Expr, keys []SortKey) (Node, error) {
	if err := checkDistinctItems(s, exprs); err != nil {
		return nil, err
	}
	positions := make([]int, len(keys))
	for i, k := range keys {
		if positions[i] = indexOfExpr(exprs, k.Expr); positions[i] < 0 {
			return nil, sqlstate.New("42P10", "for SELECT DISTINCT, ORDER BY expressions must appear in select list").
				At(s.OrderBy[i].Expr.Pos() + 1)
		}
	}
	projected, err := c.plan(input, exprs, names, having, nil, nil)
	if err != nil {
		return nil, err
	}
	plan := distinctRows(projected)
	if len(keys) == 0 {
		return plan, nil
	}
	schema := plan.Schema()
	for i, k := range keys {
		f := schema.Field(positions[i])
		keys[i].Expr = &expr.Column{Index: positions[i], Name: f.Name, Typ: f.Type}
		keys[i].Desc, keys[i].NullsFirst = k.Desc, k.NullsFirst
	}
	return &Sort{Input: plan, Keys: keys}, nil
}

// plan lifts the bound expressions over the Aggregate and stacks the
// nodes: the Aggregate, HAVING, the window functions, ORDER BY, DISTINCT
// ON (when on has keys), the select list.
func (c *aggCollector) plan(input Node, exprs []expr.Expr, names []string, having expr.Expr, keys []SortKey, on []expr.Expr) (Node, error) {
	reads := append(append([]expr.Expr{having}, exprs...), on...)
	for _, k := range keys {
		reads = append(reads, k.Expr)
	}
	c.groupDependents(append(reads, c.windows.reads()...))
	var n Node = &Aggregate{Input: input, Groups: c.groups, Aggs: c.calls, GroupingSets: c.sets}
	if having != nil {
		cond, err := c.lift(having)
		if err != nil {
			return nil, err
		}
		n = &Filter{Input: n, Cond: cond}
	}
	for i := range keys {
		e, err := c.lift(keys[i].Expr)
		if err != nil {
			return nil, err
		}
		keys[i].Expr = e
	}
	// The DISTINCT ON keys ride along with the select list, to be
	// rewritten over the windows with it.
	lifted := make([]expr.Expr, len(exprs)+len(on))
	for i, e := range append(append([]expr.Expr{}, exprs...), on...) {
		l, err := c.lift(e)
		if err != nil {
			return nil, err
		}
		lifted[i] = l
	}
	n, err := c.windows.over(n, c.lift, lifted, keys)
	if err != nil {
		return nil, err
	}
	if n, lifted, keys, err = withSetFunctions(n, lifted, keys); err != nil {
		return nil, err
	}
	if len(keys) > 0 {
		n = &Sort{Input: n, Keys: keys}
	}
	if len(on) > 0 {
		n = &DistinctOn{Input: n, Keys: lifted[len(exprs):]}
	}
	return &Project{Input: n, Exprs: lifted[:len(exprs)], Names: names}, nil
}

// lift rewrites an expression bound over the FROM columns into one over the
// Aggregate's output: group expressions become its group columns,
// aggregate calls its aggregate columns. A FROM column left over is an
// error, as in PostgreSQL.
func (c *aggCollector) lift(e expr.Expr) (expr.Expr, error) {
	if i := c.groupIndex(e); i >= 0 {
		g := c.groups[i]
		return &expr.Column{Index: i, Name: columnName(g), Typ: g.Type()}, nil
	}
	switch n := e.(type) {
	case *aggPlaceholder:
		return &expr.Column{Index: len(c.groups) + n.index, Name: n.call.Func, Typ: n.call.Typ}, nil
	case *expr.Subquery:
		return c.liftSubquery(n)
	case *expr.Column:
		return nil, sqlstate.New("42803", "column %q must appear in the GROUP BY clause or be used in an aggregate function",
			c.input.qualifierOf(n.Index)+"."+n.Name)
	}
	children := expr.Children(e)
	lifted := make([]expr.Expr, len(children))
	for i, ch := range children {
		l, err := c.lift(ch)
		if err != nil {
			return nil, err
		}
		lifted[i] = l
	}
	return expr.WithChildren(e, lifted), nil
}

// columnName is the name a group column keeps in the output.
func columnName(e expr.Expr) string {
	if c, ok := e.(*expr.Column); ok {
		return c.Name
	}
	return "?column?"
}

// bindGroupItem binds one expression of GROUP BY: a select-list
// position, an output column's name when no FROM column has it, or an
// expression.
func bindGroupItem(sc *scope, s *sql.Select, g sql.Expr) (expr.Expr, error) {
	target := g
	if c, ok := g.(*sql.Const); ok && c.Kind == sql.ConstInteger {
		n, err := strconv.Atoi(c.Value)
		item, column, found, starErr := selectTarget(sc, s, n)
		if starErr != nil {
			return nil, starErr
		}
		if err != nil || !found {
			return nil, sqlstate.New("42P10", "GROUP BY position %s is not in select list", c.Value).At(c.Pos() + 1)
		}
		if column != nil {
			return column, checkEquality(column, g.Pos())
		}
		target = item
	} else if ref, ok := g.(*sql.ColumnRef); ok && len(ref.Name.Parts) == 1 {
		target = outputAlias(sc, s, ref)
	}
	if containsAggregate(sc, target) {
		return nil, aggregateNotAllowed("GROUP BY").At(g.Pos() + 1)
	}
	b, err := bindExpr(sc.in("GROUP BY"), target)
	if err != nil {
		return nil, err
	}
	return b.Expr, checkEquality(b.Expr, g.Pos())
}

// selectTarget is the select list's n-th column (1-based) with its stars
// expanded: the item's expression, or the column a star stands for there;
// found is false when there is none. A star naming no FROM item is an
// error.
func selectTarget(sc *scope, s *sql.Select, n int) (item sql.Expr, column *expr.Column, found bool, err error) {
	for _, it := range s.Items {
		if n < 1 {
			break
		}
		if !it.Star {
			if n == 1 {
				return it.Expr, nil, true, nil
			}
			n--
			continue
		}
		cols, err := sc.star(identNames(it.StarQualifier), it.Location)
		if err != nil {
			return nil, nil, false, err
		}
		if n <= len(cols) {
			return nil, cols[n-1], true, nil
		}
		n -= len(cols)
	}
	return nil, nil, false, nil
}

// outputAlias resolves a bare GROUP BY name to a select item's expression
// when no FROM column has that name.
func outputAlias(sc *scope, s *sql.Select, ref *sql.ColumnRef) sql.Expr {
	name := ref.Name.Parts[0].Name
	if _, found, err := sc.localColumn(identNames(ref.Name.Parts)); found || err != nil {
		return ref
	}
	for _, it := range s.Items {
		if !it.Star && it.Alias == name {
			return it.Expr
		}
	}
	return ref
}

// bindStringAgg binds string_agg(text, delimiter) for a constant delimiter.
func bindStringAgg(input *scope, f *sql.FuncCall, call AggCall) (AggCall, error) {
	arg, err := bindExpr(input, f.Args[0])
	if err != nil {
		return call, err
	}
	value, ok := asText(arg)
	sep, isConst := f.Args[1].(*sql.Const)
	if !ok || !isConst || sep.Kind != sql.ConstString {
		return call, sqlstate.New(sqlstate.FeatureNotSupported, "string_agg takes text and a constant text delimiter so far").At(f.Pos() + 1)
	}
	call.Arg, call.Sep, call.Typ = value, sep.Value, arrow.BinaryTypes.String
	return call, nil
}

// sameCall tells whether two aggregate calls compute the same thing.
func sameCall(a, b AggCall) bool {
	if a.Func != b.Func || a.Distinct != b.Distinct || a.Sep != b.Sep || (a.Filter == nil) != (b.Filter == nil) ||
		len(a.OrderBy) != len(b.OrderBy) || fmt.Sprint(a.Grouping) != fmt.Sprint(b.Grouping) {
		return false
	}
	ae, be := a.exprs(), b.exprs()
	if len(ae) != len(be) {
		return false
	}
	for i := range ae {
		if expr.Fingerprint(ae[i]) != expr.Fingerprint(be[i]) {
			return false
		}
	}
	for i, k := range a.OrderBy {
		if k.Desc != b.OrderBy[i].Desc || k.NullsFirst != b.OrderBy[i].NullsFirst {
			return false
		}
	}
	return true
}
