package sql

import (
	"fmt"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"
	"github.com/google/uuid"
	pg "github.com/pganalyze/pg_query_go/v6"

	"auger/internal/expr"
	"auger/internal/types"
)

// RemoteQuery describes the single-table SELECT a PostgreSQL source runs
// for one scan.
type RemoteQuery struct {
	// Schema and Table name the relation, exactly as PostgreSQL spells them.
	Schema, Table string
	// Columns are the column names to select, in order; none gives
	// `SELECT FROM t`, which still yields one (empty) row per table row.
	Columns []string
	// AsText marks the columns (parallel to Columns) to fetch as their text
	// form, for types Auger does not decode. nil means none.
	AsText []bool
	// Filters are ANDed into the WHERE clause. Their column references are
	// named by ColumnName. RemoteSends tells which expressions can be sent.
	Filters    []expr.Expr
	ColumnName func(index int) string
	// Limit is the most rows wanted, -1 for all.
	Limit int64
}

// RemoteSelect builds the statement for q as a PostgreSQL parse tree and
// prints it with PostgreSQL's own deparser, so names are quoted as PostgreSQL
// needs them and no value is ever spliced into the text: every literal is a
// $n parameter with an explicit cast to its type. args are the values to
// bind, $1 first (the limit, when there is one, last, as an int64). A
// value is a bool, int64, float64, string, []byte, time.Time or nil (NULL);
// types without a natural Go value are sent as their PostgreSQL text form,
// which the cast reads back exactly.
func RemoteSelect(q RemoteQuery) (text string, args []any, err error) {
	b := &remoteBuilder{}
	b.columnRef = func(i int) *pg.Node { return columnRef(q.ColumnName(i)) }
	stmt := &pg.SelectStmt{
		TargetList:  b.targets(q.Columns, q.AsText),
		FromClause:  []*pg.Node{rangeVar(q.Schema, q.Table)},
		LimitOption: pg.LimitOption_LIMIT_OPTION_DEFAULT,
		Op:          pg.SetOperation_SETOP_NONE,
	}
	if len(q.Filters) > 0 {
		if stmt.WhereClause, err = b.where(q.Filters); err != nil {
			return "", nil, err
		}
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
	return text, b.args, nil
}

// RemoteSends reports whether RemoteSelect can express e: columns,
// literals of a type it can bind, comparisons, arithmetic, AND, OR, NOT,
// IS [NOT] NULL, [NOT] IN lists, [I]LIKE and the casts among integers and
// from integers to double precision and numeric. Whether PostgreSQL's answer
// matches the engine's is the caller's question.
func RemoteSends(e expr.Expr) bool {
	switch n := e.(type) {
	case *expr.Literal:
		return bindable(n.Value.DataType())
	case *expr.Cast:
		if !exactCast(n) {
			return false
		}
	case *expr.Column, *expr.Compare, *expr.Arith, *expr.And, *expr.Or, *expr.Not, *expr.IsNull, *expr.InList, *expr.Like:
	default:
		return false
	}
	for _, c := range expr.Children(e) {
		if !RemoteSends(c) {
			return false
		}
	}
	return true
}

// exactCast tells whether a cast is one PostgreSQL computes as the
// engine does, errors included: among integers, from an integer to
// double precision or to an unconstrained numeric, from real to double
// precision.
func exactCast(c *expr.Cast) bool {
	if c.Char.OID != 0 {
		return false
	}
	from, to := c.Arg.Type().ID(), c.To
	isInt := func(id arrow.Type) bool { return id == arrow.INT16 || id == arrow.INT32 || id == arrow.INT64 }
	switch {
	case isInt(from):
		return isInt(to.ID()) || to.ID() == arrow.FLOAT64 || to == types.Numeric
	case from == arrow.FLOAT32:
		return to.ID() == arrow.FLOAT64
	}
	return false
}

// bindable tells whether literalArg can send a value of type dt.
func bindable(dt arrow.DataType) bool {
	switch dt.(type) {
	case *extensions.UUIDType, *extensions.JSONType, *types.NumericType:
		return true
	}
	switch dt.ID() {
	case arrow.BOOL, arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64,
		arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64, arrow.FLOAT32, arrow.FLOAT64,
		arrow.STRING, arrow.LARGE_STRING, arrow.BINARY, arrow.LARGE_BINARY,
		arrow.DATE32, arrow.TIMESTAMP, arrow.TIME64, arrow.DECIMAL128, arrow.DECIMAL256,
		arrow.INTERVAL_MONTH_DAY_NANO:
		return true
	}
	return false
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
	columnRef func(int) *pg.Node // a column of the expressions being built
	args      []any
}

func (b *remoteBuilder) targets(columns []string, asText []bool) []*pg.Node {
	out := make([]*pg.Node, len(columns))
	for i, c := range columns {
		val := columnRef(c)
		if i < len(asText) && asText[i] {
			val = typeCast(val, "text", nil)
		}
		out[i] = pg.MakeResTargetNodeWithVal(val, -1)
	}
	return out
}

func (b *remoteBuilder) where(filters []expr.Expr) (*pg.Node, error) {
	conds, err := b.nodes(filters)
	if err != nil {
		return nil, err
	}
	if len(conds) == 1 {
		return conds[0], nil
	}
	return pg.MakeBoolExprNode(pg.BoolExprType_AND_EXPR, conds, -1), nil
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

// typeCast casts arg to pg_catalog.typname, schema-qualified so that no type
// of the same name in the user's search_path is picked instead.
func typeCast(arg *pg.Node, typname string, typmods []int32) *pg.Node {
	tn := &pg.TypeName{Names: []*pg.Node{pg.MakeStrNode("pg_catalog"), pg.MakeStrNode(typname)}, Typemod: -1, Location: -1}
	for _, m := range typmods {
		tn.Typmods = append(tn.Typmods, pg.MakeAConstIntNode(int64(m), -1))
	}
	return &pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: arg, TypeName: tn, Location: -1}}}
}

// param adds an argument and returns its $n reference.
func (b *remoteBuilder) param(v any) *pg.Node {
	b.args = append(b.args, v)
	return pg.MakeParamRefNode(int32(len(b.args)), -1)
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
		return b.columnRef(n.Index), nil
	case *expr.Literal:
		return b.literal(n)
	case *expr.Compare:
		return b.operator(n.Op.String(), n.Left, n.Right)
	case *expr.Arith:
		return b.operator(n.Op.String(), n.Left, n.Right)
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
	case *expr.Like:
		return b.like(n)
	case *expr.Cast:
		if !exactCast(n) {
			break
		}
		arg, err := b.node(n.Arg)
		if err != nil {
			return nil, err
		}
		return castTo(arg, n.To), nil
	}
	return nil, fmt.Errorf("cannot send %s to PostgreSQL", e)
}

// literal binds a value as a parameter cast to the literal's own type.
func (b *remoteBuilder) literal(l *expr.Literal) (*pg.Node, error) {
	v, err := literalArg(l.Value)
	if err != nil {
		return nil, err
	}
	name, mods := types.CatalogName(l.Value.DataType())
	return typeCast(b.param(v), name, mods), nil
}

func (b *remoteBuilder) operator(op string, left, right expr.Expr) (*pg.Node, error) {
	args, err := b.nodes([]expr.Expr{left, right})
	if err != nil {
		return nil, err
	}
	return pg.MakeAExprNode(pg.A_Expr_Kind_AEXPR_OP, []*pg.Node{pg.MakeStrNode(op)}, args[0], args[1], -1), nil
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

// like is `arg LIKE pattern` (ILIKE when case-insensitive), with
// PostgreSQL's default escape character, the backslash, as the engine's.
func (b *remoteBuilder) like(n *expr.Like) (*pg.Node, error) {
	args, err := b.nodes([]expr.Expr{n.Arg, n.Pattern})
	if err != nil {
		return nil, err
	}
	op, kind := "~~", pg.A_Expr_Kind_AEXPR_LIKE
	if n.CaseInsensitive {
		op, kind = "~~*", pg.A_Expr_Kind_AEXPR_ILIKE
	}
	return pg.MakeAExprNode(kind, []*pg.Node{pg.MakeStrNode(op)}, args[0], args[1], -1), nil
}

// literalArg is the Go value bound for a literal.
func literalArg(s scalar.Scalar) (any, error) {
	if !s.IsValid() {
		return nil, nil
	}
	switch v := s.(type) {
	case *scalar.Boolean:
		return v.Value, nil
	case *scalar.Int8:
		return int64(v.Value), nil
	case *scalar.Int16:
		return int64(v.Value), nil
	case *scalar.Int32:
		return int64(v.Value), nil
	case *scalar.Int64:
		return v.Value, nil
	case *scalar.Uint8:
		return int64(v.Value), nil
	case *scalar.Uint16:
		return int64(v.Value), nil
	case *scalar.Uint32:
		return int64(v.Value), nil
	case *scalar.Float32:
		return float64(v.Value), nil
	case *scalar.Float64:
		return v.Value, nil
	case *scalar.String:
		return string(v.Data()), nil
	case *scalar.LargeString:
		return string(v.Data()), nil
	case *scalar.Binary:
		return append([]byte{}, v.Data()...), nil
	case *scalar.LargeBinary:
		return append([]byte{}, v.Data()...), nil
	case *scalar.Date32:
		return v.Value.ToTime(), nil
	case *scalar.Timestamp:
		return v.Value.ToTime(v.DataType().(*arrow.TimestampType).Unit).UTC(), nil
	case *scalar.Extension:
		return extensionArg(v)
	}
	if !bindable(s.DataType()) {
		return nil, fmt.Errorf("cannot bind a %s literal", s.DataType())
	}
	return textOf(s)
}

// extensionArg binds a uuid as its text and the other extension types
// (numeric, json) as their storage value, which is their text.
func extensionArg(v *scalar.Extension) (any, error) {
	if _, ok := v.DataType().(*extensions.UUIDType); ok {
		fsb, ok := v.Value.(*scalar.FixedSizeBinary)
		if !ok || fsb.Value.Len() != 16 {
			return nil, fmt.Errorf("bind a uuid literal: unexpected storage %s", v.Value)
		}
		return uuid.UUID(fsb.Data()).String(), nil
	}
	return literalArg(v.Value)
}

// textOf renders a value in PostgreSQL's text output form (decimal, time,
// interval, uint64), which the parameter's cast reads back.
func textOf(s scalar.Scalar) (string, error) {
	arr, err := scalar.MakeArrayFromScalar(s, 1, memory.DefaultAllocator)
	if err != nil {
		return "", fmt.Errorf("bind a %s literal: %w", s.DataType(), err)
	}
	defer arr.Release()
	return types.FormatText(arr, 0, time.UTC), nil
}
