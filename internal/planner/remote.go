package planner

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
)

// RemoteQuery reads the result of one statement a remote server runs in
// place of a plan subtree whose tables all live on it: its schema is the
// subtree's.
type RemoteQuery struct {
	Source    catalog.RemoteTable // one of the tables read; it runs the statement
	Tables    []string            // the tables read, for display
	Statement catalog.RemoteStatement
}

// Schema implements Node.
func (r *RemoteQuery) Schema() *arrow.Schema { return r.Statement.Schema }

// Children implements Node.
func (r *RemoteQuery) Children() []Node { return nil }

// WithChildren implements Node.
func (r *RemoteQuery) WithChildren(...Node) Node { c := *r; return &c }

// Describe implements Node: the server, the tables and the statement as
// sent, with its parameters.
func (r *RemoteQuery) Describe() string {
	return "RemoteQuery " + r.Source.RemoteServer() + " tables=[" + strings.Join(r.Tables, ", ") + "] " +
		strings.Join(r.Statement.Explain(), " ")
}
