package sql

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
)

func TestRemoteSelectDeparse(t *testing.T) {
	names := []string{"select", `we"ird`, "Mixed", "plain", "zoë"}
	col := func(i int, dt arrow.DataType) *expr.Column { return &expr.Column{Index: i, Name: names[i], Typ: dt} }
	dec := &expr.Literal{Value: scalar.NewDecimal128Scalar(decimal128.FromI64(1250), &arrow.Decimal128Type{Precision: 12, Scale: 2})}
	str := &expr.Literal{Value: scalar.NewStringScalar("x'); DROP TABLE t; --")}
	cases := []struct {
		name string
		q    RemoteSelect
		want string
		n    int // parameters
	}{
		{"quoting", RemoteSelect{Schema: "Sales", Table: "order items", Columns: names, AsText: make([]bool, 5), Limit: -1},
			`SELECT "select", "we""ird", "Mixed", plain, "zoë" FROM "Sales"."order items"`, 0},
		{"empty projection", RemoteSelect{Schema: "public", Table: "t", Limit: 10},
			`SELECT FROM public.t LIMIT $1`, 1},
		{"filters", RemoteSelect{Schema: "public", Table: "t", Columns: []string{"plain"}, AsText: []bool{true}, Limit: -1,
			Filters: []expr.Expr{
				&expr.Not{Arg: &expr.InList{Arg: col(3, arrow.BinaryTypes.String), List: []expr.Expr{str, str}, Negated: true}},
				&expr.Or{Args: []expr.Expr{&expr.Compare{Op: expr.Ge, Left: col(2, dec.Type()), Right: dec}, &expr.IsNull{Arg: col(0, dec.Type())}}},
				&expr.Like{Arg: col(3, arrow.BinaryTypes.String), Pattern: str},
				&expr.Compare{Op: expr.Gt, Right: col(0, dec.Type()), Left: &expr.Arith{Op: expr.Mul, Left: col(2, dec.Type()), Right: dec, Typ: dec.Type()}},
			}},
			`SELECT plain::pg_catalog.text FROM public.t WHERE NOT plain NOT IN ($1::pg_catalog.text, $2::pg_catalog.text) AND ("Mixed" >= $3::numeric(12, 2) OR "select" IS NULL) AND plain LIKE $4::pg_catalog.text AND ("Mixed" * $5::numeric(12, 2)) > "select"`, 5},
	}
	for _, c := range cases {
		c.q.ColumnName = func(i int) string { return names[i] }
		got, params, err := c.q.Deparse()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got != c.want || len(params) != c.n {
			t.Errorf("%s:\n got %s (%d params)\nwant %s (%d params)", c.name, got, len(params), c.want, c.n)
		}
	}
}
