package server

import (
	"context"
	"maps"
	"slices"

	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/pkg/buffer"
	"github.com/jeroenrinzema/psql-wire/pkg/types"

	"auger/internal/engine"
)

// psql-wire writes ParameterStatus only at start-up, with server_version
// fixed to "150000", and has no NoticeResponse at all; its DataWriter
// writes rows and command tags only. Its authentication hook is the one
// place that is handed the connection's message writer, so the server
// keeps that writer in the connection's context and writes, between a
// statement's rows and its CommandComplete, the messages PostgreSQL
// writes there: the notices (WARNING: there is no transaction in
// progress) and the ParameterStatus of each reported setting the
// statement changed. The writer writes each message as a whole, in the
// order the protocol needs, and only the connection's own goroutine uses
// it.

type writerKey struct{}

// keepWriter wraps an authentication strategy so that the connection's
// context keeps its message writer.
func keepWriter(strategy wire.AuthStrategy) wire.AuthStrategy {
	return func(ctx context.Context, w *buffer.Writer, r *buffer.Reader) (context.Context, error) {
		ctx, err := strategy(ctx, w, r)
		if err != nil {
			return ctx, err
		}
		return context.WithValue(ctx, writerKey{}, w), nil
	}
}

func writerOf(ctx context.Context) *buffer.Writer {
	w, _ := ctx.Value(writerKey{}).(*buffer.Writer)
	return w
}

// writeParameters writes one ParameterStatus per parameter, sorted by name.
func writeParameters(w *buffer.Writer, params map[string]string) error {
	for _, name := range slices.Sorted(maps.Keys(params)) {
		w.Start(types.ServerParameterStatus)
		w.AddString(name)
		w.AddNullTerminate()
		w.AddString(params[name])
		w.AddNullTerminate()
		if err := w.End(); err != nil {
			return err
		}
	}
	return nil
}

// writeNotice writes a NoticeResponse with the fields PostgreSQL sends.
func writeNotice(w *buffer.Writer, n engine.Notice) error {
	w.Start(types.ServerNoticeResponse)
	for _, f := range []struct {
		kind  byte
		value string
	}{{'S', n.Severity}, {'V', n.Severity}, {'C', n.Code}, {'M', n.Message}, {'D', n.Detail}, {'H', n.Hint}} {
		if f.value != "" {
			w.AddByte(f.kind)
			w.AddString(f.value)
			w.AddNullTerminate()
		}
	}
	w.AddNullTerminate()
	return w.End()
}

// sendMessages writes what the session's statements left for the client:
// notices, then the new values of reported parameters.
func sendMessages(ctx context.Context, session *engine.Session) error {
	m := session.TakeMessages()
	w := writerOf(ctx)
	if w == nil {
		return nil
	}
	for _, n := range m.Notices {
		if err := writeNotice(w, n); err != nil {
			return err
		}
	}
	return writeParameters(w, m.Parameters)
}
