package parquet

import (
	"bytes"
	"container/list"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"

	"github.com/apache/arrow-go/v18/parquet/metadata"
)

// footerGuess is how many bytes at the end of a file are read at once in
// the hope that they hold the whole footer: one request on S3 for most
// files, a second only for a larger footer.
const footerGuess = 64 << 10

// Footer cache bounds: the serialized size of the footers kept, and their
// number.
const (
	footerCacheBytes   = 64 << 20
	footerCacheEntries = 4096
)

// footerKey is a version of a file: a footer cached under it is the
// footer of those bytes (local files change their modification time when
// written, S3 objects their ETag).
type footerKey struct {
	path    string
	size    int64
	modTime int64
	etag    string
}

func keyOf(info FileInfo) footerKey {
	return footerKey{path: info.Path, size: info.Size, modTime: info.ModTime.UnixNano(), etag: info.ETag}
}

// footerCache keeps the parsed footers of recently read files, least
// recently used first out. A cached footer is shared by every reader of
// the file and must not be changed.
type footerCache struct {
	mu      sync.Mutex
	used    int
	order   *list.List // of *footerEntry, most recent first
	entries map[footerKey]*list.Element
	hits    int64
	misses  int64
}

type footerEntry struct {
	key footerKey
	md  *metadata.FileMetaData
}

func newFooterCache() *footerCache {
	return &footerCache{order: list.New(), entries: map[footerKey]*list.Element{}}
}

// footer returns a file's footer, from the cache or read from the file.
func (c *footerCache) footer(f File) (*metadata.FileMetaData, error) {
	key := keyOf(f.Info())
	if md := c.get(key); md != nil {
		return md, nil
	}
	md, err := readFooter(f)
	if err != nil {
		return nil, err
	}
	c.put(key, md)
	return md, nil
}

func (c *footerCache) get(key footerKey) *metadata.FileMetaData {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		c.misses++
		return nil
	}
	c.hits++
	c.order.MoveToFront(e)
	return e.Value.(*footerEntry).md
}

func (c *footerCache) put(key footerKey, md *metadata.FileMetaData) {
	if md.Size() > footerCacheBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; ok {
		return
	}
	c.entries[key] = c.order.PushFront(&footerEntry{key: key, md: md})
	c.used += md.Size()
	for c.used > footerCacheBytes || c.order.Len() > footerCacheEntries {
		oldest := c.order.Remove(c.order.Back()).(*footerEntry)
		delete(c.entries, oldest.key)
		c.used -= oldest.md.Size()
	}
}

// counts returns the cache's hits and misses so far.
func (c *footerCache) counts() (hits, misses int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.hits, c.misses
}

var (
	magic          = []byte("PAR1")
	errNotParquet  = errors.New("no Parquet magic bytes at the end of the file")
	errEncrypted   = errors.New("the footer is encrypted")
	errFooterWrong = errors.New("the footer length does not fit the file")
)

// readFooter reads and parses a file's footer with one read of its last
// bytes, or two when the footer is larger than footerGuess.
func readFooter(f File) (*metadata.FileMetaData, error) {
	size := f.Info().Size
	if size < 12 {
		return nil, fmt.Errorf("file too small (%d bytes)", size)
	}
	tail := make([]byte, min(size, footerGuess))
	if _, err := f.ReadAt(tail, size-int64(len(tail))); err != nil {
		return nil, fmt.Errorf("read footer: %w", err)
	}
	end := tail[len(tail)-8:]
	switch {
	case bytes.Equal(end[4:], []byte("PARE")):
		return nil, errEncrypted
	case !bytes.Equal(end[4:], magic):
		return nil, errNotParquet
	}
	n := int64(binary.LittleEndian.Uint32(end[:4]))
	if n+12 > size {
		return nil, errFooterWrong
	}
	var raw []byte
	if n+8 <= int64(len(tail)) {
		raw = bytes.Clone(tail[int64(len(tail))-8-n : len(tail)-8])
	} else {
		raw = make([]byte, n)
		if _, err := f.ReadAt(raw, size-8-n); err != nil {
			return nil, fmt.Errorf("read footer: %w", err)
		}
	}
	md, err := metadata.NewFileMetaData(raw, nil)
	if err != nil {
		return nil, fmt.Errorf("parse footer: %w", err)
	}
	md.SetSourceFileSize(size)
	return md, nil
}
