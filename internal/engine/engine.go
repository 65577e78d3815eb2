// Package engine runs statements for a session: it parses them, answers
// Drill's catalog statements, plans and optimises queries and starts their
// operators. The server hands it statement text and streams the batches it
// returns; the engine knows nothing of the wire.
package engine

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// Engine is shared by all sessions.
type Engine struct {
	Catalog *catalog.Catalog
	Log     *slog.Logger
	// Memory is what the sorts, aggregations and joins of all queries may
	// hold together; nil means unlimited.
	Memory *exec.Budget
	// SpillDir is the folder under which each query that spills gets a
	// folder of its own (--spill-dir); "" means the system's temporary
	// folder.
	SpillDir string
}

// Session is one client connection's state: its run-time parameters
// (search_path, which USE sets too, TimeZone, statement_timeout ...), its
// transaction block and what it knows of its connection.
type Session struct {
	engine   *Engine
	mu       sync.Mutex
	settings *sessionSettings
	conn     Connection
	cursors  cursorSet
	// resolvedPath is the search path as last resolved.
	resolvedPath resolvedPath
}

// NewSession starts a session with every parameter at its default.
func (e *Engine) NewSession() *Session {
	return &Session{engine: e, settings: newSessionSettings()}
}

// Location is the session's time zone, used to render timestamptz values.
func (s *Session) Location() *time.Location { return s.Zone().Location }

// DefaultSchema is the schema unqualified names resolve in first: the
// first schema of search_path that exists.
func (s *Session) DefaultSchema() catalog.SchemaRef {
	path := s.schemaPath(context.Background(), s.mustShow("search_path"))
	if len(path) == 0 {
		return catalog.SchemaRef{}
	}
	return path[0]
}

// Statement is a planned statement, ready to run. Its result columns are
// known before it runs. A statement whose planning failed carries the error
// and returns it when run, so that the statements before it in the same
// query string still run, as in PostgreSQL.
type Statement struct {
	Text    string
	Columns *arrow.Schema    // nil when it returns no rows (SET) or planning failed
	Params  []arrow.DataType // the types of its $n parameters, $1 first
	Tag     string           // its command tag ("SET"); "" for SELECT and its row count
	run     func(ctx context.Context, params []scalar.Scalar) (exec.Operator, error)
	err     error
	budget  *exec.Budget // the engine's memory budget, which the operators reserve from
	engine  *Engine      // where the statement spills and logs
	session *Session     // whose statement_timeout it runs under
	// txControl marks COMMIT, ROLLBACK and the savepoint statements, which
	// a failed transaction block accepts.
	txControl bool
}

// Err is the planning error, if any.
func (st *Statement) Err() error { return st.err }

// Run starts the statement with the values of its parameters, in
// PostgreSQL's text format (nil for NULL); the caller drains and closes
// the operator.
func (st *Statement) Run(ctx context.Context, params []*string) (exec.Operator, error) {
	if st.err != nil {
		return nil, st.err
	}
	if st.session != nil && !st.txControl && st.session.inFailedBlock() {
		return nil, errInFailedBlock
	}
	values, err := st.parseParams(params)
	if err != nil {
		return nil, err
	}
	query := st.startQuery(ctx)
	op, err := st.run(query.ctx, values)
	if err != nil {
		err = query.failure(err)
		query.end()
		return nil, catalog.Classify(err)
	}
	return query.root(op), nil
}

// style is the text style of the statement's session: the zone and date
// order its parameters are read in.
func (st *Statement) style() types.Style {
	if st.session == nil {
		return types.DefaultStyle(time.UTC)
	}
	return st.session.TextStyle()
}

// parseParams reads bound parameter values as the types the statement
// expects.
func (st *Statement) parseParams(params []*string) ([]scalar.Scalar, error) {
	if len(params) != len(st.Params) {
		return nil, sqlstate.New(sqlstate.ProtocolViolation,
			"bind message supplies %d parameters, but prepared statement \"\" requires %d", len(params), len(st.Params))
	}
	values := make([]scalar.Scalar, len(params))
	for i, p := range params {
		if p == nil {
			values[i] = scalar.MakeNullScalar(st.Params[i])
			continue
		}
		v, err := types.ParseLiteralStyled(st.Params[i], *p, st.style())
		if err != nil {
			return nil, err
		}
		values[i] = v
	}
	return values, nil
}

// Prepare parses a query string and plans each of its statements. A syntax
// error anywhere fails the whole string (nothing runs, as in PostgreSQL).
// A statement is planned with the default schema that the USE statements
// before it in the same string will have set. paramOIDs are the parameter
// types the client gave, if any (0 where it left one unspecified).
func (s *Session) Prepare(ctx context.Context, text string, paramOIDs []uint32) ([]*Statement, error) {
	parsed, err := sql.Parse(text)
	if err != nil {
		return nil, err
	}
	p := &planning{session: s, zone: s.Zone(), paramTypes: paramTypes(paramOIDs),
		optimizer: s.optimizerOptions(), searchPath: s.mustShow("search_path")}
	p.resolvePath(ctx)
	out := make([]*Statement, 0, len(parsed))
	for _, stmt := range parsed {
		st, err := p.plan(ctx, stmt)
		if err != nil {
			err = sqlstate.Shift(catalog.Classify(err), stmt.Start())
			if _, control := stmt.(*sql.Transaction); s.inFailedBlock() && !control {
				err = errInFailedBlock
			}
			out = append(out, &Statement{Text: stmt.Text(), err: err})
			break
		}
		st.budget, st.engine, st.session = s.engine.Memory, s.engine, s
		out = append(out, st)
	}
	return out, nil
}

// paramTypes maps the parameter types a client gave to Arrow types; an
// unspecified or unknown one is left to inference (nil).
func paramTypes(oids []uint32) []arrow.DataType {
	out := make([]arrow.DataType, len(oids))
	for i, oid := range oids {
		if dt, ok := types.FromPostgres(oid, -1); ok && oid != 0 {
			out[i] = dt
		}
	}
	return out
}
