package server

import (
	"context"
	"log/slog"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"auger/internal/config"
)

// TestErrorPositionReachesClient checks that an error's statement position
// arrives in the ErrorResponse's Position field, counted in characters of
// the whole query string as PostgreSQL counts them, with the message and
// the code intact.
func TestErrorPositionReachesClient(t *testing.T) {
	addr := serveForTest(t, map[string]*config.Plugin{}, slog.New(slog.DiscardHandler))
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, "postgres://u@"+addr+"/db?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	cases := []struct {
		query, code, message string
		position             int32
	}{
		{"SELECT nosuch", "42703", `column "nosuch" does not exist`, 8},
		{"SELECT 'ü', 'é', nosuch", "42703", `column "nosuch" does not exist`, 18},
		{"SELECT 1;  SELECT 'ü' + ,", "42601", `syntax error at or near ","`, 25},
		{"SELECT 1; SELECT 'ü', nosuch", "42703", `column "nosuch" does not exist`, 23},
		{"SELECT 1 / 0", "22012", "division by zero", 0},
	}
	for _, c := range cases {
		_, err := conn.Exec(ctx, c.query, pgx.QueryExecModeSimpleProtocol)
		pgErr, ok := err.(*pgconn.PgError)
		if !ok || pgErr.Code != c.code || pgErr.Message != c.message || pgErr.Position != c.position {
			t.Errorf("%s: %#v, want %s %q at %d", c.query, err, c.code, c.message, c.position)
		}
	}
}

// TestCharacterPosition counts characters, not bytes, before a position.
func TestCharacterPosition(t *testing.T) {
	query := "SELECT 'ü', x"
	for byteOffset, want := range map[int]int{1: 1, 8: 8, 13: 12, 14: 13, 40: 14} {
		if got := characterPosition(query, byteOffset); got != want {
			t.Errorf("characterPosition(%q, %d) = %d, want %d", query, byteOffset, got, want)
		}
	}
}
