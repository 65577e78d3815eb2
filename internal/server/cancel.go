package server

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/binary"
	"net"
	"sync"
	"time"

	wire "github.com/jeroenrinzema/psql-wire"

	"auger/internal/sqlstate"
)

// Why a statement stops early: each is the cause of its context's
// cancellation and the error its client receives.
var (
	errCanceledByUser = sqlstate.New(sqlstate.QueryCanceled, "canceling statement due to user request")
	errClientGone     = sqlstate.New(sqlstate.ConnectionFailure, "connection to client lost")
)

// clientCheckInterval is how often a running statement checks that its
// client is still connected (PostgreSQL's client_connection_check_interval).
const clientCheckInterval = 100 * time.Millisecond

// backends keeps every connection's cancel key. As in PostgreSQL, a client
// cancels its running statement by opening another connection and sending
// the process ID and secret key it was given at start-up.
type backends struct {
	mu      sync.Mutex
	byPID   map[int32]*backend
	pending map[string]*backend // keyed by remote address, until the session takes it
	conns   *connTable
}

// backend is one connection's hold on its running statement.
type backend struct {
	pid, secret int32
	conn        net.Conn // the client's connection, to notice when it closes; nil if unknown
	mu          sync.Mutex
	cancel      context.CancelCauseFunc // the running statement's; nil between statements
}

func newBackends(conns *connTable) *backends {
	bs := &backends{byPID: map[int32]*backend{}, pending: map[string]*backend{}, conns: conns}
	conns.mu.Lock()
	conns.closed = bs.unclaimed
	conns.mu.Unlock()
	return bs
}

// unclaimed drops the key of a connection that closed before its session
// started (its start-up failed after the key was sent).
func (bs *backends) unclaimed(addr string) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if b := bs.pending[addr]; b != nil {
		delete(bs.pending, addr)
		delete(bs.byPID, b.pid)
	}
}

// keyData is psql-wire's BackendKeyData callback: a new connection gets a
// process ID and a secret key.
func (bs *backends) keyData(ctx context.Context) (int32, int32) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	b := &backend{secret: random31()}
	for b.pid == 0 || bs.byPID[b.pid] != nil {
		b.pid = random31()
	}
	addr := remoteKey(ctx)
	b.conn = bs.conns.lookup(addr)
	bs.byPID[b.pid] = b
	bs.pending[addr] = b
	return b.pid, b.secret
}

// claim hands a new session its connection's backend.
func (bs *backends) claim(ctx context.Context) *backend {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	addr := remoteKey(ctx)
	b := bs.pending[addr]
	delete(bs.pending, addr)
	if b == nil {
		b = &backend{} // a connection without a key cannot be canceled
	}
	return b
}

// forget drops a closed connection's key.
func (bs *backends) forget(b *backend) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.byPID[b.pid] == b {
		delete(bs.byPID, b.pid)
	}
	b.stop(errClientGone)
}

// cancelRequest is psql-wire's CancelRequest callback. A request with an
// unknown key is ignored, as PostgreSQL ignores it.
func (bs *backends) cancelRequest(_ context.Context, pid, secret int32) error {
	bs.mu.Lock()
	b := bs.byPID[pid]
	bs.mu.Unlock()
	if b == nil || subtle.ConstantTimeEq(b.secret, secret) != 1 {
		return nil
	}
	b.stop(errCanceledByUser)
	return nil
}

// start gives a statement a context that a cancel request or the client
// closing its connection ends; done must be called when the statement is
// over.
func (b *backend) start(ctx context.Context) (_ context.Context, done func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	b.mu.Lock()
	b.cancel = cancel
	b.mu.Unlock()
	stopWatching := b.watchClient(ctx, cancel)
	return ctx, func() {
		stopWatching()
		b.mu.Lock()
		b.cancel = nil
		b.mu.Unlock()
		cancel(nil)
	}
}

// stop cancels the running statement, if any, with cause.
func (b *backend) stop(cause error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cancel != nil {
		b.cancel(cause)
	}
}

// watchClient cancels the statement when the client closes its connection.
func (b *backend) watchClient(ctx context.Context, cancel context.CancelCauseFunc) (stop func()) {
	if b.conn == nil {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		tick := time.NewTicker(clientCheckInterval)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				if peerClosed(b.conn) {
					cancel(errClientGone)
					return
				}
			}
		}
	}()
	return func() { close(done) }
}

// statementError is the error a statement whose context ended reports:
// why it was stopped, whatever error its operators returned.
func statementError(ctx context.Context, err error) error {
	if err == nil || ctx.Err() == nil {
		return err
	}
	if cause, ok := context.Cause(ctx).(*sqlstate.Error); ok {
		return cause
	}
	return err
}

func random31() int32 {
	var buf [4]byte
	if _, err := rand.Read(buf[:]); err != nil {
		panic(err)
	}
	return int32(binary.BigEndian.Uint32(buf[:]) & 0x7fffffff)
}

func remoteKey(ctx context.Context) string {
	if addr := wire.RemoteAddress(ctx); addr != nil {
		return addr.String()
	}
	return ""
}
