package planner

import (
	"context"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// scope is what column names can refer to: the columns of the FROM items,
// laid end to end, each table's columns a range of the schema.
type scope struct {
	schema *arrow.Schema
	tables []scopeTable
	aggs   *aggCollector // where aggregate calls go; nil where they are not allowed
	clause string        // the clause being bound, for messages
	binder *Binder       // binds subqueries
	ctx    context.Context
	wins   *windowCollector // where window function calls go; nil where they are not allowed
}

// scopeTable is one FROM table's place in a scope.
type scopeTable struct {
	qualifiers   [][]string // the names that qualify its columns: its alias, or its name forms
	start, count int        // its columns in the scope's schema
}

// in returns the scope for binding one clause.
func (sc *scope) in(clause string) *scope {
	c := *sc
	c.clause = clause
	return &c
}

// bindFrom plans the FROM clause and returns the scope its columns form.
func (b *Binder) bindFrom(ctx context.Context, from sql.FromItem) (Node, *scope, error) {
	switch f := from.(type) {
	case nil:
		return OneRow{}, &scope{schema: arrow.NewSchema(nil, nil), binder: b, ctx: ctx}, nil
	case *sql.TableRef:
		return b.bindTable(ctx, f)
	case *sql.Join:
		return b.bindJoin(ctx, f)
	case *sql.SubqueryRef:
		plan, err := b.BindQuery(ctx, f.Query)
		if err != nil {
			return nil, nil, err
		}
		entry := scopeTable{qualifiers: [][]string{{f.Alias}}, count: plan.Schema().NumFields()}
		return plan, &scope{schema: plan.Schema(), tables: []scopeTable{entry}, binder: b, ctx: ctx}, nil
	}
	return nil, nil, sqlstate.New(sqlstate.FeatureNotSupported, "FROM item %T", from)
}

func (b *Binder) bindTable(ctx context.Context, from *sql.TableRef) (Node, *scope, error) {
	parts := identNames(from.Name.Parts)
	if len(parts) == 1 {
		if i, ok := b.cteNamed(parts[0]); ok {
			return b.bindCTE(ctx, i, from.Alias)
		}
	}
	t, schema, err := b.Catalog.ResolveTable(ctx, parts, b.Schema)
	if err != nil {
		return nil, nil, withPosition(err, from.Name.Location)
	}
	table := parts[len(parts)-1]
	entry := scopeTable{count: t.Schema().NumFields()}
	if from.Alias != "" {
		entry.qualifiers = [][]string{{from.Alias}}
	} else {
		entry.qualifiers = [][]string{{table}, {schema.String(), table}, {schema.Plugin, schema.Sub, table}}
	}
	return NewScan(t, schema.String()+"."+table), &scope{schema: t.Schema(), tables: []scopeTable{entry}, binder: b, ctx: ctx}, nil
}

// bindJoin plans a join; its scope is the left's columns, then the right's.
func (b *Binder) bindJoin(ctx context.Context, j *sql.Join) (Node, *scope, error) {
	left, ls, err := b.bindFrom(ctx, j.Left)
	if err != nil {
		return nil, nil, err
	}
	right, rs, err := b.bindFrom(ctx, j.Right)
	if err != nil {
		return nil, nil, err
	}
	sc := joinScopes(ls, rs)
	join := &Join{Left: left, Right: right, Kind: joinKinds[j.Kind]}
	if j.On != nil {
		if join.Cond, err = bindCondition(sc.in("JOIN/ON"), j.On, "JOIN/ON"); err != nil {
			return nil, nil, err
		}
	}
	return join, sc, nil
}

var joinKinds = map[sql.JoinKind]JoinKind{
	sql.JoinInner: InnerJoin, sql.JoinLeft: LeftJoin, sql.JoinRight: RightJoin,
	sql.JoinFull: FullJoin, sql.JoinCross: InnerJoin,
}

func joinScopes(l, r *scope) *scope {
	fields := append(append([]arrow.Field{}, l.schema.Fields()...), r.schema.Fields()...)
	out := &scope{schema: arrow.NewSchema(fields, nil), tables: append([]scopeTable{}, l.tables...), binder: l.binder, ctx: l.ctx}
	for _, t := range r.tables {
		t.start += l.schema.NumFields()
		out.tables = append(out.tables, t)
	}
	return out
}

// matching returns the tables a qualifier names.
func (sc *scope) matching(q []string) []scopeTable {
	var out []scopeTable
	for _, t := range sc.tables {
		for _, cand := range t.qualifiers {
			if len(cand) == len(q) && equalFoldAll(cand, q) {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

func equalFoldAll(a, b []string) bool {
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

// star expands `*` or `q.*` into column references.
func (sc *scope) star(qualifier []string, location int) ([]*expr.Column, error) {
	tables := sc.tables
	if len(qualifier) > 0 {
		if tables = sc.matching(qualifier); len(tables) == 0 {
			return nil, missingTable(qualifier).At(location + 1)
		}
	}
	var out []*expr.Column
	for _, t := range tables {
		for i := t.start; i < t.start+t.count; i++ {
			out = append(out, sc.columnAt(i))
		}
	}
	if len(sc.tables) == 0 {
		return nil, sqlstate.New(sqlstate.SyntaxError, "SELECT * with no tables specified is not valid").At(location + 1)
	}
	return out, nil
}

func missingTable(q []string) *sqlstate.Error {
	return sqlstate.New(sqlstate.UndefinedTable, "missing FROM-clause entry for table %q", strings.Join(q, "."))
}

func (sc *scope) columnAt(i int) *expr.Column {
	f := sc.schema.Field(i)
	return &expr.Column{Index: i, Name: f.Name, Typ: f.Type}
}

// column resolves a column reference, qualified or not: exactly, else
// case-insensitively (Drill's rule for unquoted names), and ambiguous when
// more than one table has it.
func (sc *scope) column(ref *sql.ColumnRef) (*expr.Column, error) {
	parts := identNames(ref.Name.Parts)
	name := parts[len(parts)-1]
	tables := sc.tables
	if len(parts) > 1 {
		if tables = sc.matching(parts[:len(parts)-1]); len(tables) == 0 {
			return nil, missingTable(parts[:len(parts)-1]).At(ref.Pos() + 1)
		}
	}
	found := -1
	for _, t := range tables {
		names := make([]string, t.count)
		for i := range names {
			names[i] = sc.schema.Field(t.start + i).Name
		}
		i, matches := catalog.MatchIndex(names, name)
		if matches > 1 || (matches == 1 && found >= 0) {
			return nil, sqlstate.New(sqlstate.AmbiguousColumn, "column reference %q is ambiguous", name).At(ref.Pos() + 1)
		}
		if matches == 1 {
			found = t.start + i
		}
	}
	if found < 0 {
		return nil, sqlstate.New(sqlstate.UndefinedColumn, "column %q does not exist", name).At(ref.Pos() + 1)
	}
	return sc.columnAt(found), nil
}

// qualifierOf names the table a scope column belongs to, for messages.
func (sc *scope) qualifierOf(index int) string {
	for _, t := range sc.tables {
		if index >= t.start && index < t.start+t.count {
			return t.qualifiers[0][len(t.qualifiers[0])-1]
		}
	}
	return ""
}

// cteNamed finds the innermost WITH query of a name.
func (b *Binder) cteNamed(name string) (int, bool) {
	for i := len(b.ctes) - 1; i >= 0; i-- {
		if strings.EqualFold(b.ctes[i].Name, name) {
			return i, true
		}
	}
	return 0, false
}

// bindCTE plans a reference to WITH query i, which sees only the WITH
// queries before it.
func (b *Binder) bindCTE(ctx context.Context, i int, alias string) (Node, *scope, error) {
	cte := b.ctes[i]
	saved := b.ctes
	b.ctes = b.ctes[:i]
	plan, err := b.BindQuery(ctx, cte.Query)
	b.ctes = saved
	if err != nil {
		return nil, nil, err
	}
	name := cte.Name
	if alias != "" {
		name = alias
	}
	entry := scopeTable{qualifiers: [][]string{{name}}, count: plan.Schema().NumFields()}
	return plan, &scope{schema: plan.Schema(), tables: []scopeTable{entry}, binder: b, ctx: ctx}, nil
}
