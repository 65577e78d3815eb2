package sql

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/types"
)

// remoteNames are the column names the test queries refer to by index.
var remoteNames = []string{"select", `we"ird`, "Mixed", "plain", "zoë", "n"}

func remoteCol(i int, dt arrow.DataType) *expr.Column {
	return &expr.Column{Index: i, Name: remoteNames[i], Typ: dt}
}

func lit(s scalar.Scalar) *expr.Literal { return &expr.Literal{Value: s} }

func mustLiteral(t *testing.T, dt arrow.DataType, text string) *expr.Literal {
	t.Helper()
	s, err := types.ParseLiteral(dt, text)
	if err != nil {
		t.Fatal(err)
	}
	return lit(s)
}

func TestRemoteSelect(t *testing.T) {
	i32, str := arrow.PrimitiveTypes.Int32, arrow.BinaryTypes.String
	decType := &arrow.Decimal128Type{Precision: 12, Scale: 2}
	dec := lit(scalar.NewDecimal128Scalar(decimal128.FromI64(-1250), decType))
	obrien := lit(scalar.NewStringScalar("O'Brien"))
	inject := lit(scalar.NewStringScalar("'; DROP TABLE x; --"))
	one, two := lit(scalar.NewInt32Scalar(1)), lit(scalar.NewInt32Scalar(2))
	a, b := remoteCol(5, i32), remoteCol(3, i32)
	cases := []struct {
		name string
		q    RemoteQuery
		want string
		args []any
	}{
		{"quoting", RemoteQuery{Schema: "Sales", Table: "order items", Columns: remoteNames, Limit: -1},
			`SELECT "select", "we""ird", "Mixed", plain, "zoë", n FROM "Sales"."order items"`, nil},
		{"empty projection with limit", RemoteQuery{Schema: "public", Table: "t", Limit: 10},
			`SELECT FROM public.t LIMIT $1`, []any{int64(10)}},
		{"limit zero", RemoteQuery{Schema: "public", Table: "t", Columns: []string{"n"}, Limit: 0},
			`SELECT n FROM public.t LIMIT $1`, []any{int64(0)}},
		{"text form", RemoteQuery{Schema: "public", Table: "t", Columns: []string{"plain", "n"}, AsText: []bool{true, false}, Limit: -1},
			`SELECT plain::pg_catalog.text, n FROM public.t`, nil},
		{"strings are parameters", RemoteQuery{Schema: "public", Table: "Users", Columns: []string{"Mixed"}, Limit: 5,
			Filters: []expr.Expr{
				&expr.Or{Args: []expr.Expr{
					&expr.Compare{Op: expr.Eq, Left: remoteCol(3, str), Right: obrien},
					&expr.Compare{Op: expr.Ne, Left: inject, Right: remoteCol(1, str)}}},
				&expr.IsNull{Arg: remoteCol(2, str), Negated: true},
			}},
			`SELECT "Mixed" FROM public."Users" WHERE (plain = $1::pg_catalog.text OR $2::pg_catalog.text <> "we""ird") AND "Mixed" IS NOT NULL LIMIT $3`,
			[]any{"O'Brien", "'; DROP TABLE x; --", int64(5)}},
		{"in lists with null", RemoteQuery{Schema: "public", Table: "t", Columns: []string{"plain"}, AsText: []bool{true}, Limit: -1,
			Filters: []expr.Expr{
				&expr.Not{Arg: &expr.InList{Arg: remoteCol(3, str), List: []expr.Expr{inject, lit(scalar.MakeNullScalar(str))}, Negated: true}},
				&expr.Or{Args: []expr.Expr{&expr.Compare{Op: expr.Ge, Left: remoteCol(2, decType), Right: dec}, &expr.IsNull{Arg: remoteCol(0, decType)}}},
			}},
			`SELECT plain::pg_catalog.text FROM public.t WHERE NOT plain NOT IN ($1::pg_catalog.text, $2::pg_catalog.text) AND ("Mixed" >= $3::numeric(12, 2) OR "select" IS NULL)`,
			[]any{"'; DROP TABLE x; --", nil, "-12.50"}},
		{"like", RemoteQuery{Schema: "public", Table: "t", Limit: -1, Filters: []expr.Expr{
			&expr.Like{Arg: remoteCol(3, str), Pattern: lit(scalar.NewStringScalar(`O\'%`))},
			&expr.Not{Arg: &expr.Like{Arg: remoteCol(2, str), Pattern: lit(scalar.NewStringScalar("_b%")), CaseInsensitive: true}},
		}},
			`SELECT FROM public.t WHERE plain LIKE $1::pg_catalog.text AND NOT "Mixed" ILIKE $2::pg_catalog.text`,
			[]any{`O\'%`, "_b%"}},
		{"precedence", RemoteQuery{Schema: "s", Table: "t", Limit: -1, Filters: []expr.Expr{
			&expr.Compare{Op: expr.Eq, Left: &expr.Compare{Op: expr.Lt, Left: a, Right: b}, Right: &expr.Compare{Op: expr.Gt, Left: a, Right: one}},
			&expr.Compare{Op: expr.Eq, Left: &expr.Arith{Op: expr.Sub, Left: a, Right: &expr.Arith{Op: expr.Sub, Left: b, Right: one}}, Right: two},
			&expr.InList{Arg: &expr.Arith{Op: expr.Mul, Left: &expr.Arith{Op: expr.Add, Left: a, Right: b}, Right: one}, List: []expr.Expr{two}},
			&expr.IsNull{Arg: &expr.Compare{Op: expr.Eq, Left: a, Right: one}},
			&expr.Not{Arg: &expr.And{Args: []expr.Expr{&expr.IsNull{Arg: a}, &expr.Or{Args: []expr.Expr{&expr.IsNull{Arg: b}, &expr.Not{Arg: &expr.IsNull{Arg: a}}}}}}},
		}},
			`SELECT FROM s.t WHERE (n < plain) = (n > $1::int) AND (n - (plain - $2::int)) = $3::int AND (n + plain) * $4::int IN ($5::int) AND n = $6::int IS NULL AND NOT (n IS NULL AND (plain IS NULL OR NOT n IS NULL))`,
			[]any{int64(1), int64(1), int64(2), int64(1), int64(2), int64(1)}},
	}
	for _, c := range cases {
		c.q.ColumnName = func(i int) string { return remoteNames[i] }
		got, args, err := RemoteSelect(c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
		if !reflect.DeepEqual(args, c.args) {
			t.Errorf("%s: args %#v, want %#v", c.name, args, c.args)
		}
	}
}

// TestRemoteLiterals checks the cast and the bound value of each literal type.
func TestRemoteLiterals(t *testing.T) {
	ts := arrow.Timestamp(1_700_000_000_123_456)
	instant := time.Date(2023, 11, 14, 22, 13, 20, 123456000, time.UTC)
	cases := []struct {
		lit  *expr.Literal
		cast string
		arg  any
	}{
		{lit(scalar.NewBooleanScalar(true)), "boolean", true},
		{lit(scalar.NewInt16Scalar(-3)), "smallint", int64(-3)},
		{lit(scalar.NewInt64Scalar(-9223372036854775808)), "bigint", int64(-9223372036854775808)},
		{lit(scalar.NewFloat32Scalar(1.5)), "real", float64(1.5)},
		{lit(scalar.NewFloat64Scalar(2.25)), "double precision", 2.25},
		{lit(scalar.NewDecimal128Scalar(decimal128.FromI64(-1250), &arrow.Decimal128Type{Precision: 12, Scale: 3})), "numeric(12, 3)", "-1.250"},
		{mustLiteral(t, types.Numeric, "-12.3400"), "numeric", "-12.3400"},
		{lit(scalar.NewUint64Scalar(18446744073709551615)), "numeric", "18446744073709551615"},
		{mustLiteral(t, extensions.NewUUIDType(), "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"), "pg_catalog.uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
		{mustLiteral(t, arrow.FixedWidthTypes.Date32, "2024-02-29"), "pg_catalog.date", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{lit(scalar.NewTimestampScalar(ts, &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"})), "timestamp with time zone", instant},
		{lit(scalar.NewTimestampScalar(ts, &arrow.TimestampType{Unit: arrow.Microsecond})), "timestamp", instant},
		{lit(scalar.NewTime64Scalar(3_600_000_001, arrow.FixedWidthTypes.Time64us)), "time", "01:00:00.000001"},
		{lit(scalar.NewMonthDayNanoIntervalScalar(arrow.MonthDayNanoInterval{Months: -1, Days: 2, Nanoseconds: 3_000_000_000})), "interval", "-1 mons +2 days 00:00:03"},
		{lit(scalar.NewBinaryScalar(memory.NewBufferBytes([]byte{0, 1, 0xff}), arrow.BinaryTypes.Binary)), "pg_catalog.bytea", []byte{0, 1, 0xff}},
		{lit(scalar.NewStringScalar("zoë")), "pg_catalog.text", "zoë"},
		{lit(scalar.MakeNullScalar(arrow.PrimitiveTypes.Int32)), "int", nil},
	}
	for _, c := range cases {
		q := RemoteQuery{Schema: "s", Table: "t", Limit: -1, Filters: []expr.Expr{
			&expr.Compare{Op: expr.Eq, Left: &expr.Column{Index: 0, Typ: c.lit.Type()}, Right: c.lit}},
			ColumnName: func(int) string { return "c" }}
		if !RemoteSends(q.Filters[0]) {
			t.Errorf("%s: RemoteSends is false", c.lit.Type())
		}
		got, args, err := RemoteSelect(q)
		if err != nil {
			t.Errorf("%s: %v", c.lit.Type(), err)
			continue
		}
		if want := "SELECT FROM s.t WHERE c = $1::" + c.cast; got != want {
			t.Errorf("%s:\n got %s\nwant %s", c.lit.Type(), got, want)
		}
		if len(args) != 1 || !reflect.DeepEqual(args[0], c.arg) {
			t.Errorf("%s: args %#v, want [%#v]", c.lit.Type(), args, c.arg)
		}
	}
}

func TestRemoteSendsOnlyWhatItCanSay(t *testing.T) {
	i32 := arrow.PrimitiveTypes.Int32
	col := &expr.Column{Index: 0, Name: "n", Typ: i32}
	one := lit(scalar.NewInt32Scalar(1))
	cast := &expr.Compare{Op: expr.Eq, Left: &expr.Cast{Arg: col, To: arrow.BinaryTypes.String}, Right: lit(scalar.NewStringScalar("1"))}
	widen := &expr.Compare{Op: expr.Eq, Left: &expr.Cast{Arg: col, To: arrow.PrimitiveTypes.Int64}, Right: lit(scalar.NewInt64Scalar(1))}
	toFloat := &expr.Cast{Arg: &expr.Column{Index: 0, Name: "n", Typ: arrow.PrimitiveTypes.Float64}, To: arrow.PrimitiveTypes.Int32}
	cases := []struct {
		e    expr.Expr
		want bool
	}{
		{&expr.Compare{Op: expr.Lt, Left: col, Right: one}, true},
		{&expr.And{Args: []expr.Expr{&expr.IsNull{Arg: col}, &expr.Not{Arg: &expr.InList{Arg: col, List: []expr.Expr{one}}}}}, true},
		{&expr.Like{Arg: &expr.Column{Index: 1, Name: "s", Typ: arrow.BinaryTypes.String}, Pattern: lit(scalar.NewStringScalar("a%"))}, true},
		{&expr.Compare{Op: expr.Eq, Left: col, Right: &expr.Subquery{Kind: "scalar", Typ: i32}}, false},
		{cast, false},
		{widen, true},
		{toFloat, false},
		{&expr.Or{Args: []expr.Expr{&expr.IsNull{Arg: col}, &expr.Func{Name: "length", Args: []expr.Expr{col}, Typ: i32}}}, false},
		{&expr.Compare{Op: expr.Eq, Left: col, Right: lit(scalar.MakeNullScalar(arrow.Null))}, false},
		{&expr.Compare{Op: expr.Eq, Left: col, Right: lit(scalar.NewDurationScalar(1, arrow.FixedWidthTypes.Duration_s))}, false},
	}
	for _, c := range cases {
		if got := RemoteSends(c.e); got != c.want {
			t.Errorf("RemoteSends(%s) = %v, want %v", c.e, got, c.want)
		}
	}
	_, _, err := RemoteSelect(RemoteQuery{Schema: "s", Table: "t", Limit: -1, Filters: []expr.Expr{cast},
		ColumnName: func(int) string { return "n" }})
	if err == nil || !strings.Contains(err.Error(), "cannot send") {
		t.Errorf("an expression it cannot say: err %v", err)
	}
}
