package planner

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/exec"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// withSetFunctions moves the set-returning calls of a select list and its
// sort keys into ProjectSet nodes over input, innermost calls first (the
// unnest inside unnest(ARRAY[unnest(a), 1]) runs in a ProjectSet below the
// outer one), and returns the expressions with each call replaced by its
// column.
func withSetFunctions(input Node, exprs []expr.Expr, keys []SortKey) (Node, []expr.Expr, []SortKey, error) {
	all := append([]expr.Expr{}, exprs...)
	for _, k := range keys {
		all = append(all, k.Expr)
	}
	for _, e := range all {
		if err := checkSetPlacement(e, ""); err != nil {
			return nil, nil, nil, err
		}
	}
	for {
		calls := innermostSetCalls(all)
		if len(calls) == 0 {
			break
		}
		ps := &ProjectSet{Input: input, Funcs: calls}
		columns := map[string]expr.Expr{}
		width := input.Schema().NumFields()
		for i, c := range calls {
			ps.Names = append(ps.Names, c.Name)
			columns[expr.Fingerprint(c)] = &expr.Column{Index: width + i, Name: c.Name, Typ: c.Typ}
		}
		for i := range all {
			all[i] = replaceSetCalls(all[i], columns)
		}
		input = ps
	}
	out := append([]SortKey{}, keys...)
	for i := range out {
		out[i].Expr = all[len(exprs)+i]
	}
	return input, all[:len(exprs)], out, nil
}

// checkSetPlacement fails for a set-returning call inside a CASE or a
// COALESCE, which evaluate their arguments lazily.
func checkSetPlacement(e expr.Expr, within string) error {
	if isSetCall(e) && within != "" {
		return sqlstate.New(sqlstate.FeatureNotSupported, "set-returning functions are not allowed in %s", within).
			WithHint("You might be able to move the set-returning function into a LATERAL FROM item.")
	}
	switch n := e.(type) {
	case *expr.Case:
		within = "CASE"
	case *expr.Func:
		if n.Name == "coalesce" {
			within = "COALESCE"
		}
	}
	for _, c := range expr.Children(e) {
		if err := checkSetPlacement(c, within); err != nil {
			return err
		}
	}
	return nil
}

// innermostSetCalls lists the set-returning calls with none in their
// arguments, each once, in the order met.
func innermostSetCalls(exprs []expr.Expr) []*expr.Func {
	var out []*expr.Func
	seen := map[string]bool{}
	var visit func(e expr.Expr) bool // reports whether e holds a set-returning call
	visit = func(e expr.Expr) bool {
		below := false
		for _, c := range expr.Children(e) {
			below = visit(c) || below
		}
		if !isSetCall(e) {
			return below
		}
		if key := expr.Fingerprint(e); !below && !seen[key] {
			seen[key] = true
			out = append(out, e.(*expr.Func))
		}
		return true
	}
	for _, e := range exprs {
		visit(e)
	}
	return out
}

// replaceSetCalls puts columns in place of the calls they compute.
func replaceSetCalls(e expr.Expr, columns map[string]expr.Expr) expr.Expr {
	if isSetCall(e) {
		if c, ok := columns[expr.Fingerprint(e)]; ok {
			return c
		}
	}
	children := expr.Children(e)
	if len(children) == 0 {
		return e
	}
	next := make([]expr.Expr, len(children))
	for i, c := range children {
		next[i] = replaceSetCalls(c, columns)
	}
	return expr.WithChildren(e, next)
}

// bindFunctionRef plans a function in FROM over the rows of input (one
// empty row for a function standing alone, the rows of the FROM items
// before it for one that follows them, which its arguments may read:
// functions in FROM are LATERAL). It returns the plan and the scope of
// the function's own columns.
func (b *Binder) bindFunctionRef(ctx context.Context, input Node, inputScope *scope, f *sql.FunctionRef, outer bool) (Node, *scope, error) {
	argScope := inputScope.in("FROM")
	args := make([]bound, len(f.Call.Args))
	for i, a := range f.Call.Args {
		arg, err := bindExpr(argScope, a)
		if err != nil {
			return nil, nil, err
		}
		args[i] = arg
	}
	calls, err := fromCalls(f.Call, args)
	if err != nil {
		return nil, nil, err
	}
	ps := &ProjectSet{Input: input, Funcs: calls, Ordinality: f.Ordinality, Outer: outer}
	names, err := functionColumnNames(f, calls)
	if err != nil {
		return nil, nil, err
	}
	ps.Names = names[:len(calls)]
	fields := make([]arrow.Field, len(names))
	for i, name := range names {
		fields[i] = ps.Schema().Field(input.Schema().NumFields() + i)
		fields[i].Name = name
	}
	qualifier := f.Alias
	if qualifier == "" {
		qualifier = f.Call.Name
	}
	sc := b.newScope(ctx, arrow.NewSchema(fields, nil), []scopeTable{{qualifiers: [][]string{{qualifier}}, count: len(fields)}})
	return ps, sc, nil
}

// fromCalls types the set-returning calls of a FROM function: unnest of
// several arrays is one unnest per array, side by side.
func fromCalls(f *sql.FuncCall, args []bound) ([]*expr.Func, error) {
	if !setReturning[f.Name] {
		return nil, unsupported("function "+f.Name+" in FROM", f.Pos())
	}
	if exec.JSONSetFunctions[f.Name] != nil {
		return jsonSetCalls(f, args)
	}
	if f.Name != "unnest" || len(args) < 2 {
		call, err := setCall(f, args)
		return []*expr.Func{call}, err
	}
	out := make([]*expr.Func, len(args))
	for i := range args {
		call, err := setCall(f, args[i:i+1])
		if err != nil {
			return nil, noFunction(f.Name, args, f.Pos())
		}
		out[i] = call
	}
	return out, nil
}

// functionColumnNames names a FROM function's columns as PostgreSQL does:
// the column aliases first; else a single column takes the table alias
// or the function's name, several the function's name; the ordinality
// column is "ordinality".
func functionColumnNames(f *sql.FunctionRef, calls []*expr.Func) ([]string, error) {
	names := make([]string, len(calls))
	for i := range names {
		names[i] = f.Call.Name
		if len(calls) == 1 && f.Alias != "" {
			names[i] = f.Alias
		}
	}
	if own := jsonSetColumnNames(f.Call.Name); own != nil {
		copy(names, own)
	}
	if f.Ordinality {
		names = append(names, "ordinality")
	}
	if len(f.ColumnAliases) > len(names) {
		return nil, sqlstate.New("42P10", "table %q has %d columns available but %d columns specified",
			f.Alias, len(names), len(f.ColumnAliases))
	}
	copy(names, f.ColumnAliases)
	return names, nil
}

// bindLateralFunction plans a function joined to the FROM items before it
// (`t, unnest(t.a)`, `t JOIN unnest(t.a) x ON ...`, `t LEFT JOIN
// unnest(t.a) x ON true`): a ProjectSet over them, which its arguments
// may read.
func (b *Binder) bindLateralFunction(ctx context.Context, j *sql.Join, f *sql.FunctionRef) (Node, *scope, error) {
	outer := false
	switch {
	case j.Natural || j.Using != nil:
		return nil, nil, unsupported("USING and NATURAL joins to a function", f.Location)
	case j.Kind == sql.JoinInner, j.Kind == sql.JoinCross:
	case j.Kind == sql.JoinLeft:
		if !isTrue(j.On) {
			return nil, nil, unsupported("LEFT JOIN to a function ON a condition other than true", f.Location)
		}
		outer = true
	default:
		return nil, nil, unsupported("RIGHT and FULL JOIN to a function", f.Location)
	}
	left, ls, err := b.bindFrom(ctx, j.Left)
	if err != nil {
		return nil, nil, err
	}
	plan, fs, err := b.independentFunction(ctx, left, f, outer)
	if plan == nil {
		plan, fs, err = b.bindFunctionRef(ctx, left, ls, f, outer)
	}
	if err != nil {
		return nil, nil, err
	}
	sc, err := joinScopes(ls, fs)
	if err != nil {
		return nil, nil, err
	}
	if j.On != nil && !outer {
		cond, err := bindCondition(sc.in("JOIN/ON"), j.On, "JOIN/ON")
		if err != nil {
			return nil, nil, err
		}
		plan = &Filter{Input: plan, Cond: cond}
	}
	return plan, sc, nil
}

// independentFunction plans an inner join to a function whose arguments
// read nothing of the FROM items before it (`pg_class c,
// generate_series(1, 32) pos(n)`) as a join to a relation of its own, so
// that the conditions of the query reach the join as they reach a
// table's; it returns a nil plan for a function that needs the items
// before it, or an outer join.
func (b *Binder) independentFunction(ctx context.Context, left Node, f *sql.FunctionRef, outer bool) (Node, *scope, error) {
	if outer {
		return nil, nil, nil
	}
	none := b.newScope(ctx, arrow.NewSchema(nil, nil), nil)
	right, fs, err := b.bindFunctionRef(ctx, OneRow{}, none, f, false)
	if err != nil {
		return nil, nil, nil
	}
	return &Join{Left: left, Right: right, Kind: InnerJoin}, fs, nil
}

// isTrue tells whether a condition is the constant TRUE.
func isTrue(e sql.Expr) bool {
	c, ok := e.(*sql.Const)
	return ok && c.Kind == sql.ConstBool && c.Value == "true"
}
