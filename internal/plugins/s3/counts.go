package s3

import "sync/atomic"

// Recorder is told of each GET an object sends and of the bytes it
// fetched, so that a scan can report its own requests.
type Recorder interface {
	Record(requests, bytes int64)
}

// Counts are the requests a bucket sent (HEAD, LIST pages, GETs) and the
// bytes its GETs fetched, since it was made.
type Counts struct {
	requests, bytes atomic.Int64
}

// Requests is the number of requests sent.
func (c *Counts) Requests() int64 { return c.requests.Load() }

// Bytes is the number of object bytes fetched.
func (c *Counts) Bytes() int64 { return c.bytes.Load() }

// record counts one request of n bytes here and in rec (when not nil).
func (c *Counts) record(rec Recorder, n int64) {
	c.requests.Add(1)
	c.bytes.Add(n)
	if rec != nil {
		rec.Record(1, n)
	}
}

// Counts returns the bucket's counters.
func (fs *FileSystem) Counts() *Counts { return &fs.counts }
