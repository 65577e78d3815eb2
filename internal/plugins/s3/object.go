package s3

import (
	"context"
	"fmt"
	"io"
	"sort"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// Object is an open S3 object: an io.ReaderAt of ranged GETs pinned to the
// ETag it was opened with, so that a replaced object fails the read
// instead of mixing two versions. Ranges announced with Prefetch are
// fetched ahead, concurrently, and reads inside them are served from
// memory.
type Object struct {
	fs   *FileSystem
	ctx  context.Context
	key  string
	info FileInfo
	rec  Recorder

	mu    sync.Mutex
	parts []*part // prefetched ranges, sorted by offset
}

// Open returns an object for random access, with a HEAD for its size and
// ETag.
func (fs *FileSystem) Open(ctx context.Context, p string) (*Object, error) {
	info, err := fs.Stat(ctx, p)
	if err != nil {
		return nil, err
	}
	if info.IsDir {
		return nil, fmt.Errorf("s3://%s%s is a folder", fs.bucket, p)
	}
	return fs.OpenInfo(ctx, info, nil), nil
}

// OpenInfo returns an object described by a listing or a Stat, without a
// request of its own. Each GET it sends is also told to rec, when not nil.
// ctx bounds the reads that are not prefetched.
func (fs *FileSystem) OpenInfo(ctx context.Context, info FileInfo, rec Recorder) *Object {
	return &Object{fs: fs, ctx: ctx, key: key(info.Path), info: info, rec: rec}
}

// Info describes the object as opened.
func (o *Object) Info() FileInfo { return o.info }

// Size is the object's length.
func (o *Object) Size() int64 { return o.info.Size }

// Close drops what is still prefetched.
func (o *Object) Close() error {
	o.mu.Lock()
	parts := o.parts
	o.parts = nil
	o.mu.Unlock()
	for _, p := range parts {
		p.cancel()
	}
	return nil
}

// ReadAt implements io.ReaderAt: from prefetched ranges when they cover
// the read, else with one ranged GET.
func (o *Object) ReadAt(p []byte, off int64) (int, error) {
	if off >= o.info.Size {
		return 0, io.EOF
	}
	want := p[:min(int64(len(p)), o.info.Size-off)]
	if n, ok, err := o.readPrefetched(want, off); ok {
		if err == nil && n < len(p) {
			err = io.EOF
		}
		return n, err
	}
	n, err := o.get(o.ctx, want, off)
	if err == nil && n < len(p) {
		err = io.EOF
	}
	return n, err
}

// get fills p from off with one ranged GET.
func (o *Object) get(ctx context.Context, p []byte, off int64) (int, error) {
	rng := fmt.Sprintf("bytes=%d-%d", off, off+int64(len(p))-1)
	out, err := o.fs.client.GetObject(ctx, &s3.GetObjectInput{Bucket: &o.fs.bucket, Key: &o.key, Range: &rng,
		IfMatch: nonEmpty(o.info.ETag)})
	if err != nil {
		o.fs.counts.record(o.rec, 0)
		return 0, o.fs.wrap("read s3://"+o.fs.bucket+"/"+o.key, err)
	}
	defer out.Body.Close()
	n, err := io.ReadFull(out.Body, p)
	o.fs.counts.record(o.rec, int64(n))
	if err != nil {
		return n, o.fs.wrap("read s3://"+o.fs.bucket+"/"+o.key, err)
	}
	return n, nil
}

// Range is a span of an object's bytes.
type Range struct {
	Off, Len int64
}

// part is one GET of a prefetch: a run of announced ranges and the small
// gaps between them.
type part struct {
	off    int64
	data   []byte
	unread int64 // announced bytes not yet read; the part is dropped at 0
	done   chan struct{}
	err    error
	cancel context.CancelFunc
}

func (p *part) end() int64 { return p.off + int64(len(p.data)) }

// Prefetch starts fetching ranges of the object, coalescing those close
// together (see coalesce) and running the GETs concurrently; it does not
// wait for them. A read inside a prefetched range waits for its GET and
// is served from memory; a part is dropped once all its announced bytes
// have been read, or when release is called, whichever comes first. No
// byte is fetched twice as long as each announced byte is read once.
func (o *Object) Prefetch(ctx context.Context, ranges []Range) (release func()) {
	var mine []*part
	for _, run := range coalesce(ranges, o.info.Size) {
		pctx, cancel := context.WithCancel(ctx)
		p := &part{off: run.Off, data: make([]byte, run.Len), unread: run.useful, done: make(chan struct{}), cancel: cancel}
		mine = append(mine, p)
		go o.fetch(pctx, p)
	}
	o.mu.Lock()
	o.parts = append(o.parts, mine...)
	sort.Slice(o.parts, func(i, j int) bool { return o.parts[i].off < o.parts[j].off })
	o.mu.Unlock()
	return func() { o.drop(mine) }
}

func (o *Object) fetch(ctx context.Context, p *part) {
	defer close(p.done)
	select {
	case o.fs.fetches <- struct{}{}:
	case <-ctx.Done():
		p.err = ctx.Err()
		return
	}
	defer func() { <-o.fs.fetches }()
	_, p.err = o.get(ctx, p.data, p.off)
}

// drop forgets parts and cancels their GETs if still running.
func (o *Object) drop(parts []*part) {
	o.mu.Lock()
	o.parts = removeParts(o.parts, parts)
	o.mu.Unlock()
	for _, p := range parts {
		p.cancel()
	}
}

func removeParts(all, gone []*part) []*part {
	out := all[:0]
	for _, p := range all {
		keep := true
		for _, g := range gone {
			keep = keep && p != g
		}
		if keep {
			out = append(out, p)
		}
	}
	clear(all[len(out):])
	return out
}

// readPrefetched serves a read from the parts that cover it, in order. ok
// is false when they do not cover it all.
func (o *Object) readPrefetched(p []byte, off int64) (n int, ok bool, err error) {
	covering := o.covering(off, int64(len(p)))
	if covering == nil {
		return 0, false, nil
	}
	for _, c := range covering {
		<-c.done
		if c.err != nil {
			return n, true, c.err
		}
		n += copy(p[n:], c.data[off+int64(n)-c.off:])
	}
	o.consumed(covering, off, int64(n))
	return n, true, nil
}

// covering returns the parts that together hold [off, off+n), or nil.
func (o *Object) covering(off, n int64) []*part {
	o.mu.Lock()
	defer o.mu.Unlock()
	i := sort.Search(len(o.parts), func(i int) bool { return o.parts[i].end() > off })
	var out []*part
	for at := off; at < off+n; i++ {
		if i >= len(o.parts) || o.parts[i].off > at {
			return nil
		}
		out = append(out, o.parts[i])
		at = o.parts[i].end()
	}
	return out
}

// consumed counts a read against its parts and drops the parts fully read.
func (o *Object) consumed(parts []*part, off, n int64) {
	var gone []*part
	o.mu.Lock()
	for _, p := range parts {
		p.unread -= min(off+n, p.end()) - max(off, p.off)
		if p.unread <= 0 {
			gone = append(gone, p)
		}
	}
	o.mu.Unlock()
	if gone != nil {
		o.drop(gone)
	}
}
