package exec

import (
	"context"
	"errors"
	"io"
	"testing"
)

// closeTracker records when its input is closed.
type closeTracker struct {
	Operator
	closed bool
}

func (c *closeTracker) Close() error {
	c.closed = true
	return c.Operator.Close()
}

// TestMaterialize reads the whole input, and closes it, before yielding
// its first batch.
func TestMaterialize(t *testing.T) {
	tracked := &closeTracker{Operator: input(t)}
	op := NewMaterialize(context.Background(), tracked)
	first, err := op.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	first.Release()
	if !tracked.closed {
		t.Errorf("the input is still open after the first batch")
	}
	second, err := op.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	second.Release()
	if _, err := op.Next(context.Background()); !errors.Is(err, io.EOF) {
		t.Errorf("after the input's two batches: %v", err)
	}
	if err := op.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if got := drain(t, NewMaterialize(context.Background(), input(t))); got != drain(t, input(t)) {
		t.Errorf("rows %q", got)
	}
}
