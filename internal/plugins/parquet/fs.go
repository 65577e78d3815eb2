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
	ETag    string // on S3; empty on the local disk
	// On the local disk: the permission bits, owner and group names and
	// access time (SHOW FILES); zero on S3.
	Mode         fs.FileMode
	Owner, Group string
	AccessTime   time.Time
}

// File is an open file: random access plus what it is.
type File interface {
	io.ReaderAt
	io.Closer
	// Info describes the file as opened: the version read, which keys the
	// footer cache.
	Info() FileInfo
}

// prefetcher is a File that can fetch byte ranges ahead of the reads that
// need them (an S3 object): a scan announces a row group's column chunks
// before decoding it, and calls release when done with them.
type prefetcher interface {
	Prefetch(ctx context.Context, ranges []s3.Range) (release func())
}

// FileSystem is what the file plugin reads through: the local disk or an
// S3 bucket. Paths are slash-separated and absolute ("/data/x.parquet").
type FileSystem interface {
	// Stat describes one path; a missing one yields an error wrapping
	// fs.ErrNotExist.
	Stat(ctx context.Context, p string) (FileInfo, error)
	// List returns the entries directly inside a folder, sorted by path.
	List(ctx context.Context, dir string) ([]FileInfo, error)
	// Open opens a file a Stat or List described, for random access. The
	// bytes read (and, on S3, the requests sent) are told to rec.
	Open(ctx context.Context, info FileInfo, rec s3.Recorder) (File, error)
}

// localFS is the local file system (connection file:///).
type localFS struct{}

func (localFS) Stat(_ context.Context, p string) (FileInfo, error) {
	st, err := os.Stat(p)
	if err != nil {
		return FileInfo{}, err
	}
	return localInfo(p, st), nil
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
		entry := localInfo(path.Join(dir, e.Name()), info)
		entry.IsDir = isDir
		out = append(out, entry)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// Open opens a local file; its Info is what the open file is now, which
// may be newer than the info passed.
func (localFS) Open(_ context.Context, info FileInfo, rec s3.Recorder) (File, error) {
	f, err := os.Open(info.Path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &localFile{File: f, rec: rec, info: FileInfo{Path: info.Path, Size: st.Size(), ModTime: st.ModTime()}}, nil
}

// localFile is an open local file that counts the bytes read from it.
type localFile struct {
	*os.File
	rec  s3.Recorder
	info FileInfo
}

func (f *localFile) Info() FileInfo { return f.info }

func (f *localFile) ReadAt(p []byte, off int64) (int, error) {
	n, err := f.File.ReadAt(p, off)
	f.rec.Record(0, int64(n))
	return n, err
}

// notFound tells whether err means a missing path.
func notFound(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, catalog.ErrTableNotFound)
}

// s3FS adapts an S3 bucket to FileSystem.
type s3FS struct{ bucket *s3.FileSystem }

func fromS3(i s3.FileInfo) FileInfo {
	return FileInfo{Path: i.Path, Size: i.Size, IsDir: i.IsDir, ModTime: i.ModTime, ETag: i.ETag}
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

func (f s3FS) Open(ctx context.Context, info FileInfo, rec s3.Recorder) (File, error) {
	return s3Object{f.bucket.OpenInfo(ctx, s3.FileInfo{Path: info.Path, Size: info.Size, ModTime: info.ModTime, ETag: info.ETag}, rec)}, nil
}

// s3Object is an S3 object as a File.
type s3Object struct{ *s3.Object }

func (o s3Object) Info() FileInfo { return fromS3(o.Object.Info()) }
