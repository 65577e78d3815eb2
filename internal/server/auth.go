package server

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"

	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
	psqlerr "github.com/jeroenrinzema/psql-wire/errors"
	"github.com/jeroenrinzema/psql-wire/pkg/buffer"
)

// Auth says who may connect and how they prove who they are, as
// pg_hba.conf does for PostgreSQL:
//
//   - a client whose address is in Trust is let in without a password;
//   - any other is asked for the password of a user of Users, by
//     SCRAM-SHA-256, or, over TLS and when Cleartext is set, in clear
//     text; a password never travels in clear text without TLS;
//   - it is refused (28000) when Users holds no users, or when
//     TLSRequired is set and the connection is not encrypted.
type Auth struct {
	// Trust lists the client addresses let in without a password.
	Trust []netip.Prefix
	// Users holds the users who log in with a password; nil for none.
	Users *UsersFile
	// TLS, when set, is offered to clients that ask for it (SSLRequest).
	TLS *tls.Config
	// TLSRequired refuses connections without TLS from addresses not
	// trusted.
	TLSRequired bool
	// Cleartext asks clients over TLS for their password in clear text
	// (for clients that lack SCRAM) instead of by SCRAM-SHA-256.
	Cleartext bool
}

// Loopback is the trust of the bundled configuration: connections from
// the machine itself.
var Loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}

// Option configures a Server.
type Option func(*Server)

// WithAuth sets how the server lets clients in. A server without it
// trusts Loopback and lets no one else in.
func WithAuth(a Auth) Option {
	return func(s *Server) { s.auth = a }
}

// authMethod is how one connection must authenticate.
type authMethod int

const (
	methodReject authMethod = iota
	methodTrust
	methodSCRAM
	methodCleartext
)

// login is one connection's authentication: who it says it is, where it
// comes from, and the wire to talk to it.
type login struct {
	user, database string
	remote         net.Addr
	tls            bool
	w              *buffer.Writer
	r              *buffer.Reader
}

// authenticate is psql-wire's auth strategy: it lets the connection in,
// or writes a FATAL error and returns an error that closes it.
func (s *Server) authenticate(ctx context.Context, w *buffer.Writer, r *buffer.Reader) (context.Context, error) {
	params := wire.ClientParameters(ctx)
	_, overTLS := w.Writer.(*tls.Conn)
	l := &login{user: params[wire.ParamUsername], database: params[wire.ParamDatabase],
		remote: wire.RemoteAddress(ctx), tls: overTLS, w: w, r: r}
	var err error
	switch method, why := s.auth.method(l); method {
	case methodTrust:
		err = writeAuth(w, authOK, nil)
	case methodSCRAM:
		err = s.scramLogin(l)
	case methodCleartext:
		err = s.cleartextLogin(l)
	default:
		err = s.refuse(l, why)
	}
	return ctx, err
}

// method chooses how a connection authenticates; for a refusal it also
// says why, for the log.
func (a *Auth) method(l *login) (authMethod, string) {
	if a.trusts(l.remote) {
		return methodTrust, ""
	}
	if a.TLSRequired && !l.tls {
		return methodReject, "TLS is required from addresses not trusted"
	}
	if a.Users == nil {
		return methodReject, "address not trusted and no users file"
	}
	n, err := a.Users.Count()
	if err != nil {
		return methodReject, err.Error()
	}
	if n == 0 {
		return methodReject, "address not trusted and no users in " + a.Users.Path()
	}
	if a.Cleartext && l.tls {
		return methodCleartext, ""
	}
	return methodSCRAM, ""
}

// trusts tells whether a client address is in the trusted networks.
func (a *Auth) trusts(remote net.Addr) bool {
	tcp, ok := remote.(*net.TCPAddr)
	if !ok {
		return false
	}
	ip := tcp.AddrPort().Addr().Unmap()
	for _, p := range a.Trust {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// refuse turns a connection away as PostgreSQL does when no pg_hba.conf
// line matches it.
func (s *Server) refuse(l *login, why string) error {
	encryption := "no encryption"
	if l.tls {
		encryption = "SSL encryption"
	}
	msg := fmt.Sprintf("no pg_hba.conf entry for host %q, user %q, database %q, %s",
		hostOf(l.remote), l.user, l.database, encryption)
	s.log.Warn("connection refused", "user", l.user, "database", l.database, "remote", l.remote, "reason", why)
	return l.fatal(codes.InvalidAuthorizationSpecification, msg)
}

// passwordFailed ends a login whose password is wrong, or whose user does
// not exist: PostgreSQL gives both the same answer, so as not to tell
// which users exist.
func (s *Server) passwordFailed(l *login, method, why string) error {
	s.log.Warn("password authentication failed", "user", l.user, "remote", l.remote,
		"method", method, "reason", why)
	return l.fatal(codes.InvalidPassword, fmt.Sprintf("password authentication failed for user %q", l.user))
}

// protocolViolation ends a login whose client broke the protocol.
func (s *Server) protocolViolation(l *login, msg string) error {
	s.log.Warn("authentication failed", "user", l.user, "remote", l.remote, "reason", msg)
	return l.fatal(codes.ProtocolViolation, msg)
}

// fatal sends the client a FATAL error and closes the connection. The
// error it returns says the connection is closed, which is what psql-wire
// takes for an ordinary end of a connection.
func (l *login) fatal(code codes.Code, msg string) error {
	err := psqlerr.WithSeverity(psqlerr.WithCode(errors.New(msg), code), psqlerr.LevelFatal)
	if werr := wire.WriteUnterminatedError(l.w, err); werr != nil {
		return werr
	}
	if c, ok := l.w.Writer.(io.Closer); ok {
		c.Close()
	}
	return fmt.Errorf("%s: %w", msg, net.ErrClosed)
}

// hostOf is the IP address of a client, without its port.
func hostOf(addr net.Addr) string {
	if tcp, ok := addr.(*net.TCPAddr); ok {
		return tcp.AddrPort().Addr().Unmap().String()
	}
	if addr == nil {
		return ""
	}
	return addr.String()
}
