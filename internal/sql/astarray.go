package sql

// ArrayExpr is the constructor `ARRAY[elements...]`; an element may itself
// be an ARRAY[...] (or any array), which makes a multidimensional array.
type ArrayExpr struct {
	Elements []Expr
	Location int
}

// Pos implements Expr.
func (a *ArrayExpr) Pos() int { return a.Location }

// ArrayIndex is one subscript of a Subscript: `[upper]`, or with Slice
// `[lower:upper]`, where either bound may be omitted (nil).
type ArrayIndex struct {
	Lower, Upper Expr
	Slice        bool
}

// Subscript is `arg[i]`, `arg[i][j]` or a slice `arg[i:j]`.
type Subscript struct {
	Arg      Expr
	Indexes  []ArrayIndex
	Location int
}

// Pos implements Expr.
func (s *Subscript) Pos() int { return s.Location }

// AnyAll is `left op ANY (right)` or `left op ALL (right)` (SOME is ANY)
// over an array.
type AnyAll struct {
	Op          string
	All         bool
	Left, Right Expr
	Location    int
}

// Pos implements Expr.
func (a *AnyAll) Pos() int { return a.Location }

// FunctionRef is a function in FROM: `unnest(a) WITH ORDINALITY AS t(x, n)`,
// `generate_series(1, 10) g`. Several functions (`unnest(a, b)` counts as
// one call with several arguments) run side by side.
type FunctionRef struct {
	Call          *FuncCall
	Ordinality    bool
	Alias         string   // "" when none
	ColumnAliases []string // the names in AS t(...)
	Location      int
}

func (*FunctionRef) fromItem() {}

// Row is a row constructor: `(a, b)` or `ROW(a, b)`, which compares with
// another row (or with a subquery's rows) column by column.
type Row struct {
	Items    []Expr
	Location int
}

// Pos implements Expr.
func (r *Row) Pos() int { return r.Location }
