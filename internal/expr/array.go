package expr

import (
	"fmt"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/types"
)

// arrayLiteral renders an array constant as PostgreSQL writes it: '{1,2}'.
func arrayLiteral(s *scalar.List) string {
	arr, err := scalar.MakeArrayFromScalar(s, 1, memory.NewGoAllocator())
	if err != nil {
		return s.String()
	}
	return "'" + strings.ReplaceAll(types.FormatText(arr, 0, time.UTC), "'", "''") + "'"
}

// Subscript reads an array at integer indexes, one per dimension from the
// outermost, 1-based. Without Slice it yields one element: NULL when an
// index is NULL or out of range, or when there are not as many indexes as
// the array has dimensions. With Slice every Index is a range and it
// yields the sub-array they select (clamped to the array's bounds, {} when
// empty); a nil bound is open.
type Subscript struct {
	Arg     Expr
	Indexes []Index
	Slice   bool
	Typ     arrow.DataType
}

// Index is one subscript: Upper alone for an element, Lower:Upper for a
// slice.
type Index struct {
	Lower, Upper Expr
}

// Type implements Expr.
func (s *Subscript) Type() arrow.DataType { return s.Typ }

// String implements Expr.
func (s *Subscript) String() string {
	var b strings.Builder
	b.WriteString(s.Arg.String())
	bound := func(e Expr) string {
		if e == nil {
			return ""
		}
		return e.String()
	}
	for _, i := range s.Indexes {
		if s.Slice {
			fmt.Fprintf(&b, "[%s:%s]", bound(i.Lower), bound(i.Upper))
		} else {
			fmt.Fprintf(&b, "[%s]", bound(i.Upper))
		}
	}
	return b.String()
}

func (s *Subscript) children() []Expr {
	out := []Expr{s.Arg}
	for _, i := range s.Indexes {
		if i.Lower != nil {
			out = append(out, i.Lower)
		}
		if i.Upper != nil {
			out = append(out, i.Upper)
		}
	}
	return out
}

func (s *Subscript) withChildren(c []Expr) Expr {
	out := &Subscript{Arg: c[0], Slice: s.Slice, Typ: s.Typ, Indexes: make([]Index, len(s.Indexes))}
	next := 1
	take := func(e Expr) Expr {
		if e == nil {
			return nil
		}
		next++
		return c[next-1]
	}
	for i, idx := range s.Indexes {
		out.Indexes[i].Lower = take(idx.Lower)
		out.Indexes[i].Upper = take(idx.Upper)
	}
	return out
}

// AnyAll compares Left with each element of the array Right: with ANY
// true when some comparison is, with ALL when every one is; otherwise NULL
// when a comparison is NULL, else false. An empty array gives false for
// ANY, true for ALL; a NULL array gives NULL.
type AnyAll struct {
	Op          CompareOp
	All         bool
	Left, Right Expr
}

// Type implements Expr.
func (a *AnyAll) Type() arrow.DataType { return arrow.FixedWidthTypes.Boolean }

// String implements Expr.
func (a *AnyAll) String() string {
	q := "ANY"
	if a.All {
		q = "ALL"
	}
	return fmt.Sprintf("(%s %s %s(%s))", a.Left, a.Op, q, a.Right)
}

func (a *AnyAll) children() []Expr { return []Expr{a.Left, a.Right} }

func (a *AnyAll) withChildren(c []Expr) Expr {
	return &AnyAll{Op: a.Op, All: a.All, Left: c[0], Right: c[1]}
}
