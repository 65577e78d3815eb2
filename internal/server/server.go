// Package server speaks the PostgreSQL wire protocol
// (github.com/jeroenrinzema/psql-wire): it accepts connections, keeps one
// engine session per connection, hands each statement to the engine and
// turns the Arrow batches it returns into DataRows, and errors into
// SQLSTATE codes. It knows nothing of plugins.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"runtime/debug"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/jackc/pgx/v5/pgtype"
	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
	psqlerr "github.com/jeroenrinzema/psql-wire/errors"
	wiretypes "github.com/jeroenrinzema/psql-wire/pkg/types"

	"auger/internal/engine"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// Server serves one engine over the wire protocol.
type Server struct {
	engine   *engine.Engine
	log      *slog.Logger
	wire     *wire.Server
	conns    *connTable
	backends *backends
	auth     Auth
}

type sessionKey struct{}

type backendKey struct{}

// New returns a server for an engine.
func New(eng *engine.Engine, log *slog.Logger, opts ...Option) (*Server, error) {
	s := &Server{engine: eng, log: log, conns: newConnTable(), auth: Auth{Trust: Loopback}}
	for _, o := range opts {
		o(s)
	}
	s.backends = newBackends(s.conns)
	w, err := wire.NewServer(s.parse,
		wire.BackendKeyData(s.backends.keyData),
		wire.CancelRequest(s.backends.cancelRequest),
		wire.Logger(quietLogger(log)),
		wire.Version(engine.ServerVersion),
		wire.TxStatus(transactionStatus),
		wire.SessionMiddleware(s.openSession),
		wire.CloseConn(s.closeSession),
		wire.ExtendTypes(types.RegisterWireEncoding),
		wire.SessionAuthStrategy(keepWriter(s.authenticate)),
		wire.TLSConfig(s.auth.TLS),
		wire.ErrorSanitizer(protocolError),
		wire.Portals(newPortals),
	)
	if err != nil {
		return nil, err
	}
	s.wire = w
	return s, nil
}

// quietLogger keeps the wire library's own messages at debug level only.
func quietLogger(log *slog.Logger) *slog.Logger {
	return slog.New(levelFloor{log.Handler(), slog.LevelWarn})
}

// Serve accepts connections on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	err := s.wire.Serve(trackingListener{Listener: l, table: s.conns})
	if errors.Is(err, net.ErrClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections and waits for open ones to finish
// until ctx is done.
func (s *Server) Shutdown(ctx context.Context) error {
	return s.wire.Shutdown(ctx)
}

func (s *Server) openSession(ctx context.Context) (context.Context, error) {
	params := wire.ClientParameters(ctx)
	s.log.Info("connection opened", "remote", wire.RemoteAddress(ctx),
		"user", params[wire.ParamUsername], "database", params[wire.ParamDatabase])
	b := s.backends.claim(ctx)
	ctx = context.WithValue(ctx, backendKey{}, b)
	session := s.engine.NewSession()
	if err := s.startSession(ctx, session, b); err != nil {
		s.log.Warn("start-up refused", "remote", wire.RemoteAddress(ctx), "error", err.Error())
		s.backends.forget(b)
		return ctx, err
	}
	return context.WithValue(ctx, sessionKey{}, session), nil
}

func (s *Server) closeSession(ctx context.Context) error {
	s.log.Info("connection closed", "remote", wire.RemoteAddress(ctx))
	if session, ok := ctx.Value(sessionKey{}).(*engine.Session); ok {
		session.CloseCursors()
	}
	if b, ok := ctx.Value(backendKey{}).(*backend); ok {
		s.backends.forget(b)
	}
	return nil
}

// backendOf is the connection's hold on its running statement.
func backendOf(ctx context.Context) *backend {
	if b, ok := ctx.Value(backendKey{}).(*backend); ok {
		return b
	}
	return &backend{}
}

// transactionStatus is psql-wire's TxStatus callback: the session's
// transaction state for ReadyForQuery.
func transactionStatus(ctx context.Context) wiretypes.ServerStatus {
	if session, ok := ctx.Value(sessionKey{}).(*engine.Session); ok {
		return wiretypes.ServerStatus(session.TransactionStatus())
	}
	return wiretypes.ServerIdle
}

func sessionOf(ctx context.Context) *engine.Session {
	return ctx.Value(sessionKey{}).(*engine.Session)
}

// parse is psql-wire's parse callback: it plans every statement of the
// query string, so that result columns are known before execution.
func (s *Server) parse(ctx context.Context, q wire.Query) (_ wire.PreparedStatements, err error) {
	defer s.recoverInto(ctx, q.Query, &err)
	session := sessionOf(ctx)
	stmts, err := session.Prepare(ctx, q.Query, q.ParameterOIDs)
	if err != nil {
		session.Failed()
		s.logFailure(ctx, q.Query, err)
		return nil, toWireError(err, q.Query)
	}
	if len(stmts) == 1 && stmts[0].Err() != nil {
		// One statement (always so in the extended protocol): its planning
		// error is the answer to Parse, as in PostgreSQL.
		session.Failed()
		s.logFailure(ctx, q.Query, stmts[0].Err())
		return nil, toWireError(stmts[0].Err(), q.Query)
	}
	if len(stmts) == 0 {
		return wire.Prepared(wire.NewStatement(func(ctx context.Context, w wire.DataWriter, _ []wire.Parameter) error {
			return w.Empty()
		})), nil
	}
	out := make(wire.PreparedStatements, len(stmts))
	for i, st := range stmts {
		out[i] = s.prepared(session, st, q.Query)
	}
	return out, nil
}

// prepared wraps a planned statement of the query string query for
// psql-wire.
func (s *Server) prepared(session *engine.Session, st *engine.Statement, query string) *wire.PreparedStatement {
	oids := parameterOIDs(st.Params)
	run := func(ctx context.Context, w wire.DataWriter, params []wire.Parameter) (err error) {
		defer s.recoverInto(ctx, st.Text, &err)
		ctx, done := backendOf(ctx).start(ctx)
		defer done()
		rows := countExecuteRows(ctx, w)
		err = s.stream(ctx, session, st, params, oids, rows)
		err = statementError(ctx, err)
		if err != nil {
			session.Failed()
			if werr := sendMessages(ctx, session); werr != nil {
				return werr
			}
			s.logFailure(ctx, st.Text, err)
			return toWireError(err, query)
		}
		if err := sendMessages(ctx, session); err != nil {
			return err
		}
		if st.Tag != "" {
			return w.Complete(st.Tag)
		}
		return w.Complete(fmt.Sprintf("SELECT %d", rows.lastExecute()))
	}
	options := []wire.PreparedOptionFn{wire.WithParameters(oids)}
	if st.Columns != nil {
		options = append(options, wire.WithColumns(columnsOf(st.Columns)))
	}
	return wire.NewStatement(run, options...)
}

// parameterOIDs are the parameter types reported in ParameterDescription.
func parameterOIDs(params []arrow.DataType) []uint32 {
	oids := make([]uint32, len(params))
	for i, dt := range params {
		oids[i] = types.WireOID(dt)
	}
	return oids
}

// parameterTexts turns bound parameter values into PostgreSQL's text
// format, decoding binary ones by their type: the engine reads text.
func parameterTexts(ctx context.Context, params []wire.Parameter, oids []uint32) ([]*string, error) {
	out := make([]*string, len(params))
	for i, p := range params {
		if p.Value() == nil {
			continue
		}
		text := string(p.Value())
		if p.Format() == wire.BinaryFormat && i < len(oids) {
			var err error
			if text, err = binaryAsText(ctx, p, oids[i]); err != nil {
				return nil, sqlstate.New(sqlstate.InvalidBinaryRepresentation,
					"incorrect binary data format in bind parameter %d", i+1)
			}
		}
		out[i] = &text
	}
	return out, nil
}

func binaryAsText(ctx context.Context, p wire.Parameter, oid uint32) (string, error) {
	v, err := p.Scan(oid)
	if err != nil {
		return "", err
	}
	text, err := wire.TypeMap(ctx).Encode(oid, pgtype.TextFormatCode, v, nil)
	return string(text), err
}

// stream runs a statement and writes its rows.
func (s *Server) stream(ctx context.Context, session *engine.Session, st *engine.Statement,
	params []wire.Parameter, oids []uint32, w wire.DataWriter) error {
	texts, err := parameterTexts(ctx, params, oids)
	if err != nil {
		return err
	}
	op, err := st.Run(ctx, texts)
	if err != nil {
		return err
	}
	defer op.Close()
	style := session.TextStyle()
	var padding []int
	if st.Columns != nil {
		padding = types.BlankPadding(st.Columns)
	}
	for {
		batch, err := op.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		err = writeBatch(w, batch, padding, style)
		batch.Release()
		if err != nil {
			return err
		}
	}
}

// recoverInto turns a panic while serving a statement into an internal
// error for that statement alone: the connection and the process go on.
func (s *Server) recoverInto(ctx context.Context, text string, err *error) {
	r := recover()
	if r == nil {
		return
	}
	s.log.Error("panic while serving a statement", "remote", wire.RemoteAddress(ctx), "panic", r,
		"statement", text, "stack", string(debug.Stack()))
	*err = psqlerr.WithCode(fmt.Errorf("internal error: %v", r), codes.Internal)
}

func (s *Server) logFailure(ctx context.Context, text string, err error) {
	s.log.Warn("statement failed", "remote", wire.RemoteAddress(ctx),
		"sqlstate", sqlstate.Code(err), "error", err.Error(), "statement", text)
}

// columnsOf describes result columns for RowDescription.
func columnsOf(schema *arrow.Schema) wire.Columns {
	cols := make(wire.Columns, schema.NumFields())
	for i, f := range schema.Fields() {
		cols[i] = wire.Column{Name: f.Name, Oid: types.FieldOID(f), Width: types.FieldWidth(f),
			TypeModifier: types.FieldTypmod(f)}
	}
	return cols
}
