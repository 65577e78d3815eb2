// Package sql turns statement text into Auger's syntax tree. PostgreSQL's own
// grammar (pg_query_go, which wraps libpg_query) parses queries and the
// statements that write (CREATE TABLE AS, INSERT, CREATE VIEW); a small hand
// parser takes Drill's statements that grammar lacks (USE, SHOW SCHEMAS,
// SHOW TABLES, SHOW FILES, DESCRIBE, DROP TABLE|VIEW), and Drill's clauses
// it lacks (ALTER SESSION, PARTITION BY) are cut out before it reads the rest. Drill's backtick identifiers are turned
// into double-quoted ones first by a lexer that respects strings and comments.
//
// This is the only package that imports pg_query_go: the rest of Auger works
// on the tree defined here.
package sql

// Statement is one parsed statement.
type Statement interface {
	// Text is the statement's own source text, after backtick rewriting.
	Text() string
	// Start is the byte offset of Text in the query string it came from:
	// add it to a location in the statement to get one in the string.
	Start() int
	place(start int)
}

// Ident is one part of a name. Unquoted identifiers arrive folded to lower
// case, as PostgreSQL folds them; Quoted tells they were written in double
// quotes or backticks and kept their case.
type Ident struct {
	Name   string
	Quoted bool
}

// Name is a dotted name: `plugin.schema.table`, `t.col`, `col`.
type Name struct {
	Parts    []Ident
	Location int // 0-based byte offset in the statement, -1 when unknown
}

// String renders the name with each part as written (quoted parts in
// double quotes).
func (n Name) String() string {
	s := ""
	for i, p := range n.Parts {
		if i > 0 {
			s += "."
		}
		if p.Quoted {
			s += `"` + p.Name + `"`
		} else {
			s += p.Name
		}
	}
	return s
}

type base struct {
	text  string
	start int
}

// Text implements Statement.
func (b *base) Text() string { return b.text }

// Start implements Statement.
func (b *base) Start() int { return b.start }

func (b *base) place(start int) { b.start = start }

// Select is a query: SELECT items FROM from WHERE where LIMIT limit OFFSET offset.
// Windows are the named windows of its WINDOW clause.
type Select struct {
	base
	With     []CTE // WITH name AS (query), ...
	Distinct bool  // SELECT DISTINCT
	// DistinctOn holds the expressions of SELECT DISTINCT ON (...); nil
	// otherwise (Distinct is then false).
	DistinctOn []Expr
	Items      []SelectItem
	From       FromItem // nil for a SELECT without FROM
	Where      Expr     // nil when absent
	GroupBy    []Expr
	Having     Expr // nil when absent
	OrderBy    []OrderItem
	Windows    []WindowDef
	Limit      Expr // nil when absent
	Offset     Expr // nil when absent

	// GroupDistinct is GROUP BY DISTINCT: duplicate grouping sets count
	// once. GroupBy holds expressions and GroupingSets.
	GroupDistinct bool
}

// OrderItem is one key of ORDER BY: an expression, an output column's name
// or an ordinal.
type OrderItem struct {
	Expr       Expr
	Desc       bool
	NullsFirst *bool // nil: PostgreSQL's default, NULLS LAST ascending and FIRST descending
}

// SelectItem is one entry of the select list: `*`, `t.*`, or an expression
// with an optional alias.
type SelectItem struct {
	Star          bool    // `*` or `qualifier.*`
	StarQualifier []Ident // the qualifier of `qualifier.*`, empty for a bare `*`
	Expr          Expr    // nil when Star
	Alias         string  // "" when none
	Location      int
}

// FromItem is what FROM holds: a table or a join of two items.
type FromItem interface{ fromItem() }

// TableRef is a table in FROM, with an optional alias and column aliases
// (`t AS x(a, b)`).
type TableRef struct {
	Name    Name
	Alias   string
	Columns []string // the column aliases, renaming the first columns
}

// JoinKind says which rows a join keeps.
type JoinKind int

// The join kinds.
const (
	JoinInner JoinKind = iota
	JoinLeft
	JoinRight
	JoinFull
	JoinCross
)

// Join is `left [INNER|LEFT|RIGHT|FULL|CROSS] JOIN right [ON cond]`; a
// comma in FROM is a cross join.
type Join struct {
	Kind        JoinKind
	Left, Right FromItem
	On          Expr // nil for a cross join
	Location    int
	Using       []string // JOIN ... USING (columns)
	UsingAlias  string   // JOIN ... USING (columns) AS alias: the name of the merged columns; "" when none
	Natural     bool     // NATURAL JOIN: USING the columns both sides have
}

// SubqueryRef is a SELECT (or VALUES) in FROM, with its alias, optional
// column aliases, and whether it is LATERAL (sees the FROM items before it).
type SubqueryRef struct {
	Query    Query
	Alias    string
	Columns  []string
	Lateral  bool
	Location int
}

func (*TableRef) fromItem()    {}
func (*Join) fromItem()        {}
func (*SubqueryRef) fromItem() {}

// Use is Drill's `USE schema`.
type Use struct {
	base
	Schema Name
}

// ShowSchemas is `SHOW SCHEMAS` or `SHOW DATABASES`, optionally with
// `LIKE 'pattern'`.
type ShowSchemas struct {
	base
	Like *string
}

// ShowTables is `SHOW TABLES [IN|FROM schema] [LIKE 'pattern']`.
type ShowTables struct {
	base
	Schema *Name // nil: the session's default schema
	Like   *string
}

// ShowFiles is `SHOW FILES [IN|FROM schema[.path]]`.
type ShowFiles struct {
	base
	Schema *Name
}

// Describe is `DESCRIBE table` (also `DESC table`), optionally with one
// column name or a LIKE pattern.
type Describe struct {
	base
	Table  Name
	Column *string
}

// Expr is a scalar expression in the tree.
type Expr interface {
	// Pos is the 0-based byte offset of the expression in its statement, or
	// -1 when unknown.
	Pos() int
}

// ColumnRef names a column, possibly qualified: `col`, `t.col`.
type ColumnRef struct {
	Name Name
}

// Pos implements Expr.
func (c *ColumnRef) Pos() int { return c.Name.Location }

// ConstKind says which kind of literal a Const is.
type ConstKind int

// The literal kinds.
const (
	ConstNull    ConstKind = iota
	ConstInteger           // fits in int64: 42
	ConstNumeric           // 4.2, 1e3, and integers too large for int64
	ConstString            // 'text' (type unknown until context decides, as in PostgreSQL)
	ConstBool              // TRUE, FALSE
)

// Const is a literal. Value holds its text: digits for numbers, the
// unescaped content for strings, "true"/"false" for booleans.
type Const struct {
	Kind     ConstKind
	Value    string
	Location int
}

// Pos implements Expr.
func (c *Const) Pos() int { return c.Location }

// Param is a `$n` parameter (1-based).
type Param struct {
	Number   int
	Location int
}

// Pos implements Expr.
func (p *Param) Pos() int { return p.Location }

// BinaryOp is an operator with two operands: comparisons (=, <>, <, <=, >,
// >=; != arrives as <>), arithmetic (+, -, *, /, %), ||, the other
// operators by their symbol, and "IS [NOT] DISTINCT FROM".
type BinaryOp struct {
	Op          string
	Left, Right Expr
	Location    int
}

// Pos implements Expr.
func (b *BinaryOp) Pos() int { return b.Location }

// UnaryOp is a prefix operator: - or +.
type UnaryOp struct {
	Op       string
	Arg      Expr
	Location int
}

// Pos implements Expr.
func (u *UnaryOp) Pos() int { return u.Location }

// BoolOp is AND, OR (two or more arguments) or NOT (one argument).
type BoolOp struct {
	Op       string // "AND", "OR", "NOT"
	Args     []Expr
	Location int
}

// Pos implements Expr.
func (b *BoolOp) Pos() int { return b.Location }

// IsNull is `arg IS NULL` or `arg IS NOT NULL`.
type IsNull struct {
	Arg      Expr
	Negated  bool
	Location int
}

// Pos implements Expr.
func (n *IsNull) Pos() int { return n.Location }

// InList is `arg [NOT] IN (list...)`.
type InList struct {
	Arg      Expr
	List     []Expr
	Negated  bool
	Location int
}

// Pos implements Expr.
func (n *InList) Pos() int { return n.Location }

// Cast is `CAST(arg AS type)` or `arg::type`. TypeName is the type as
// PostgreSQL names it, lower case ("integer", "character varying",
// "numeric", "integer[]" for an array of any dimensions), with Typmods
// its modifiers (precision, scale, length).
type Cast struct {
	Arg      Expr
	TypeName string
	Typmods  []int
	Location int
}

// Pos implements Expr.
func (c *Cast) Pos() int { return c.Location }

// FuncCall is a function or aggregate call: `lower(x)`, `count(*)`,
// `count(DISTINCT x)`, `string_agg(x, ',' ORDER BY y) FILTER (WHERE z)`;
// with Over, a window function call: `rank() OVER (ORDER BY x)`.
type FuncCall struct {
	Name     string // lower case, without schema
	Args     []Expr
	ArgNames []string // the names of arguments given as name => value ("" for positional ones); nil when none is named
	Star     bool     // f(*)
	Distinct bool
	Over     *WindowSpec // nil for a call without OVER
	Filter   Expr        // an aggregate's FILTER (WHERE ...); nil when absent
	OrderBy  []OrderItem // an aggregate's ORDER BY inside its parentheses
	Location int
}

// Pos implements Expr.
func (f *FuncCall) Pos() int { return f.Location }

// GroupingKind says what a GroupingSet is.
type GroupingKind int

// The grouping elements of GROUP BY besides plain expressions.
const (
	GroupingEmpty  GroupingKind = iota // ()
	GroupingSimple                     // (a, b): expressions grouped together
	GroupingRollup                     // ROLLUP (...)
	GroupingCube                       // CUBE (...)
	GroupingSets                       // GROUPING SETS (...)
)

// GroupingSet is a grouping element of GROUP BY: its Items are
// expressions and, inside GROUPING SETS, other GroupingSets.
type GroupingSet struct {
	Kind     GroupingKind
	Items    []Expr
	Location int
}

// Pos implements Expr.
func (g *GroupingSet) Pos() int { return g.Location }

// Case is `CASE [operand] WHEN ... THEN ... [ELSE ...] END`. With an
// operand, each When is compared with it for equality.
type Case struct {
	Operand  Expr // nil for a searched CASE
	Whens    []CaseWhen
	Else     Expr // nil: NULL
	Location int
}

// CaseWhen is one WHEN ... THEN ... of a Case.
type CaseWhen struct {
	When, Then Expr
}

// Pos implements Expr.
func (c *Case) Pos() int { return c.Location }

// Like is `arg [NOT] LIKE|ILIKE pattern`.
type Like struct {
	Arg, Pattern    Expr
	Negated         bool
	CaseInsensitive bool // ILIKE
	Location        int
}

// Pos implements Expr.
func (l *Like) Pos() int { return l.Location }

// Query is a SELECT or a set operation of SELECTs.
type Query interface {
	Statement
	query()
}

func (*Select) query() {}
func (*SetOp) query()  {}
func (*Values) query() {}

// Values is `VALUES (row), (row), ...` as a query, with the ORDER BY and
// LIMIT that apply to it.
type Values struct {
	base
	Rows     [][]Expr
	OrderBy  []OrderItem
	Limit    Expr
	Offset   Expr
	Location int
}

// SetOp is `left UNION|INTERSECT|EXCEPT [ALL] right`, with the ORDER BY
// and LIMIT that apply to the whole.
type SetOp struct {
	base
	With        []CTE
	Op          string // "UNION", "INTERSECT" or "EXCEPT"
	All         bool
	Left, Right Query
	OrderBy     []OrderItem
	Limit       Expr
	Offset      Expr
}

// CTE is one `name [(columns)] AS (query)` of a WITH clause. Recursive
// tells it belongs to WITH RECURSIVE, so its query may refer to itself.
type CTE struct {
	Name      string
	Query     Query
	Columns   []string
	Recursive bool
	Location  int
}

// SubqueryExpr is a subquery in an expression: `EXISTS (q)`, `arg IN (q)`
// (also `arg = ANY (q)`), `arg op ANY (q)`, `arg op ALL (q)`, a scalar
// `(q)`, or `ARRAY(q)`. The left side of IN, ANY and ALL may be a Row.
type SubqueryExpr struct {
	Kind     string // "exists", "in", "any", "all", "scalar", "array"
	Op       string // the comparison of "any" and "all": "<", "<>", ...
	Arg      Expr   // the left side of IN, ANY and ALL
	Query    Query
	Location int
}

// Pos implements Expr.
func (s *SubqueryExpr) Pos() int { return s.Location }

// Explain is `EXPLAIN [ANALYZE] query`: the plan instead of the rows; with
// Analyze, the query runs and the plan shows what each operator did.
type Explain struct {
	base
	Query   Query
	Analyze bool
}

// BoolTest is `arg IS [NOT] TRUE|FALSE|UNKNOWN`; Test is the words after
// arg, upper case ("IS NOT TRUE").
type BoolTest struct {
	Arg      Expr
	Test     string
	Location int
}

// Pos implements Expr.
func (b *BoolTest) Pos() int { return b.Location }
