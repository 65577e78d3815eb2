package sql

import (
	"reflect"
	"testing"
)

func TestParseSet(t *testing.T) {
	cases := []struct {
		in   string
		want SetVariable
	}{
		{"SET statement_timeout = '100ms'", SetVariable{Name: "statement_timeout", Value: "100ms", Values: []string{"100ms"}}},
		{"set Statement_Timeout to 250", SetVariable{Name: "statement_timeout", Value: "250", Values: []string{"250"}}},
		{"SET statement_timeout = 1.5", SetVariable{Name: "statement_timeout", Value: "1.5", Values: []string{"1.5"}}},
		{"SET LOCAL statement_timeout = '1s'", SetVariable{Name: "statement_timeout", Value: "1s", Values: []string{"1s"}, Local: true}},
		{"SET statement_timeout TO DEFAULT", SetVariable{Name: "statement_timeout", Default: true}},
		{"RESET statement_timeout", SetVariable{Name: "statement_timeout", Default: true, Reset: true}},
		{"RESET ALL", SetVariable{Default: true, Reset: true, All: true}},
		{"SET search_path = a, 'b'", SetVariable{Name: "search_path", Value: "a, b", Values: []string{"a", "b"}}},
		{`SET search_path TO "dfs.data", public`, SetVariable{Name: "search_path", Value: "dfs.data, public", Values: []string{"dfs.data", "public"}}},
		{"SET NAMES 'utf8'", SetVariable{Name: "client_encoding", Value: "utf8", Values: []string{"utf8"}}},
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
		if !reflect.DeepEqual(*got, c.want) {
			t.Errorf("Parse(%q) = %+v, want %+v", c.in, *got, c.want)
		}
	}
}

func TestParseShow(t *testing.T) {
	for in, want := range map[string]string{"SHOW TimeZone": "timezone", "show time zone": "timezone",
		"SHOW statement_timeout": "statement_timeout", "SHOW ALL": "all"} {
		stmts, err := Parse(in)
		if err != nil || len(stmts) != 1 {
			t.Errorf("Parse(%q): %v", in, err)
			continue
		}
		if got, ok := stmts[0].(*ShowVariable); !ok || got.Name != want {
			t.Errorf("Parse(%q) = %+v, want SHOW %s", in, stmts[0], want)
		}
	}
}

func TestParseTransaction(t *testing.T) {
	cases := []struct {
		in   string
		want Transaction
	}{
		{"BEGIN", Transaction{Kind: Begin}},
		{"START TRANSACTION READ ONLY", Transaction{Kind: Begin, Options: []SetOption{{"transaction_read_only", "1"}}}},
		{"BEGIN ISOLATION LEVEL SERIALIZABLE", Transaction{Kind: Begin, Options: []SetOption{{"transaction_isolation", "serializable"}}}},
		{"END", Transaction{Kind: Commit}},
		{"COMMIT AND CHAIN", Transaction{Kind: Commit, Chain: true}},
		{"ABORT", Transaction{Kind: Rollback}},
		{"SAVEPOINT a", Transaction{Kind: Savepoint, Savepoint: "a"}},
		{"RELEASE a", Transaction{Kind: Release, Savepoint: "a"}},
		{"ROLLBACK TO SAVEPOINT a", Transaction{Kind: RollbackTo, Savepoint: "a"}},
	}
	for _, c := range cases {
		stmts, err := Parse(c.in)
		if err != nil || len(stmts) != 1 {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		got, ok := stmts[0].(*Transaction)
		if !ok {
			t.Errorf("Parse(%q) = %T", c.in, stmts[0])
			continue
		}
		c.want.base = base{text: got.Text()}
		if !reflect.DeepEqual(*got, c.want) {
			t.Errorf("Parse(%q) = %+v, want %+v", c.in, *got, c.want)
		}
	}
	stmts, err := Parse("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ")
	if err != nil {
		t.Fatal(err)
	}
	if st, ok := stmts[0].(*SetTransaction); !ok || !st.Session || len(st.Options) != 1 || st.Options[0].Value != "repeatable read" {
		t.Errorf("SET SESSION CHARACTERISTICS: %+v", stmts[0])
	}
}
