package sql

// FieldSelect is `(arg).field`: one field of a composite value.
type FieldSelect struct {
	Arg      Expr
	Field    string
	Location int
}

// Pos implements Expr.
func (f *FieldSelect) Pos() int { return f.Location }
