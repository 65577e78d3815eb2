package planner

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// scope is what column names can refer to: the columns of the FROM items,
// laid end to end, each table's columns a range of the schema. Names not
// found here are looked up in the enclosing queries' scopes (outer).
type scope struct {
	schema *arrow.Schema
	tables []scopeTable
	hidden map[int]bool  // columns that only a qualified name reaches (merged by USING)
	aggs   *aggCollector // where aggregate calls go; nil where they are not allowed
	clause string        // the clause being bound, for messages
	binder *Binder       // binds subqueries
	ctx    context.Context
	wins   *windowCollector // where window function calls go; nil where they are not allowed
	outer  *outerScope      // the enclosing query, for correlated references; nil at the top
	level  *selectLevel     // the SELECT whose clauses this scope binds; nil outside one
}

// scopeTable is one FROM table's place in a scope.
type scopeTable struct {
	qualifiers   [][]string // the names that qualify its columns: its alias, or its name forms
	names        [][]string // with an alias, the table's own name forms, which the alias hides
	start, count int        // its columns in the scope's schema
	key          []int      // a base table's primary-key columns, offsets from start
	sameAs       []int      // a USING join's merged columns: the column each is, as an offset from start; -1 for a computed one
	implicit     int        // how many of its last columns are implicit (see catalog.ImplicitColumner)
}

// isImplicit tells whether column i of the scope's schema, which lies in
// the table's range, is one of its implicit columns.
func (t scopeTable) isImplicit(i int) bool { return i >= t.start+t.count-t.implicit }

// refname is the name PostgreSQL knows a FROM item by (its alias or its
// table name), "" for a USING join's merged columns.
func (t scopeTable) refname() string {
	if len(t.qualifiers) == 0 {
		return ""
	}
	return t.qualifiers[0][len(t.qualifiers[0])-1]
}

// in returns the scope for binding one clause.
func (sc *scope) in(clause string) *scope {
	c := *sc
	c.clause = clause
	return &c
}

// newScope is the scope of one FROM item's columns.
func (b *Binder) newScope(ctx context.Context, schema *arrow.Schema, tables []scopeTable) *scope {
	return &scope{schema: schema, tables: tables, binder: b, ctx: ctx, outer: b.outer}
}

// bindFrom plans the FROM clause and returns the scope its columns form.
func (b *Binder) bindFrom(ctx context.Context, from sql.FromItem) (Node, *scope, error) {
	switch f := from.(type) {
	case nil:
		return OneRow{}, b.newScope(ctx, arrow.NewSchema(nil, nil), nil), nil
	case *sql.TableRef:
		return b.bindTable(ctx, f)
	case *sql.Join:
		return b.bindJoin(ctx, f)
	case *sql.SubqueryRef:
		plan, err := b.BindQuery(ctx, f.Query)
		if err != nil {
			return nil, nil, err
		}
		return b.aliasedScope(ctx, plan, f.Alias, nil, f.Columns)
	case *sql.FunctionRef:
		none := b.newScope(ctx, arrow.NewSchema(nil, nil), nil)
		return b.bindFunctionRef(ctx, OneRow{}, none, f, false)
	}
	return nil, nil, sqlstate.New(sqlstate.FeatureNotSupported, "FROM item %T", from)
}

func (b *Binder) bindTable(ctx context.Context, from *sql.TableRef) (Node, *scope, error) {
	if plan, sc, ok, err := b.workingTable(ctx, from); ok {
		return plan, sc, err
	}
	parts := identNames(from.Name.Parts)
	if len(parts) == 1 {
		if i, ok := b.cteNamed(parts[0]); ok {
			return b.bindCTE(ctx, i, from)
		}
	}
	parts, err := b.Catalog.WithoutDatabase(parts, b.Database)
	if err != nil {
		return nil, nil, withPosition(err, from.Name.Location)
	}
	t, schema, err := b.Catalog.ResolveTableOnPath(ctx, parts, b.Schema, b.Path)
	if err != nil {
		return nil, nil, withPosition(err, from.Name.Location)
	}
	table := parts[len(parts)-1]
	forms := [][]string{{table}, {schema.String(), table}, {schema.Plugin, schema.Sub, table}}
	if view, ok := t.(catalog.View); ok {
		plan, err := b.bindView(ctx, view, schema.String()+"."+table)
		if err != nil {
			return nil, nil, withPosition(err, from.Name.Location)
		}
		return b.aliasedScope(ctx, plan, from.Alias, forms, from.Columns)
	}
	var plan Node = NewScan(t, schema.String()+"."+table)
	plan, sc, err := b.aliasedScope(ctx, plan, from.Alias, forms, from.Columns)
	if err != nil {
		return nil, nil, err
	}
	sc.tables[0].key = primaryKey(t)
	sc.tables[0].implicit = len(catalog.ImplicitColumns(t))
	return plan, sc, nil
}

// primaryKey is a table's primary-key columns, as indexes into its schema;
// nil when it reports none.
func primaryKey(t catalog.Table) []int {
	keyer, ok := t.(catalog.PrimaryKeyer)
	if !ok {
		return nil
	}
	var key []int
	for _, name := range keyer.PrimaryKey() {
		i := t.Schema().FieldIndices(name)
		if len(i) != 1 {
			return nil
		}
		key = append(key, i[0])
	}
	return key
}

// aliasedScope is the scope of one FROM item: known by its alias (or, with
// none, by names), its columns renamed by the column aliases.
func (b *Binder) aliasedScope(ctx context.Context, plan Node, alias string, names [][]string, columns []string) (Node, *scope, error) {
	entry := scopeTable{qualifiers: names, count: plan.Schema().NumFields()}
	if alias != "" {
		entry.qualifiers, entry.names = [][]string{{alias}}, names
	}
	schema, err := renamedColumns(plan.Schema(), columns, entry.refname(), entry.count-implicitCount(plan))
	if err != nil {
		return nil, nil, err
	}
	return plan, b.newScope(ctx, schema, []scopeTable{entry}), nil
}

// implicitCount is how many of a plan's columns are its table's implicit
// columns (a base table's scan ends with them).
func implicitCount(plan Node) int {
	if s, ok := plan.(*Scan); ok {
		return len(catalog.ImplicitColumns(s.Table))
	}
	return 0
}

// renamedColumns applies column aliases to the first columns of a
// schema, of which available may be renamed.
func renamedColumns(schema *arrow.Schema, columns []string, table string, available int) (*arrow.Schema, error) {
	if len(columns) == 0 {
		return schema, nil
	}
	if len(columns) > available {
		return nil, sqlstate.New("42P10", "table %q has %d columns available but %d columns specified",
			table, available, len(columns))
	}
	fields := append([]arrow.Field{}, schema.Fields()...)
	for i, c := range columns {
		fields[i].Name = c
	}
	return arrow.NewSchema(fields, nil), nil
}

// bindJoin plans a join; its scope is the left's columns, then the right's.
func (b *Binder) bindJoin(ctx context.Context, j *sql.Join) (Node, *scope, error) {
	if f, ok := j.Right.(*sql.FunctionRef); ok {
		return b.bindLateralFunction(ctx, j, f)
	}
	left, ls, err := b.bindFrom(ctx, j.Left)
	if err != nil {
		return nil, nil, err
	}
	if sub, ok := j.Right.(*sql.SubqueryRef); ok && sub.Lateral {
		return b.bindLateralJoin(ctx, j, left, ls, sub)
	}
	b.hidden = append(b.hidden, ls)
	right, rs, err := b.bindFrom(ctx, j.Right)
	b.hidden = b.hidden[:len(b.hidden)-1]
	if err != nil {
		return nil, nil, err
	}
	sc, err := joinScopes(ls, rs)
	if err != nil {
		return nil, nil, err
	}
	join := &Join{Left: left, Right: right, Kind: joinKinds[j.Kind]}
	if j.Natural || j.Using != nil {
		return bindUsingJoin(j, join, ls, rs, sc)
	}
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

// joinScopes lays two scopes end to end; two FROM items of one name are
// PostgreSQL's error 42712.
func joinScopes(l, r *scope) (*scope, error) {
	for _, rt := range r.tables {
		for _, lt := range l.tables {
			if name := rt.refname(); name != "" && name == lt.refname() {
				return nil, sqlstate.New("42712", "table name %q specified more than once", name)
			}
		}
	}
	fields := append(append([]arrow.Field{}, l.schema.Fields()...), r.schema.Fields()...)
	out := &scope{schema: arrow.NewSchema(fields, nil), tables: append([]scopeTable{}, l.tables...),
		binder: l.binder, ctx: l.ctx, outer: l.outer, hidden: map[int]bool{}}
	width := l.schema.NumFields()
	for _, t := range r.tables {
		t.start += width
		out.tables = append(out.tables, t)
	}
	for c := range l.hidden {
		out.hidden[c] = true
	}
	for c := range r.hidden {
		out.hidden[c+width] = true
	}
	return out, nil
}

// matching returns the tables a qualifier names.
func (sc *scope) matching(q []string) []scopeTable {
	var out []scopeTable
	for _, t := range sc.tables {
		if nameAmong(t.qualifiers, q) {
			out = append(out, t)
		}
	}
	return out
}

func nameAmong(forms [][]string, q []string) bool {
	for _, cand := range forms {
		if len(cand) == len(q) && equalFoldAll(cand, q) {
			return true
		}
	}
	return false
}

func equalFoldAll(a, b []string) bool {
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

// star expands `*` or `q.*` into column references: a bare `*` leaves out
// the columns a USING join merged.
func (sc *scope) star(qualifier []string, location int) ([]*expr.Column, error) {
	tables := sc.tables
	if len(qualifier) > 0 {
		if tables = sc.matching(qualifier); len(tables) == 0 {
			return nil, sc.missingTable(qualifier).At(location + 1)
		}
	}
	var out []*expr.Column
	for _, t := range tables {
		for i := t.start; i < t.start+t.count-t.implicit; i++ {
			if len(qualifier) == 0 && sc.hidden[i] {
				continue
			}
			out = append(out, sc.columnAt(i))
		}
	}
	if len(sc.tables) == 0 {
		return nil, sqlstate.New(sqlstate.SyntaxError, "SELECT * with no tables specified is not valid").At(location + 1)
	}
	return out, nil
}

// missingTable is PostgreSQL's error for a qualifier no FROM item of any
// enclosing query has: "invalid reference" when it names a table an alias
// hides.
func (sc *scope) missingTable(q []string) *sqlstate.Error {
	name := strings.Join(q, ".")
	for s := sc; s != nil; s = s.outerScope() {
		for _, t := range s.tables {
			if nameAmong(t.names, q) {
				return sqlstate.New(sqlstate.UndefinedTable, "invalid reference to FROM-clause entry for table %q", name).
					WithHint(fmt.Sprintf("Perhaps you meant to reference the table alias %q.", t.refname()))
			}
		}
	}
	if sc.binder != nil && sc.binder.hiddenTable(q) {
		return sqlstate.New(sqlstate.UndefinedTable, "invalid reference to FROM-clause entry for table %q", name).
			WithHint(fmt.Sprintf("There is an entry for table %q, but it cannot be referenced from this part of the query.", name))
	}
	return sqlstate.New(sqlstate.UndefinedTable, "missing FROM-clause entry for table %q", name)
}

// hiddenTable tells whether a FROM item before the one being bound has the
// name q.
func (b *Binder) hiddenTable(q []string) bool {
	for _, h := range b.hidden {
		if len(h.matching(q)) > 0 {
			return true
		}
	}
	return false
}

// hiddenColumn is PostgreSQL's error for a column name no visible FROM
// item has, with a hint when a FROM item before the one being bound has
// it.
func (sc *scope) hiddenColumn(name string) *sqlstate.Error {
	err := sqlstate.New(sqlstate.UndefinedColumn, "column %q does not exist", name)
	if sc.binder == nil {
		return err
	}
	for _, h := range sc.binder.hidden {
		for _, t := range h.tables {
			if _, n := h.matchIn(t, name, false); n > 0 && t.refname() != "" {
				return err.WithHint(fmt.Sprintf("There is a column named %q in table %q, but it cannot be referenced from this part of the query.",
					name, t.refname()))
			}
		}
	}
	return err
}

func (sc *scope) outerScope() *scope {
	if sc.outer == nil {
		return nil
	}
	return sc.outer.scope
}

func (sc *scope) columnAt(i int) *expr.Column {
	f := sc.schema.Field(i)
	return &expr.Column{Index: i, Name: f.Name, Typ: f.Type}
}

// column resolves a column reference as PostgreSQL does: in this query's
// FROM first, then in each enclosing query's, outward (a correlated
// reference, which reads the outer row). A qualified name binds to the
// nearest query with a FROM item of that name. Names match exactly, else
// case-insensitively (Drill's rule for unquoted names).
func (sc *scope) column(ref *sql.ColumnRef) (expr.Expr, error) {
	parts := identNames(ref.Name.Parts)
	c, found, err := sc.localColumn(parts)
	switch {
	case err != nil:
		return nil, err.At(ref.Pos() + 1)
	case found:
		return c, nil
	case sc.outer != nil:
		e, err := sc.outer.scope.column(ref)
		if err != nil {
			return nil, err
		}
		return sc.outer.corr.slot(e), nil
	case len(parts) > 1:
		return nil, sc.missingTable(parts[:len(parts)-1]).At(ref.Pos() + 1)
	}
	return nil, sc.hiddenColumn(parts[0]).At(ref.Pos() + 1)
}

// localColumn looks a name up in this query's FROM only: found is false
// when no FROM item here has it (or, qualified, no FROM item here has the
// qualifier), so that the enclosing queries are searched.
func (sc *scope) localColumn(parts []string) (*expr.Column, bool, *sqlstate.Error) {
	name := parts[len(parts)-1]
	tables := sc.tables
	if len(parts) > 1 {
		if tables = sc.matching(parts[:len(parts)-1]); len(tables) == 0 {
			return nil, false, nil
		}
	}
	found := -1
	for _, t := range tables {
		i, matches := sc.matchIn(t, name, len(parts) > 1)
		if matches > 1 || (matches == 1 && found >= 0) {
			return nil, false, sqlstate.New(sqlstate.AmbiguousColumn, "column reference %q is ambiguous", name)
		}
		if matches == 1 {
			found = i
		}
	}
	if found >= 0 {
		return sc.columnAt(found), true, nil
	}
	if len(parts) > 1 {
		return nil, false, sqlstate.New(sqlstate.UndefinedColumn, "column %s does not exist", strings.Join(parts, "."))
	}
	return nil, false, nil
}

// matchIn finds a column name in one table's range; unqualified names do
// not see the columns a USING join merged. A table's implicit columns are
// searched only when none of its other columns has the name.
func (sc *scope) matchIn(t scopeTable, name string, qualified bool) (int, int) {
	if i, matches := sc.matchAmong(t, name, qualified, false); matches > 0 {
		return i, matches
	}
	return sc.matchAmong(t, name, qualified, true)
}

// matchAmong finds a column name among a table's implicit columns or
// among its others.
func (sc *scope) matchAmong(t scopeTable, name string, qualified, implicit bool) (int, int) {
	var names []string
	var positions []int
	for i := t.start; i < t.start+t.count; i++ {
		if t.isImplicit(i) == implicit && (qualified || !sc.hidden[i]) {
			names = append(names, sc.schema.Field(i).Name)
			positions = append(positions, i)
		}
	}
	i, matches := catalog.MatchIndex(names, name)
	if matches == 0 {
		return -1, 0
	}
	return positions[i], matches
}

// implicitColumn tells whether column i of the scope is a table's
// implicit column.
func (sc *scope) implicitColumn(i int) bool {
	for _, t := range sc.tables {
		if i >= t.start && i < t.start+t.count {
			return t.isImplicit(i)
		}
	}
	return false
}

// qualifierOf names the table a scope column belongs to, for messages.
func (sc *scope) qualifierOf(index int) string {
	for _, t := range sc.tables {
		if index >= t.start && index < t.start+t.count {
			return t.refname()
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
// queries before it (and, when recursive, itself).
func (b *Binder) bindCTE(ctx context.Context, i int, from *sql.TableRef) (Node, *scope, error) {
	cte := b.ctes[i]
	saved := b.ctes
	b.ctes = b.ctes[:i]
	plan, err := b.bindCTEQuery(ctx, cte)
	b.ctes = saved
	if err != nil {
		return nil, nil, err
	}
	name := cte.Name
	if from.Alias != "" {
		name = from.Alias
	}
	return b.aliasedScope(ctx, plan, name, nil, from.Columns)
}
