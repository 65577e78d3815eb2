package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// cursorSteps declare, fetch from, move and close cursors, in and out of
// transaction blocks; {T} is each source's users table.
var cursorSteps = []string{
	`DECLARE c CURSOR FOR SELECT 1`,
	`BEGIN`,
	`DECLARE c CURSOR FOR SELECT "UserID", "Username" FROM {T} WHERE "UserID" <= 12 ORDER BY 1`,
	`FETCH 3 FROM c`,
	`FETCH FORWARD 2 IN c`,
	`FETCH c`,
	`MOVE 2 c`,
	`FETCH ALL FROM c`,
	`FETCH 5 FROM c`,
	`ROLLBACK`,
	`BEGIN`,
	`DECLARE c CURSOR FOR SELECT "UserID" FROM {T} ORDER BY 1`,
	`DECLARE d CURSOR WITH HOLD FOR SELECT "UserID" * 2 AS twice FROM {T} ORDER BY 1`,
	`FETCH 2 c`,
	`CLOSE c`,
	`FETCH 1 c`,
	`ROLLBACK`,
	`BEGIN`,
	`DECLARE c CURSOR FOR SELECT "UserID" FROM {T} ORDER BY 1`,
	`COMMIT`,
	`FETCH 1 FROM c`,
	`FETCH 2 FROM d`,
	`BEGIN`,
	`DECLARE e CURSOR WITH HOLD FOR SELECT "UserID" FROM {T} WHERE "UserID" > 97 ORDER BY 1`,
	`COMMIT`,
	`FETCH 2 FROM e`,
	`FETCH ALL FROM e`,
	`CLOSE ALL`,
	`FETCH 1 FROM e`,
}

// TestCursorsMatchPostgreSQL runs the cursor steps on Auger and on
// PostgreSQL and compares each step's rows, command tag or SQLSTATE.
func TestCursorsMatchPostgreSQL(t *testing.T) {
	f := gateway(t)
	want := cursorTranscript(t, rawConn(t, f.pgURL), directSQL)
	for _, source := range []string{"postgresql", "local parquet", "s3 workspace"} {
		got := cursorTranscript(t, rawConn(t, f.url()), func(sql string) string { return augerSQL(sql, source) })
		for i := range cursorSteps {
			if got[i] != want[i] {
				t.Errorf("%s: %s\n got %s\nwant %s", source, cursorSteps[i], got[i], want[i])
			}
		}
	}
}

// cursorTranscript runs each step over the simple protocol and renders
// its answer.
func cursorTranscript(t *testing.T, conn *pgconn.PgConn, table func(string) string) []string {
	t.Helper()
	var out []string
	for _, step := range cursorSteps {
		results, err := conn.Exec(context.Background(), table(step)).ReadAll()
		if err != nil {
			out = append(out, "error "+sqlState(err))
			continue
		}
		var b strings.Builder
		for _, r := range results {
			for _, row := range r.Rows {
				for _, v := range row {
					fmt.Fprintf(&b, "%s ", v)
				}
				b.WriteString("| ")
			}
			b.WriteString(r.CommandTag.String())
		}
		out = append(out, b.String())
	}
	return out
}
