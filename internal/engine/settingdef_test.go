package engine

import (
	"context"
	"reflect"
	"testing"

	"auger/internal/catalog"
	"auger/internal/sqlstate"
)

// TestSettingValues checks values as PostgreSQL 15 reads and shows them;
// each want was taken from PostgreSQL's SHOW after the same SET.
func TestSettingValues(t *testing.T) {
	cases := []struct{ name, value, show, code string }{
		{"work_mem", "1.5MB", "1536kB", ""},
		{"work_mem", "64", "64kB", ""},
		{"work_mem", "4096", "4MB", ""},
		{"work_mem", "10", "", "22023"},
		{"work_mem", "10ms", "", "22023"},
		{"statement_timeout", "90000", "90s", ""},
		{"statement_timeout", "1h", "1h", ""},
		{"statement_timeout", "0", "0", ""},
		{"extra_float_digits", "1.5", "2", ""},
		{"extra_float_digits", "-16", "", "22023"},
		{"seq_page_cost", "2.5", "2.5", ""},
		{"seq_page_cost", "-1", "", "22023"},
		{"jit", "of", "off", ""},
		{"jit", "o", "", "22023"},
		{"jit", "OFF", "off", ""},
		{"jit", "y", "on", ""},
		{"synchronous_commit", "true", "on", ""},
		{"IntervalStyle", "ISO_8601", "iso_8601", ""},
		{"bytea_output", "foo", "", "22023"},
		{"DateStyle", "sql, dmy", "SQL, DMY", ""},
		{"DateStyle", "german", "German, DMY", ""},
		{"DateStyle", "ymd", "ISO, YMD", ""},
		{"DateStyle", "euro", "ISO, DMY", ""},
		{"DateStyle", "iso, sql", "", "22023"},
		{"client_encoding", "utf-8", "UTF8", ""},
		{"client_encoding", "unicode", "UTF8", ""},
		{"client_encoding", "latin1", "", "0A000"},
		{"client_encoding", "nosuch", "", "22023"},
		{"application_name", "héllo", "h??llo", ""},
		{"TimeZone", "europe/paris", "Europe/Paris", ""},
		{"search_path", `"dfs.data", public`, `"dfs.data", public`, ""},
		{"search_path", `"unterminated`, "", "22023"},
	}
	for _, c := range cases {
		s := (&Engine{}).NewSession()
		got, err := s.setConfig(c.name, c.value, false)
		if c.code != "" {
			if sqlstate.Code(err) != c.code {
				t.Errorf("%s = %q: %v, want %s", c.name, c.value, err, c.code)
			}
			continue
		}
		if err != nil || got != c.show {
			t.Errorf("%s = %q: %q, %v; want %q", c.name, c.value, got, err, c.show)
		}
		if shown, _ := s.showSetting(c.name); shown != c.show {
			t.Errorf("SHOW %s after %q: %q", c.name, c.value, shown)
		}
	}
}

// TestSplitIdentifiers reads lists as PostgreSQL's SplitIdentifierString.
func TestSplitIdentifiers(t *testing.T) {
	cases := map[string][]string{
		`"$user", public`:         {"$user", "public"},
		`"dfs.data","Postgres.X"`: {"dfs.data", "Postgres.X"},
		`A, "b""c"`:               {"a", `b"c`},
		``:                        nil,
		`""`:                      {""},
	}
	for in, want := range cases {
		if got, ok := splitIdentifiers(in); !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("splitIdentifiers(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, bad := range []string{`"open`, `a,,b`, `a b`} {
		if _, ok := splitIdentifiers(bad); ok {
			t.Errorf("splitIdentifiers(%q) accepted", bad)
		}
	}
}

// TestTransactionSettings checks what COMMIT, ROLLBACK and ROLLBACK TO
// leave of SET and SET LOCAL, and the transaction status.
func TestTransactionSettings(t *testing.T) {
	s := (&Engine{}).NewSession()
	run := func(text string) error {
		stmts, err := s.Prepare(context.Background(), text, nil)
		if err != nil {
			return err
		}
		for _, st := range stmts {
			op, err := st.Run(context.Background(), nil)
			if err != nil {
				return err
			}
			op.Close()
		}
		return nil
	}
	steps := []struct {
		text, work string
		status     byte
	}{
		{"BEGIN", "4MB", 'T'},
		{"SET LOCAL work_mem = '8MB'", "8MB", 'T'},
		{"SAVEPOINT a", "8MB", 'T'},
		{"SET work_mem = '16MB'", "16MB", 'T'},
		{"ROLLBACK TO a", "8MB", 'T'},
		{"SET work_mem = '32MB'", "32MB", 'T'},
		{"COMMIT", "32MB", 'I'},
		{"BEGIN", "32MB", 'T'},
		{"SET work_mem = '1MB'", "1MB", 'T'},
		{"ROLLBACK", "32MB", 'I'},
		{"RESET ALL", "4MB", 'I'},
	}
	for _, step := range steps {
		if err := run(step.text); err != nil {
			t.Fatalf("%s: %v", step.text, err)
		}
		if got := s.mustShow("work_mem"); got != step.work || s.TransactionStatus() != step.status {
			t.Errorf("after %s: work_mem %s, status %c; want %s, %c", step.text, got, s.TransactionStatus(), step.work, step.status)
		}
	}
	if err := run("BEGIN"); err != nil {
		t.Fatal(err)
	}
	s.Failed()
	if err := run("SELECT 1"); sqlstate.Code(err) != sqlstate.InFailedSQLTransaction || s.TransactionStatus() != 'E' {
		t.Errorf("a statement in a failed block: %v, status %c", err, s.TransactionStatus())
	}
	if err := run("COMMIT"); err != nil || s.TransactionStatus() != 'I' {
		t.Errorf("COMMIT of a failed block: %v, status %c", err, s.TransactionStatus())
	}
	if m := s.TakeMessages(); len(m.Notices) != 0 {
		t.Errorf("notices %v", m.Notices)
	}
	if err := run("COMMIT"); err != nil {
		t.Fatal(err)
	}
	if m := s.TakeMessages(); len(m.Notices) != 1 || m.Notices[0].Code != sqlstate.NoActiveSQLTransaction {
		t.Errorf("COMMIT outside a block left %v", m.Notices)
	}
}

// TestSettingsRows checks the rows pg_settings is made of.
func TestSettingsRows(t *testing.T) {
	s := (&Engine{}).NewSession()
	if err := s.Start(Connection{User: "ann", Options: map[string]string{"application_name": "probe", "myapp.flag": "x"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.setConfig("work_mem", "8MB", false); err != nil {
		t.Fatal(err)
	}
	rows := map[string]catalog.Setting{}
	for _, r := range s.Settings() {
		rows[r.Name] = r
	}
	want := map[string]catalog.Setting{
		"work_mem": {Name: "work_mem", Setting: "8192", Unit: "kB", Category: "Resource Usage / Memory",
			ShortDesc: "Sets the maximum memory to be used for query workspaces.", Context: "user", Vartype: "integer",
			Source: "session", MinVal: "64", MaxVal: "2147483647", BootVal: "4096", ResetVal: "4096"},
		"application_name": {Name: "application_name", Setting: "probe", Category: "Reporting and Logging / What to Log",
			ShortDesc: "Sets the application name to be reported in statistics and logs.", Context: "user", Vartype: "string",
			Source: "client", BootVal: "", ResetVal: "probe"},
		"myapp.flag": {Name: "myapp.flag", Setting: "x", Category: "Customized Options", Context: "user", Vartype: "string",
			Source: "client", ResetVal: "x"},
	}
	for name, w := range want {
		if got := rows[name]; !reflect.DeepEqual(got, w) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, got, w)
		}
	}
	if _, listed := rows["is_superuser"]; listed {
		t.Errorf("is_superuser is listed; PostgreSQL hides it")
	}
	if v, _ := s.showSetting("session_authorization"); v != "ann" {
		t.Errorf("session_authorization %q", v)
	}
}
