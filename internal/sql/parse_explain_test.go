package sql

import (
	"testing"

	"auger/internal/sqlstate"
)

func TestParseExplainOptions(t *testing.T) {
	cases := []struct {
		in      string
		analyze bool
		code    string // the SQLSTATE when the statement is refused
	}{
		{in: "EXPLAIN SELECT 1"},
		{in: "EXPLAIN ANALYZE SELECT 1", analyze: true},
		{in: "EXPLAIN (ANALYZE) SELECT 1", analyze: true},
		{in: "EXPLAIN (ANALYZE true) SELECT 1", analyze: true},
		{in: "EXPLAIN (ANALYZE on) SELECT 1", analyze: true},
		{in: "EXPLAIN (ANALYZE 1) SELECT 1", analyze: true},
		{in: "EXPLAIN (ANALYZE false) SELECT 1"},
		{in: "EXPLAIN (ANALYZE off, FORMAT TEXT) SELECT 1"},
		{in: "EXPLAIN (FORMAT text, ANALYZE) SELECT 1", analyze: true},
		{in: "EXPLAIN (ANALYZE maybe) SELECT 1", code: sqlstate.SyntaxError},
		{in: "EXPLAIN (FORMAT JSON) SELECT 1", code: sqlstate.FeatureNotSupported},
		{in: "EXPLAIN (VERBOSE) SELECT 1", code: sqlstate.FeatureNotSupported},
		{in: "EXPLAIN ANALYZE VERBOSE SELECT 1", code: sqlstate.FeatureNotSupported},
		{in: "EXPLAIN (ANALYZE, BUFFERS) SELECT 1", code: sqlstate.FeatureNotSupported},
	}
	for _, c := range cases {
		stmts, err := Parse(c.in)
		if c.code != "" {
			if sqlstate.Code(err) != c.code {
				t.Errorf("%s: error %v, want SQLSTATE %s", c.in, err, c.code)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		ex, ok := stmts[0].(*Explain)
		if !ok || ex.Analyze != c.analyze {
			t.Errorf("%s: got %#v, want Explain with Analyze=%v", c.in, stmts[0], c.analyze)
		}
	}
}
