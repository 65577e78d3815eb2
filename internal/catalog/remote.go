package catalog

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
)

// RemoteTable is a Table of a SQL server that runs whole statements: the
// planner builds one statement for a plan subtree whose tables all belong
// to the same server (joins, aggregates, orders and limits included) and
// hands it over instead of scanning each table.
type RemoteTable interface {
	Table
	// RemoteServer identifies the server: only tables with the same value
	// are read by one statement (two plugins never share one).
	RemoteServer() string
	// RemoteName is the relation as the server spells it.
	RemoteName() (schema, name string)
	// RemoteColumns say, per column of Schema(), how a statement may use it.
	RemoteColumns() []RemoteColumn
	// RunRemote runs a statement and reads its result, which must have
	// exactly st.Schema's columns. Closing the reader before the end
	// cancels the statement.
	RunRemote(ctx context.Context, st RemoteStatement) (BatchReader, error)
}

// RemoteColumn is what a statement may do with a table's column.
type RemoteColumn struct {
	// AsText: the server sends the column's text form (a type the engine
	// does not decode); a statement selects it cast to text.
	AsText bool
	// SameOrder: the server compares the column's values as the engine
	// does, so conditions, groups and orders over it may run remotely.
	SameOrder bool
}

// RemoteStatement is a statement for a RemoteTable's server.
type RemoteStatement struct {
	Text   string        // the statement, with $n parameters
	Args   []any         // their values, $1 first
	Schema *arrow.Schema // the result's columns, as the engine expects them
}

// Explain is EXPLAIN's lines for the statement: its text as sent, then
// its parameters' values, if any.
func (st RemoteStatement) Explain() []string {
	lines := []string{"Remote SQL: " + st.Text}
	if len(st.Args) > 0 {
		values := make([]string, len(st.Args))
		for i, a := range st.Args {
			values[i] = fmt.Sprintf("$%d=%s", i+1, argText(a))
		}
		lines = append(lines, "Parameters: "+strings.Join(values, ", "))
	}
	return lines
}

// argText shows a parameter's value: a string quoted, NULL as NULL.
func argText(a any) string {
	switch v := a.(type) {
	case nil:
		return "NULL"
	case string:
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	case []byte:
		return fmt.Sprintf(`'\x%x'`, v)
	}
	return fmt.Sprint(a)
}
