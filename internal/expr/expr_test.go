package expr

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"
)

func TestFingerprintTellsSameNamedColumnsApart(t *testing.T) {
	a := &Column{Index: 0, Name: "active", Typ: arrow.FixedWidthTypes.Boolean}
	b := &Column{Index: 5, Name: "active", Typ: arrow.FixedWidthTypes.Boolean}
	if a.String() != b.String() {
		t.Fatalf("display names differ: %s %s", a, b)
	}
	if Fingerprint(a) == Fingerprint(b) {
		t.Errorf("columns 0 and 5 share a fingerprint")
	}
	one := &Literal{Value: scalar.NewInt32Scalar(1)}
	x := &Compare{Op: Gt, Left: &Column{Index: 2, Name: "n", Typ: arrow.PrimitiveTypes.Int32}, Right: one}
	y := &Compare{Op: Gt, Left: &Column{Index: 2, Name: "other name", Typ: arrow.PrimitiveTypes.Int32}, Right: one}
	if Fingerprint(x) != Fingerprint(y) {
		t.Errorf("the same computation has two fingerprints: %s, %s", Fingerprint(x), Fingerprint(y))
	}
}

func TestMapColumnsLeavesTheOriginal(t *testing.T) {
	c := &Column{Index: 1, Name: "c", Typ: arrow.PrimitiveTypes.Int64}
	e := &And{Args: []Expr{&IsNull{Arg: c}, &InList{Arg: c, List: []Expr{c}}}}
	mapped := MapColumns(e, func(col *Column) Expr { return &Column{Index: 9, Name: col.Name, Typ: col.Typ} })
	if got := Columns(mapped); len(got) != 1 || got[0] != 9 {
		t.Errorf("mapped columns %v", got)
	}
	if got := Columns(e); len(got) != 1 || got[0] != 1 {
		t.Errorf("original changed: %v", got)
	}
}
