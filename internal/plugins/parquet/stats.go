package parquet

import (
	"sync/atomic"

	"auger/internal/catalog"
)

// scanStats is what one table's scans count, for EXPLAIN ANALYZE. Its
// workers update it at once, hence the atomics. It is the s3.Recorder of
// the files a scan opens.
type scanStats struct {
	files     atomic.Int64 // files opened
	bytesRead atomic.Int64 // bytes read from disk or fetched from S3
	requests  atomic.Int64 // S3 GETs
}

// Record implements s3.Recorder.
func (s *scanStats) Record(requests, bytes int64) {
	s.requests.Add(requests)
	s.bytesRead.Add(bytes)
}

// snapshot is the counts so far.
func (s *scanStats) snapshot() catalog.ScanStats {
	return catalog.ScanStats{
		Files:     s.files.Load(),
		BytesRead: s.bytesRead.Load(),
		Requests:  s.requests.Load(),
	}
}
