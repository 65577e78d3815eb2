package parquet

import (
	"math"

	"github.com/apache/arrow-go/v18/parquet/metadata"
)

// chunkStats is what a column chunk's metadata says of its values.
type chunkStats struct {
	rows      int64 // rows of the row group
	nulls     int64
	nullsKnow bool // nulls is the chunk's null count
	min, max  any  // of the column's kind; nil when not usable
}

// allNull tells whether the chunk is known to hold only NULLs.
func (s chunkStats) allNull() bool { return s.nullsKnow && s.nulls == s.rows }

// readChunkStats reads the statistics of leaf column leaf in row group rg
// from the footer's own fields (arrow-go's typed statistics allocate
// encoders they never release). Min and max are left out when the
// writer's statistics are not to be trusted (arrow-go's check of the
// writer version), when the file marks either bound as not exact (a
// truncated string), or when a float bound is NaN.
func readChunkStats(md *metadata.FileMetaData, rg, leaf int, k valueKind) chunkStats {
	out := chunkStats{rows: md.RowGroup(rg).NumRows()}
	if md.FileMetaData == nil || rg >= len(md.RowGroups) || leaf >= len(md.RowGroups[rg].Columns) {
		return out
	}
	meta := md.RowGroups[rg].Columns[leaf].MetaData
	if meta == nil || meta.Statistics == nil {
		return out
	}
	raw := meta.Statistics
	out.nulls, out.nullsKnow = raw.GetNullCount(), raw.IsSetNullCount()
	col := md.Schema.Column(leaf)
	enc := metadata.EncodedStatistics{HasMin: raw.IsSetMinValue(), Min: raw.GetMinValue(), HasMax: raw.IsSetMaxValue(), Max: raw.GetMaxValue()}
	if !typeDefinedOrder(col) {
		enc = metadata.EncodedStatistics{HasMin: raw.IsSetMin(), Min: raw.GetMin(), HasMax: raw.IsSetMax(), Max: raw.GetMax()}
	}
	exact := !(raw.IsSetIsMinValueExact() && !raw.GetIsMinValueExact()) && !(raw.IsSetIsMaxValueExact() && !raw.GetIsMaxValueExact())
	if k == kindNone || !enc.HasMin || !enc.HasMax || !exact ||
		!md.WriterVersion().HasCorrectStatistics(col.PhysicalType(), col.LogicalType(), enc, col.SortOrder()) {
		return out
	}
	min, ok1 := plainValue(enc.Min, col, k)
	max, ok2 := plainValue(enc.Max, col, k)
	if ok1 && ok2 && !isNaN(min) && !isNaN(max) {
		out.min, out.max = min, max
	}
	return out
}

func isNaN(v any) bool {
	f, ok := v.(float64)
	return ok && math.IsNaN(f)
}
