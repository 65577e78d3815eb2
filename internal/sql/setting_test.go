package sql

import (
	"testing"

	"auger/internal/sqlstate"
)

func TestParseSet(t *testing.T) {
	cases := []struct {
		in   string
		want SetVariable
	}{
		{"SET statement_timeout = '100ms'", SetVariable{Name: "statement_timeout", Value: "100ms"}},
		{"set Statement_Timeout to 250", SetVariable{Name: "statement_timeout", Value: "250"}},
		{"SET statement_timeout = 1.5", SetVariable{Name: "statement_timeout", Value: "1.5"}},
		{"SET LOCAL statement_timeout = '1s'", SetVariable{Name: "statement_timeout", Value: "1s", Local: true}},
		{"SET statement_timeout TO DEFAULT", SetVariable{Name: "statement_timeout", Default: true}},
		{"RESET statement_timeout", SetVariable{Name: "statement_timeout", Default: true}},
		{"SET search_path = a, 'b'", SetVariable{Name: "search_path", Value: "a, b"}},
	}
	for _, c := range cases {
		stmts, err := Parse(c.in)
		if err != nil || len(stmts) != 1 {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		got, ok := stmts[0].(*SetVariable)
		if !ok {
			t.Errorf("Parse(%q) = %T", c.in, stmts[0])
			continue
		}
		c.want.base = base{text: got.Text()}
		if *got != c.want {
			t.Errorf("Parse(%q) = %+v, want %+v", c.in, *got, c.want)
		}
	}
	if _, err := Parse("RESET ALL"); sqlstate.Code(err) != sqlstate.FeatureNotSupported {
		t.Errorf("RESET ALL: %v", err)
	}
}

func TestParseShow(t *testing.T) {
	for in, want := range map[string]string{"SHOW TimeZone": "timezone", "show time zone": "timezone", "SHOW statement_timeout": "statement_timeout"} {
		stmts, err := Parse(in)
		if err != nil || len(stmts) != 1 {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if got, ok := stmts[0].(*ShowVariable); !ok || got.Name != want {
			t.Errorf("Parse(%q) = %+v, want SHOW %s", in, stmts[0], want)
		}
	}
	if _, err := Parse("SHOW ALL"); sqlstate.Code(err) != sqlstate.FeatureNotSupported {
		t.Errorf("SHOW ALL: %v", err)
	}
}
