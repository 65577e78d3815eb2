package postgres

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"auger/internal/config"
)

// defaultConnectTimeout bounds a connection attempt when the configuration
// does not (HikariCP's connectionTimeout).
const defaultConnectTimeout = 10 * time.Second

// poolConfig turns Drill's jdbc fields into a pgxpool configuration:
// `jdbc:postgresql://host:port/db?params` with pgjdbc's parameter names
// translated, username and password overriding the URL's, and HikariCP's
// pool settings from sourceParameters. Its errors name the plugin and the
// field, and never hold a password.
func poolConfig(name string, cfg *config.Plugin) (*pgxpool.Config, error) {
	bad := func(field string, err error) error {
		return &config.Error{Plugin: name, Field: field, Reason: redact(err.Error(), cfg)}
	}
	connString, err := connString(cfg.URL)
	if err != nil {
		return nil, bad("url", err)
	}
	pc, err := pgxpool.ParseConfig(connString)
	if err != nil {
		return nil, bad("url", err)
	}
	if cfg.Username != "" {
		pc.ConnConfig.User = cfg.Username
	}
	if cfg.Password != "" {
		pc.ConnConfig.Password = cfg.Password
	}
	if pc.ConnConfig.ConnectTimeout == 0 {
		pc.ConnConfig.ConnectTimeout = defaultConnectTimeout
	}
	if err := applySourceParameters(pc, cfg.SourceParameters); err != nil {
		return nil, bad("sourceParameters", err)
	}
	if _, ok := pc.ConnConfig.RuntimeParams["application_name"]; !ok {
		pc.ConnConfig.RuntimeParams["application_name"] = "auger"
	}
	// timestamptz values travel as UTC instants either way; UTC keeps the
	// server's text forms (the ::text fallback) independent of its setting.
	pc.ConnConfig.RuntimeParams["timezone"] = "UTC"
	return pc, nil
}

// connString turns a JDBC URL into a libpq-style URL pgx reads.
func connString(jdbcURL string) (string, error) {
	raw := strings.TrimPrefix(strings.TrimSpace(jdbcURL), "jdbc:")
	if !strings.HasPrefix(raw, "postgresql://") && !strings.HasPrefix(raw, "postgres://") {
		return "", errors.New("want jdbc:postgresql://host:port/database")
	}
	base, query, _ := strings.Cut(raw, "?")
	params, err := url.ParseQuery(query)
	if err != nil {
		return "", fmt.Errorf("cannot read the URL's parameters: %v", redactQueryError(err))
	}
	params = translateParams(params)
	if len(params) == 0 {
		return base, nil
	}
	return base + "?" + params.Encode(), nil
}

// redactQueryError keeps a parameter parse error's reason without the text
// it quotes, which may hold a password.
func redactQueryError(err error) string {
	if _, reason, ok := strings.Cut(err.Error(), ": "); ok {
		return reason
	}
	return "malformed"
}

// pgjdbcParams maps pgjdbc's URL parameter names to libpq's.
var pgjdbcParams = map[string]string{
	"currentSchema":   "search_path",
	"ApplicationName": "application_name",
	"connectTimeout":  "connect_timeout",
	"loginTimeout":    "connect_timeout",
}

// targetServerTypes maps pgjdbc's targetServerType to target_session_attrs.
var targetServerTypes = map[string]string{
	"any": "any", "primary": "primary", "master": "primary", "secondary": "standby", "slave": "standby",
	"preferSecondary": "prefer-standby", "preferSlave": "prefer-standby", "preferPrimary": "primary",
}

// translateParams keeps libpq's parameters and PostgreSQL settings (lower
// case names, which pgx knows or sends to the server), translates pgjdbc's
// names libpq has an equivalent for, and drops pgjdbc's own options
// (prepareThreshold, tcpKeepAlive, ...), which pgjdbc handles on the client
// and a server would reject as unknown settings. Keys are taken in sorted
// order, so a libpq name wins over its pgjdbc spelling (connect_timeout
// sorts after connectTimeout) and connectTimeout over loginTimeout.
func translateParams(in url.Values) url.Values {
	out := url.Values{}
	for _, key := range slices.Sorted(maps.Keys(in)) {
		val := in[key][len(in[key])-1]
		switch {
		case key == "ssl":
			if val == "true" && in.Get("sslmode") == "" {
				out.Set("sslmode", "require")
			}
		case key == "targetServerType":
			if attrs, ok := targetServerTypes[val]; ok {
				out.Set("target_session_attrs", attrs)
			}
		case pgjdbcParams[key] != "":
			if out.Get(pgjdbcParams[key]) == "" {
				out.Set(pgjdbcParams[key], val)
			}
		case key == strings.ToLower(key) && !strings.HasPrefix(key, "sslfactory") && key != "sslhostnameverifier":
			out.Set(key, val)
		}
	}
	return out
}

// applySourceParameters maps the HikariCP pool settings Drill uses;
// the others (connectionTestQuery, poolName, ...) do not apply.
func applySourceParameters(pc *pgxpool.Config, params map[string]any) error {
	settings := []struct {
		key   string
		apply func(n int64)
	}{
		{"maximumPoolSize", func(n int64) { pc.MaxConns = int32(max(n, 1)) }},
		{"minimumIdle", func(n int64) { pc.MinConns = int32(max(n, 0)) }},
		{"idleTimeout", func(n int64) { pc.MaxConnIdleTime = millis(n) }},
		{"maxLifetime", func(n int64) { pc.MaxConnLifetime = millis(n) }},
		{"connectionTimeout", func(n int64) { pc.ConnConfig.ConnectTimeout = millis(n) }},
	}
	for _, s := range settings {
		v, ok := params[s.key]
		if !ok {
			continue
		}
		n, err := integer(v)
		if err != nil {
			return fmt.Errorf("%s: %v", s.key, err)
		}
		if n > 0 || s.key == "minimumIdle" {
			s.apply(n)
		}
	}
	pc.MinConns = min(pc.MinConns, pc.MaxConns)
	return nil
}

func millis(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// integer reads a JSON number or a numeric string.
func integer(v any) (int64, error) {
	switch n := v.(type) {
	case float64:
		if n != float64(int64(n)) {
			return 0, fmt.Errorf("%v is not a whole number", n)
		}
		return int64(n), nil
	case int:
		return int64(n), nil
	case int64:
		return n, nil
	case json.Number:
		return n.Int64()
	case string:
		return strconv.ParseInt(strings.TrimSpace(n), 10, 64)
	}
	return 0, fmt.Errorf("%v is not a number", v)
}

// redact removes the configured password, and the one in the URL, from a
// message.
func redact(msg string, cfg *config.Plugin) string {
	secrets := []string{cfg.Password}
	if raw := strings.TrimPrefix(cfg.URL, "jdbc:"); raw != "" {
		if u, err := url.Parse(raw); err == nil {
			if pw, ok := u.User.Password(); ok {
				secrets = append(secrets, pw, url.QueryEscape(pw))
			}
			secrets = append(secrets, u.Query().Get("password"))
		}
	}
	return redactSecret(msg, secrets...)
}

// redactSecret replaces every occurrence of the secrets in msg.
func redactSecret(msg string, secrets ...string) string {
	for _, s := range secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "*****")
		}
	}
	return msg
}
