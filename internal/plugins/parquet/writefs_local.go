package parquet

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
)

var _ writableFS = localFS{}

// Create implements writableFS: the bytes go to a hidden sibling file that
// Close renames to p.
func (localFS) Create(_ context.Context, p string) (FileWriter, error) {
	if err := os.MkdirAll(path.Dir(p), 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(path.Dir(p), "."+path.Base(p)+".part-*")
	if err != nil {
		return nil, err
	}
	return &localFileWriter{File: f, buf: bufio.NewWriterSize(f, 256<<10), final: p}, nil
}

// Rename implements writableFS; the target must not exist.
func (localFS) Rename(_ context.Context, from, to string) error {
	if _, err := os.Lstat(to); err == nil {
		return fmt.Errorf("rename %s: %s: %w", from, to, fs.ErrExist)
	}
	return os.Rename(from, to)
}

// RemoveAll implements writableFS.
func (localFS) RemoveAll(_ context.Context, p string) error { return os.RemoveAll(p) }

// localFileWriter is a local file being written under a temporary name,
// through a buffer.
type localFileWriter struct {
	*os.File
	buf   *bufio.Writer
	final string
}

// Write implements FileWriter.
func (w *localFileWriter) Write(p []byte) (int, error) { return w.buf.Write(p) }

// Close implements FileWriter: it flushes and syncs the file and gives it
// its name.
func (w *localFileWriter) Close() error {
	err := errors.Join(w.buf.Flush(), w.File.Sync(), w.File.Close())
	if err == nil {
		err = os.Rename(w.File.Name(), w.final)
	}
	if err != nil {
		os.Remove(w.File.Name())
	}
	return err
}

// Abort implements FileWriter.
func (w *localFileWriter) Abort() error {
	w.File.Close()
	return os.Remove(w.File.Name())
}
