package sql

import (
	pg "github.com/pganalyze/pg_query_go/v6"

	"auger/internal/sqlstate"
)

// transformValues reads `VALUES (row), ...` with its ORDER BY and LIMIT.
func transformValues(text string, s *pg.SelectStmt) (Query, error) {
	if s.WithClause != nil {
		return nil, unsupportedAt("WITH before VALUES", s.WithClause.Location)
	}
	out := &Values{base: base{text: text}, Location: -1}
	for _, row := range s.ValuesLists {
		items, err := transformList(row)
		if err != nil {
			return nil, err
		}
		for _, e := range items {
			markColumnRefs(text, e)
		}
		out.Rows = append(out.Rows, items)
	}
	if len(s.ValuesLists) > 0 {
		out.Location = firstLocation(s.ValuesLists[0])
	}
	var err error
	if out.OrderBy, err = transformSortClause(s.SortClause); err != nil {
		return nil, err
	}
	for _, o := range out.OrderBy {
		markColumnRefs(text, o.Expr)
	}
	if out.Limit, err = optionalExpr(s.LimitCount); err != nil {
		return nil, err
	}
	out.Offset, err = optionalExpr(s.LimitOffset)
	return out, err
}

// firstLocation is the position of a VALUES row's first item, or -1.
func firstLocation(row *pg.Node) int {
	items := row.GetList().GetItems()
	if len(items) == 0 {
		return -1
	}
	e, err := transformExpr(items[0])
	if err != nil {
		return -1
	}
	return e.Pos()
}

// transformDistinctOn reads the expressions of DISTINCT ON (...); plain
// DISTINCT arrives as one empty node and yields none.
func transformDistinctOn(text string, nodes []*pg.Node) ([]Expr, error) {
	if len(nodes) == 1 && nodes[0].GetNode() == nil {
		return nil, nil
	}
	var out []Expr
	for _, n := range nodes {
		e, err := transformExpr(n)
		if err != nil {
			return nil, err
		}
		markColumnRefs(text, e)
		out = append(out, e)
	}
	return out, nil
}

// stringList reads a list of names (column aliases, USING columns).
func stringList(nodes []*pg.Node) []string {
	var out []string
	for _, n := range nodes {
		out = append(out, n.GetString_().GetSval())
	}
	return out
}

// transformQuantified reads `arg IN (q)`, `arg op ANY (q)` and
// `arg op ALL (q)`.
func transformQuantified(l *pg.SubLink, out *SubqueryExpr) error {
	op := operatorName(l.OperName)
	if op == "!=" {
		op = "<>"
	}
	switch {
	case l.SubLinkType == pg.SubLinkType_ANY_SUBLINK && (op == "" || op == "="):
		out.Kind = "in"
	case l.SubLinkType == pg.SubLinkType_ANY_SUBLINK:
		out.Kind, out.Op = "any", op
	default:
		out.Kind, out.Op = "all", op
	}
	if out.Kind != "in" && !comparisonOps[out.Op] {
		return sqlstate.New(sqlstate.FeatureNotSupported, "operator %s with ANY or ALL is not supported yet", op).At(int(l.Location) + 1)
	}
	arg, err := transformExpr(l.Testexpr)
	out.Arg = arg
	return err
}

// transformRow reads a row constructor.
func transformRow(r *pg.RowExpr) (Expr, error) {
	out := &Row{Location: int(r.Location)}
	for _, a := range r.Args {
		e, err := transformExpr(a)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, e)
	}
	return out, nil
}

// comparisonOps are the operators ANY and ALL take.
var comparisonOps = map[string]bool{"=": true, "<>": true, "<": true, "<=": true, ">": true, ">=": true}

// markQuery marks the quoted names of a query parsed inside an expression
// (a subquery), whose transformation did not see the statement text.
func markQuery(text string, q Query) {
	switch n := q.(type) {
	case *Select:
		markSelect(text, n)
	case *SetOp:
		for _, c := range n.With {
			markQuery(text, c.Query)
		}
		markQuery(text, n.Left)
		markQuery(text, n.Right)
		for _, o := range n.OrderBy {
			markColumnRefs(text, o.Expr)
		}
	case *Values:
		for _, row := range n.Rows {
			for _, e := range row {
				markColumnRefs(text, e)
			}
		}
	}
}

func markSelect(text string, s *Select) {
	for _, c := range s.With {
		markQuery(text, c.Query)
	}
	for _, item := range s.Items {
		markColumnRefs(text, item.Expr)
	}
	for _, e := range append(append([]Expr{s.Where, s.Having}, s.GroupBy...), s.DistinctOn...) {
		markColumnRefs(text, e)
	}
	for _, o := range s.OrderBy {
		markColumnRefs(text, o.Expr)
	}
	markFrom(text, s.From)
}

func markFrom(text string, f FromItem) {
	switch n := f.(type) {
	case *TableRef:
		markQuoted(text, n.Name)
	case *Join:
		markFrom(text, n.Left)
		markFrom(text, n.Right)
		markColumnRefs(text, n.On)
	case *SubqueryRef:
		markQuery(text, n.Query)
	}
}
