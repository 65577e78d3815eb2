package parquet

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"time"

	"auger/internal/plugins/s3"

	"auger/internal/catalog"
)

// FileInfo describes one file or folder of a file system.
type FileInfo struct {
	Path    string // slash-separated, absolute within the file system
	Size    int64
	IsDir   bool
	ModTime time.Time
}

// File is an open file: random access plus its size.
type File interface {
	io.ReaderAt
	io.Closer
	Size() int64
}

// FileSystem is what the file plugin reads through: the local disk or an
// S3 bucket. Paths are slash-separated and absolute ("/data/x.parquet").
type FileSystem interface {
	// Stat describes one path; a missing one yields an error wrapping
	// fs.ErrNotExist.
	Stat(ctx context.Context, p string) (FileInfo, error)
	// List returns the entries directly inside a folder, sorted by path.
	List(ctx context.Context, dir string) ([]FileInfo, error)
	// Open opens a file for random access.
	Open(ctx context.Context, p string) (File, error)
}

// localFS is the local file system (connection file:///).
type localFS struct{}

func (localFS) Stat(_ context.Context, p string) (FileInfo, error) {
	st, err := os.Stat(p)
	if err != nil {
		return FileInfo{}, err
	}
	return FileInfo{Path: p, Size: st.Size(), IsDir: st.IsDir(), ModTime: st.ModTime()}, nil
}

func (localFS) List(_ context.Context, dir string) ([]FileInfo, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := make([]FileInfo, 0, len(entries))
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&fs.ModeSymlink != 0 {
			if st, err := os.Stat(path.Join(dir, e.Name())); err == nil {
				isDir = st.IsDir()
			}
		}
		out = append(out, FileInfo{Path: path.Join(dir, e.Name()), Size: info.Size(), IsDir: isDir, ModTime: info.ModTime()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

func (localFS) Open(_ context.Context, p string) (File, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &localFile{File: f, size: st.Size()}, nil
}

type localFile struct {
	*os.File
	size int64
}

func (f *localFile) Size() int64 { return f.size }

// notFound tells whether err means a missing path.
func notFound(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, catalog.ErrTableNotFound)
}

// s3FS adapts an S3 bucket to FileSystem.
type s3FS struct{ bucket *s3.FileSystem }

func fromS3(i s3.FileInfo) FileInfo {
	return FileInfo{Path: i.Path, Size: i.Size, IsDir: i.IsDir, ModTime: i.ModTime}
}

func (f s3FS) Stat(ctx context.Context, p string) (FileInfo, error) {
	i, err := f.bucket.Stat(ctx, p)
	return fromS3(i), err
}

func (f s3FS) List(ctx context.Context, dir string) ([]FileInfo, error) {
	infos, err := f.bucket.List(ctx, dir)
	out := make([]FileInfo, len(infos))
	for i, info := range infos {
		out[i] = fromS3(info)
	}
	return out, err
}

func (f s3FS) Open(ctx context.Context, p string) (File, error) {
	return f.bucket.Open(ctx, p)
}
