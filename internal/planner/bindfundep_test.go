package planner

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/sqlstate"
)

// keyedTable is an in-memory table of a integer, b text, c bigint that
// reports a primary key.
type keyedTable struct {
	*catalog.MemTable
	key []string
}

// PrimaryKey implements catalog.PrimaryKeyer.
func (k keyedTable) PrimaryKey() []string { return k.key }

// keyedPlugin serves k (key a), k2 (key a, b) and t (no key), each of
// a integer, b text, c bigint.
type keyedPlugin struct{}

func (keyedPlugin) Schemas(context.Context) ([]string, error) { return []string{"main"}, nil }
func (keyedPlugin) DefaultSchema() string                     { return "main" }
func (keyedPlugin) Tables(context.Context, string) ([]string, error) {
	return []string{"k", "k2", "t"}, nil
}
func (keyedPlugin) Close() error { return nil }
func (keyedPlugin) Table(_ context.Context, _, name string) (catalog.Table, error) {
	keys := map[string][]string{"k": {"a"}, "k2": {"a", "b"}, "t": nil}
	key, ok := keys[name]
	if !ok {
		return nil, fmt.Errorf("%w: %s", catalog.ErrTableNotFound, name)
	}
	mem := testScan(catalog.Unsupported).Table.(verdictTable).MemTable
	return keyedTable{MemTable: mem, key: key}, nil
}

func init() {
	catalog.Register("keyedtest", func(string, *config.Plugin) (catalog.Plugin, error) { return keyedPlugin{}, nil })
}

// TestPrimaryKeyDependents checks that a grouped query may read the
// columns of a table whose primary key it groups by, which become group
// columns of their own (in every grouping set), and that it may not
// otherwise, as PostgreSQL decides.
func TestPrimaryKeyDependents(t *testing.T) {
	for _, c := range []struct{ query, groups, sets string }{
		{"SELECT a, b, c, count(*) FROM k GROUP BY a", `"a" "b" "c"`, ""},
		{"SELECT x.*, count(*) FROM k x GROUP BY x.a", `"a" "b" "c"`, ""},
		{"SELECT upper(b) FROM k GROUP BY a HAVING c > 1 ORDER BY c", `"a" "c" "b"`, ""},
		{"SELECT c, sum(c) FROM k2 GROUP BY b, a", `"b" "a" "c"`, ""},
		{"SELECT k.b, t.b FROM k JOIN t ON k.a = t.a GROUP BY k.a, t.b", `"a" "b" "b"`, ""},
		{"SELECT b FROM k GROUP BY GROUPING SETS ((a, c), (a))", `"a" "c" "b"`, "[[0 1 2] [0 2]]"},
		{"SELECT k.b FROM k JOIN t USING (a) GROUP BY a", `"a" "b"`, ""},
		{"SELECT k.b FROM k JOIN t USING (a) JOIN t u USING (a) GROUP BY a", `"a" "b"`, ""},
		{"SELECT (SELECT k.b) FROM k GROUP BY k.a", `"a" "b"`, ""},
	} {
		a, err := bindAggregateOver(t, "keyedtest", c.query)
		if err != nil {
			t.Errorf("%s: %v", c.query, err)
			continue
		}
		if got := groupsText(a); got != c.groups {
			t.Errorf("%s: groups %s, want %s", c.query, got, c.groups)
		}
		if sets := setsText(a); sets != c.sets {
			t.Errorf("%s: sets %s, want %s", c.query, sets, c.sets)
		}
	}
	for _, c := range []struct{ query, message string }{
		{"SELECT b FROM t GROUP BY a", `column "t.b" must appear`},
		{"SELECT c FROM k2 GROUP BY a", `column "k2.c" must appear`},
		{"SELECT c FROM k GROUP BY a + 0", `column "k.c" must appear`},
		{"SELECT t.c FROM k JOIN t ON k.a = t.a GROUP BY k.a", `column "t.c" must appear`},
		{"SELECT b FROM k GROUP BY ROLLUP (a)", `column "k.b" must appear`},
		{"SELECT b FROM (SELECT * FROM k) s GROUP BY a", `column "s.b" must appear`},
		{"SELECT k.b FROM t LEFT JOIN k USING (a) GROUP BY a", `column "k.b" must appear`},
		{"SELECT x.b FROM k x, k y GROUP BY y.a", `column "x.b" must appear`},
	} {
		_, err := bindAggregateOver(t, "keyedtest", c.query)
		if sqlstate.Code(err) != "42803" || !strings.Contains(err.Error(), c.message) {
			t.Errorf("%s: %v, want 42803 %q", c.query, err, c.message)
		}
	}
}

// groupsText is an Aggregate's group expressions, space-separated.
func groupsText(a *Aggregate) string {
	var groups []string
	for _, g := range a.Groups {
		groups = append(groups, g.String())
	}
	return strings.Join(groups, " ")
}

// setsText is an Aggregate's grouping sets, "" for one set of all groups.
func setsText(a *Aggregate) string {
	if a.GroupingSets == nil {
		return ""
	}
	return fmt.Sprint(a.GroupingSets)
}
