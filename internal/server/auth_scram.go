package server

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"fmt"

	"github.com/jeroenrinzema/psql-wire/pkg/buffer"
	"github.com/jeroenrinzema/psql-wire/pkg/types"
	"github.com/xdg-go/scram"
)

// The authentication requests of the protocol (AuthenticationXXX
// messages), by their code.
const (
	authOK           int32 = 0
	authCleartext    int32 = 3
	authSASL         int32 = 10
	authSASLContinue int32 = 11
	authSASLFinal    int32 = 12
)

// scramMechanism is the one SASL mechanism offered: channel binding
// (SCRAM-SHA-256-PLUS) is not.
const scramMechanism = "SCRAM-SHA-256"

// writeAuth sends an authentication request with its data.
func writeAuth(w *buffer.Writer, code int32, data []byte) error {
	w.Start(types.ServerAuth)
	w.AddInt32(code)
	w.AddBytes(data)
	return w.End()
}

// scramLogin runs the SASL exchange of SCRAM-SHA-256
// (AuthenticationSASL, SASLInitialResponse, AuthenticationSASLContinue,
// SASLResponse, AuthenticationSASLFinal), the conversation itself being
// github.com/xdg-go/scram's. The user is the start-up one: libpq sends
// none in the SCRAM messages.
func (s *Server) scramLogin(l *login) error {
	creds, known, why := s.credentials(l.user)
	srv, err := scram.SHA256.NewServer(func(string) (scram.StoredCredentials, error) { return creds, nil })
	if err != nil {
		return err
	}
	conv := srv.NewConversation()
	if err := writeAuth(l.w, authSASL, []byte(scramMechanism+"\x00\x00")); err != nil {
		return err
	}
	first, err := readSASLInitial(l.r)
	if err != nil {
		return s.readFailed(l, err)
	}
	reply, err := conv.Step(first)
	if err != nil {
		return s.protocolViolation(l, "malformed SCRAM message")
	}
	if err := writeAuth(l.w, authSASLContinue, []byte(reply)); err != nil {
		return err
	}
	final, err := readSASLResponse(l.r)
	if err != nil {
		return s.readFailed(l, err)
	}
	reply, err = conv.Step(final)
	if !known {
		return s.passwordFailed(l, scramMechanism, why)
	}
	if err != nil || !conv.Valid() {
		return s.passwordFailed(l, scramMechanism, "wrong password")
	}
	if err := writeAuth(l.w, authSASLFinal, []byte(reply)); err != nil {
		return err
	}
	return writeAuth(l.w, authOK, nil)
}

// cleartextLogin asks for the password in clear text and checks it
// against the user's verifier. It runs over TLS only.
func (s *Server) cleartextLogin(l *login) error {
	creds, known, why := s.credentials(l.user)
	if err := writeAuth(l.w, authCleartext, nil); err != nil {
		return err
	}
	if err := readPassword(l.r); err != nil {
		return s.readFailed(l, err)
	}
	password, err := l.r.GetString()
	if err != nil {
		return s.readFailed(l, malformed{})
	}
	got, err := credentialsOf(password, creds.KeyFactors)
	if !known {
		return s.passwordFailed(l, "password", why)
	}
	if err != nil || !hmac.Equal(got.StoredKey, creds.StoredKey) || !hmac.Equal(got.ServerKey, creds.ServerKey) {
		return s.passwordFailed(l, "password", "wrong password")
	}
	return writeAuth(l.w, authOK, nil)
}

// credentials returns a user's stored keys. For a user who does not
// exist (or a users file that cannot be read) it returns made-up ones
// that no password matches, with the same salt every time, so that the
// exchange goes as far as with a real user, as PostgreSQL's mock
// authentication does; why says what is wrong, for the log.
func (s *Server) credentials(user string) (creds scram.StoredCredentials, known bool, why string) {
	creds, known, err := s.auth.Users.lookup(user)
	if known {
		return creds, true, ""
	}
	why = "no such user"
	if err != nil {
		why = err.Error()
	}
	mac := hmac.New(sha256.New, mockSecret)
	mac.Write([]byte(user))
	creds = scram.StoredCredentials{
		KeyFactors: scram.KeyFactors{Salt: string(mac.Sum(nil)[:scramSaltLength]), Iters: scramIterations},
		StoredKey:  randomBytes(sha256.Size),
		ServerKey:  randomBytes(sha256.Size),
	}
	return creds, false, why
}

// mockSecret makes the salts of users who do not exist, the same for
// one user while the process runs.
var mockSecret = randomBytes(32)

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// readPassword reads a PasswordMessage, SASLInitialResponse or
// SASLResponse (all of type 'p'); its fields are then read from r.
func readPassword(r *buffer.Reader) error {
	t, _, err := r.ReadTypedMsg()
	if err != nil {
		return err
	}
	if t != types.ClientPassword {
		return unexpectedMessage(t)
	}
	return nil
}

// readSASLInitial reads the SASLInitialResponse that opens the SASL
// exchange, which names the mechanism the client chose; a wrong
// mechanism is refused before the rest is read, as PostgreSQL does.
func readSASLInitial(r *buffer.Reader) (string, error) {
	if err := readPassword(r); err != nil {
		return "", err
	}
	mechanism, err := r.GetString()
	if err != nil {
		return "", malformed{}
	}
	if mechanism != scramMechanism {
		return "", wrongMechanism{}
	}
	n, err := r.GetInt32()
	if err != nil {
		return "", malformed{}
	}
	data, err := r.GetBytes(int(n))
	if err != nil {
		return "", malformed{}
	}
	return string(data), nil
}

// readSASLResponse reads the SASLResponse that goes on with the
// exchange: its data is the whole message.
func readSASLResponse(r *buffer.Reader) (string, error) {
	if err := readPassword(r); err != nil {
		return "", err
	}
	return string(r.Msg), nil
}

// unexpectedMessage is a message other than a password one during
// authentication.
type unexpectedMessage types.ClientMessage

func (m unexpectedMessage) Error() string {
	return fmt.Sprintf("expected SASL response, got message type %d", byte(m))
}

// malformed is a password message that cannot be read.
type malformed struct{}

func (malformed) Error() string { return "invalid message format" }

// wrongMechanism is a SASL mechanism other than SCRAM-SHA-256.
type wrongMechanism struct{}

func (wrongMechanism) Error() string {
	return "client selected an invalid SASL authentication mechanism"
}

// readFailed ends a login whose password message could not be read: a
// protocol violation is answered; a client that hung up (as psql does
// when it learns a password is needed, to ask for one) is let go
// quietly.
func (s *Server) readFailed(l *login, err error) error {
	switch err.(type) {
	case unexpectedMessage, malformed, wrongMechanism:
		return s.protocolViolation(l, err.Error())
	}
	return err
}
