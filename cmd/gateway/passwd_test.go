package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"auger/internal/testenv"
)

// runPasswd runs `gateway passwd --users FILE NAME` with a password on
// its standard input (not a terminal).
func runPasswd(t *testing.T, users, name, stdin string) (string, error) {
	t.Helper()
	cmd := exec.Command(gatewayBinary, "passwd", "--users", users, name)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestPasswdSubcommand sets passwords with the subcommand: the users file
// holds one verifier a user, never the password, readable by its owner
// only; setting a password again replaces the user's line.
func TestPasswdSubcommand(t *testing.T) {
	users := filepath.Join(t.TempDir(), "users")
	for _, u := range [][2]string{{"alice", "alice's first\n"}, {"bob", "bob's only"}} {
		if out, err := runPasswd(t, users, u[0], u[1]); err != nil || !strings.Contains(out, `password of user "`+u[0]+`" set in `+users) {
			t.Fatalf("passwd %s: %v\n%s", u[0], err, out)
		}
	}
	first, _ := os.ReadFile(users)
	if out, err := runPasswd(t, users, "alice", "alice's second\n"); err != nil {
		t.Fatalf("passwd alice again: %v\n%s", err, out)
	}
	second, err := os.ReadFile(users)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(second)), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "alice:SCRAM-SHA-256$4096:") ||
		!strings.HasPrefix(lines[1], "bob:SCRAM-SHA-256$4096:") {
		t.Errorf("users file:\n%s", second)
	}
	if strings.Split(string(first), "\n")[0] == lines[0] || strings.Split(string(first), "\n")[1] != lines[1] {
		t.Errorf("alice's line did not change, or bob's did:\n%s\n---\n%s", first, second)
	}
	if strings.Contains(string(second), "first") || strings.Contains(string(second), "second") || strings.Contains(string(second), "only") {
		t.Errorf("the users file holds a password:\n%s", second)
	}
	if info, err := os.Stat(users); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("users file mode %v, %v; want 0600", info.Mode(), err)
	}
	for _, c := range []struct{ name, stdin string }{{"carol", ""}, {"carol", "\n"}, {"", "pw\n"}} {
		if out, err := runPasswd(t, users, c.name, c.stdin); err == nil {
			t.Errorf("passwd %q with %q on stdin succeeded:\n%s", c.name, c.stdin, out)
		}
	}
}

// TestGatewayAuthFlags starts the gateway with trust disabled, a users
// file written by `gateway passwd`, TLS and --tls-required: a user logs
// in over verify-full with the right password only, and not without TLS.
// Started without --trust, the gateway trusts loopback again.
func TestGatewayAuthFlags(t *testing.T) {
	dir := t.TempDir()
	users := filepath.Join(dir, "users")
	if out, err := runPasswd(t, users, "alice", "correct horse\n"); err != nil {
		t.Fatalf("passwd: %v\n%s", err, out)
	}
	config := filepath.Join(dir, "storage-plugins.json")
	if err := os.WriteFile(config, []byte(`{"storage": {}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	files := testenv.NewTLSFiles(t)
	addr := freeAddr(t)
	cmd, logs := startGateway(t, "--config", config, "--listen", addr, "--trust=", "--users", users,
		"--tls-cert", files.Cert, "--tls-key", files.Key, "--tls-required")
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	if err := waitForPort(addr, 10*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	ctx := context.Background()
	connect := func(password, params string) error {
		u := url.URL{Scheme: "postgres", User: url.UserPassword("alice", password), Host: addr, Path: "/db", RawQuery: params}
		conn, err := pgx.Connect(ctx, u.String())
		if err == nil {
			err = conn.Ping(ctx)
			conn.Close(ctx)
		}
		return err
	}
	verifyFull := "sslmode=verify-full&sslrootcert=" + url.QueryEscape(files.CA)
	if err := connect("correct horse", verifyFull); err != nil {
		t.Errorf("verify-full with the right password: %v\n%s", err, logs)
	}
	if err := connect("wrong", verifyFull); sqlState(err) != "28P01" {
		t.Errorf("verify-full with a wrong password: %v, want 28P01", err)
	}
	if err := connect("correct horse", "sslmode=disable"); sqlState(err) != "28000" {
		t.Errorf("without TLS: %v, want 28000", err)
	}
	if strings.Contains(logs.String(), "horse") {
		t.Errorf("the log holds a password:\n%s", logs)
	}

	trusting := freeAddr(t)
	cmd2, logs2 := startGateway(t, "--config", config, "--listen", trusting, "--users", users)
	t.Cleanup(func() { cmd2.Process.Kill(); cmd2.Wait() })
	if err := waitForPort(trusting, 10*time.Second); err != nil {
		t.Fatalf("%v\n%s", err, logs2)
	}
	conn, err := pgx.Connect(ctx, "postgres://anyone@"+trusting+"/db?sslmode=disable")
	if err != nil {
		t.Fatalf("loopback trusted by default: %v\n%s", err, logs2)
	}
	conn.Close(ctx)
}

// TestAuthFlagErrors refuses settings that cannot work.
func TestAuthFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--trust", "10.0.0.0/33"},
		{"--trust", "somewhere"},
		{"--auth-method", "md5"},
		{"--tls-cert", "cert.pem"},
		{"--tls-required"},
		{"--tls-cert", "missing.pem", "--tls-key", "missing.key"},
	} {
		opts, err := parseFlags(args)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if _, err := opts.auth.auth(); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
	trust, err := parseTrust("192.168.1.7, 10.1.2.3/8,::1")
	if want := "[192.168.1.7/32 10.0.0.0/8 ::1/128]"; err != nil || fmt.Sprint(trust) != want {
		t.Errorf("parseTrust gave %v, %v; want %s", trust, err, want)
	}
	for _, none := range []string{"", "none"} {
		if trust, err := parseTrust(none); err != nil || len(trust) != 0 {
			t.Errorf("parseTrust(%q) gave %v, %v; want no one", none, trust, err)
		}
	}
}
