package server

import (
	"context"
	"log/slog"
)

// levelFloor is a slog handler that drops records below a level.
type levelFloor struct {
	slog.Handler
	min slog.Level
}

// Enabled implements slog.Handler.
func (h levelFloor) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

// WithAttrs implements slog.Handler.
func (h levelFloor) WithAttrs(attrs []slog.Attr) slog.Handler {
	return levelFloor{h.Handler.WithAttrs(attrs), h.min}
}

// WithGroup implements slog.Handler.
func (h levelFloor) WithGroup(name string) slog.Handler {
	return levelFloor{h.Handler.WithGroup(name), h.min}
}
