package server

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"

	"auger/internal/testenv"
)

// authServer is a server with its authentication settings, its address
// and its log.
type authServer struct {
	addr string
	logs *lockedWriter
}

// serveAuth starts a server (no plugins) that authenticates as auth says.
func serveAuth(t *testing.T, auth Auth) *authServer {
	t.Helper()
	logs := &lockedWriter{w: &strings.Builder{}}
	addr := serveForTest(t, nil, slog.New(slog.NewTextHandler(logs, nil)), WithAuth(auth))
	return &authServer{addr: addr, logs: logs}
}

// usersFile writes a users file through SetPassword, the code path of
// `gateway passwd`, with a password for each user.
func usersFile(t *testing.T, passwords map[string]string) *UsersFile {
	t.Helper()
	path := filepath.Join(t.TempDir(), "users")
	for name, password := range passwords {
		if err := SetPassword(path, name, password); err != nil {
			t.Fatal(err)
		}
	}
	f, err := OpenUsersFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// connURL is a libpq URL for the server with a user, password and
// further parameters (sslmode=... and so on).
func (s *authServer) connURL(user, password, params string) string {
	u := url.URL{Scheme: "postgres", Host: s.addr, Path: "/db", RawQuery: params}
	if password != "" {
		u.User = url.UserPassword(user, password)
	} else {
		u.User = url.User(user)
	}
	return u.String()
}

// pgxConnect connects with pgx and runs SELECT 1.
func (s *authServer) pgxConnect(t *testing.T, user, password, params string) error {
	t.Helper()
	cfg, err := pgx.ParseConfig(s.connURL(user, password, params))
	if err != nil {
		t.Fatal(err)
	}
	return pgxSelect1(cfg)
}

func pgxSelect1(cfg *pgx.ConnConfig) error {
	ctx := context.Background()
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT 1", pgx.QueryExecModeSimpleProtocol).Scan(&n); err != nil || n != 1 {
		return fmt.Errorf("SELECT 1 gave %d, %v", n, err)
	}
	return nil
}

// wantLoginError checks that err is PostgreSQL's FATAL error with code and
// message.
func wantLoginError(t *testing.T, what string, err error, code, message string) {
	t.Helper()
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		t.Errorf("%s: error %v, want %s %q", what, err, code, message)
		return
	}
	if pgErr.Code != code || pgErr.Message != message || pgErr.Severity != "FATAL" {
		t.Errorf("%s: %s %s %q, want FATAL %s %q", what, pgErr.Severity, pgErr.Code, pgErr.Message, code, message)
	}
}

// TestSCRAMWithPgx logs in by SCRAM-SHA-256 from an address not trusted:
// the right password lets pgx in, a wrong one or a user who does not exist
// get PostgreSQL's 28P01, logged with the user and the address and without
// the password.
func TestSCRAMWithPgx(t *testing.T) {
	s := serveAuth(t, Auth{Users: usersFile(t, map[string]string{"alice": "correct horse", "bob": "battery staple"})})
	if err := s.pgxConnect(t, "alice", "correct horse", "sslmode=disable"); err != nil {
		t.Errorf("alice with her password: %v", err)
	}
	if err := s.pgxConnect(t, "bob", "battery staple", "sslmode=disable"); err != nil {
		t.Errorf("bob with his password: %v", err)
	}
	err := s.pgxConnect(t, "alice", "battery staple", "sslmode=disable")
	wantLoginError(t, "alice with a wrong password", err, "28P01", `password authentication failed for user "alice"`)
	err = s.pgxConnect(t, "carol", "correct horse", "sslmode=disable")
	wantLoginError(t, "a user who does not exist", err, "28P01", `password authentication failed for user "carol"`)
	err = s.pgxConnect(t, "alice", "", "sslmode=disable")
	wantLoginError(t, "alice without a password", err, "28P01", `password authentication failed for user "alice"`)
	logs := s.logs.String()
	for _, want := range []string{
		`msg="password authentication failed" user=alice remote=127.0.0.1:`,
		`msg="password authentication failed" user=carol remote=127.0.0.1:`,
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("the log lacks %q:\n%s", want, logs)
		}
	}
	if strings.Contains(logs, "horse") || strings.Contains(logs, "battery") {
		t.Errorf("the log holds a password:\n%s", logs)
	}
}

// psqlRun runs psql -c 'SELECT 1' with a connection string and a
// password, and returns its output and error.
func psqlRun(t *testing.T, conninfo, password string, args ...string) (string, error) {
	t.Helper()
	if len(args) == 0 {
		args = []string{"-c", "SELECT 1"}
	}
	cmd := exec.Command(testenv.Psql(t), append([]string{"-X", "-A", "-t", "-w", "-d", conninfo}, args...)...)
	cmd.Env = []string{"PGPASSWORD=" + password}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PG") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// conninfo is a libpq key=value connection string to the server.
func (s *authServer) conninfo(user string, more ...string) string {
	host, port, _ := net.SplitHostPort(s.addr)
	return strings.Join(append([]string{"host=" + host, "port=" + port, "user=" + user, "dbname=db"}, more...), " ")
}

// TestSCRAMWithPsql logs in with psql (libpq) and PGPASSWORD.
func TestSCRAMWithPsql(t *testing.T) {
	s := serveAuth(t, Auth{Users: usersFile(t, map[string]string{"alice": "correct horse"})})
	out, err := psqlRun(t, s.conninfo("alice"), "correct horse")
	if err != nil || strings.TrimSpace(out) != "1" {
		t.Errorf("psql with the right password: %v\n%s", err, out)
	}
	for _, user := range []string{"alice", "nobody"} {
		out, err = psqlRun(t, s.conninfo(user), "wrong")
		want := fmt.Sprintf(`FATAL:  password authentication failed for user "%s"`, user)
		if err == nil || !strings.Contains(out, want) {
			t.Errorf("psql as %s with a wrong password: %v\n%s\nwant %s", user, err, out, want)
		}
	}
}

// TestPostgreSQLVerifierLogsIn puts a verifier that PostgreSQL itself
// made (in a transaction rolled back) into a users file: its password
// logs in, so the file speaks PostgreSQL's format; and NewVerifier writes
// that format.
func TestPostgreSQLVerifierLogsIn(t *testing.T) {
	ctx := context.Background()
	pg, err := pgx.Connect(ctx, testenv.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close(ctx)
	tx, err := pg.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	var verifier string
	for _, stmt := range []string{
		"SET LOCAL password_encryption = 'scram-sha-256'",
		"CREATE ROLE auger_verifier_probe LOGIN PASSWORD 'from PostgreSQL'",
	} {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	if err := tx.QueryRow(ctx, "SELECT rolpassword FROM pg_authid WHERE rolname = 'auger_verifier_probe'").Scan(&verifier); err != nil {
		t.Fatal(err)
	}
	shape := regexp.MustCompile(`^SCRAM-SHA-256\$4096:[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$`)
	if !shape.MatchString(verifier) {
		t.Fatalf("PostgreSQL's verifier %q has another shape than the test expects", verifier)
	}
	ours, err := NewVerifier("from Auger")
	if err != nil || !shape.MatchString(ours) {
		t.Errorf("NewVerifier gave %q, %v; want PostgreSQL's shape", ours, err)
	}
	path := filepath.Join(t.TempDir(), "users")
	if err := os.WriteFile(path, []byte("# made by PostgreSQL\nprobe:"+verifier+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	users, err := OpenUsersFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := serveAuth(t, Auth{Users: users})
	if err := s.pgxConnect(t, "probe", "from PostgreSQL", "sslmode=disable"); err != nil {
		t.Errorf("PostgreSQL's verifier: %v", err)
	}
	err = s.pgxConnect(t, "probe", "from Auger", "sslmode=disable")
	wantLoginError(t, "a wrong password", err, "28P01", `password authentication failed for user "probe"`)
}

// TestUsersFileChangesCount sets a password on a running server: it
// counts from the next login, the old one no longer does, and a server
// whose users file did not exist at start gets its first user.
func TestUsersFileChangesCount(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users")
	users, err := OpenUsersFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := serveAuth(t, Auth{Users: users})
	err = s.pgxConnect(t, "alice", "first", "sslmode=disable")
	wantLoginError(t, "before the file exists", err, "28000",
		`no pg_hba.conf entry for host "127.0.0.1", user "alice", database "db", no encryption`)
	for _, password := range []string{"first", "second"} {
		if err := SetPassword(path, "alice", password); err != nil {
			t.Fatal(err)
		}
		if err := s.pgxConnect(t, "alice", password, "sslmode=disable"); err != nil {
			t.Errorf("password %q: %v", password, err)
		}
	}
	err = s.pgxConnect(t, "alice", "first", "sslmode=disable")
	wantLoginError(t, "the old password", err, "28P01", `password authentication failed for user "alice"`)
}

// TestTrust lets trusted addresses in without a password, and only them.
func TestTrust(t *testing.T) {
	users := usersFile(t, map[string]string{"alice": "pw"})
	trusted := serveAuth(t, Auth{Trust: Loopback, Users: users})
	if err := trusted.pgxConnect(t, "alice", "", "sslmode=disable"); err != nil {
		t.Errorf("loopback trusted: %v", err)
	}
	if err := trusted.pgxConnect(t, "anyone", "", "sslmode=disable"); err != nil {
		t.Errorf("loopback trusted, a user not in the file: %v", err)
	}
	other := serveAuth(t, Auth{Trust: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}, Users: users})
	err := other.pgxConnect(t, "alice", "", "sslmode=disable")
	wantLoginError(t, "only 10/8 trusted", err, "28P01", `password authentication failed for user "alice"`)
	nobody := serveAuth(t, Auth{})
	err = nobody.pgxConnect(t, "alice", "pw", "sslmode=disable")
	wantLoginError(t, "no trust, no users", err, "28000",
		`no pg_hba.conf entry for host "127.0.0.1", user "alice", database "db", no encryption`)
	if !strings.Contains(nobody.logs.String(), `msg="connection refused" user=alice database=db remote=127.0.0.1:`) {
		t.Errorf("the refusal is not logged:\n%s", nobody.logs)
	}
}

// TestTrustMatchesAddresses checks the address rules, IPv6 and IPv4
// mapped into IPv6 included.
func TestTrustMatchesAddresses(t *testing.T) {
	a := Auth{Trust: append([]netip.Prefix{netip.MustParsePrefix("192.168.1.0/24")}, Loopback...)}
	for _, c := range []struct {
		ip      string
		trusted bool
	}{
		{"127.0.0.1", true}, {"127.10.0.1", true}, {"::1", true}, {"::ffff:127.0.0.1", true},
		{"192.168.1.77", true}, {"192.168.2.1", false}, {"10.0.0.1", false}, {"::2", false},
	} {
		addr := &net.TCPAddr{IP: net.ParseIP(c.ip), Port: 5000}
		if got := a.trusts(addr); got != c.trusted {
			t.Errorf("%s: trusted %v, want %v", c.ip, got, c.trusted)
		}
	}
}

// tlsServer serves with a fresh certificate authority's server
// certificate and the users alice and bob.
func tlsServer(t *testing.T, auth Auth) (*authServer, testenv.TLSFiles) {
	t.Helper()
	files := testenv.NewTLSFiles(t)
	cfg, err := LoadTLS(files.Cert, files.Key)
	if err != nil {
		t.Fatal(err)
	}
	auth.TLS = cfg
	auth.Users = usersFile(t, map[string]string{"alice": "correct horse"})
	return serveAuth(t, auth), files
}

// TestTLS connects with sslmode=require and verify-full (pgx and psql),
// checks that the connection is encrypted, and that verify-full refuses
// a server whose certificate names another host.
func TestTLS(t *testing.T) {
	s, files := tlsServer(t, Auth{})
	_, port, _ := net.SplitHostPort(s.addr)
	verifyFull := "sslmode=verify-full&sslrootcert=" + url.QueryEscape(files.CA)
	for _, c := range []struct{ host, params string }{
		{"127.0.0.1", "sslmode=require"},
		{"127.0.0.1", verifyFull},
		{"localhost", verifyFull},
	} {
		u := s.connURL("alice", "correct horse", c.params)
		u = strings.Replace(u, "127.0.0.1:", c.host+":", 1)
		cfg, err := pgx.ParseConfig(u)
		if err != nil {
			t.Fatal(err)
		}
		if err := pgxSelect1(cfg); err != nil {
			t.Errorf("pgx to %s with %s: %v", c.host, c.params, err)
		}
	}
	cfg, err := pgx.ParseConfig(s.connURL("alice", "correct horse", verifyFull))
	if err != nil {
		t.Fatal(err)
	}
	cfg.TLSConfig.ServerName = "wrong.example"
	if err := pgxSelect1(cfg); err == nil || !strings.Contains(err.Error(), "certificate is valid for localhost, not wrong.example") {
		t.Errorf("pgx verify-full for a wrong host name: %v, want a certificate error", err)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.connURL("alice", "correct horse", "sslmode=require"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := conn.PgConn().Conn().(*tls.Conn); !ok {
		t.Errorf("sslmode=require gave a %T, not a TLS connection", conn.PgConn().Conn())
	}
	conn.Close(ctx)

	for _, host := range []string{"127.0.0.1", "localhost"} {
		info := fmt.Sprintf("host=%s port=%s user=alice dbname=db sslmode=verify-full sslrootcert=%s", host, port, files.CA)
		out, err := psqlRun(t, info, "correct horse", "-c", `\conninfo`, "-c", "SELECT 1")
		if err != nil || !strings.Contains(out, "SSL connection (protocol: TLSv1.") || !strings.HasSuffix(out, "\n1\n") {
			t.Errorf("psql verify-full to %s: %v\n%s", host, err, out)
		}
	}
	out, err := psqlRun(t, s.conninfo("alice", "sslmode=require"), "correct horse")
	if err != nil || strings.TrimSpace(out) != "1" {
		t.Errorf("psql sslmode=require: %v\n%s", err, out)
	}
	wrong := fmt.Sprintf("host=wrong.example hostaddr=127.0.0.1 port=%s user=alice dbname=db sslmode=verify-full sslrootcert=%s", port, files.CA)
	out, err = psqlRun(t, wrong, "correct horse")
	if err == nil || !strings.Contains(out, `does not match host name "wrong.example"`) {
		t.Errorf("psql verify-full for a wrong host name: %v\n%s", err, out)
	}
	out, err = psqlRun(t, s.conninfo("alice", "sslmode=require"), "wrong")
	if err == nil || !strings.Contains(out, `FATAL:  password authentication failed for user "alice"`) {
		t.Errorf("psql over TLS with a wrong password: %v\n%s", err, out)
	}
}

// TestNoTLSWithoutCertificate answers SSLRequest with N when no
// certificate is configured, so sslmode=require fails on the client.
func TestNoTLSWithoutCertificate(t *testing.T) {
	s := serveAuth(t, Auth{Trust: Loopback})
	err := s.pgxConnect(t, "alice", "", "sslmode=require")
	if err == nil || !strings.Contains(err.Error(), "server refused TLS connection") {
		t.Errorf("sslmode=require without a certificate: %v", err)
	}
	if err := s.pgxConnect(t, "alice", "", "sslmode=prefer"); err != nil {
		t.Errorf("sslmode=prefer without a certificate: %v", err)
	}
}

// TestTLSRequired refuses connections without TLS from addresses not
// trusted, and lets those with TLS log in.
func TestTLSRequired(t *testing.T) {
	s, _ := tlsServer(t, Auth{TLSRequired: true})
	err := s.pgxConnect(t, "alice", "correct horse", "sslmode=disable")
	wantLoginError(t, "without TLS", err, "28000",
		`no pg_hba.conf entry for host "127.0.0.1", user "alice", database "db", no encryption`)
	if err := s.pgxConnect(t, "alice", "correct horse", "sslmode=require"); err != nil {
		t.Errorf("with TLS: %v", err)
	}
	trusted, _ := tlsServer(t, Auth{TLSRequired: true, Trust: Loopback})
	if err := trusted.pgxConnect(t, "alice", "", "sslmode=disable"); err != nil {
		t.Errorf("a trusted address without TLS: %v", err)
	}
}

// rawLogin starts a connection by hand (pgproto3), over TLS when asked,
// and returns the frontend and the server's first authentication request.
func rawLogin(t *testing.T, addr string, overTLS bool) (*pgproto3.Frontend, pgproto3.BackendMessage) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if overTLS {
		if _, err := conn.Write([]byte{0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f}); err != nil {
			t.Fatal(err)
		}
		answer := make([]byte, 1)
		if _, err := conn.Read(answer); err != nil || answer[0] != 'S' {
			t.Fatalf("SSLRequest answered %q, %v", answer, err)
		}
		conn = tls.Client(conn, &tls.Config{InsecureSkipVerify: true})
	}
	fe := pgproto3.NewFrontend(conn, conn)
	fe.Send(&pgproto3.StartupMessage{ProtocolVersion: pgproto3.ProtocolVersionNumber,
		Parameters: map[string]string{"user": "alice", "database": "db"}})
	if err := fe.Flush(); err != nil {
		t.Fatal(err)
	}
	msg, err := fe.Receive()
	if err != nil {
		t.Fatal(err)
	}
	return fe, msg
}

// sendPassword answers with a PasswordMessage and returns the reply.
func sendPassword(t *testing.T, fe *pgproto3.Frontend, password string) pgproto3.BackendMessage {
	t.Helper()
	fe.Send(&pgproto3.PasswordMessage{Password: password})
	if err := fe.Flush(); err != nil {
		t.Fatal(err)
	}
	msg, err := fe.Receive()
	if err != nil {
		t.Fatal(err)
	}
	return msg
}

// TestCleartextOnlyOverTLS checks that a password is asked in clear text
// only over TLS and only when Cleartext is set: over plain TCP the
// server asks for SCRAM-SHA-256 alone, and a clear-text password sent
// instead is refused.
func TestCleartextOnlyOverTLS(t *testing.T) {
	for _, cleartext := range []bool{false, true} {
		s, _ := tlsServer(t, Auth{Cleartext: cleartext})
		_, msg := rawLogin(t, s.addr, false)
		sasl, ok := msg.(*pgproto3.AuthenticationSASL)
		if !ok || len(sasl.AuthMechanisms) != 1 || sasl.AuthMechanisms[0] != "SCRAM-SHA-256" {
			t.Errorf("cleartext %v, plain TCP: asked %#v, want SCRAM-SHA-256 alone", cleartext, msg)
		}
		fe, _ := rawLogin(t, s.addr, false)
		reply := sendPassword(t, fe, "correct horse")
		if e, ok := reply.(*pgproto3.ErrorResponse); !ok || e.Code != "08P01" ||
			e.Message != "client selected an invalid SASL authentication mechanism" {
			t.Errorf("cleartext %v, a clear-text password over plain TCP: %#v, want 08P01", cleartext, reply)
		}
		fe, msg = rawLogin(t, s.addr, true)
		if !cleartext {
			if _, ok := msg.(*pgproto3.AuthenticationSASL); !ok {
				t.Errorf("over TLS without Cleartext: asked %#v, want SCRAM", msg)
			}
			continue
		}
		if _, ok := msg.(*pgproto3.AuthenticationCleartextPassword); !ok {
			t.Fatalf("over TLS with Cleartext: asked %#v, want a clear-text password", msg)
		}
		if reply := sendPassword(t, fe, "correct horse"); !isAuthOK(reply) {
			t.Errorf("the right clear-text password over TLS: %#v", reply)
		}
		fe, _ = rawLogin(t, s.addr, true)
		if e, ok := sendPassword(t, fe, "wrong").(*pgproto3.ErrorResponse); !ok || e.Code != "28P01" ||
			e.Message != `password authentication failed for user "alice"` {
			t.Errorf("a wrong clear-text password over TLS: %#v", e)
		}
		if err := s.pgxConnect(t, "alice", "correct horse", "sslmode=require"); err != nil {
			t.Errorf("pgx with a clear-text password over TLS: %v", err)
		}
		if err := s.pgxConnect(t, "alice", "correct horse", "sslmode=disable"); err != nil {
			t.Errorf("pgx by SCRAM without TLS: %v", err)
		}
	}
}

func isAuthOK(m pgproto3.BackendMessage) bool {
	_, ok := m.(*pgproto3.AuthenticationOk)
	return ok
}

// TestVerifiers reads verifiers back and refuses malformed ones.
func TestVerifiers(t *testing.T) {
	v, err := NewVerifier("pässwörd")
	if err != nil {
		t.Fatal(err)
	}
	creds, err := parseVerifier(v)
	if err != nil {
		t.Fatal(err)
	}
	again, err := credentialsOf("pässwörd", creds.KeyFactors)
	if err != nil || string(again.StoredKey) != string(creds.StoredKey) || string(again.ServerKey) != string(creds.ServerKey) {
		t.Errorf("the password does not give its verifier's keys again")
	}
	other, _ := NewVerifier("pässwörd")
	if other == v {
		t.Errorf("two verifiers of one password share their salt")
	}
	for _, bad := range []string{
		"md5c4ca4238a0b923820dcc509a6f75849b",
		"SCRAM-SHA-256$0:c2FsdA==$" + strings.Repeat("A", 43) + "=:" + strings.Repeat("A", 43) + "=",
		"SCRAM-SHA-256$4096:c2FsdA==$AAAA:" + strings.Repeat("A", 43) + "=",
		"SCRAM-SHA-256$4096:c2FsdA==",
		"SCRAM-SHA-256$4096:!!!$" + strings.Repeat("A", 43) + "=:" + strings.Repeat("A", 43) + "=",
	} {
		if _, err := parseVerifier(bad); err == nil {
			t.Errorf("%q read as a verifier", bad)
		}
	}
}

// TestSetPassword writes and rewrites users: only verifiers reach the
// file, other lines stay, and malformed files and names are refused.
func TestSetPassword(t *testing.T) {
	path := filepath.Join(t.TempDir(), "users")
	if err := os.WriteFile(path, []byte("# users of the gateway\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, u := range [][2]string{{"alice", "first secret"}, {"bob", "bob's secret"}, {"alice", "second secret"}} {
		if err := SetPassword(path, u[0], u[1]); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 3 || lines[0] != "# users of the gateway" ||
		!strings.HasPrefix(lines[1], "alice:SCRAM-SHA-256$4096:") || !strings.HasPrefix(lines[2], "bob:SCRAM-SHA-256$4096:") {
		t.Errorf("users file:\n%s", data)
	}
	if strings.Contains(string(data), "secret") {
		t.Errorf("the users file holds a password:\n%s", data)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("users file mode %v, %v; want 0600", info.Mode(), err)
	}
	for _, name := range []string{"", "a:b", "#x", "two\nlines"} {
		if err := SetPassword(path, name, "pw"); err == nil {
			t.Errorf("user name %q accepted", name)
		}
	}
	if err := SetPassword(path, "carol", ""); err == nil {
		t.Errorf("an empty password accepted")
	}
	if err := os.WriteFile(path, []byte("alice:plain password\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenUsersFile(path); err == nil || !strings.Contains(err.Error(), `line 1 (user "alice")`) {
		t.Errorf("a password in clear in the users file: %v, want an error naming the line", err)
	}
	if err := SetPassword(path, "bob", "pw"); err == nil {
		t.Errorf("SetPassword rewrote a malformed users file")
	}
}
