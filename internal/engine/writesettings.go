package engine

import (
	"strconv"

	"auger/internal/catalog"
)

// The session settings a write follows, with Drill's names where Drill
// has one. store.parquet.block-size defaults to 32 MiB, not Drill's
// 512 MiB, so that a CTAS holds little memory while it fills a row group.
const (
	storeFormatSetting        = "store.format"
	parquetCompressionSetting = "store.parquet.compression"
	parquetBlockSizeSetting   = "store.parquet.block-size"
	fileSizeSetting           = "auger.write.file_size"
)

// writeOptions are the session's settings for a table being written.
func (s *Session) writeOptions() catalog.WriteOptions {
	s.mu.Lock()
	defer s.mu.Unlock()
	setting := func(name string) string {
		d, _ := lookupSetting(name)
		return s.settings.value(d).setting
	}
	size := func(name string) int64 {
		n, _ := strconv.ParseInt(setting(name), 10, 64)
		return n
	}
	return catalog.WriteOptions{
		Format:        setting(storeFormatSetting),
		Compression:   setting(parquetCompressionSetting),
		RowGroupBytes: size(parquetBlockSizeSetting),
		FileBytes:     size(fileSizeSetting),
	}
}
