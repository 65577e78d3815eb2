package expr

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
)

// FieldOf is one field of a composite (struct) value: `(keys).x`.
type FieldOf struct {
	Arg   Expr
	Index int    // the field's position in the struct
	Name  string // the field's name, for display
}

// Type implements Expr.
func (f *FieldOf) Type() arrow.DataType {
	return f.Arg.Type().(*arrow.StructType).Field(f.Index).Type
}

// String implements Expr.
func (f *FieldOf) String() string { return fmt.Sprintf("(%s).%s", f.Arg, f.Name) }

func (f *FieldOf) children() []Expr { return []Expr{f.Arg} }

func (f *FieldOf) withChildren(c []Expr) Expr {
	return &FieldOf{Arg: c[0], Index: f.Index, Name: f.Name}
}
