package parquet

import (
	"encoding/binary"
	"math"

	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	pq "github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/schema"
)

// maxDictBytes bounds the dictionary page read to refute an equality:
// beyond it reading the page costs about as much as reading the chunk.
const maxDictBytes = 1 << 20

// dictReader reads the dictionaries of a file's column chunks, once each,
// to tell whether a chunk whose data pages are all dictionary-encoded can
// hold a value.
type dictReader struct {
	pf   *parquetFile
	sets map[[2]int]map[any]struct{} // by row group and leaf; nil: unusable
}

// mayHold is false only when chunk (rg, c) is wholly dictionary-encoded
// and its dictionary holds none of the values.
func (d *dictReader) mayHold(rg int, c pruneColumn, values []any) bool {
	set := d.dictionary(rg, c)
	if set == nil {
		return true
	}
	for _, v := range values {
		if _, ok := set[v]; ok {
			return true
		}
	}
	return false
}

func (d *dictReader) dictionary(rg int, c pruneColumn) map[any]struct{} {
	key := [2]int{rg, c.leaf}
	if set, ok := d.sets[key]; ok {
		return set
	}
	if d.sets == nil {
		d.sets = map[[2]int]map[any]struct{}{}
	}
	set := d.read(rg, c)
	d.sets[key] = set
	return set
}

// read decodes the dictionary page of a chunk, or nil when the chunk is
// not wholly dictionary-encoded, is encrypted, or its page is too large.
func (d *dictReader) read(rg int, c pruneColumn) map[any]struct{} {
	chunk, err := d.pf.pf.MetaData().RowGroup(rg).ColumnChunk(c.leaf)
	if err != nil || c.kind == kindBool || !onlyDictionaryPages(chunk) || chunk.CryptoMetadata() != nil {
		return nil
	}
	start, end := chunk.DictionaryPageOffset(), chunk.DataPageOffset()
	if start <= 0 || end <= start || end-start > maxDictBytes {
		return nil
	}
	// The page is decoded into memory of its own, dropped when the set is
	// built: no buffer of it outlives this call.
	mem := memory.NewGoAllocator()
	stream, err := pq.NewReaderProperties(mem).GetStream(d.pf.f, start, end-start)
	if err != nil {
		return nil
	}
	pages, err := file.NewPageReader(stream, chunk.NumValues(), chunk.Compression(), mem, nil)
	if err != nil {
		return nil
	}
	defer pages.Close()
	if !pages.Next() {
		return nil
	}
	page, ok := pages.Page().(*file.DictionaryPage)
	if !ok {
		return nil
	}
	col := d.pf.pf.MetaData().Schema.Column(c.leaf)
	return plainValues(page.Data(), int(page.NumValues()), col, c.kind)
}

// onlyDictionaryPages tells, from a chunk's page encoding statistics,
// whether every data page is dictionary-encoded.
func onlyDictionaryPages(chunk *metadata.ColumnChunkMetaData) bool {
	stats := chunk.EncodingStats()
	if !chunk.HasDictionaryPage() || len(stats) == 0 {
		return false
	}
	for _, s := range stats {
		if s.PageType != file.PageTypeDataPage && s.PageType != file.PageTypeDataPageV2 {
			continue
		}
		if s.Encoding != pq.Encodings.RLEDict && s.Encoding != pq.Encodings.PlainDict {
			return false
		}
	}
	return true
}

// plainValues decodes n PLAIN-encoded values of a column as a set of the
// column kind's values; nil when the data does not decode.
func plainValues(data []byte, n int, col *schema.Column, k valueKind) map[any]struct{} {
	set := make(map[any]struct{}, n)
	width := plainWidth(col)
	for i := 0; i < n; i++ {
		var raw []byte
		if col.PhysicalType() == pq.Types.ByteArray {
			if len(data) < 4 || uint64(len(data)-4) < uint64(binary.LittleEndian.Uint32(data)) {
				return nil
			}
			l := int(binary.LittleEndian.Uint32(data))
			raw, data = data[4:4+l], data[4+l:]
		} else {
			if width <= 0 || len(data) < width {
				return nil
			}
			raw, data = data[:width], data[width:]
		}
		v, ok := plainValue(raw, col, k)
		if !ok {
			return nil
		}
		set[v] = struct{}{}
	}
	return set
}

// plainWidth is the size of one PLAIN value of a fixed-size type; 0 for
// byte arrays.
func plainWidth(col *schema.Column) int {
	return map[pq.Type]int{pq.Types.Boolean: 1, pq.Types.Int32: 4, pq.Types.Int64: 8, pq.Types.Float: 4, pq.Types.Double: 8,
		pq.Types.FixedLenByteArray: col.TypeLength()}[col.PhysicalType()]
}

// plainValue decodes one PLAIN value (or one bound of a statistic: a
// boolean is then one byte) as a value of kind k.
func plainValue(raw []byte, col *schema.Column, k valueKind) (any, bool) {
	phys := col.PhysicalType()
	if w := plainWidth(col); w > 0 && len(raw) != w {
		return nil, false
	}
	switch phys {
	case pq.Types.Boolean:
		return raw[0] != 0, k == kindBool
	case pq.Types.Int32:
		return intBoundsValue(int64(int32(binary.LittleEndian.Uint32(raw))), k)
	case pq.Types.Int64:
		return intBoundsValue(int64(binary.LittleEndian.Uint64(raw)), k)
	case pq.Types.Float:
		return float64(math.Float32frombits(binary.LittleEndian.Uint32(raw))), k == kindFloat
	case pq.Types.Double:
		return math.Float64frombits(binary.LittleEndian.Uint64(raw)), k == kindFloat
	case pq.Types.ByteArray, pq.Types.FixedLenByteArray:
		if k == kindDecimal {
			return decimalFromBytes(raw)
		}
		return string(raw), k == kindBytes
	}
	return nil, false
}

func intBoundsValue(v int64, k valueKind) (any, bool) {
	switch k {
	case kindInt:
		return v, true
	case kindDecimal:
		return decimal128.FromI64(v), true
	}
	return nil, false
}
