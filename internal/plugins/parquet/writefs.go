package parquet

import (
	"context"
	"io"
)

// writableFS is a FileSystem that tables can be written to: the local disk
// or an S3 bucket. A table is written under a hidden temporary folder and
// renamed into place when complete.
type writableFS interface {
	FileSystem
	// Create starts a new file, making the folders above it as needed. Its
	// bytes are not a file of that name until Close succeeds.
	Create(ctx context.Context, p string) (FileWriter, error)
	// Rename moves a file, or a folder with everything in it, to a path
	// that does not exist yet. On S3, where a folder is a prefix, it
	// copies every object and deletes the originals; when it fails it
	// removes what it copied.
	Rename(ctx context.Context, from, to string) error
	// RemoveAll removes a file, or a folder with everything in it; a
	// missing path is not an error.
	RemoveAll(ctx context.Context, p string) error
}

// FileWriter is a file being written.
type FileWriter interface {
	io.Writer
	// Close finishes the file (on S3, completes the upload).
	Close() error
	// Abort discards the file (on S3, aborts the multipart upload); it
	// may follow a failed Write or Close.
	Abort() error
}
