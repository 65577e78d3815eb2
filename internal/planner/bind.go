package planner

import (
	"context"
	"errors"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// Binder resolves the names of a statement against the catalog and builds
// its logical plan.
type Binder struct {
	Catalog *catalog.Catalog
	Schema  catalog.SchemaRef // the session's default schema (USE)
	// Path is the session's search path: the schemas an unqualified table
	// name is looked for in, in order (Schema first); nil means Schema alone.
	Path []catalog.SchemaRef
	// Database is the session's database, which a three-part name may
	// begin with (database."plugin.sub".table).
	Database string
	Params   *Parameters   // the statement's $n parameters; nil where there are none
	ctes     []sql.CTE     // the WITH queries in scope, innermost last
	outer    *outerScope   // while a subquery is bound: the query around it
	recur    *recursiveRef // while a recursive WITH query's term is bound: its working table
	// hidden are the scopes of the FROM items before the one being bound,
	// which it cannot see unless it is LATERAL: for PostgreSQL's hints.
	hidden []*scope
	// views are the views being bound around this query, outermost first.
	views []string
}

// BindSelect builds the logical plan of a SELECT.
func (b *Binder) BindSelect(ctx context.Context, s *sql.Select) (Node, error) {
	input, sc, err := b.bindFrom(ctx, s.From)
	if err != nil {
		return nil, err
	}
	if s.Where != nil {
		cond, err := bindCondition(sc.in("WHERE"), s.Where, "WHERE")
		if err != nil {
			return nil, err
		}
		input = &Filter{Input: input, Cond: cond}
	}
	sc.level = &selectLevel{}
	if !isAggregateQuery(sc, s) {
		uses := b.recursiveUses()
		plan, err := b.bindPlainSelect(ctx, s, input, sc)
		var regroup *regroupError
		if !errors.As(err, &regroup) || regroup.level != sc.level {
			return plan, err
		}
		sc.level.regrouped = true
		b.setRecursiveUses(uses)
	}
	plan, err := b.bindAggregateSelect(ctx, s, input, sc)
	if err != nil {
		return nil, err
	}
	return b.bindLimit(ctx, plan, s.Limit, s.Offset)
}

// bindPlainSelect plans a SELECT that does not aggregate over input (its
// FROM and WHERE planned).
func (b *Binder) bindPlainSelect(ctx context.Context, s *sql.Select, input Node, sc *scope) (Node, error) {
	if hasWindows(s) {
		plan, err := b.bindWindowSelect(ctx, s, input, sc)
		if err != nil {
			return nil, err
		}
		return b.bindLimit(ctx, plan, s.Limit, s.Offset)
	}
	exprs, names, err := bindItems(sc, s.Items)
	if err != nil {
		return nil, err
	}
	if s.DistinctOn != nil {
		plan, err := bindDistinctOn(sc, s, input, exprs, names)
		if err != nil {
			return nil, err
		}
		return b.bindLimit(ctx, plan, s.Limit, s.Offset)
	}
	if s.Distinct {
		if input, exprs, _, err = withSetFunctions(input, exprs, nil); err != nil {
			return nil, err
		}
		plan, err := bindDistinct(sc, s, input, exprs, names)
		if err != nil {
			return nil, err
		}
		return b.bindLimit(ctx, plan, s.Limit, s.Offset)
	}
	plan, err := projectOrdered(sc, s.OrderBy, input, exprs, names)
	if err != nil {
		return nil, err
	}
	return b.bindLimit(ctx, plan, s.Limit, s.Offset)
}

// projectOrdered plans ORDER BY and the select list over input, with the
// set-returning functions they call in ProjectSets below the sort.
func projectOrdered(sc *scope, order []sql.OrderItem, input Node, exprs []expr.Expr, names []string) (Node, error) {
	keys, err := bindOrderBy(sc, order, exprs, names)
	if err != nil {
		return nil, err
	}
	if input, exprs, keys, err = withSetFunctions(input, exprs, keys); err != nil {
		return nil, err
	}
	if len(keys) > 0 {
		input = &Sort{Input: input, Keys: keys}
	}
	return &Project{Input: input, Exprs: exprs, Names: names}, nil
}

func identNames(ids []sql.Ident) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id.Name
	}
	return out
}

func bindItems(sc *scope, items []sql.SelectItem) ([]expr.Expr, []string, error) {
	var exprs []expr.Expr
	var names []string
	for _, item := range items {
		if item.Star {
			cols, err := sc.star(identNames(item.StarQualifier), item.Location)
			if err != nil {
				return nil, nil, err
			}
			for _, c := range cols {
				exprs = append(exprs, c)
				names = append(names, c.Name)
			}
			continue
		}
		e, err := bindExpr(sc, item.Expr)
		if err != nil {
			return nil, nil, err
		}
		exprs = append(exprs, e.Expr)
		names = append(names, itemName(item, e.Expr))
	}
	return exprs, names, nil
}

// itemName is PostgreSQL's output column name: the alias, the column's
// name, or ?column?.
func itemName(item sql.SelectItem, e expr.Expr) string {
	if item.Alias != "" {
		return item.Alias
	}
	if c, ok := e.(*expr.Column); ok {
		return c.Name
	}
	if name, strength := figureName(item.Expr); strength > 0 {
		return name
	}
	return "?column?"
}

// figureName is PostgreSQL's FigureColname, with its strengths: a column's
// or a function's name is strong (2); a cast takes the name of what it
// casts, else its type's internal name (1); a CASE takes its ELSE's name
// when strong, else "case" (1).
func figureName(e sql.Expr) (string, int) {
	switch n := e.(type) {
	case *sql.ColumnRef:
		return n.Name.Parts[len(n.Name.Parts)-1].Name, 2
	case *sql.FuncCall:
		return n.Name, 2
	case *sql.SubqueryExpr:
		return subqueryName(n)
	case *sql.Case:
		if name, strength := figureName(n.Else); strength > 1 {
			return name, strength
		}
		return "case", 1
	case *sql.Cast:
		if name, strength := figureName(n.Arg); strength > 1 {
			return name, strength
		}
		if char, ok := types.CharTypeOf(n.TypeName, n.Typmods); ok {
			return char.Typname(), 1
		}
		if dt, ok := types.FromPostgresName(n.TypeName, n.Typmods); ok {
			elem, _ := types.ArrayElement(dt)
			name, _ := types.CatalogName(elem)
			return name, 1
		}
	default:
		return figureArrayName(e)
	}
	return "", 0
}

// constCount reads a LIMIT or OFFSET value: a non-negative integer
// constant, or NULL / absent meaning def.
func constCount(e sql.Expr, clause string, def int64) (int64, error) {
	if e == nil {
		return def, nil
	}
	c, ok := e.(*sql.Const)
	if !ok || (c.Kind != sql.ConstInteger && c.Kind != sql.ConstNull) {
		return 0, sqlstate.New(sqlstate.FeatureNotSupported, "%s must be an integer constant", clause).At(e.Pos() + 1)
	}
	if c.Kind == sql.ConstNull {
		return def, nil
	}
	n, err := strconv.ParseInt(c.Value, 10, 64)
	if err != nil || n < 0 {
		code := sqlstate.InvalidRowCountInLimit
		if clause == "OFFSET" {
			code = sqlstate.InvalidRowCountInOffset
		}
		return 0, sqlstate.New(code, "%s must not be negative", clause)
	}
	return n, nil
}

// withPosition sets a statement position (0-based offset) on a SQLSTATE
// error that has none.
func withPosition(err error, offset int) error {
	if e, ok := err.(*sqlstate.Error); ok && e.Position == 0 && offset >= 0 {
		return e.At(offset + 1)
	}
	return err
}

func bindCondition(sc *scope, e sql.Expr, clause string) (expr.Expr, error) {
	b, err := bindExpr(sc, e)
	if err != nil {
		return nil, err
	}
	if b.Expr.Type().ID() != arrow.BOOL && b.Expr.Type().ID() != arrow.NULL {
		return nil, sqlstate.New(sqlstate.DatatypeMismatch, "argument of %s must be type boolean, not type %s",
			clause, pgTypeName(b.Expr.Type())).At(e.Pos() + 1)
	}
	return b.Expr, nil
}

func unsupported(what string, pos int) error {
	return sqlstate.New(sqlstate.FeatureNotSupported, "%s is not supported yet", what).At(pos + 1)
}
