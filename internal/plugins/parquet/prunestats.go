package parquet

import (
	"math"

	"github.com/apache/arrow-go/v18/arrow/decimal128"
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

// readChunkStats reads the statistics of leaf column leaf in row group rg.
// Min and max are left out when the writer's statistics are not to be
// trusted (arrow-go checks the writer version), when the file marks
// either bound as not exact (a truncated string), or when a float bound is
// NaN.
func readChunkStats(md *metadata.FileMetaData, rg, leaf int, k valueKind) chunkStats {
	group := md.RowGroup(rg)
	out := chunkStats{rows: group.NumRows()}
	chunk, err := group.ColumnChunk(leaf)
	if err != nil {
		return out
	}
	st, err := chunk.Statistics()
	if err != nil || st == nil {
		return out
	}
	out.nulls, out.nullsKnow = st.NullCount(), st.HasNullCount()
	if !st.HasMinMax() || k == kindNone || !exactBounds(md, rg, leaf) {
		return out
	}
	min, max, ok := bounds(st, k)
	if ok {
		out.min, out.max = min, max
	}
	return out
}

// exactBounds tells whether neither of a chunk's min and max is marked as
// only a bound (is_min_value_exact / is_max_value_exact false).
func exactBounds(md *metadata.FileMetaData, rg, leaf int) bool {
	if md.FileMetaData == nil || rg >= len(md.RowGroups) || leaf >= len(md.RowGroups[rg].Columns) {
		return false
	}
	meta := md.RowGroups[rg].Columns[leaf].MetaData
	if meta == nil || meta.Statistics == nil {
		return false
	}
	s := meta.Statistics
	return !(s.IsSetIsMinValueExact() && !s.GetIsMinValueExact()) && !(s.IsSetIsMaxValueExact() && !s.GetIsMaxValueExact())
}

// bounds reads a chunk's min and max as values of kind k.
func bounds(st metadata.TypedStatistics, k valueKind) (min, max any, ok bool) {
	switch s := st.(type) {
	case *metadata.Int32Statistics:
		return intBounds(int64(s.Min()), int64(s.Max()), k)
	case *metadata.Int64Statistics:
		return intBounds(s.Min(), s.Max(), k)
	case *metadata.Float32Statistics:
		return floatBounds(float64(s.Min()), float64(s.Max()), k)
	case *metadata.Float64Statistics:
		return floatBounds(s.Min(), s.Max(), k)
	case *metadata.BooleanStatistics:
		return s.Min(), s.Max(), k == kindBool
	case *metadata.ByteArrayStatistics:
		return byteBounds(s.Min(), s.Max(), k)
	case *metadata.FixedLenByteArrayStatistics:
		return byteBounds(s.Min(), s.Max(), k)
	}
	return nil, nil, false
}

func intBounds(min, max int64, k valueKind) (any, any, bool) {
	switch k {
	case kindInt:
		return min, max, true
	case kindDecimal:
		return decimal128.FromI64(min), decimal128.FromI64(max), true
	}
	return nil, nil, false
}

func floatBounds(min, max float64, k valueKind) (any, any, bool) {
	if k != kindFloat || math.IsNaN(min) || math.IsNaN(max) {
		return nil, nil, false
	}
	return min, max, true
}

func byteBounds(min, max []byte, k valueKind) (any, any, bool) {
	switch k {
	case kindBytes:
		return string(min), string(max), true
	case kindDecimal:
		lo, ok1 := decimalFromBytes(min)
		hi, ok2 := decimalFromBytes(max)
		return lo, hi, ok1 && ok2
	}
	return nil, nil, false
}
