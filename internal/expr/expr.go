// Package expr holds the scalar expressions that the planner builds, the
// executor evaluates and the plugins inspect when a filter is offered to them.
//
// An expression refers to the columns of its input by index; the planner
// resolves names before building one. Literals are Arrow scalars already
// coerced to the type they are compared with.
package expr

import (
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/types"
)

// Expr is a scalar expression evaluated once per row.
type Expr interface {
	// Type is the Arrow type of the value the expression yields.
	Type() arrow.DataType
	// String renders the expression for EXPLAIN and error messages.
	String() string
}

// Column reads one column of the input batch.
type Column struct {
	Index int            // position in the input schema
	Name  string         // the column's name, for display
	Typ   arrow.DataType // the column's type
}

// Type implements Expr.
func (c *Column) Type() arrow.DataType { return c.Typ }

// String implements Expr.
func (c *Column) String() string { return fmt.Sprintf("%q", c.Name) }

// Literal is a constant. A NULL literal is a scalar whose IsValid is false.
type Literal struct {
	Value scalar.Scalar
}

// Type implements Expr.
func (l *Literal) Type() arrow.DataType { return l.Value.DataType() }

// String implements Expr.
func (l *Literal) String() string {
	if !l.Value.IsValid() {
		return "NULL"
	}
	if l.Value.DataType().ID() == arrow.STRING {
		return "'" + strings.ReplaceAll(l.Value.String(), "'", "''") + "'"
	}
	if list, ok := l.Value.(*scalar.List); ok {
		return arrayLiteral(list)
	}
	return l.Value.String()
}

// Param is a `$n` parameter of a prepared statement (Index is n-1). Before
// the plan runs, the planner puts the value the client bound in its place.
type Param struct {
	Index int
	Typ   arrow.DataType
}

// Type implements Expr.
func (p *Param) Type() arrow.DataType { return p.Typ }

// String implements Expr.
func (p *Param) String() string { return fmt.Sprintf("$%d", p.Index+1) }

// CompareOp is a binary comparison operator.
type CompareOp int

// The comparison operators, as SQL spells them.
const (
	Eq CompareOp = iota // =
	Ne                  // <>
	Lt                  // <
	Le                  // <=
	Gt                  // >
	Ge                  // >=
)

// String returns the operator's SQL spelling.
func (op CompareOp) String() string {
	return [...]string{"=", "<>", "<", "<=", ">", ">="}[op]
}

// Compare compares two expressions of the same type; NULL on either side
// yields NULL.
type Compare struct {
	Op          CompareOp
	Left, Right Expr
}

// Type implements Expr.
func (c *Compare) Type() arrow.DataType { return arrow.FixedWidthTypes.Boolean }

// String implements Expr.
func (c *Compare) String() string {
	return fmt.Sprintf("(%s %s %s)", c.Left, c.Op, c.Right)
}

// And is the conjunction of its arguments under three-valued logic.
type And struct{ Args []Expr }

// Type implements Expr.
func (a *And) Type() arrow.DataType { return arrow.FixedWidthTypes.Boolean }

// String implements Expr.
func (a *And) String() string { return join(a.Args, " AND ") }

// Or is the disjunction of its arguments under three-valued logic.
type Or struct{ Args []Expr }

// Type implements Expr.
func (o *Or) Type() arrow.DataType { return arrow.FixedWidthTypes.Boolean }

// String implements Expr.
func (o *Or) String() string { return join(o.Args, " OR ") }

// Not negates a boolean; NOT NULL is NULL.
type Not struct{ Arg Expr }

// Type implements Expr.
func (n *Not) Type() arrow.DataType { return arrow.FixedWidthTypes.Boolean }

// String implements Expr.
func (n *Not) String() string { return fmt.Sprintf("(NOT %s)", n.Arg) }

// IsNull tests for NULL (or, when Negated, for NOT NULL); it never yields NULL.
type IsNull struct {
	Arg     Expr
	Negated bool
}

// Type implements Expr.
func (n *IsNull) Type() arrow.DataType { return arrow.FixedWidthTypes.Boolean }

// String implements Expr.
func (n *IsNull) String() string {
	if n.Negated {
		return fmt.Sprintf("(%s IS NOT NULL)", n.Arg)
	}
	return fmt.Sprintf("(%s IS NULL)", n.Arg)
}

// InList is `Arg [NOT] IN (List...)` with SQL's NULL rules: no match and a
// NULL in the list yields NULL. Every list item has Arg's type.
type InList struct {
	Arg     Expr
	List    []Expr
	Negated bool
}

// Type implements Expr.
func (in *InList) Type() arrow.DataType { return arrow.FixedWidthTypes.Boolean }

// String implements Expr.
func (in *InList) String() string {
	op := " IN "
	if in.Negated {
		op = " NOT IN "
	}
	return "(" + in.Arg.String() + op + join(in.List, ", ") + ")"
}

func join(args []Expr, sep string) string {
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = a.String()
	}
	return "(" + strings.Join(parts, sep) + ")"
}

// Columns returns the input column indexes an expression reads, in first-seen order.
func Columns(e Expr) []int {
	var out []int
	seen := map[int]bool{}
	Walk(e, func(n Expr) {
		if c, ok := n.(*Column); ok && !seen[c.Index] {
			seen[c.Index] = true
			out = append(out, c.Index)
		}
	})
	return out
}

// Walk calls visit for e and every expression below it, parents first.
func Walk(e Expr, visit func(Expr)) {
	visit(e)
	for _, child := range Children(e) {
		Walk(child, visit)
	}
}

// Children returns the direct sub-expressions of e.
func Children(e Expr) []Expr {
	switch n := e.(type) {
	case *Compare:
		return []Expr{n.Left, n.Right}
	case *And:
		return n.Args
	case *Or:
		return n.Args
	case *Not:
		return []Expr{n.Arg}
	case *IsNull:
		return []Expr{n.Arg}
	case *InList:
		return append([]Expr{n.Arg}, n.List...)
	case *Cast:
		return []Expr{n.Arg}
	case *Arith:
		return []Expr{n.Left, n.Right}
	case *Func:
		return n.Args
	case *Like:
		return []Expr{n.Arg, n.Pattern}
	case *Case:
		return n.children()
	case *Subquery:
		if n.Arg != nil {
			return append([]Expr{n.Arg}, n.Outer...)
		}
		return n.Outer
	case parent:
		return n.children()
	}
	return nil
}

// parent is an expression with sub-expressions whose type is declared
// beside its own code rather than in the switches of Children and
// WithChildren.
type parent interface {
	Expr
	children() []Expr
	withChildren(c []Expr) Expr
}

// Cast converts its argument to another Arrow type, with PostgreSQL's
// errors for values that do not fit. A cast to a character type (To is a
// string) says which in Char, and cuts values to its length.
type Cast struct {
	Arg  Expr
	To   arrow.DataType
	Char types.CharType
}

// Type implements Expr.
func (c *Cast) Type() arrow.DataType { return c.To }

// String implements Expr.
func (c *Cast) String() string {
	if c.Char.OID != 0 {
		return fmt.Sprintf("CAST(%s AS %s(%d))", c.Arg, c.Char.Typname(), c.Char.Length)
	}
	return fmt.Sprintf("CAST(%s AS %s)", c.Arg, c.To)
}

// MapColumns returns a copy of e in which every column reference c is
// replaced by f(c). The original is not changed.
func MapColumns(e Expr, f func(*Column) Expr) Expr {
	if c, ok := e.(*Column); ok {
		return f(c)
	}
	children := Children(e)
	if len(children) == 0 {
		return e
	}
	return WithChildren(e, mapAll(children, f))
}

func mapAll(es []Expr, f func(*Column) Expr) []Expr {
	out := make([]Expr, len(es))
	for i, e := range es {
		out[i] = MapColumns(e, f)
	}
	return out
}

// Conjuncts splits a condition at its top-level ANDs.
func Conjuncts(e Expr) []Expr {
	a, ok := e.(*And)
	if !ok {
		return []Expr{e}
	}
	var out []Expr
	for _, arg := range a.Args {
		out = append(out, Conjuncts(arg)...)
	}
	return out
}

// Conjoin joins conditions with AND; one condition is returned as it is.
func Conjoin(es []Expr) Expr {
	if len(es) == 1 {
		return es[0]
	}
	return &And{Args: es}
}

// ArithOp is an arithmetic operator.
type ArithOp int

// The arithmetic operators.
const (
	Add ArithOp = iota // +
	Sub                // -
	Mul                // *
	Div                // /
	Mod                // %
)

// String returns the operator's SQL spelling.
func (op ArithOp) String() string { return [...]string{"+", "-", "*", "/", "%"}[op] }

// Arith applies an arithmetic operator to two operands of the same type,
// with PostgreSQL's errors for overflow and division by zero. Typ is the
// result type (the operands' type, or a decimal with the result's scale).
type Arith struct {
	Op          ArithOp
	Left, Right Expr
	Typ         arrow.DataType
}

// Type implements Expr.
func (a *Arith) Type() arrow.DataType { return a.Typ }

// String implements Expr.
func (a *Arith) String() string { return fmt.Sprintf("(%s %s %s)", a.Left, a.Op, a.Right) }

// WithChildren returns a copy of e with its direct sub-expressions (in the
// order Children gives them) replaced.
func WithChildren(e Expr, c []Expr) Expr {
	switch n := e.(type) {
	case *Compare:
		return &Compare{Op: n.Op, Left: c[0], Right: c[1]}
	case *And:
		return &And{Args: c}
	case *Or:
		return &Or{Args: c}
	case *Not:
		return &Not{Arg: c[0]}
	case *IsNull:
		return &IsNull{Arg: c[0], Negated: n.Negated}
	case *InList:
		return &InList{Arg: c[0], List: c[1:], Negated: n.Negated}
	case *Cast:
		return &Cast{Arg: c[0], To: n.To, Char: n.Char}
	case *Arith:
		return &Arith{Op: n.Op, Left: c[0], Right: c[1], Typ: n.Typ}
	case *Func:
		return &Func{Name: n.Name, Args: c, Typ: n.Typ, Operator: n.Operator, Overload: n.Overload}
	case *Like:
		return &Like{Arg: c[0], Pattern: c[1], CaseInsensitive: n.CaseInsensitive}
	case *Case:
		return n.withChildren(c)
	case *Subquery:
		out := *n
		if n.Arg != nil {
			out.Arg, c = c[0], c[1:]
		}
		out.Outer = c
		return &out
	case parent:
		return n.withChildren(c)
	}
	return e
}

// Func is a call of a scalar function or operator, resolved by the binder
// to one overload of the executor's function registry: its arguments are
// already of the overload's parameter types.
type Func struct {
	Name     string         // the function's name, or an operator's symbol
	Args     []Expr         // the arguments, cast to the overload's parameters
	Typ      arrow.DataType // the result type
	Operator bool           // written as an operator: shown infix (prefix with one argument)
	Overload Overload       // what computes the call
}

// Overload identifies the registry entry a call was resolved to. The
// executor's registry implements it.
type Overload interface {
	// Signature names the overload as PostgreSQL prints a function's
	// signature: "lpad(text, integer, text)".
	Signature() string
}

// Type implements Expr.
func (f *Func) Type() arrow.DataType { return f.Typ }

// String implements Expr.
func (f *Func) String() string {
	switch {
	case !f.Operator:
		return f.Name + join(f.Args, ", ")
	case len(f.Args) == 1:
		return "(" + f.Name + " " + f.Args[0].String() + ")"
	}
	return "(" + f.Args[0].String() + " " + f.Name + " " + f.Args[1].String() + ")"
}

// Like matches text against a LIKE pattern (% any run, _ one character,
// backslash escapes); ILIKE when CaseInsensitive.
type Like struct {
	Arg, Pattern    Expr
	CaseInsensitive bool
}

// Type implements Expr.
func (l *Like) Type() arrow.DataType { return arrow.FixedWidthTypes.Boolean }

// String implements Expr.
func (l *Like) String() string {
	op := " LIKE "
	if l.CaseInsensitive {
		op = " ILIKE "
	}
	return "(" + l.Arg.String() + op + l.Pattern.String() + ")"
}

// When is one branch of a Case.
type When struct {
	Cond, Then Expr
}

// Case yields the Then of the first When whose Cond is true, else Else
// (NULL when Else is nil). Only the branches a row takes are evaluated.
type Case struct {
	Whens []When
	Else  Expr
	Typ   arrow.DataType
}

// Type implements Expr.
func (c *Case) Type() arrow.DataType { return c.Typ }

// String implements Expr.
func (c *Case) String() string {
	s := "CASE"
	for _, w := range c.Whens {
		s += " WHEN " + w.Cond.String() + " THEN " + w.Then.String()
	}
	if c.Else != nil {
		s += " ELSE " + c.Else.String()
	}
	return s + " END"
}

func (c *Case) children() []Expr {
	var out []Expr
	for _, w := range c.Whens {
		out = append(out, w.Cond, w.Then)
	}
	if c.Else != nil {
		out = append(out, c.Else)
	}
	return out
}

func (c *Case) withChildren(ch []Expr) *Case {
	out := &Case{Typ: c.Typ}
	for i := range c.Whens {
		out.Whens = append(out.Whens, When{Cond: ch[2*i], Then: ch[2*i+1]})
	}
	if c.Else != nil {
		out.Else = ch[len(ch)-1]
	}
	return out
}

// Subquery is a subquery in an expression. Plan is the planner's plan of
// the query (opaque here). An uncorrelated one (no Outer) the planner runs
// before execution and replaces by its result: a literal for EXISTS and a
// scalar subquery, an InList for IN, a comparison with each value for ANY
// and ALL. A correlated one reads values of the outer row: Outer are those
// values as expressions over the outer input, and Correlated{Slot: i} in
// Plan reads Outer[i]; it runs once per distinct combination of them.
type Subquery struct {
	Kind  string    // "exists", "in", "any", "all", "scalar"
	Op    CompareOp // the comparison of "any" and "all"
	Arg   Expr      // the left side of IN, ANY and ALL
	Outer []Expr    // the outer values a correlated subquery reads
	Plan  any
	Typ   arrow.DataType
}

// Type implements Expr.
func (s *Subquery) Type() arrow.DataType { return s.Typ }

// String implements Expr.
func (s *Subquery) String() string {
	sub := "(subquery)"
	if len(s.Outer) > 0 {
		sub = "(subquery" + join(s.Outer, ", ") + ")"
	}
	switch s.Kind {
	case "in":
		return "(" + s.Arg.String() + " IN " + sub + ")"
	case "any", "all":
		return "(" + s.Arg.String() + " " + s.Op.String() + " " + strings.ToUpper(s.Kind) + " " + sub + ")"
	}
	return s.Kind + sub
}

// Fingerprint renders an expression with its column positions instead of
// its column names, so that two expressions have the same fingerprint
// exactly when they compute the same thing from the same input (two
// tables' "id" columns differ).
func Fingerprint(e Expr) string {
	return MapColumns(e, func(c *Column) Expr {
		return &Column{Index: c.Index, Name: fmt.Sprintf("#%d", c.Index), Typ: c.Typ}
	}).String()
}
