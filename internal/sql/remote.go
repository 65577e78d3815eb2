package sql

import (
	"fmt"
	"sync"

	pg "github.com/pganalyze/pg_query_go/v6"

	"auger/internal/expr"
	"auger/internal/types"
)

// RemoteSelect describes a single-table SELECT for a PostgreSQL source.
type RemoteSelect struct {
	Schema, Table string
	// Columns are the names to select; AsText marks those to fetch as
	// their text form (types Auger does not decode).
	Columns []string
	AsText  []bool
	// Filters are ANDed; their column references are resolved by ColumnName.
	Filters    []expr.Expr
	ColumnName func(index int) string
	// Limit is the most rows wanted, -1 for all.
	Limit int64
}

// Deparse builds the statement text as a PostgreSQL parse tree and prints
// it with PostgreSQL's own deparser, so names are quoted as PostgreSQL
// needs. Every literal becomes a $n parameter with an explicit cast; params
// holds the literals in order ($1 first), and the limit last when there is
// one (as an int64).
func (q RemoteSelect) Deparse() (text string, params []any, err error) {
	b := &remoteBuilder{columnName: q.ColumnName}
	stmt := &pg.SelectStmt{
		TargetList:  b.targets(q.Columns, q.AsText),
		FromClause:  []*pg.Node{rangeVar(q.Schema, q.Table)},
		LimitOption: pg.LimitOption_LIMIT_OPTION_DEFAULT,
		Op:          pg.SetOperation_SETOP_NONE,
	}
	if len(q.Filters) > 0 {
		conds := make([]*pg.Node, len(q.Filters))
		for i, f := range q.Filters {
			if conds[i], err = b.node(f); err != nil {
				return "", nil, err
			}
		}
		stmt.WhereClause = and(conds)
	}
	if q.Limit >= 0 {
		stmt.LimitCount = b.param(q.Limit)
		stmt.LimitOption = pg.LimitOption_LIMIT_OPTION_COUNT
	}
	tree := &pg.ParseResult{Version: treeVersion(), Stmts: []*pg.RawStmt{{Stmt: &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: stmt}}}}}
	text, err = pg.Deparse(tree)
	if err != nil {
		return "", nil, fmt.Errorf("deparse remote query: %w", err)
	}
	return text, b.params, nil
}

// treeVersion is the parse-tree version the linked libpg_query expects.
var treeVersion = sync.OnceValue(func() int32 {
	tree, err := pg.Parse("SELECT")
	if err != nil {
		return 0
	}
	return tree.Version
})

type remoteBuilder struct {
	columnName func(int) string
	params     []any
}

func (b *remoteBuilder) targets(columns []string, asText []bool) []*pg.Node {
	out := make([]*pg.Node, len(columns))
	for i, c := range columns {
		val := columnRef(c)
		if asText[i] {
			val = typeCast(val, "text", nil)
		}
		out[i] = pg.MakeResTargetNodeWithVal(val, -1)
	}
	return out
}

// rangeVar names a table. (pg_query's MakeFullRangeVarNode always sets an
// alias, and an empty one crashes the deparser.)
func rangeVar(schema, table string) *pg.Node {
	rv := &pg.RangeVar{Schemaname: schema, Relname: table, Inh: true, Relpersistence: "p", Location: -1}
	return &pg.Node{Node: &pg.Node_RangeVar{RangeVar: rv}}
}

func columnRef(name string) *pg.Node {
	return pg.MakeColumnRefNode([]*pg.Node{pg.MakeStrNode(name)}, -1)
}

func typeCast(arg *pg.Node, typname string, typmods []int32) *pg.Node {
	tn := &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode("pg_catalog"), pg.MakeStrNode(typname)}, Typemod: -1, Location: -1}
	for _, m := range typmods {
		tn.Typmods = append(tn.Typmods, pg.MakeAConstIntNode(int64(m), -1))
	}
	return &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: arg, TypeName: tn, Location: -1}}}
}

// param adds a parameter and returns its $n reference.
func (b *remoteBuilder) param(v any) *pg.Node {
	b.params = append(b.params, v)
	return pg.MakeParamRefNode(int32(len(b.params)), -1)
}

func and(conds []*pg.Node) *pg.Node {
	if len(conds) == 1 {
		return conds[0]
	}
	return pg.MakeBoolExprNode(pg.BoolExprType_AND_EXPR, conds, -1)
}

func (b *remoteBuilder) nodes(es []expr.Expr) ([]*pg.Node, error) {
	out := make([]*pg.Node, len(es))
	for i, e := range es {
		n, err := b.node(e)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

func (b *remoteBuilder) node(e expr.Expr) (*pg.Node, error) {
	switch n := e.(type) {
	case *expr.Column:
		return columnRef(b.columnName(n.Index)), nil
	case *expr.Literal:
		name, mods := types.CatalogName(n.Value.DataType())
		return typeCast(b.param(n), name, mods), nil
	case *expr.Compare:
		args, err := b.nodes([]expr.Expr{n.Left, n.Right})
		if err != nil {
			return nil, err
		}
		return pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode(n.Op.String())}, args[0], args[1], -1), nil
	case *expr.Arith:
		args, err := b.nodes([]expr.Expr{n.Left, n.Right})
		if err != nil {
			return nil, err
		}
		return pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode(n.Op.String())}, args[0], args[1], -1), nil
	case *expr.Like:
		args, err := b.nodes([]expr.Expr{n.Arg, n.Pattern})
		if err != nil {
			return nil, err
		}
		op, kind := "~~", pg.A_Expr_Kind_AEXPR_LIKE
		if n.CaseInsensitive {
			op, kind = "~~*", pg.A_Expr_Kind_AEXPR_ILIKE
		}
		return pg.MakeAExprNode(kind, []*pg.Node{pg.MakeStrNode(op)}, args[0], args[1], -1), nil
	case *expr.And:
		return b.boolNode(pg.BoolExprType_AND_EXPR, n.Args)
	case *expr.Or:
		return b.boolNode(pg.BoolExprType_OR_EXPR, n.Args)
	case *expr.Not:
		return b.boolNode(pg.BoolExprType_NOT_EXPR, []expr.Expr{n.Arg})
	case *expr.IsNull:
		return b.nullTest(n)
	case *expr.InList:
		return b.inList(n)
	}
	return nil, fmt.Errorf("cannot send %s to PostgreSQL", e)
}

func (b *remoteBuilder) boolNode(op pg.BoolExprType, es []expr.Expr) (*pg.Node, error) {
	args, err := b.nodes(es)
	if err != nil {
		return nil, err
	}
	return pg.MakeBoolExprNode(op, args, -1), nil
}

func (b *remoteBuilder) nullTest(n *expr.IsNull) (*pg.Node, error) {
	arg, err := b.node(n.Arg)
	if err != nil {
		return nil, err
	}
	kind := pg.NullTestType_IS_NULL
	if n.Negated {
		kind = pg.NullTestType_IS_NOT_NULL
	}
	return &pg.Node{Node: &pg.Node_NullTest{NullTest: &pg.NullTest{Arg: arg, Nulltesttype: kind, Location: -1}}}, nil
}

func (b *remoteBuilder) inList(n *expr.InList) (*pg.Node, error) {
	arg, err := b.node(n.Arg)
	if err != nil {
		return nil, err
	}
	items, err := b.nodes(n.List)
	if err != nil {
		return nil, err
	}
	op := "="
	if n.Negated {
		op = "<>"
	}
	return pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_IN, []*pg.Node{pg.MakeStrNode(op)}, arg, pg.MakeListNode(items), -1), nil
}
