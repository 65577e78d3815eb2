package server

import (
	"context"
	"net"
	"strings"

	wire "github.com/jeroenrinzema/psql-wire"
	psqlerr "github.com/jeroenrinzema/psql-wire/errors"

	"auger/internal/engine"
)

// startSession applies the client's start-up parameters to a new session
// and reports the parameters PostgreSQL reports: psql-wire has written
// its own set already (with server_version "150000"); what follows, before
// the first ReadyForQuery, is what the client keeps. A bad parameter ends
// the connection with a FATAL error, as in PostgreSQL.
func (s *Server) startSession(ctx context.Context, session *engine.Session, b *backend) error {
	params := wire.ClientParameters(ctx)
	conn := engine.Connection{User: params[wire.ParamUsername], Database: params[wire.ParamDatabase],
		Superuser: wire.IsSuperUser(ctx), BackendPID: b.pid, Options: startupOptions(params)}
	if tcp, ok := wire.RemoteAddress(ctx).(*net.TCPAddr); ok {
		conn.ClientAddr, conn.ClientPort = tcp.IP.String(), tcp.Port
	}
	if b.conn != nil {
		if tcp, ok := b.conn.LocalAddr().(*net.TCPAddr); ok {
			conn.ServerAddr, conn.ServerPort = tcp.IP.String(), tcp.Port
		}
	}
	w := writerOf(ctx)
	if err := session.Start(conn); err != nil {
		if w != nil {
			fatal := psqlerr.WithSeverity(toWireError(err, ""), psqlerr.LevelFatal)
			_ = wire.WriteUnterminatedError(w, fatal)
		}
		return err
	}
	if w == nil {
		return nil
	}
	return writeParameters(w, session.ReportedParameters())
}

// notSettings are the start-up parameters that name no setting.
var notSettings = map[string]bool{"user": true, "database": true, "options": true, "replication": true}

// startupOptions are the start-up parameters that are settings: each one
// the client sent by name (application_name, DateStyle ...) and each of
// options' "-c name=value" and "--name=value".
func startupOptions(params wire.Parameters) map[string]string {
	out := map[string]string{}
	for name, value := range params {
		if !notSettings[strings.ToLower(string(name))] {
			out[string(name)] = value
		}
	}
	words := splitOptions(params["options"])
	for i := 0; i < len(words); i++ {
		word := words[i]
		switch {
		case word == "-c" && i+1 < len(words):
			i++
			word = words[i]
		case strings.HasPrefix(word, "-c"):
			word = word[2:]
		case strings.HasPrefix(word, "--"):
			word = word[2:]
		default:
			continue
		}
		if name, value, ok := strings.Cut(word, "="); ok {
			out[strings.ReplaceAll(name, "-", "_")] = value
		}
	}
	return out
}

// splitOptions splits the options start-up parameter at white space; a
// backslash makes the next character part of the word, as in libpq.
func splitOptions(s string) []string {
	var out []string
	var word strings.Builder
	inWord, escaped := false, false
	for _, r := range s {
		switch {
		case escaped:
			word.WriteRune(r)
			escaped = false
		case r == '\\':
			escaped, inWord = true, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				out = append(out, word.String())
				word.Reset()
				inWord = false
			}
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		out = append(out, word.String())
	}
	return out
}
