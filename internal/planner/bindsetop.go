package planner

import (
	"context"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// BindQuery builds the logical plan of a SELECT or a UNION.
func (b *Binder) BindQuery(ctx context.Context, q sql.Query) (Node, error) {
	outer := b.ctes
	defer func() { b.ctes = outer }()
	switch n := q.(type) {
	case *sql.Select:
		b.ctes = append(append([]sql.CTE{}, outer...), n.With...)
	case *sql.SetOp:
		b.ctes = append(append([]sql.CTE{}, outer...), n.With...)
	}
	switch n := q.(type) {
	case *sql.Select:
		return b.BindSelect(ctx, n)
	case *sql.SetOp:
		return b.bindSetOp(ctx, n)
	case *sql.Values:
		return b.bindValues(ctx, n)
	}
	return nil, sqlstate.New(sqlstate.FeatureNotSupported, "query %T", q)
}

// bindSetOp plans UNION, INTERSECT and EXCEPT [ALL]: the inputs brought
// to common column types and combined, then ordered and limited.
func (b *Binder) bindSetOp(ctx context.Context, s *sql.SetOp) (Node, error) {
	left, err := b.BindQuery(ctx, s.Left)
	if err != nil {
		return nil, err
	}
	right, err := b.BindQuery(ctx, s.Right)
	if err != nil {
		return nil, err
	}
	ls, rs := left.Schema(), right.Schema()
	if ls.NumFields() != rs.NumFields() {
		return nil, sqlstate.New(sqlstate.SyntaxError, "each %s query must have the same number of columns", s.Op)
	}
	common := make([]arrow.DataType, ls.NumFields())
	for i := range common {
		lt, rt := ls.Field(i).Type, rs.Field(i).Type
		t, ok := unionType(lt, rt)
		if !ok {
			return nil, sqlstate.New(sqlstate.DatatypeMismatch, "%s types %s and %s cannot be matched",
				s.Op, types.PostgresName(lt), types.PostgresName(rt))
		}
		common[i] = t
		if !s.All && hasNoEquality(t) {
			return nil, sqlstate.New(sqlstate.UndefinedFunction, "could not identify an equality operator for type %s", types.PostgresName(t))
		}
	}
	left, right = castColumns(left, common), castColumns(right, common)
	var plan Node = &Union{Inputs: []Node{left, right}}
	switch {
	case s.Op != "UNION":
		plan = &SetOp{Left: left, Right: right, Op: s.Op, All: s.All}
	case !s.All:
		plan = distinctRows(plan)
	}
	if plan, err = bindSetOpOrder(plan, s.OrderBy); err != nil {
		return nil, err
	}
	return b.bindLimit(ctx, plan, s.Limit, s.Offset)
}

func unionType(a, b arrow.DataType) (arrow.DataType, bool) {
	switch {
	case arrow.TypeEqual(a, b):
		return a, true
	case a.ID() == arrow.NULL:
		return b, true
	case b.ID() == arrow.NULL:
		return a, true
	}
	return valuesType(a, b)
}

// castColumns projects a node's columns to the given types.
func castColumns(n Node, to []arrow.DataType) Node {
	schema := n.Schema()
	exprs := make([]expr.Expr, len(to))
	names := make([]string, len(to))
	same := true
	for i, t := range to {
		f := schema.Field(i)
		exprs[i] = castTo(&expr.Column{Index: i, Name: f.Name, Typ: f.Type}, t)
		names[i] = f.Name
		same = same && arrow.TypeEqual(f.Type, t)
	}
	if same {
		return n
	}
	return &Project{Input: n, Exprs: exprs, Names: names}
}

// distinctRows keeps one of each distinct row: a grouping by every column.
func distinctRows(n Node) Node {
	schema := n.Schema()
	groups := make([]expr.Expr, schema.NumFields())
	names := make([]string, schema.NumFields())
	for i, f := range schema.Fields() {
		groups[i] = &expr.Column{Index: i, Name: f.Name, Typ: f.Type}
		names[i] = f.Name
	}
	return &Project{Input: &Aggregate{Input: n, Groups: groups}, Exprs: groups, Names: names}
}

// bindSetOpOrder orders a UNION's result by output positions or names.
func bindSetOpOrder(n Node, items []sql.OrderItem) (Node, error) {
	if len(items) == 0 {
		return n, nil
	}
	schema := n.Schema()
	keys := make([]SortKey, len(items))
	for i, item := range items {
		pos, err := setOpOrderColumn(schema, item.Expr)
		if err != nil {
			return nil, err
		}
		f := schema.Field(pos)
		nullsFirst := item.Desc
		if item.NullsFirst != nil {
			nullsFirst = *item.NullsFirst
		}
		keys[i] = SortKey{Expr: &expr.Column{Index: pos, Name: f.Name, Typ: f.Type}, Desc: item.Desc, NullsFirst: nullsFirst}
	}
	return &Sort{Input: n, Keys: keys}, nil
}

func setOpOrderColumn(schema *arrow.Schema, e sql.Expr) (int, error) {
	switch n := e.(type) {
	case *sql.Const:
		if p, err := strconv.Atoi(n.Value); err == nil && n.Kind == sql.ConstInteger && p >= 1 && p <= schema.NumFields() {
			return p - 1, nil
		}
		return 0, sqlstate.New("42P10", "ORDER BY position %s is not in select list", n.Value).At(n.Pos() + 1)
	case *sql.ColumnRef:
		if len(n.Name.Parts) == 1 {
			names := make([]string, schema.NumFields())
			for i, f := range schema.Fields() {
				names[i] = f.Name
			}
			if i, matches := catalog.MatchIndex(names, n.Name.Parts[0].Name); matches == 1 {
				return i, nil
			}
		}
		return 0, sqlstate.New(sqlstate.UndefinedColumn, "column %q does not exist", n.Name.String()).At(n.Pos() + 1)
	}
	return 0, sqlstate.New(sqlstate.FeatureNotSupported, "invalid UNION/INTERSECT/EXCEPT ORDER BY clause").
		WithHint("Only result column names can be used, not expressions or functions.").At(e.Pos() + 1)
}
