package sql

import (
	"errors"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	pg "github.com/pganalyze/pg_query_go/v6"

	"auger/internal/expr"
	"auger/internal/types"
)

// RemotePlan builds one statement for a PostgreSQL server out of
// relations, bottom-up, as the planner walks a plan subtree: a table, then
// filters, projections, joins, aggregates, orders and limits over it. Each
// relation is a SELECT whose result columns are named c0, c1, ...; the one
// above wraps it as a subquery. Every literal becomes a $n parameter with an
// explicit cast, numbered across the whole statement.
type RemotePlan struct {
	remoteBuilder
}

// RemoteRel is one relation of a RemotePlan.
type RemoteRel struct {
	stmt  *pg.SelectStmt
	width int
	// order is the order its rows must come in, over its columns; sorted
	// tells whether stmt itself already ends in that ORDER BY. hidden:
	// stmt ends in an ORDER BY of columns it does not yield, which no
	// relation over it can keep.
	order          []RemoteSortKey
	sorted, hidden bool
}

// Width is the number of the relation's columns.
func (r *RemoteRel) Width() int { return r.width }

// RemoteSortKey orders by one column of a relation. Bytewise compares
// strings by their bytes (COLLATE "C"), as the engine does.
type RemoteSortKey struct {
	Column                     int
	Desc, NullsFirst, Bytewise bool
}

// RemoteAgg is one aggregate call over a relation's columns. Arg is nil
// for count(*); Filter, when not nil, is its FILTER (WHERE ...). The
// result is cast to Type.
type RemoteAgg struct {
	Func     string
	Arg      expr.Expr
	Distinct bool
	Filter   expr.Expr
	Type     arrow.DataType
}

// errOrderLost is the error of a projection that drops a column its
// input must stay ordered by.
var errOrderLost = errors.New("the projection drops a column the rows are ordered by")

// Table is the SELECT of some columns of a table (fetched as text where
// asText says so) with filters over the table's columns (named by
// columnName) and a limit (-1: none).
func (p *RemotePlan) Table(schema, table string, columns []string, asText []bool, filters []expr.Expr,
	columnName func(int) string, limit int64) (*RemoteRel, error) {
	p.columnRef = func(i int) *pg.Node { return columnRef(columnName(i)) }
	targets := p.targets(columns, asText)
	for i, t := range targets {
		t.GetResTarget().Name = outputName(i)
	}
	stmt := newSelect(targets, rangeVar(schema, table))
	if len(filters) > 0 {
		where, err := p.where(filters)
		if err != nil {
			return nil, err
		}
		stmt.WhereClause = where
	}
	if limit >= 0 {
		stmt.LimitCount = p.int8Param(limit)
		stmt.LimitOption = pg.LimitOption_LIMIT_OPTION_COUNT
	}
	return &RemoteRel{stmt: stmt, width: len(columns)}, nil
}

// Filter keeps the rows of r for which cond, over r's columns, is true.
func (p *RemotePlan) Filter(r *RemoteRel, cond expr.Expr) (*RemoteRel, error) {
	if r.hidden {
		return nil, errOrderLost
	}
	p.columnRef = aliasColumns("s")
	where, err := p.node(cond)
	if err != nil {
		return nil, err
	}
	stmt := newSelect(passThrough("s", 0, r.width, 0), subselect(r, "s"))
	stmt.WhereClause = where
	return &RemoteRel{stmt: stmt, width: r.width, order: r.order}, nil
}

// Project computes exprs over r's columns, each cast to its type in
// casts (nil: as it comes), in r's order. When exprs drop a column r is
// ordered by, the statement orders by it there, and no relation over the
// projection but a join or an aggregate (which need no order) can be built.
func (p *RemotePlan) Project(r *RemoteRel, exprs []expr.Expr, casts []arrow.DataType) (*RemoteRel, error) {
	if r.hidden {
		return nil, errOrderLost
	}
	targets, err := p.computed(exprs, casts)
	if err != nil {
		return nil, err
	}
	stmt := newSelect(targets, subselect(r, "s"))
	order, ok := projectOrder(r.order, exprs)
	if !ok {
		stmt.SortClause = sortClause(r.order)
		return &RemoteRel{stmt: stmt, width: len(exprs), sorted: true, hidden: true}, nil
	}
	return &RemoteRel{stmt: stmt, width: len(exprs), order: order}, nil
}

// computed are the result columns of exprs over the columns of the
// relation named s, each cast to its type in casts (nil: as it comes).
func (p *RemotePlan) computed(exprs []expr.Expr, casts []arrow.DataType) ([]*pg.Node, error) {
	p.columnRef = aliasColumns("s")
	targets := make([]*pg.Node, len(exprs))
	for i, e := range exprs {
		val, err := p.node(e)
		if err != nil {
			return nil, err
		}
		if casts[i] != nil {
			val = castTo(val, casts[i])
		}
		targets[i] = pg.MakeResTargetNodeWithNameAndVal(outputName(i), val, -1)
	}
	return targets, nil
}

// projectOrder maps an order over a projection's input to one over its
// output; ok is false when a key column is not projected as it is.
func projectOrder(order []RemoteSortKey, exprs []expr.Expr) ([]RemoteSortKey, bool) {
	var out []RemoteSortKey
	for _, k := range order {
		found := -1
		for i, e := range exprs {
			if c, ok := e.(*expr.Column); ok && c.Index == k.Column {
				found = i
				break
			}
		}
		if found < 0 {
			return nil, false
		}
		k.Column = found
		out = append(out, k)
	}
	return out, true
}

// RemoteJoinKind is a join's kind, as the remote statement writes it.
type RemoteJoinKind int

// The join kinds a remote statement can express; a semi (anti) join keeps
// the left rows with (without) a match and only their columns.
const (
	RemoteInner RemoteJoinKind = iota
	RemoteLeft
	RemoteRight
	RemoteFull
	RemoteSemi
	RemoteAnti
)

// Join joins l and r on cond (over l's columns then r's; nil: every
// pair). Its columns are l's then r's (l's only for a semi or anti join).
func (p *RemotePlan) Join(l, r *RemoteRel, kind RemoteJoinKind, cond expr.Expr) (*RemoteRel, error) {
	p.columnRef = func(i int) *pg.Node {
		if i < l.width {
			return aliasColumn("l", i)
		}
		return aliasColumn("r", i-l.width)
	}
	quals := trueNode()
	if cond != nil {
		var err error
		if quals, err = p.node(cond); err != nil {
			return nil, err
		}
	}
	if kind == RemoteSemi || kind == RemoteAnti {
		return p.semiJoin(l, r, kind, quals), nil
	}
	jt := map[RemoteJoinKind]pg.JoinType{RemoteInner: pg.JoinType_JOIN_INNER, RemoteLeft: pg.JoinType_JOIN_LEFT,
		RemoteRight: pg.JoinType_JOIN_RIGHT, RemoteFull: pg.JoinType_JOIN_FULL}[kind]
	from := pg.MakeJoinExprNode(jt, subselect(l, "l"), subselect(r, "r"), quals)
	targets := append(passThrough("l", 0, l.width, 0), passThrough("r", 0, r.width, l.width)...)
	return &RemoteRel{stmt: newSelect(targets, from), width: l.width + r.width}, nil
}

// semiJoin is `SELECT l.* FROM l WHERE [NOT] EXISTS (SELECT FROM r WHERE quals)`.
func (p *RemotePlan) semiJoin(l, r *RemoteRel, kind RemoteJoinKind, quals *pg.Node) *RemoteRel {
	inner := newSelect(nil, subselect(r, "r"))
	inner.WhereClause = quals
	var test *pg.Node = &pg.Node{Node: &pg.Node_SubLink{SubLink: &pg.SubLink{
		SubLinkType: pg.SubLinkType_EXISTS_SUBLINK, Subselect: selectNode(inner), Location: -1}}}
	if kind == RemoteAnti {
		test = pg.MakeBoolExprNode(pg.BoolExprType_NOT_EXPR, []*pg.Node{test}, -1)
	}
	stmt := newSelect(passThrough("l", 0, l.width, 0), subselect(l, "l"))
	stmt.WhereClause = test
	return &RemoteRel{stmt: stmt, width: l.width}
}

// Aggregate groups r by groups (over r's columns, each cast to its type
// in casts, nil: as it comes) and computes aggs per group: the group
// values, then the aggregates. Without groups it yields one row.
func (p *RemotePlan) Aggregate(r *RemoteRel, groups []expr.Expr, casts []arrow.DataType, aggs []RemoteAgg) (*RemoteRel, error) {
	if len(groups)+len(aggs) == 0 {
		return nil, errors.New("an aggregate without groups or aggregates")
	}
	targets, err := p.computed(groups, casts)
	if err != nil {
		return nil, err
	}
	for i, a := range aggs {
		call, err := p.aggCall(a)
		if err != nil {
			return nil, err
		}
		targets = append(targets, pg.MakeResTargetNodeWithNameAndVal(outputName(len(groups)+i), castTo(call, a.Type), -1))
	}
	stmt := newSelect(targets, subselect(r, "s"))
	for i := range groups {
		stmt.GroupClause = append(stmt.GroupClause, pg.MakeAConstIntNode(int64(i+1), -1))
	}
	return &RemoteRel{stmt: stmt, width: len(groups) + len(aggs)}, nil
}

// aggCall is pg_catalog.func([DISTINCT] arg) [FILTER (WHERE filter)].
func (p *RemotePlan) aggCall(a RemoteAgg) (*pg.Node, error) {
	var args []*pg.Node
	if a.Arg != nil {
		arg, err := p.node(a.Arg)
		if err != nil {
			return nil, err
		}
		args = []*pg.Node{arg}
	}
	call := pg.MakeFuncCallNode([]*pg.Node{pg.MakeStrNode("pg_catalog"), pg.MakeStrNode(a.Func)}, args, -1)
	fc := call.GetFuncCall()
	fc.AggStar = a.Arg == nil
	fc.AggDistinct = a.Distinct
	if a.Filter != nil {
		filter, err := p.node(a.Filter)
		if err != nil {
			return nil, err
		}
		fc.AggFilter = filter
	}
	return call, nil
}

// Sort orders r's rows by keys.
func (p *RemotePlan) Sort(r *RemoteRel, keys []RemoteSortKey) *RemoteRel {
	out := *r
	out.order, out.sorted, out.hidden = keys, false, false
	return &out
}

// Limit skips offset rows of r and keeps count of the rest (all when
// negative), in r's order.
func (p *RemotePlan) Limit(r *RemoteRel, offset, count int64) (*RemoteRel, error) {
	if r.hidden {
		return nil, errOrderLost
	}
	stmt := p.ordered(r)
	if count >= 0 {
		stmt.LimitCount = p.int8Param(count)
		stmt.LimitOption = pg.LimitOption_LIMIT_OPTION_COUNT
	}
	if offset > 0 {
		stmt.LimitOffset = p.int8Param(offset)
	}
	return &RemoteRel{stmt: stmt, width: r.width, order: r.order, sorted: true}, nil
}

// ordered is the SELECT of r's columns in r's order.
func (p *RemotePlan) ordered(r *RemoteRel) *pg.SelectStmt {
	stmt := newSelect(passThrough("s", 0, r.width, 0), subselect(r, "s"))
	stmt.SortClause = sortClause(r.order)
	return stmt
}

// sortClause is ORDER BY keys over the columns of the relation named s.
func sortClause(keys []RemoteSortKey) []*pg.Node {
	var out []*pg.Node
	for _, k := range keys {
		var key *pg.Node = aliasColumn("s", k.Column)
		if k.Bytewise {
			key = &pg.Node{Node: &pg.Node_CollateClause{CollateClause: &pg.CollateClause{
				Arg: key, Collname: []*pg.Node{pg.MakeStrNode("pg_catalog"), pg.MakeStrNode("C")}, Location: -1}}}
		}
		dir, nulls := pg.SortByDir_SORTBY_ASC, pg.SortByNulls_SORTBY_NULLS_LAST
		if k.Desc {
			dir = pg.SortByDir_SORTBY_DESC
		}
		if k.NullsFirst {
			nulls = pg.SortByNulls_SORTBY_NULLS_FIRST
		}
		out = append(out, pg.MakeSortByNode(key, dir, nulls, -1))
	}
	return out
}

// Statement prints r as the statement to send, in its order, with the
// values of its parameters, $1 first.
func (p *RemotePlan) Statement(r *RemoteRel) (text string, args []any, err error) {
	stmt := r.stmt
	if len(r.order) > 0 && !r.sorted {
		stmt = p.ordered(r)
	}
	tree := &pg.ParseResult{Version: treeVersion(), Stmts: []*pg.RawStmt{{Stmt: selectNode(stmt)}}}
	text, err = pg.Deparse(tree)
	if err != nil {
		return "", nil, fmt.Errorf("deparse remote query: %w", err)
	}
	return text, p.args, nil
}

func (p *RemotePlan) int8Param(v int64) *pg.Node { return typeCast(p.param(v), "int8", nil) }

func newSelect(targets []*pg.Node, from *pg.Node) *pg.SelectStmt {
	return &pg.SelectStmt{TargetList: targets, FromClause: []*pg.Node{from},
		LimitOption: pg.LimitOption_LIMIT_OPTION_DEFAULT, Op: pg.SetOperation_SETOP_NONE}
}

func selectNode(s *pg.SelectStmt) *pg.Node { return &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: s}} }

// subselect is r as a subquery in FROM, named alias.
func subselect(r *RemoteRel, alias string) *pg.Node {
	return &pg.Node{Node: &pg.Node_RangeSubselect{RangeSubselect: &pg.RangeSubselect{
		Subquery: selectNode(r.stmt), Alias: &pg.Alias{Aliasname: alias}}}}
}

func outputName(i int) string { return fmt.Sprintf("c%d", i) }

func aliasColumn(alias string, i int) *pg.Node {
	return pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode(alias), pg.MakeStrNode(outputName(i))}, -1)
}

func aliasColumns(alias string) func(int) *pg.Node {
	return func(i int) *pg.Node { return aliasColumn(alias, i) }
}

// passThrough selects columns from..from+n of alias as outputs at..at+n.
func passThrough(alias string, from, n, at int) []*pg.Node {
	out := make([]*pg.Node, n)
	for i := range out {
		out[i] = pg.MakeResTargetNodeWithNameAndVal(outputName(at+i), aliasColumn(alias, from+i), -1)
	}
	return out
}

// castTo casts a value to the PostgreSQL type of an engine type.
func castTo(n *pg.Node, dt arrow.DataType) *pg.Node {
	name, mods := types.CatalogName(dt)
	return typeCast(n, name, mods)
}

func trueNode() *pg.Node {
	return &pg.Node{Node: &pg.Node_AConst{AConst: &pg.A_Const{Val: &pg.A_Const_Boolval{Boolval: &pg.Boolean{Boolval: true}}, Location: -1}}}
}
