package expr

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"
)

func TestArrayExpressionsMapTheirColumns(t *testing.T) {
	arr := &Column{Index: 0, Name: "a", Typ: arrow.ListOf(arrow.PrimitiveTypes.Int32)}
	i := &Column{Index: 1, Name: "i", Typ: arrow.PrimitiveTypes.Int32}
	one := &Literal{Value: scalar.NewInt32Scalar(1)}
	cases := []struct {
		e    Expr
		text string
	}{
		{&Subscript{Arg: arr, Indexes: []Index{{Upper: i}, {Upper: one}}, Typ: arrow.PrimitiveTypes.Int32}, `"a"["i"][1]`},
		{&Subscript{Arg: arr, Indexes: []Index{{Lower: i}, {Upper: i}, {}}, Slice: true, Typ: arr.Typ}, `"a"["i":][:"i"][:]`},
		{&AnyAll{Op: Ne, All: true, Left: i, Right: arr}, `("i" <> ALL("a"))`},
	}
	for _, c := range cases {
		if c.e.String() != c.text {
			t.Errorf("%s renders as %s", c.text, c.e)
		}
		mapped := MapColumns(c.e, func(col *Column) Expr { return &Column{Index: col.Index + 10, Name: col.Name, Typ: col.Typ} })
		if mapped.String() != c.text || Fingerprint(mapped) == Fingerprint(c.e) {
			t.Errorf("%s mapped to %s (%s)", c.text, mapped, Fingerprint(mapped))
		}
		for _, col := range Columns(mapped) {
			if col < 10 {
				t.Errorf("%s: column %d not mapped", c.text, col)
			}
		}
	}
}
