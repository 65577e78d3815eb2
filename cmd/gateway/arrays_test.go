package main

import (
	"math/big"
	"reflect"
	"testing"

	"github.com/jackc/pgx/v5/pgtype"
)

// TestBinaryArrays reads every array column through pgx's extended
// protocol, which asks for binary results, and compares the decoded
// values with those read from PostgreSQL directly.
func TestBinaryArrays(t *testing.T) {
	f := gateway(t)
	auger, direct := f.connect(t), f.direct(t)
	q := `SELECT *, ARRAY["ID", NULL] AS made, ARRAY[[1.5, 2], [NULL, 3]] AS numbers FROM {A}`
	want := byValue(collectValues(t, direct, directSQL(q)))
	if len(want) != len(testArrays()) {
		t.Fatalf("PostgreSQL returns %d rows", len(want))
	}
	for source := range arraysTables {
		got := byValue(collectValues(t, auger, augerSQL(q, source)))
		for id, row := range want {
			if !reflect.DeepEqual(got[id], row) {
				t.Errorf("%s: row %s in binary\n got: %v\nwant: %v", source, id, got[id], row)
			}
		}
	}
}

// byValue puts numerics as the numbers they are: pgx reads PostgreSQL's
// zero of scale 2 (no digits) with exponent 0, and a zero digit of scale 2
// with exponent -2.
func byValue(rows map[string][]any) map[string][]any {
	var norm func(v any) any
	norm = func(v any) any {
		switch x := v.(type) {
		case pgtype.Numeric:
			r := new(big.Rat).SetInt(x.Int)
			scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(int64(x.Exp)))), nil))
			if x.Exp < 0 {
				return r.Quo(r, scale).RatString()
			}
			return r.Mul(r, scale).RatString()
		case []any:
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = norm(e)
			}
			return out
		}
		return v
	}
	out := map[string][]any{}
	for k, row := range rows {
		out[k] = norm(row).([]any)
	}
	return out
}

// TestArraySortsSpill orders arrays (and unnested rows) through a gateway
// whose memory limit makes the sorts spill: runs of arrays are merged
// against one another, and every answer is still PostgreSQL's.
func TestArraySortsSpill(t *testing.T) {
	g := startLimitedGateway(t, "4kB")
	auger, direct := g.connect(t), g.direct(t)
	for _, q := range []string{
		`SELECT "ID", ints, tags FROM {A} ORDER BY ints, "ID"`,
		`SELECT "ID", tags FROM {A} ORDER BY tags DESC NULLS LAST, "ID"`,
		`SELECT "ID", matrix, scores FROM {A} ORDER BY matrix NULLS FIRST, scores, "ID"`,
		`SELECT a."ID", t, n FROM {A} a, unnest(a.tags) WITH ORDINALITY AS u(t, n) ORDER BY t, a."ID", n`,
		`SELECT ARRAY["UserID" % 7, "UserID"] AS k, "Username" FROM {T} ORDER BY k DESC`,
	} {
		compareWithPostgreSQL(t, corpusConns{auger: auger}, direct, referenceQuery{sql: q})
	}
	spilled := 0
	for _, m := range finishedLine.FindAllStringSubmatch(g.logs.String(), -1) {
		if m[1] != "0B" {
			spilled++
		}
	}
	if spilled < 3 {
		t.Errorf("only %d of the array sorts spilled", spilled)
	}
	g.assertNoSpillFiles(t, "the array sorts")
}
