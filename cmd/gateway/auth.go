package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/netip"
	"strings"

	"auger/internal/server"
)

// authFlags are the command-line flags that say who may connect.
type authFlags struct {
	users       string
	trust       string
	tlsCert     string
	tlsKey      string
	tlsRequired bool
	authMethod  string
}

// defaultUsersFile is where `gateway passwd` writes and the gateway reads
// users unless told otherwise.
const defaultUsersFile = "conf/users"

func (a *authFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&a.users, "users", defaultUsersFile,
		"users file written by `gateway passwd`: the users who may log in with a password (read again when it changes)")
	fs.StringVar(&a.trust, "trust", "127.0.0.0/8,::1/128",
		"client addresses let in without a password, comma-separated CIDRs or addresses; empty or none for no one")
	fs.StringVar(&a.tlsCert, "tls-cert", "", "PEM server certificate: clients may then use TLS (sslmode=require, verify-full)")
	fs.StringVar(&a.tlsKey, "tls-key", "", "PEM private key of --tls-cert")
	fs.BoolVar(&a.tlsRequired, "tls-required", false, "refuse connections without TLS from addresses not trusted")
	fs.StringVar(&a.authMethod, "auth-method", "scram-sha-256",
		"how users send their password: scram-sha-256, or password (clear text, asked over TLS only; connections without TLS still use scram-sha-256)")
}

// auth turns the flags into the server's authentication settings.
func (a *authFlags) auth() (server.Auth, error) {
	var out server.Auth
	var err error
	if out.Trust, err = parseTrust(a.trust); err != nil {
		return out, fmt.Errorf("--trust: %w", err)
	}
	switch a.authMethod {
	case "scram-sha-256":
	case "password":
		out.Cleartext = true
	default:
		return out, fmt.Errorf("--auth-method %q: want scram-sha-256 or password", a.authMethod)
	}
	if (a.tlsCert == "") != (a.tlsKey == "") {
		return out, errors.New("--tls-cert and --tls-key go together")
	}
	if a.tlsCert != "" {
		if out.TLS, err = server.LoadTLS(a.tlsCert, a.tlsKey); err != nil {
			return out, err
		}
	}
	if a.tlsRequired && out.TLS == nil {
		return out, errors.New("--tls-required needs --tls-cert and --tls-key")
	}
	out.TLSRequired = a.tlsRequired
	if a.users != "" {
		if out.Users, err = server.OpenUsersFile(a.users); err != nil {
			return out, err
		}
	}
	return out, nil
}

// parseTrust reads a comma-separated list of CIDRs and addresses.
func parseTrust(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	if strings.TrimSpace(list) == "none" {
		return nil, nil
	}
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if addr, err := netip.ParseAddr(item); err == nil {
			out = append(out, netip.PrefixFrom(addr, addr.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(item)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// logAuth says at start-up who may connect.
func logAuth(log *slog.Logger, a server.Auth) {
	users := 0
	path := ""
	if a.Users != nil {
		users, _ = a.Users.Count()
		path = a.Users.Path()
	}
	log.Info("authentication", "trust", a.Trust, "users_file", path, "users", users,
		"tls", a.TLS != nil, "tls_required", a.TLSRequired, "cleartext_over_tls", a.Cleartext)
}
