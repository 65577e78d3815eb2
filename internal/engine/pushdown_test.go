package engine

import (
	"context"
	"strings"
	"testing"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/expr"
	"auger/internal/sqlstate"
)

func TestParseBoolSetting(t *testing.T) {
	cases := []struct {
		value  string
		on, ok bool
	}{
		{"on", true, true}, {"OFF", false, true}, {"of", false, true}, {"o", false, false},
		{"true", true, true}, {"t", true, true}, {"fal", false, true}, {"yes", true, true},
		{"n", false, true}, {"1", true, true}, {"0", false, true}, {" on ", true, true},
		{"2", false, false}, {"onn", false, false}, {"", false, false}, {"maybe", false, false},
	}
	for _, c := range cases {
		on, ok := parseBoolSetting(c.value)
		if on != c.on || ok != c.ok {
			t.Errorf("%q = %v, %v; want %v, %v", c.value, on, ok, c.on, c.ok)
		}
	}
}

// exactTable is a memory table that claims every filter and a limit, so
// that EXPLAIN shows what the planner hands it.
type exactTable struct{ catalog.Table }

func (exactTable) SupportsFilters(f []expr.Expr) []catalog.FilterVerdict {
	out := make([]catalog.FilterVerdict, len(f))
	for i := range out {
		out[i] = catalog.Exact
	}
	return out
}

type exactPlugin struct{ memPlugin }

func (exactPlugin) Table(context.Context, string, string) (catalog.Table, error) {
	return exactTable{Table: catalog.NewMemTable(xy, nil)}, nil
}

func init() {
	catalog.Register("enginetest-exact", func(string, *config.Plugin) (catalog.Plugin, error) { return exactPlugin{}, nil })
}

// TestPushdownSetting switches auger.pushdown off and on: SHOW follows,
// and with it off the scan gets neither the filter nor the limit, in the
// same string as the SET, in a later one, and in a subquery.
func TestPushdownSetting(t *testing.T) {
	cat, err := catalog.New(&config.Storage{Plugins: map[string]*config.Plugin{
		"e": {Name: "e", Type: "enginetest-exact", Enabled: true}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := (&Engine{Catalog: cat}).NewSession()
	query := func(text string) string {
		t.Helper()
		stmts, err := s.Prepare(context.Background(), text, nil)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, st := range stmts {
			rows, err := run(t, st)
			if err != nil {
				t.Fatalf("%s: %v", text, err)
			}
			out = append(out, rows)
		}
		return out[len(out)-1]
	}
	const explain = "EXPLAIN SELECT x FROM e.main.t WHERE x = 1 LIMIT 2"
	pushed := query(explain)
	if !strings.Contains(pushed, "filter=") || !strings.Contains(pushed, "limit=2") {
		t.Errorf("pushdown on by default, the scan should take the filter and limit:\n%s", pushed)
	}
	cases := []struct{ text, show string }{
		{"SHOW auger.pushdown", "on"},
		{"SET auger.pushdown = off; SHOW auger.pushdown", "off"},
		{"SET auger.pushdown TO on; SET auger.pushdown = 'of'; SHOW auger.pushdown", "off"},
		{"RESET auger.pushdown; SET auger.pushdown = false; SHOW auger.pushdown", "off"},
	}
	for _, c := range cases {
		if got := query(c.text); got != c.show {
			t.Errorf("%s: %s, want %s", c.text, got, c.show)
		}
	}
	for _, text := range []string{explain, "SET auger.pushdown = on; SET auger.pushdown = off; " + explain} {
		if got := query(text); strings.Contains(got, "filter=") || strings.Contains(got, "limit=") {
			t.Errorf("%s: pushdown off, yet the scan takes work:\n%s", text, got)
		}
	}
	if got := query("SET auger.pushdown = off; SELECT (SELECT current_setting('auger.pushdown'))"); got != "off" {
		t.Errorf("current_setting: %s", got)
	}
	if got := query("RESET auger.pushdown; SHOW auger.pushdown"); got != "on" {
		t.Errorf("after RESET: %s", got)
	}
	if got := query("SET auger.pushdown = 'on'; " + explain); got != pushed {
		t.Errorf("pushdown back on:\n%s\nwant\n%s", got, pushed)
	}
	stmts, err := s.Prepare(context.Background(), "SET auger.pushdown = maybe", nil)
	if err == nil {
		err = stmts[0].Err()
	}
	if sqlstate.Code(err) != sqlstate.InvalidParameterValue || err.Error() != `parameter "auger.pushdown" requires a Boolean value` {
		t.Errorf("a bad value: %v", err)
	}
}
