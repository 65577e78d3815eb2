package sql

import "testing"

func TestParseRows(t *testing.T) {
	where := func(q string) Expr {
		t.Helper()
		stmts, err := Parse(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return stmts[0].(*Select).Where
	}
	cmp := where(`SELECT 1 FROM t WHERE ("A", b) < ROW(1, 2)`).(*BinaryOp)
	left, lok := cmp.Left.(*Row)
	right, rok := cmp.Right.(*Row)
	if cmp.Op != "<" || !lok || !rok || len(left.Items) != 2 || len(right.Items) != 2 {
		t.Fatalf("row comparison %#v", cmp)
	}
	if ref := left.Items[0].(*ColumnRef); !ref.Name.Parts[0].Quoted {
		t.Errorf("a quoted name in a row is not marked quoted")
	}
	in := where(`SELECT 1 FROM t WHERE (a, b) IN (SELECT x, y FROM u)`).(*SubqueryExpr)
	if row, ok := in.Arg.(*Row); in.Kind != "in" || !ok || len(row.Items) != 2 {
		t.Errorf("row IN subquery %#v", in)
	}
	all := where(`SELECT 1 FROM t WHERE (a, b) >= ALL (SELECT x, y FROM u)`).(*SubqueryExpr)
	if _, ok := all.Arg.(*Row); all.Kind != "all" || all.Op != ">=" || !ok {
		t.Errorf("row ALL subquery %#v", all)
	}
	list := where(`SELECT 1 FROM t WHERE (a, b) NOT IN ((1, 2), (3, 4))`).(*InList)
	if _, ok := list.List[1].(*Row); !list.Negated || !ok {
		t.Errorf("row IN list %#v", list)
	}
	if isNull := where(`SELECT 1 FROM t WHERE ROW(a, b) IS NOT NULL`).(*IsNull); !isNull.Negated {
		t.Errorf("row IS NOT NULL %#v", isNull)
	}
}
