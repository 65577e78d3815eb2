package planner

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// bindUsingJoin plans JOIN ... USING (columns) and NATURAL JOIN as
// PostgreSQL does: the condition is equality of each named column, and the
// join's columns are the merged ones first (the left's for inner and left
// joins, the right's for right joins, COALESCE of both for full joins),
// then every column of both sides, the merged ones reachable only
// qualified.
func bindUsingJoin(j *sql.Join, join *Join, ls, rs, sc *scope) (Node, *scope, error) {
	names := j.Using
	if j.Natural {
		names = commonColumns(ls, rs)
	}
	if err := uniqueNames(names); err != nil {
		return nil, nil, err
	}
	width := ls.schema.NumFields()
	var conds, merged []expr.Expr
	var mergedNames []string
	var hide []int
	for _, name := range names {
		l, err := usingColumn(ls, name, "left")
		if err != nil {
			return nil, nil, err
		}
		r, err := usingColumn(rs, name, "right")
		if err != nil {
			return nil, nil, err
		}
		rcol := &expr.Column{Index: r.Index + width, Name: r.Name, Typ: r.Typ}
		le, re, err := unify(bound{Expr: l}, bound{Expr: rcol}, "=", -1)
		if err != nil {
			return nil, nil, err
		}
		conds = append(conds, &expr.Compare{Op: expr.Eq, Left: le, Right: re})
		merged = append(merged, mergedColumn(join.Kind, le, re))
		mergedNames = append(mergedNames, l.Name)
		hide = append(hide, l.Index, rcol.Index)
	}
	if len(conds) > 0 {
		join.Cond = expr.Conjoin(conds)
	}
	return usingProject(join, sc, merged, mergedNames, hide, j.UsingAlias)
}

// mergedColumn is the value of a USING column in the join's output.
func mergedColumn(kind JoinKind, l, r expr.Expr) expr.Expr {
	switch kind {
	case RightJoin:
		return r
	case FullJoin:
		return coalesceOf(l, r)
	}
	return l
}

// usingProject puts the merged columns before the join's columns, in the
// plan and in the scope; alias (JOIN ... USING (...) AS alias), when not
// "", qualifies the merged columns.
func usingProject(join *Join, sc *scope, merged []expr.Expr, names []string, hide []int, alias string) (Node, *scope, error) {
	schema := join.Schema()
	exprs := append([]expr.Expr{}, merged...)
	all := append([]string{}, names...)
	for i, f := range schema.Fields() {
		exprs = append(exprs, &expr.Column{Index: i, Name: f.Name, Typ: f.Type})
		all = append(all, f.Name)
	}
	m := len(merged)
	project := &Project{Input: join, Exprs: exprs, Names: all}
	fields := project.Schema().Fields()
	for i := m; i < len(fields); i++ {
		fields[i].Name = sc.schema.Field(i - m).Name
	}
	usingTable := scopeTable{start: 0, count: m, sameAs: make([]int, m)}
	for i, e := range merged {
		usingTable.sameAs[i] = -1
		if c, ok := e.(*expr.Column); ok {
			usingTable.sameAs[i] = c.Index + m
		}
	}
	if alias != "" {
		usingTable.qualifiers = [][]string{{alias}}
	}
	out := &scope{schema: arrow.NewSchema(fields, nil), binder: sc.binder, ctx: sc.ctx, outer: sc.outer, hidden: map[int]bool{}}
	out.tables = append(out.tables, usingTable)
	for _, t := range sc.tables {
		if name := t.refname(); alias != "" && name == alias {
			return nil, nil, sqlstate.New("42712", "table name %q specified more than once", alias)
		}
		t.start += m
		out.tables = append(out.tables, t)
	}
	for c := range sc.hidden {
		out.hidden[c+m] = true
	}
	for _, c := range hide {
		out.hidden[c+m] = true
	}
	return project, out, nil
}

// commonColumns are NATURAL JOIN's columns: the left's visible columns
// that the right also has, in the left's order (implicit columns are not
// visible).
func commonColumns(ls, rs *scope) []string {
	right := map[string]bool{}
	for i, f := range rs.schema.Fields() {
		if !rs.hidden[i] && !rs.implicitColumn(i) {
			right[f.Name] = true
		}
	}
	var out []string
	for i, f := range ls.schema.Fields() {
		if !ls.hidden[i] && !ls.implicitColumn(i) && right[f.Name] {
			out = append(out, f.Name)
		}
	}
	return out
}

func uniqueNames(names []string) error {
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			return sqlstate.New("42701", "column name %q appears more than once in USING clause", n)
		}
		seen[n] = true
	}
	return nil
}

// usingColumn finds a USING column in one side of the join.
func usingColumn(sc *scope, name, side string) (*expr.Column, error) {
	c, found, err := sc.localColumn([]string{name})
	switch {
	case err != nil && err.Code == sqlstate.AmbiguousColumn:
		return nil, sqlstate.New(sqlstate.AmbiguousColumn, "common column name %q appears more than once in %s table", name, side)
	case err != nil:
		return nil, err
	case !found:
		return nil, sqlstate.New(sqlstate.UndefinedColumn, "column %q specified in USING clause does not exist in %s table", name, side)
	}
	return c, nil
}

// bindLateralJoin plans `left, LATERAL (query) alias` and `left [LEFT] JOIN
// LATERAL (query) alias ON cond`: the query may read the columns of the
// FROM items before it. The ON condition moves into the query.
func (b *Binder) bindLateralJoin(ctx context.Context, j *sql.Join, left Node, ls *scope, sub *sql.SubqueryRef) (Node, *scope, error) {
	if j.Natural || j.Using != nil {
		return nil, nil, sqlstate.New(sqlstate.FeatureNotSupported, "USING and NATURAL with LATERAL are not supported yet")
	}
	plan, outer, err := b.bindCorrelated(ctx, ls.in(lateralClause), sub.Query)
	if err != nil {
		return nil, nil, err
	}
	_, rs, err := b.aliasedScope(ctx, plan, sub.Alias, nil, sub.Columns)
	if err != nil {
		return nil, nil, err
	}
	sc, err := joinScopes(ls, rs)
	if err != nil {
		return nil, nil, err
	}
	var cond expr.Expr
	if j.On != nil {
		if cond, err = bindCondition(sc.in("JOIN/ON"), j.On, "JOIN/ON"); err != nil {
			return nil, nil, err
		}
	}
	kind := joinKinds[j.Kind]
	if len(outer) == 0 {
		return &Join{Left: left, Right: plan, Kind: kind, Cond: cond}, sc, nil
	}
	if kind != InnerJoin && kind != LeftJoin {
		return nil, nil, lateralUnderOuterJoin(ls, outer)
	}
	corr := &correlation{values: outer}
	if cond != nil {
		plan = &Filter{Input: plan, Cond: innerCondition(cond, ls.schema.NumFields(), corr)}
	}
	return &LateralJoin{Left: left, Right: plan, Outer: corr.values, Kind: kind}, sc, nil
}

// lateralUnderOuterJoin is PostgreSQL's error for a LATERAL item of a
// RIGHT or FULL join reading the join's left side, which the join may
// leave without rows; it names the table of the first value read.
func lateralUnderOuterJoin(ls *scope, outer []expr.Expr) error {
	table := ""
	expr.Walk(outer[0], func(e expr.Expr) {
		if c, ok := e.(*expr.Column); ok && table == "" {
			table = ls.qualifierOf(c.Index)
		}
	})
	return sqlstate.New("42P10", "invalid reference to FROM-clause entry for table %q", table).
		WithDetail("The combining JOIN type must be INNER or LEFT for a LATERAL reference.")
}

// lateralClause is the clause a LATERAL subquery reads the columns before
// it from, as PostgreSQL's messages name it.
const lateralClause = "FROM clause of their own query level"

// innerCondition rewrites a condition over a lateral join's columns into
// one over its right side: the left's columns become outer values.
func innerCondition(cond expr.Expr, width int, corr *correlation) expr.Expr {
	return expr.Rewrite(cond, func(e expr.Expr) (expr.Expr, bool) {
		c, ok := e.(*expr.Column)
		switch {
		case !ok:
			return nil, false
		case c.Index < width:
			return corr.slot(c), true
		}
		return &expr.Column{Index: c.Index - width, Name: c.Name, Typ: c.Typ}, true
	})
}
