package sql

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	pgparser "github.com/pganalyze/pg_query_go/v6/parser"

	"auger/internal/sqlstate"
)

// Parse splits a query string into statements and parses each one. An
// empty string, or one of only comments and semicolons, yields none.
func Parse(text string) ([]Statement, error) {
	rewritten, err := RewriteBackticks(text)
	if err != nil {
		return nil, err
	}
	var out []Statement
	for _, part := range splitStatements(rewritten) {
		stmt, err := parseOne(part.text)
		if err != nil {
			return nil, sqlstate.Shift(err, part.offset)
		}
		if stmt != nil {
			stmt.place(part.offset)
			out = append(out, stmt)
		}
	}
	return out, nil
}

func parseOne(text string) (Statement, error) {
	if stmt, ok, err := parseDrill(text); ok || err != nil {
		return stmt, err
	}
	parseText, clauses, err := blankDrillClauses(text)
	if err != nil {
		return nil, err
	}
	tree, err := pg.Parse(parseText)
	if err != nil {
		return nil, syntaxError(err, text)
	}
	if len(tree.Stmts) == 0 {
		return nil, nil
	}
	stmt, err := transformStatement(text, tree.Stmts[0].Stmt)
	if err != nil {
		return nil, err
	}
	return clauses.attach(stmt)
}

// syntaxError turns the parser's error into a SQLSTATE error; its cursor,
// which counts characters, becomes a byte position in text.
func syntaxError(err error, text string) error {
	var pe *pgparser.Error
	if errors.As(err, &pe) {
		code := sqlstate.SyntaxError
		if isWindowingError(pe.Message) {
			code = "42P20"
		}
		return &sqlstate.Error{Code: code, Message: pe.Message, Position: bytePosition(text, pe.Cursorpos)}
	}
	return sqlstate.New(sqlstate.SyntaxError, "%s", err.Error())
}

// bytePosition is the 1-based byte offset of the 1-based character position
// pos in text (0 stays 0: no position).
func bytePosition(text string, pos int) int {
	if pos <= 0 {
		return pos
	}
	chars := 0
	for i := range text {
		chars++
		if chars == pos {
			return i + 1
		}
	}
	return len(text) + 1
}

func unsupportedAt(what string, location int32) error {
	return sqlstate.New(sqlstate.FeatureNotSupported, "%s is not supported yet", what).At(int(location) + 1)
}

func transformStatement(text string, node *pg.Node) (Statement, error) {
	if ex := node.GetExplainStmt(); ex != nil {
		return transformExplain(text, ex)
	}
	if set := node.GetVariableSetStmt(); set != nil {
		return transformVariableSet(text, set)
	}
	if show := node.GetVariableShowStmt(); show != nil {
		return transformVariableShow(text, show)
	}
	if tx := node.GetTransactionStmt(); tx != nil {
		return transformTransaction(text, tx)
	}
	if d := node.GetDiscardStmt(); d != nil {
		return transformDiscard(text, d)
	}
	if st, ok := transformCursorStatement(text, node); ok {
		return st()
	}
	if st, ok := transformWriteStatement(text, node); ok {
		return st()
	}
	sel := node.GetSelectStmt()
	if sel == nil {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "statement %s is not supported yet", statementKind(node))
	}
	return transformQuery(text, sel)
}

// transformQuery reads a SELECT or a set operation.
func transformQuery(text string, s *pg.SelectStmt) (Query, error) {
	if len(s.ValuesLists) > 0 {
		return transformValues(text, s)
	}
	if s.Op == pg.SetOperation_SETOP_NONE {
		return transformSelect(text, s)
	}
	op := map[pg.SetOperation]string{pg.SetOperation_SETOP_UNION: "UNION",
		pg.SetOperation_SETOP_INTERSECT: "INTERSECT", pg.SetOperation_SETOP_EXCEPT: "EXCEPT"}[s.Op]
	with, err := transformWith(text, s.WithClause)
	if err != nil {
		return nil, err
	}
	left, err := transformQuery(text, s.Larg)
	if err != nil {
		return nil, err
	}
	right, err := transformQuery(text, s.Rarg)
	if err != nil {
		return nil, err
	}
	out := &SetOp{base: base{text: text}, With: with, Op: op, All: s.All, Left: left, Right: right}
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

// statementKind names a statement node for messages: "InsertStmt" → "INSERT".
func statementKind(node *pg.Node) string {
	name := fmt.Sprintf("%T", node.GetNode())
	name = strings.TrimPrefix(name, "*pg_query.Node_")
	name = strings.TrimSuffix(name, "Stmt")
	return strings.ToUpper(name)
}

func transformSelect(text string, s *pg.SelectStmt) (*Select, error) {
	if err := rejectSelectClauses(s); err != nil {
		return nil, err
	}
	with, err := transformWith(text, s.WithClause)
	if err != nil {
		return nil, err
	}
	out := &Select{base: base{text: text}, With: with, Distinct: len(s.DistinctClause) > 0, GroupDistinct: s.GroupDistinct}
	if out.DistinctOn, err = transformDistinctOn(text, s.DistinctClause); err != nil {
		return nil, err
	}
	out.Distinct = out.Distinct && out.DistinctOn == nil
	for _, t := range s.TargetList {
		item, err := transformTarget(t.GetResTarget())
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, item)
	}
	from, err := transformFrom(text, s.FromClause)
	if err != nil {
		return nil, err
	}
	out.From = from
	if out.Where, err = optionalExpr(s.WhereClause); err != nil {
		return nil, err
	}
	if out.GroupBy, err = transformGroupBy(s.GroupClause); err != nil {
		return nil, err
	}
	if out.Having, err = optionalExpr(s.HavingClause); err != nil {
		return nil, err
	}
	if out.OrderBy, err = transformSortClause(s.SortClause); err != nil {
		return nil, err
	}
	if out.Limit, err = optionalExpr(s.LimitCount); err != nil {
		return nil, err
	}
	if out.Offset, err = optionalExpr(s.LimitOffset); err != nil {
		return nil, err
	}
	if out.Windows, err = transformWindowClause(s.WindowClause); err != nil {
		return nil, err
	}
	for _, w := range out.Windows {
		markWindowRefs(text, w.Spec)
	}
	for _, item := range out.Items {
		markColumnRefs(text, item.Expr)
	}
	markColumnRefs(text, out.Where)
	markColumnRefs(text, out.Having)
	for _, g := range out.GroupBy {
		markColumnRefs(text, g)
	}
	for _, o := range out.OrderBy {
		markColumnRefs(text, o.Expr)
	}
	return out, nil
}

func transformSortClause(nodes []*pg.Node) ([]OrderItem, error) {
	var out []OrderItem
	for _, n := range nodes {
		sb := n.GetSortBy()
		if len(sb.UseOp) > 0 {
			return nil, unsupportedAt("ORDER BY ... USING", sb.Location)
		}
		e, err := transformExpr(sb.Node)
		if err != nil {
			return nil, err
		}
		item := OrderItem{Expr: e, Desc: sb.SortbyDir == pg.SortByDir_SORTBY_DESC}
		switch sb.SortbyNulls {
		case pg.SortByNulls_SORTBY_NULLS_FIRST:
			item.NullsFirst = ptrTo(true)
		case pg.SortByNulls_SORTBY_NULLS_LAST:
			item.NullsFirst = ptrTo(false)
		}
		out = append(out, item)
	}
	return out, nil
}

func ptrTo[T any](v T) *T { return &v }

// markColumnRefs marks the quoted parts of every column reference in e.
func markColumnRefs(text string, e Expr) {
	switch n := e.(type) {
	case *ColumnRef:
		markQuoted(text, n.Name)
	case *BinaryOp:
		markColumnRefs(text, n.Left)
		markColumnRefs(text, n.Right)
	case *UnaryOp:
		markColumnRefs(text, n.Arg)
	case *BoolOp:
		for _, a := range n.Args {
			markColumnRefs(text, a)
		}
	case *IsNull:
		markColumnRefs(text, n.Arg)
	case *InList:
		markColumnRefs(text, n.Arg)
		for _, a := range n.List {
			markColumnRefs(text, a)
		}
	case *Cast:
		markColumnRefs(text, n.Arg)
	case *FuncCall:
		for _, a := range n.Args {
			markColumnRefs(text, a)
		}
		markWindowRefs(text, n.Over)
		markColumnRefs(text, n.Filter)
		for _, o := range n.OrderBy {
			markColumnRefs(text, o.Expr)
		}
	case *GroupingSet:
		for _, a := range n.Items {
			markColumnRefs(text, a)
		}
	case *Case:
		markColumnRefs(text, n.Operand)
		for _, w := range n.Whens {
			markColumnRefs(text, w.When)
			markColumnRefs(text, w.Then)
		}
		markColumnRefs(text, n.Else)
	case *Like:
		markColumnRefs(text, n.Arg)
		markColumnRefs(text, n.Pattern)
	case *SubqueryExpr:
		markColumnRefs(text, n.Arg)
		markQuery(text, n.Query)
	case *BoolTest:
		markColumnRefs(text, n.Arg)
	default:
		markArrayColumnRefs(text, e)
	}
}

func transformGroupBy(nodes []*pg.Node) ([]Expr, error) {
	var out []Expr
	for _, n := range nodes {
		e, err := transformGroupItem(n)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

var groupingKinds = map[pg.GroupingSetKind]GroupingKind{
	pg.GroupingSetKind_GROUPING_SET_EMPTY: GroupingEmpty, pg.GroupingSetKind_GROUPING_SET_SIMPLE: GroupingSimple,
	pg.GroupingSetKind_GROUPING_SET_ROLLUP: GroupingRollup, pg.GroupingSetKind_GROUPING_SET_CUBE: GroupingCube,
	pg.GroupingSetKind_GROUPING_SET_SETS: GroupingSets,
}

// transformGroupItem reads one element of GROUP BY: an expression, a
// parenthesised list of them, (), ROLLUP, CUBE or GROUPING SETS.
func transformGroupItem(n *pg.Node) (Expr, error) {
	if row := n.GetRowExpr(); row != nil && row.RowFormat == pg.CoercionForm_COERCE_IMPLICIT_CAST {
		items, err := transformGroupItems(row.Args)
		return &GroupingSet{Kind: GroupingSimple, Items: items, Location: int(row.Location)}, err
	}
	gs := n.GetGroupingSet()
	if gs == nil {
		return transformExpr(n)
	}
	items, err := transformGroupItems(gs.Content)
	return &GroupingSet{Kind: groupingKinds[gs.Kind], Items: items, Location: int(gs.Location)}, err
}

func transformGroupItems(nodes []*pg.Node) ([]Expr, error) {
	out := make([]Expr, 0, len(nodes))
	for _, n := range nodes {
		e, err := transformGroupItem(n)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func transformFuncCall(f *pg.FuncCall) (Expr, error) {
	over, err := transformOver(f)
	if err != nil {
		return nil, err
	}
	switch {
	case f.AggWithinGroup:
		return nil, unsupportedAt("WITHIN GROUP (ordered-set aggregates)", f.Location)
	case f.FuncVariadic:
		return nil, unsupportedAt("VARIADIC", f.Location)
	}
	out := &FuncCall{Name: operatorName(f.Funcname), Star: f.AggStar, Distinct: f.AggDistinct, Over: over, Location: int(f.Location)}
	for i, a := range f.Args {
		name := ""
		if na := a.GetNamedArgExpr(); na != nil {
			a, name = na.Arg, na.Name
		}
		e, err := transformExpr(a)
		if err != nil {
			return nil, err
		}
		out.Args = append(out.Args, e)
		if name != "" && out.ArgNames == nil {
			out.ArgNames = make([]string, len(f.Args))
		}
		if out.ArgNames != nil {
			out.ArgNames[i] = name
		}
	}
	return out, transformAggregateClauses(f, out)
}

// transformAggregateClauses reads an aggregate call's ORDER BY and FILTER.
func transformAggregateClauses(f *pg.FuncCall, out *FuncCall) error {
	var err error
	if out.OrderBy, err = transformSortClause(f.AggOrder); err != nil {
		return err
	}
	out.Filter, err = optionalExpr(f.AggFilter)
	return err
}

func rejectSelectClauses(s *pg.SelectStmt) error {
	switch {
	case s.IntoClause != nil:
		return sqlstate.New(sqlstate.FeatureNotSupported, "SELECT INTO is not supported yet")
	case len(s.LockingClause) > 0:
		return sqlstate.New(sqlstate.FeatureNotSupported, "FOR UPDATE/SHARE is not supported")
	}
	return nil
}

func transformTarget(rt *pg.ResTarget) (SelectItem, error) {
	item := SelectItem{Alias: rt.Name, Location: int(rt.Location)}
	if cr := rt.Val.GetColumnRef(); cr != nil && len(cr.Fields) > 0 && cr.Fields[len(cr.Fields)-1].GetAStar() != nil {
		item.Star = true
		for _, f := range cr.Fields[:len(cr.Fields)-1] {
			item.StarQualifier = append(item.StarQualifier, ident(f.GetString_().GetSval()))
		}
		return item, nil
	}
	e, err := transformExpr(rt.Val)
	item.Expr = e
	return item, err
}

// transformFrom reads FROM: items separated by commas are cross joined.
func transformFrom(text string, from []*pg.Node) (FromItem, error) {
	var out FromItem
	for _, n := range from {
		item, err := transformFromItem(text, n)
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = item
		} else {
			out = &Join{Kind: JoinCross, Left: out, Right: item, Location: -1}
		}
	}
	return out, nil
}

func transformFromItem(text string, n *pg.Node) (FromItem, error) {
	if rv := n.GetRangeVar(); rv != nil {
		return transformRangeVar(text, rv), nil
	}
	if j := n.GetJoinExpr(); j != nil {
		return transformJoin(text, j)
	}
	if sub := n.GetRangeSubselect(); sub != nil {
		return transformSubquery(text, sub)
	}
	if rf := n.GetRangeFunction(); rf != nil {
		return transformRangeFunction(text, rf)
	}
	return nil, sqlstate.New(sqlstate.FeatureNotSupported, "subqueries and functions in FROM are not supported yet")
}

func transformRangeVar(text string, rv *pg.RangeVar) *TableRef {
	ref := &TableRef{Name: Name{Location: int(rv.Location)}}
	for _, part := range []string{rv.Catalogname, rv.Schemaname, rv.Relname} {
		if part != "" {
			ref.Name.Parts = append(ref.Name.Parts, Ident{Name: part})
		}
	}
	markQuoted(text, ref.Name)
	if rv.Alias != nil {
		ref.Alias = rv.Alias.Aliasname
		ref.Columns = stringList(rv.Alias.Colnames)
	}
	return ref
}

var joinKinds = map[pg.JoinType]JoinKind{
	pg.JoinType_JOIN_INNER: JoinInner, pg.JoinType_JOIN_LEFT: JoinLeft,
	pg.JoinType_JOIN_RIGHT: JoinRight, pg.JoinType_JOIN_FULL: JoinFull,
}

func transformJoin(text string, j *pg.JoinExpr) (FromItem, error) {
	kind, ok := joinKinds[j.Jointype]
	switch {
	case !ok:
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "join type %s is not supported", j.Jointype)
	case j.Alias != nil:
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "an alias on a join is not supported yet")
	}
	left, err := transformFromItem(text, j.Larg)
	if err != nil {
		return nil, err
	}
	right, err := transformFromItem(text, j.Rarg)
	if err != nil {
		return nil, err
	}
	out := &Join{Kind: kind, Left: left, Right: right, Location: -1, Natural: j.IsNatural, Using: stringList(j.UsingClause)}
	if j.JoinUsingAlias != nil {
		out.UsingAlias = j.JoinUsingAlias.Aliasname
	}
	if out.Natural || out.Using != nil {
		return out, nil
	}
	if j.Quals == nil {
		out.Kind = JoinCross
		return out, nil
	}
	if out.On, err = transformExpr(j.Quals); err != nil {
		return nil, err
	}
	markColumnRefs(text, out.On)
	return out, nil
}

// ident wraps a name from the parse tree; markQuoted tells later whether
// it was quoted.
func ident(name string) Ident {
	return Ident{Name: name}
}

// markQuoted sets Quoted on the parts of a dotted name that the statement
// text writes in double quotes: the parse tree itself no longer says.
func markQuoted(text string, n Name) {
	i := n.Location
	for p := range n.Parts {
		for i >= 0 && i < len(text) && strings.IndexByte(" \t\r\n", text[i]) >= 0 {
			i++
		}
		if i < 0 || i >= len(text) {
			return
		}
		if text[i] == '"' {
			n.Parts[p].Quoted = true
			i = skipQuoted(text, i, '"', false)
		} else {
			for i < len(text) && (isIdentChar(text[i]) || text[i] == '$') {
				i++
			}
		}
		for i < len(text) && strings.IndexByte(" \t\r\n", text[i]) >= 0 {
			i++
		}
		if i >= len(text) || text[i] != '.' {
			return
		}
		i++
	}
}

func optionalExpr(n *pg.Node) (Expr, error) {
	if n == nil {
		return nil, nil
	}
	return transformExpr(n)
}

func transformExpr(n *pg.Node) (Expr, error) {
	switch {
	case n.GetColumnRef() != nil:
		return transformColumnRef(n.GetColumnRef())
	case n.GetAConst() != nil:
		return transformConst(n.GetAConst()), nil
	case n.GetParamRef() != nil:
		p := n.GetParamRef()
		return &Param{Number: int(p.Number), Location: int(p.Location)}, nil
	case n.GetAExpr() != nil:
		return transformAExpr(n.GetAExpr())
	case n.GetBoolExpr() != nil:
		return transformBoolExpr(n.GetBoolExpr())
	case n.GetNullTest() != nil:
		t := n.GetNullTest()
		arg, err := transformExpr(t.Arg)
		return &IsNull{Arg: arg, Negated: t.Nulltesttype == pg.NullTestType_IS_NOT_NULL, Location: int(t.Location)}, err
	case n.GetTypeCast() != nil:
		return transformCast(n.GetTypeCast())
	case n.GetFuncCall() != nil:
		return transformFuncCall(n.GetFuncCall())
	case n.GetCaseExpr() != nil:
		return transformCase(n.GetCaseExpr())
	case n.GetSubLink() != nil:
		return transformSubLink(n.GetSubLink())
	case n.GetSqlvalueFunction() != nil:
		return transformValueFunction(n.GetSqlvalueFunction())
	case n.GetGroupingFunc() != nil:
		g := n.GetGroupingFunc()
		return transformNamedCall("grouping", g.Args, g.Location)
	case n.GetBooleanTest() != nil:
		return transformBooleanTest(n.GetBooleanTest())
	case n.GetCoalesceExpr() != nil:
		c := n.GetCoalesceExpr()
		return transformNamedCall("coalesce", c.Args, c.Location)
	case n.GetMinMaxExpr() != nil:
		m := n.GetMinMaxExpr()
		name := "greatest"
		if m.Op == pg.MinMaxOp_IS_LEAST {
			name = "least"
		}
		return transformNamedCall(name, m.Args, m.Location)
	case n.GetAArrayExpr() != nil:
		return transformArrayExpr(n.GetAArrayExpr())
	case n.GetAIndirection() != nil:
		return transformIndirection(n.GetAIndirection())
	case n.GetCollateClause() != nil:
		return transformCollate(n.GetCollateClause())
	case n.GetRowExpr() != nil:
		return transformRow(n.GetRowExpr())
	}
	return nil, sqlstate.New(sqlstate.FeatureNotSupported, "expression %s is not supported yet", nodeName(n))
}

func nodeName(n *pg.Node) string {
	return strings.TrimPrefix(fmt.Sprintf("%T", n.GetNode()), "*pg_query.Node_")
}

func transformColumnRef(c *pg.ColumnRef) (Expr, error) {
	name := Name{Location: int(c.Location)}
	for _, f := range c.Fields {
		if f.GetAStar() != nil {
			return nil, unsupportedAt("* in an expression", c.Location)
		}
		name.Parts = append(name.Parts, ident(f.GetString_().GetSval()))
	}
	return &ColumnRef{Name: name}, nil
}

func transformConst(c *pg.A_Const) *Const {
	out := &Const{Location: int(c.Location)}
	switch {
	case c.Isnull:
		out.Kind = ConstNull
	case c.GetIval() != nil:
		out.Kind, out.Value = ConstInteger, strconv.Itoa(int(c.GetIval().Ival))
	case c.GetFval() != nil:
		out.Kind, out.Value = ConstNumeric, c.GetFval().Fval
		if _, err := strconv.ParseInt(out.Value, 10, 64); err == nil {
			out.Kind = ConstInteger
		}
	case c.GetBoolval() != nil:
		out.Kind, out.Value = ConstBool, strconv.FormatBool(c.GetBoolval().Boolval)
	case c.GetSval() != nil:
		out.Kind, out.Value = ConstString, c.GetSval().Sval
	case c.GetBsval() != nil:
		out.Kind, out.Value = ConstString, c.GetBsval().Bsval
	}
	return out
}

func operatorName(names []*pg.Node) string {
	if len(names) == 0 {
		return ""
	}
	return names[len(names)-1].GetString_().GetSval()
}

func transformAExpr(a *pg.A_Expr) (Expr, error) {
	op := operatorName(a.Name)
	switch a.Kind {
	case pg.A_Expr_Kind_AEXPR_OP:
		return transformOperator(op, a)
	case pg.A_Expr_Kind_AEXPR_IN:
		return transformIn(op, a)
	case pg.A_Expr_Kind_AEXPR_BETWEEN, pg.A_Expr_Kind_AEXPR_NOT_BETWEEN:
		return transformBetween(a)
	case pg.A_Expr_Kind_AEXPR_LIKE, pg.A_Expr_Kind_AEXPR_ILIKE:
		return transformLike(op, a)
	case pg.A_Expr_Kind_AEXPR_NULLIF:
		return transformNamedCall("nullif", []*pg.Node{a.Lexpr, a.Rexpr}, a.Location)
	case pg.A_Expr_Kind_AEXPR_DISTINCT, pg.A_Expr_Kind_AEXPR_NOT_DISTINCT, pg.A_Expr_Kind_AEXPR_SIMILAR:
		return transformWordOperator(a)
	case pg.A_Expr_Kind_AEXPR_BETWEEN_SYM, pg.A_Expr_Kind_AEXPR_NOT_BETWEEN_SYM:
		return transformBetweenSymmetric(a)
	case pg.A_Expr_Kind_AEXPR_OP_ANY, pg.A_Expr_Kind_AEXPR_OP_ALL:
		return transformAnyAll(op, a)
	}
	return nil, unsupportedAt("operator "+op+" of kind "+a.Kind.String(), a.Location)
}

func transformOperator(op string, a *pg.A_Expr) (Expr, error) {
	if op == "!=" {
		op = "<>"
	}
	right, err := transformExpr(a.Rexpr)
	if err != nil {
		return nil, err
	}
	if a.Lexpr == nil {
		return &UnaryOp{Op: op, Arg: right, Location: int(a.Location)}, nil
	}
	left, err := transformExpr(a.Lexpr)
	if err != nil {
		return nil, err
	}
	return &BinaryOp{Op: op, Left: left, Right: right, Location: int(a.Location)}, nil
}

func transformList(n *pg.Node) ([]Expr, error) {
	var out []Expr
	for _, item := range n.GetList().GetItems() {
		e, err := transformExpr(item)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func transformIn(op string, a *pg.A_Expr) (Expr, error) {
	if a.Rexpr.GetList() == nil {
		return nil, unsupportedAt("IN with a subquery", a.Location)
	}
	arg, err := transformExpr(a.Lexpr)
	if err != nil {
		return nil, err
	}
	list, err := transformList(a.Rexpr)
	return &InList{Arg: arg, List: list, Negated: op == "<>", Location: int(a.Location)}, err
}

func transformBetween(a *pg.A_Expr) (Expr, error) {
	arg, err := transformExpr(a.Lexpr)
	if err != nil {
		return nil, err
	}
	bounds, err := transformList(a.Rexpr)
	if err != nil {
		return nil, err
	}
	loc := int(a.Location)
	if a.Kind == pg.A_Expr_Kind_AEXPR_NOT_BETWEEN {
		return &BoolOp{Op: "OR", Location: loc, Args: []Expr{
			&BinaryOp{Op: "<", Left: arg, Right: bounds[0], Location: loc},
			&BinaryOp{Op: ">", Left: arg, Right: bounds[1], Location: loc}}}, nil
	}
	return &BoolOp{Op: "AND", Location: loc, Args: []Expr{
		&BinaryOp{Op: ">=", Left: arg, Right: bounds[0], Location: loc},
		&BinaryOp{Op: "<=", Left: arg, Right: bounds[1], Location: loc}}}, nil
}

var boolOps = map[pg.BoolExprType]string{
	pg.BoolExprType_AND_EXPR: "AND", pg.BoolExprType_OR_EXPR: "OR", pg.BoolExprType_NOT_EXPR: "NOT",
}

func transformBoolExpr(b *pg.BoolExpr) (Expr, error) {
	out := &BoolOp{Op: boolOps[b.Boolop], Location: int(b.Location)}
	for _, a := range b.Args {
		e, err := transformExpr(a)
		if err != nil {
			return nil, err
		}
		out.Args = append(out.Args, e)
	}
	return out, nil
}

// pgTypeNames maps the internal names the grammar produces to the names
// PostgreSQL's format_type prints.
var pgTypeNames = map[string]string{
	"int4": "integer", "int8": "bigint", "int2": "smallint", "float8": "double precision",
	"float4": "real", "varchar": "character varying", "bpchar": "character", "bool": "boolean",
	"timestamp": "timestamp without time zone", "timestamptz": "timestamp with time zone",
	"time": "time without time zone", "timetz": "time with time zone", "interval": "interval",
}

func transformCast(c *pg.TypeCast) (Expr, error) {
	arg, err := transformExpr(c.Arg)
	if err != nil {
		return nil, err
	}
	tn := c.TypeName
	name := operatorName(tn.Names)
	if mapped, ok := pgTypeNames[name]; ok {
		name = mapped
	}
	if len(tn.ArrayBounds) > 0 {
		name += "[]"
	}
	out := &Cast{Arg: arg, TypeName: name, Location: int(c.Location)}
	for _, m := range tn.Typmods {
		if iv := m.GetAConst().GetIval(); iv != nil {
			out.Typmods = append(out.Typmods, int(iv.Ival))
		}
	}
	return out, nil
}

func transformNamedCall(name string, args []*pg.Node, location int32) (Expr, error) {
	out := &FuncCall{Name: name, Location: int(location)}
	for _, a := range args {
		e, err := transformExpr(a)
		if err != nil {
			return nil, err
		}
		out.Args = append(out.Args, e)
	}
	return out, nil
}

func transformCase(c *pg.CaseExpr) (Expr, error) {
	out := &Case{Location: int(c.Location)}
	var err error
	if c.Arg != nil {
		if out.Operand, err = transformExpr(c.Arg); err != nil {
			return nil, err
		}
	}
	for _, w := range c.Args {
		cw := w.GetCaseWhen()
		when, err := transformExpr(cw.Expr)
		if err != nil {
			return nil, err
		}
		then, err := transformExpr(cw.Result)
		if err != nil {
			return nil, err
		}
		out.Whens = append(out.Whens, CaseWhen{When: when, Then: then})
	}
	out.Else, err = optionalExpr(c.Defresult)
	return out, err
}

// transformLike reads LIKE and ILIKE; PostgreSQL names them ~~, !~~, ~~*
// and !~~*. An ESCAPE clause arrives as a like_escape(pattern, escape)
// call, which rewrites the pattern to escape with a backslash.
func transformLike(op string, a *pg.A_Expr) (Expr, error) {
	arg, err := transformExpr(a.Lexpr)
	if err != nil {
		return nil, err
	}
	pattern, err := transformExpr(a.Rexpr)
	if err != nil {
		return nil, err
	}
	return &Like{Arg: arg, Pattern: pattern, Negated: strings.HasPrefix(op, "!"),
		CaseInsensitive: strings.HasSuffix(op, "*"), Location: int(a.Location)}, nil
}

func transformSubquery(text string, sub *pg.RangeSubselect) (FromItem, error) {
	if sub.Alias == nil {
		return nil, sqlstate.New(sqlstate.SyntaxError, "subquery in FROM must have an alias").
			WithHint("For example, FROM (SELECT ...) [AS] foo.")
	}
	q, err := transformQuery(text, sub.Subquery.GetSelectStmt())
	if err != nil {
		return nil, err
	}
	return &SubqueryRef{Query: q, Alias: sub.Alias.Aliasname, Columns: stringList(sub.Alias.Colnames),
		Lateral: sub.Lateral, Location: -1}, nil
}

// transformWith reads a WITH clause.
func transformWith(text string, w *pg.WithClause) ([]CTE, error) {
	if w == nil {
		return nil, nil
	}
	var out []CTE
	for _, n := range w.Ctes {
		c := n.GetCommonTableExpr()
		sel := c.Ctequery.GetSelectStmt()
		if sel == nil {
			return nil, unsupportedAt("a WITH query that is not a SELECT", c.Location)
		}
		q, err := transformQuery(text, sel)
		if err != nil {
			return nil, err
		}
		out = append(out, CTE{Name: c.Ctename, Query: q, Columns: stringList(c.Aliascolnames),
			Recursive: w.Recursive, Location: int(c.Location)})
	}
	return out, nil
}

func transformSubLink(l *pg.SubLink) (Expr, error) {
	out := &SubqueryExpr{Location: int(l.Location)}
	switch {
	case l.SubLinkType == pg.SubLinkType_EXISTS_SUBLINK:
		out.Kind = "exists"
	case l.SubLinkType == pg.SubLinkType_EXPR_SUBLINK:
		out.Kind = "scalar"
	case l.SubLinkType == pg.SubLinkType_ARRAY_SUBLINK:
		out.Kind = "array"
	case l.SubLinkType == pg.SubLinkType_ANY_SUBLINK || l.SubLinkType == pg.SubLinkType_ALL_SUBLINK:
		if err := transformQuantified(l, out); err != nil {
			return nil, err
		}
	default:
		return nil, unsupportedAt("this kind of subquery ("+l.SubLinkType.String()+")", l.Location)
	}
	q, err := transformQuery("", l.Subselect.GetSelectStmt())
	if err != nil {
		return nil, err
	}
	out.Query = q
	return out, nil
}

func transformExplain(text string, ex *pg.ExplainStmt) (Statement, error) {
	analyze, err := explainOptions(ex.Options)
	if err != nil {
		return nil, err
	}
	sel := ex.Query.GetSelectStmt()
	if sel == nil {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "EXPLAIN of this statement is not supported")
	}
	q, err := transformQuery(text, sel)
	if err != nil {
		return nil, err
	}
	return &Explain{base: base{text: text}, Query: q, Analyze: analyze}, nil
}

// explainOptions reads EXPLAIN's options as PostgreSQL does: ANALYZE with
// an optional Boolean, FORMAT TEXT. Any other option, and any other format,
// is not supported.
func explainOptions(options []*pg.Node) (analyze bool, err error) {
	for _, o := range options {
		d := o.GetDefElem()
		switch d.Defname {
		case "analyze":
			if analyze, err = explainBoolean(d); err != nil {
				return false, err
			}
		case "format":
			if v := defElemText(d); !strings.EqualFold(v, "text") {
				return false, sqlstate.New(sqlstate.FeatureNotSupported, "EXPLAIN format %q is not supported (only TEXT)", v)
			}
		default:
			return false, sqlstate.New(sqlstate.FeatureNotSupported, "EXPLAIN option %s is not supported (only ANALYZE and FORMAT TEXT)", strings.ToUpper(d.Defname))
		}
	}
	return analyze, nil
}

// explainBoolean is an option's Boolean value, true when none is given,
// in the spellings PostgreSQL's defGetBoolean accepts.
func explainBoolean(d *pg.DefElem) (bool, error) {
	if d.Arg == nil {
		return true, nil
	}
	switch strings.ToLower(defElemText(d)) {
	case "true", "on", "1":
		return true, nil
	case "false", "off", "0":
		return false, nil
	}
	return false, sqlstate.New(sqlstate.SyntaxError, "%s requires a Boolean value", d.Defname)
}

// defElemText is an option's argument as text: a word, a string or a number.
func defElemText(d *pg.DefElem) string {
	switch {
	case d.Arg.GetString_() != nil:
		return d.Arg.GetString_().Sval
	case d.Arg.GetInteger() != nil:
		return strconv.Itoa(int(d.Arg.GetInteger().Ival))
	case d.Arg.GetFloat() != nil:
		return d.Arg.GetFloat().Fval
	}
	return ""
}

// sqlValueFunctions are CURRENT_DATE and friends, read as function calls.
var sqlValueFunctions = map[pg.SQLValueFunctionOp]string{
	pg.SQLValueFunctionOp_SVFOP_CURRENT_DATE:      "current_date",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP: "current_timestamp",
	pg.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP:    "localtimestamp",
	pg.SQLValueFunctionOp_SVFOP_LOCALTIME:         "localtime",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_USER:      "current_user",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_ROLE:      "current_role",
	pg.SQLValueFunctionOp_SVFOP_USER:              "user",
	pg.SQLValueFunctionOp_SVFOP_SESSION_USER:      "session_user",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_CATALOG:   "current_catalog",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA:    "current_schema",
}

func transformValueFunction(f *pg.SQLValueFunction) (Expr, error) {
	name, ok := sqlValueFunctions[f.Op]
	if !ok {
		return nil, unsupportedAt(strings.TrimPrefix(f.Op.String(), "SVFOP_"), f.Location)
	}
	return &FuncCall{Name: name, Location: int(f.Location)}, nil
}
