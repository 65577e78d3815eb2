package exec

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// TestResolution checks that calls resolve to the overload PostgreSQL
// picks: exact matches, implicit casts, preferred types, unknown literals
// read as text where a candidate takes text, and its errors when none or
// several fit.
func TestResolution(t *testing.T) {
	int2, int4, int8 := arrow.PrimitiveTypes.Int16, arrow.PrimitiveTypes.Int32, arrow.PrimitiveTypes.Int64
	f4, f8 := arrow.PrimitiveTypes.Float32, arrow.PrimitiveTypes.Float64
	dec := &arrow.Decimal128Type{Precision: 12, Scale: 2}
	date := arrow.FixedWidthTypes.Date32
	ts := &arrow.TimestampType{Unit: arrow.Microsecond}
	textT := arrow.BinaryTypes.String
	unknown := CallArg{Type: textT, Unknown: true}
	typed := func(dt arrow.DataType) CallArg { return CallArg{Type: dt} }
	cases := []struct {
		name      string
		operator  bool
		args      []CallArg
		signature string // the overload chosen, or
		code      string // the error
		message   string
	}{
		{name: "abs", args: []CallArg{typed(int4)}, signature: "abs(integer)"},
		{name: "abs", args: []CallArg{typed(dec)}, signature: "abs(numeric)"},
		{name: "abs", args: []CallArg{unknown}, signature: "abs(double precision)"},
		{name: "abs", args: []CallArg{typed(arrow.Null)}, signature: "abs(double precision)"},
		{name: "sqrt", args: []CallArg{typed(int4)}, signature: "sqrt(double precision)"},
		{name: "sqrt", args: []CallArg{typed(dec)}, signature: "sqrt(numeric)"},
		{name: "round", args: []CallArg{typed(f4)}, signature: "round(double precision)"},
		{name: "round", args: []CallArg{typed(int4), typed(int4)}, signature: "round(numeric, integer)"},
		{name: "round", args: []CallArg{typed(f8), typed(int4)}, code: sqlstate.UndefinedFunction,
			message: "function round(double precision, integer) does not exist"},
		{name: "power", args: []CallArg{typed(dec), typed(int4)}, signature: "power(numeric, numeric)"},
		{name: "power", args: []CallArg{typed(f8), typed(dec)}, signature: "power(double precision, double precision)"},
		{name: "mod", args: []CallArg{typed(int2), typed(int4)}, signature: "mod(integer, integer)"},
		{name: "mod", args: []CallArg{typed(int8), typed(int2)}, signature: "mod(bigint, bigint)"},
		{name: "length", args: []CallArg{unknown}, signature: "length(text)"},
		{name: "lpad", args: []CallArg{typed(int4), typed(int4)}, code: sqlstate.UndefinedFunction,
			message: "function lpad(integer, integer) does not exist"},
		{name: "date_trunc", args: []CallArg{unknown, typed(date)}, signature: "date_trunc(text, timestamp with time zone)"},
		{name: "date_part", args: []CallArg{unknown, typed(date)}, signature: "date_part(text, date)"},
		{name: "regexp_replace", args: []CallArg{typed(textT), unknown, unknown, unknown}, signature: "regexp_replace(text, text, text, text)"},
		{name: "quote_literal", args: []CallArg{typed(int4)}, signature: "quote_literal(anyelement)"},
		{name: "concat", args: []CallArg{typed(int4), unknown, typed(date)}, signature: "concat(VARIADIC \"any\")"},
		{name: "concat", code: sqlstate.UndefinedFunction, message: "function concat() does not exist"},
		{name: "to_hex", args: []CallArg{typed(int2)}, code: sqlstate.AmbiguousFunction, message: "function to_hex(smallint) is not unique"},
		{name: "||", operator: true, args: []CallArg{unknown, typed(int4)}, signature: "text || anynonarray"},
		{name: "||", operator: true, args: []CallArg{unknown, unknown}, signature: "text || text"},
		{name: "^", operator: true, args: []CallArg{unknown, unknown}, signature: "double precision ^ double precision"},
		{name: "+", operator: true, args: []CallArg{typed(date), typed(int4)}, signature: "date + integer"},
		{name: "+", operator: true, args: []CallArg{typed(date), unknown}, code: sqlstate.AmbiguousFunction,
			message: "operator is not unique: date + unknown"},
		{name: "-", operator: true, args: []CallArg{typed(ts), typed(date)}, signature: "timestamp without time zone - timestamp without time zone"},
		{name: "&", operator: true, args: []CallArg{typed(int4), typed(f8)}, code: sqlstate.UndefinedFunction,
			message: "operator does not exist: integer & double precision"},
		{name: "@", operator: true, args: []CallArg{typed(textT)}, code: sqlstate.UndefinedFunction, message: "operator does not exist: @ text"},
		{name: "coalesce", args: []CallArg{typed(types.Numeric), typed(types.Numeric)}, signature: "coalesce(VARIADIC anycompatible)"},
	}
	for _, c := range cases {
		resolve := ResolveFunction
		if c.operator {
			resolve = ResolveOperator
		}
		res, err := resolve(c.name, c.args)
		switch {
		case c.code != "":
			if sqlstate.Code(err) != c.code || err == nil || err.Error() != c.message {
				t.Errorf("%s%v: error %v, want %s %q", c.name, c.args, err, c.code, c.message)
			}
		case err != nil:
			t.Errorf("%s%v: %v", c.name, c.args, err)
		case res.Overload.Signature() != c.signature:
			t.Errorf("%s%v resolved to %s, want %s", c.name, c.args, res.Overload.Signature(), c.signature)
		}
	}
}

// TestRegistryHasNoOverlaps checks that no two overloads of a name share a
// signature, and that every overload can compute (a kernel, or an
// expression it stands for).
func TestRegistryHasNoOverlaps(t *testing.T) {
	for _, group := range []map[string][]*Overload{functionRegistry.functions, functionRegistry.operators} {
		for name, overloads := range group {
			seen := map[string]bool{}
			for _, o := range overloads {
				if seen[o.Signature()] {
					t.Errorf("%s declared twice", o.Signature())
				}
				seen[o.Signature()] = true
				if (o.Kernel == nil) == (o.Inline == nil) || o.Name != name {
					t.Errorf("%s: needs exactly one of a kernel and an inline expression", o.Signature())
				}
			}
		}
	}
}
