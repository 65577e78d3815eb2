package server

import (
	"reflect"
	"testing"

	wire "github.com/jeroenrinzema/psql-wire"
)

// TestStartupOptions reads the settings of start-up parameters as
// PostgreSQL does: named ones, and options' -c name=value, -cname=value
// and --name=value, with backslash escapes.
func TestStartupOptions(t *testing.T) {
	params := wire.Parameters{"user": "ann", "database": "db", "application_name": "probe", "DateStyle": "ISO",
		"options": `-c search_path=dfs.data -cstatement_timeout=5s --work-mem=8MB -c application_name=a\ b`}
	want := map[string]string{"application_name": `a b`, "DateStyle": "ISO", "search_path": "dfs.data",
		"statement_timeout": "5s", "work_mem": "8MB"}
	if got := startupOptions(params); !reflect.DeepEqual(got, want) {
		t.Errorf("startupOptions = %v, want %v", got, want)
	}
}
