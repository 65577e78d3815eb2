package s3

import (
	"strings"
	"sync"
	"time"
)

// listingTTL is how long a folder's listing is reused.
const listingTTL = 5 * time.Second

// maxListings bounds the listings kept at once.
const maxListings = 256

// listCache keeps the listings of recent prefixes for a short time. A
// listing handed out is shared: callers must not change it.
type listCache struct {
	ttl     time.Duration
	mu      sync.Mutex
	entries map[string]listing
}

type listing struct {
	infos []FileInfo
	at    time.Time
}

func newListCache(ttl time.Duration) *listCache {
	return &listCache{ttl: ttl, entries: map[string]listing{}}
}

// get returns the listing of a prefix taken less than ttl ago.
func (c *listCache) get(prefix string) ([]FileInfo, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	l, ok := c.entries[prefix]
	if !ok || time.Since(l.at) >= c.ttl {
		return nil, false
	}
	return l.infos, true
}

// put keeps a listing, first dropping the expired ones (and all of them
// when the cache is full of fresh ones).
func (c *listCache) put(prefix string, infos []FileInfo) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= maxListings {
		for p, l := range c.entries {
			if time.Since(l.at) >= c.ttl {
				delete(c.entries, p)
			}
		}
		if len(c.entries) >= maxListings {
			clear(c.entries)
		}
	}
	c.entries[prefix] = listing{infos: infos, at: time.Now()}
}

// invalidate drops the listings a write of key (an object, or a prefix with
// everything under it) may have changed: those of the folders above it and
// of the folders under it.
func (c *listCache) invalidate(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for p := range c.entries {
		if strings.HasPrefix(key, p) || strings.HasPrefix(p, key+"/") {
			delete(c.entries, p)
		}
	}
}
