package exec

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
)

// SpillSpace is where the operators of one query write what does not fit
// in the memory budget: a directory made on first use under a root folder
// (--spill-dir, else the system's temporary folder) and removed, with
// everything in it, when the query ends. Operators remove their own files
// when they close; removing the space catches whatever an error left.
type SpillSpace struct {
	root    string
	mu      sync.Mutex
	dir     string // "" until the first file
	written atomic.Int64
}

// NewSpillSpace returns a space under root ("" for os.TempDir()). Nothing
// is created until an operator spills.
func NewSpillSpace(root string) *SpillSpace {
	if root == "" {
		root = os.TempDir()
	}
	return &SpillSpace{root: root}
}

// Written is how many bytes the query's operators have spilled so far.
func (s *SpillSpace) Written() int64 { return s.written.Load() }

// folder is the space's directory, "" while nothing has spilled.
func (s *SpillSpace) folder() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.dir
}

// create opens a new file in the space for an operator to spill into.
func (s *SpillSpace) create(prefix string) (*os.File, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dir == "" {
		dir, err := os.MkdirTemp(s.root, "auger-query-")
		if err != nil {
			return nil, fmt.Errorf("spill: %w", err)
		}
		s.dir = dir
	}
	f, err := os.CreateTemp(s.dir, prefix+"-*.arrow")
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	return f, nil
}

// Remove deletes the space's directory and everything in it.
func (s *SpillSpace) Remove() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dir == "" {
		return nil
	}
	err := os.RemoveAll(s.dir)
	s.dir = ""
	return err
}

// countingWriter adds what passes through it to the space's total.
type countingWriter struct {
	f     *os.File
	space *SpillSpace
}

func (w countingWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.space.written.Add(int64(n))
	return n, err
}

type spillKey struct{}

// WithSpillSpace returns a context whose operators spill into s.
func WithSpillSpace(ctx context.Context, s *SpillSpace) context.Context {
	return context.WithValue(ctx, spillKey{}, s)
}

// spillSpaceOf is the query's spill space. Without one the operator gets
// a space of its own (own is true), which it must remove when it closes.
func spillSpaceOf(ctx context.Context) (space *SpillSpace, own bool) {
	if s, ok := ctx.Value(spillKey{}).(*SpillSpace); ok && s != nil {
		return s, false
	}
	return NewSpillSpace(""), true
}
