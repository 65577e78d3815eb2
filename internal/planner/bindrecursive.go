package planner

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/expr"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// recursiveRef is the working table of the recursive WITH query whose
// recursive term is being bound.
type recursiveRef struct {
	name   string
	schema *arrow.Schema
	uses   int
}

// bindCTEQuery plans a WITH query with its column names; a WITH RECURSIVE
// query that refers to itself becomes a RecursiveUnion.
func (b *Binder) bindCTEQuery(ctx context.Context, cte sql.CTE) (Node, error) {
	if cte.Recursive && refersTo(cte.Query, cte.Name) {
		return b.bindRecursive(ctx, cte)
	}
	plan, err := b.BindQuery(ctx, cte.Query)
	if err != nil {
		return nil, err
	}
	return withColumnNames(plan, cte)
}

// withColumnNames renames a WITH query's columns by its column list.
func withColumnNames(plan Node, cte sql.CTE) (Node, error) {
	if len(cte.Columns) == 0 {
		return plan, nil
	}
	schema := plan.Schema()
	if len(cte.Columns) > schema.NumFields() {
		return nil, sqlstate.New("42P10", "WITH query %q has %d columns available but %d columns specified",
			cte.Name, schema.NumFields(), len(cte.Columns)).At(cte.Location + 1)
	}
	exprs, names := passThrough(schema)
	copy(names, cte.Columns)
	return &Project{Input: plan, Exprs: exprs, Names: names}, nil
}

func recursiveError(format string, args ...any) *sqlstate.Error {
	return sqlstate.New("42P19", format, args...)
}

// recursiveClause names the first clause of a recursive query's UNION
// that PostgreSQL does not implement there, in the order it checks them;
// "" when there is none.
func recursiveClause(union *sql.SetOp) string {
	switch {
	case len(union.OrderBy) > 0:
		return "ORDER BY"
	case union.Offset != nil:
		return "OFFSET"
	case union.Limit != nil:
		return "LIMIT"
	}
	return ""
}

// bindRecursive plans `name AS (anchor UNION [ALL] step)`: the column
// types are the anchor's, as in PostgreSQL, and the step must produce them.
func (b *Binder) bindRecursive(ctx context.Context, cte sql.CTE) (Node, error) {
	union, ok := cte.Query.(*sql.SetOp)
	if !ok || union.Op != "UNION" {
		return nil, recursiveError("recursive query %q does not have the form non-recursive-term UNION [ALL] recursive-term", cte.Name)
	}
	if clause := recursiveClause(union); clause != "" {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "%s in a recursive query is not implemented", clause)
	}
	if at := referenceTo(union.Left, cte.Name); at >= 0 {
		return nil, recursiveError("recursive reference to query %q must not appear within its non-recursive term", cte.Name).At(at + 1)
	}
	anchor, err := b.BindQuery(ctx, union.Left)
	if err != nil {
		return nil, err
	}
	if anchor, err = withColumnNames(anchor, cte); err != nil {
		return nil, err
	}
	saved := b.recur
	b.recur = &recursiveRef{name: cte.Name, schema: anchor.Schema()}
	step, err := b.BindQuery(ctx, union.Right)
	b.recur = saved
	if err != nil {
		return nil, err
	}
	step, err = stepWithAnchorTypes(cte.Name, anchor.Schema(), step, union.Left)
	if err != nil {
		return nil, err
	}
	return &RecursiveUnion{Name: cte.Name, Anchor: anchor, Step: step, Distinct: !union.All}, nil
}

// stepWithAnchorTypes casts the recursive term's columns to the anchor's
// types, which must be the types of the union of both.
func stepWithAnchorTypes(name string, anchor *arrow.Schema, step Node, anchorQuery sql.Query) (Node, error) {
	schema := step.Schema()
	if schema.NumFields() != anchor.NumFields() {
		return nil, sqlstate.New(sqlstate.SyntaxError, "each UNION query must have the same number of columns")
	}
	want := make([]arrow.DataType, anchor.NumFields())
	for i, f := range anchor.Fields() {
		st := schema.Field(i).Type
		overall, ok := unionType(f.Type, st)
		if !ok {
			return nil, sqlstate.New(sqlstate.DatatypeMismatch, "UNION types %s and %s cannot be matched",
				types.PostgresName(f.Type), types.PostgresName(st))
		}
		if !arrow.TypeEqual(overall, f.Type) {
			return nil, sqlstate.New(sqlstate.DatatypeMismatch, "recursive query %q column %d has type %s in non-recursive term but type %s overall",
				name, i+1, types.PostgresName(f.Type), types.PostgresName(overall)).
				WithHint("Cast the output of the non-recursive term to the correct type.").At(outputLocation(anchorQuery, i) + 1)
		}
		want[i] = f.Type
	}
	return castColumns(step, want), nil
}

// outputLocation is where output column i of a query is written: its
// select-list item (of the first SELECT of a set operation); -1 when
// unknown.
func outputLocation(q sql.Query, i int) int {
	switch n := q.(type) {
	case *sql.SetOp:
		return outputLocation(n.Left, i)
	case *sql.Select:
		if i < len(n.Items) && n.Items[i].Expr != nil {
			return sql.Leftmost(n.Items[i].Expr)
		}
	}
	return -1
}

// workingTable resolves a FROM name to the working table of the recursive
// query being bound, if it is that query's name.
func (b *Binder) workingTable(ctx context.Context, from *sql.TableRef) (Node, *scope, bool, error) {
	parts := identNames(from.Name.Parts)
	if b.recur == nil || len(parts) != 1 || parts[0] != b.recur.name {
		return nil, nil, false, nil
	}
	if b.recur.uses++; b.recur.uses > 1 {
		return nil, nil, true, recursiveError("recursive reference to query %q must not appear more than once", b.recur.name).
			At(from.Name.Location + 1)
	}
	name := b.recur.name
	if from.Alias != "" {
		name = from.Alias
	}
	plan, sc, err := b.aliasedScope(ctx, &WorkingTable{Name: b.recur.name, Fields: b.recur.schema}, name, nil, from.Columns)
	return plan, sc, true, err
}

// refersTo tells whether a query reads a FROM item of a name, in its own
// FROM or in any subquery.
func refersTo(q sql.Query, name string) bool { return referenceTo(q, name) >= 0 }

// referenceTo is the location of the first FROM item of a name that a
// query reads, in its own FROM or in any subquery; -1 when none.
func referenceTo(q sql.Query, name string) int {
	switch n := q.(type) {
	case *sql.Select:
		if at := fromReferenceTo(n.From, name); at >= 0 {
			return at
		}
		for _, e := range selectExprs(n) {
			if at := exprReferenceTo(e, name); at >= 0 {
				return at
			}
		}
		for _, c := range n.With {
			if at := referenceTo(c.Query, name); at >= 0 {
				return at
			}
		}
	case *sql.SetOp:
		return firstReference(referenceTo(n.Left, name), referenceTo(n.Right, name))
	}
	return -1
}

// firstReference is the first of two reference locations that is one.
func firstReference(a, b int) int {
	if a >= 0 {
		return a
	}
	return b
}

func selectExprs(s *sql.Select) []sql.Expr {
	out := append([]sql.Expr{s.Where, s.Having}, s.GroupBy...)
	for _, it := range s.Items {
		out = append(out, it.Expr)
	}
	return out
}

func fromReferenceTo(f sql.FromItem, name string) int {
	switch n := f.(type) {
	case *sql.TableRef:
		if len(n.Name.Parts) == 1 && n.Name.Parts[0].Name == name {
			return n.Name.Location
		}
	case *sql.Join:
		return firstReference(firstReference(fromReferenceTo(n.Left, name), fromReferenceTo(n.Right, name)),
			exprReferenceTo(n.On, name))
	case *sql.SubqueryRef:
		return referenceTo(n.Query, name)
	}
	return -1
}

// exprReferenceTo looks for the name in the subqueries of an expression.
func exprReferenceTo(e sql.Expr, name string) int {
	at := -1
	walkSubqueries(e, func(q sql.Query) { at = firstReference(at, referenceTo(q, name)) })
	return at
}

// passThrough reads every column of a schema, under its name.
func passThrough(schema *arrow.Schema) ([]expr.Expr, []string) {
	exprs := make([]expr.Expr, schema.NumFields())
	names := make([]string, schema.NumFields())
	for i, f := range schema.Fields() {
		exprs[i] = &expr.Column{Index: i, Name: f.Name, Typ: f.Type}
		names[i] = f.Name
	}
	return exprs, names
}

// walkSubqueries calls visit for each subquery in a parsed expression.
func walkSubqueries(e sql.Expr, visit func(sql.Query)) {
	switch n := e.(type) {
	case nil:
	case *sql.SubqueryExpr:
		visit(n.Query)
		walkSubqueries(n.Arg, visit)
	case *sql.BinaryOp:
		walkSubqueries(n.Left, visit)
		walkSubqueries(n.Right, visit)
	case *sql.UnaryOp:
		walkSubqueries(n.Arg, visit)
	case *sql.BoolOp:
		walkAllSubqueries(n.Args, visit)
	case *sql.IsNull:
		walkSubqueries(n.Arg, visit)
	case *sql.InList:
		walkSubqueries(n.Arg, visit)
		walkAllSubqueries(n.List, visit)
	case *sql.Cast:
		walkSubqueries(n.Arg, visit)
	case *sql.FuncCall:
		walkAllSubqueries(n.Args, visit)
	case *sql.Row:
		walkAllSubqueries(n.Items, visit)
	case *sql.Like:
		walkSubqueries(n.Arg, visit)
		walkSubqueries(n.Pattern, visit)
	case *sql.Case:
		walkSubqueries(n.Operand, visit)
		walkSubqueries(n.Else, visit)
		for _, w := range n.Whens {
			walkSubqueries(w.When, visit)
			walkSubqueries(w.Then, visit)
		}
	}
}

func walkAllSubqueries(es []sql.Expr, visit func(sql.Query)) {
	for _, e := range es {
		walkSubqueries(e, visit)
	}
}
