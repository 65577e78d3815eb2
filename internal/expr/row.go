package expr

import (
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
)

// Row is a row of values: a struct whose fields f0, f1, ... are its
// expressions' values. It is never NULL itself. An aggregate of several
// arguments (json_object_agg(k, v)) takes them as one Row.
type Row struct {
	Fields []Expr
}

// Type implements Expr.
func (r *Row) Type() arrow.DataType {
	fields := make([]arrow.Field, len(r.Fields))
	for i, f := range r.Fields {
		fields[i] = arrow.Field{Name: fmt.Sprintf("f%d", i), Type: f.Type(), Nullable: true}
	}
	return arrow.StructOf(fields...)
}

// String implements Expr.
func (r *Row) String() string {
	parts := make([]string, len(r.Fields))
	for i, f := range r.Fields {
		parts[i] = f.String()
	}
	return "ROW(" + strings.Join(parts, ", ") + ")"
}

func (r *Row) children() []Expr { return r.Fields }

func (r *Row) withChildren(c []Expr) Expr { return &Row{Fields: c} }
