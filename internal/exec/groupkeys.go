package exec

import (
	"encoding/binary"
	"math"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/types"
)

// Row keys: the values of a row's key columns written as bytes, so that
// two rows have the same key exactly when PostgreSQL's equality says their
// values are equal, NULL counting as equal to NULL (as in GROUP BY,
// DISTINCT and set operations). Fixed-width values are written as their
// bytes, text and binary values as their bytes after their length; floats
// are normalised so that -0 equals 0 and every NaN equals every other, the
// unconstrained numeric by value (1.0 = 1.00), intervals by their span
// (1 mon = 30 days), jsonb with its numbers by value.

// keyWriter appends the key of one row of one column (NULL included) to dst.
type keyWriter func(dst []byte, r int) []byte

// keyWriterFor returns the key writer of an array's values.
func keyWriterFor(arr arrow.Array) keyWriter {
	value := valueKeyWriter(arr)
	if arr.NullN() == 0 {
		return func(dst []byte, r int) []byte { return value(append(dst, 1), r) }
	}
	return func(dst []byte, r int) []byte {
		if arr.IsNull(r) {
			return append(dst, 0)
		}
		return value(append(dst, 1), r)
	}
}

// appendKey appends one value's key, NULL included, to key.
func appendKey(key []byte, c arrow.Array, row int) []byte {
	return keyWriterFor(c)(key, row)
}

// rowKey is the key of a whole row of a batch, for comparing rows as
// UNION, INTERSECT and EXCEPT do.
func rowKey(b arrow.RecordBatch, r int) string {
	var key []byte
	for _, c := range b.Columns() {
		key = appendKey(key, c, r)
	}
	return string(key)
}

// valueKeyWriter writes the key of a non-NULL value.
func valueKeyWriter(arr arrow.Array) keyWriter {
	switch a := arr.(type) {
	case *array.Float32:
		return func(dst []byte, r int) []byte {
			return binary.LittleEndian.AppendUint32(dst, math.Float32bits(float32(normalFloat(float64(a.Value(r))))))
		}
	case *array.Float64:
		return func(dst []byte, r int) []byte {
			return binary.LittleEndian.AppendUint64(dst, math.Float64bits(normalFloat(a.Value(r))))
		}
	case *array.Boolean:
		return func(dst []byte, r int) []byte { return append(dst, boolByte(a.Value(r))) }
	case *array.String:
		return func(dst []byte, r int) []byte { return appendSized(dst, a.Value(r)) }
	case *array.Binary:
		return func(dst []byte, r int) []byte { return appendSized(dst, string(a.Value(r))) }
	case *array.LargeString:
		return func(dst []byte, r int) []byte { return appendSized(dst, a.Value(r)) }
	case *types.NumericArray:
		texts := a.Storage().(*array.String)
		return func(dst []byte, r int) []byte { return appendSized(dst, normalNumeric(texts.Value(r))) }
	case *array.MonthDayNanoInterval:
		return func(dst []byte, r int) []byte { return appendIntervalKey(dst, a.Value(r)) }
	case *types.JSONBArray:
		texts := a.Storage().(*array.String)
		return func(dst []byte, r int) []byte { return appendSized(dst, jsonbKey(texts.Value(r))) }
	case array.ListLike:
		return listKeyWriter(a)
	case *array.Struct:
		return structKeyWriter(a)
	case array.ExtensionArray:
		return valueKeyWriter(a.Storage())
	}
	if width, ok := fixedByteWidth(arr.DataType()); ok {
		data := arr.Data()
		var raw []byte
		if buf := data.Buffers()[1]; buf != nil {
			raw = buf.Bytes()
		}
		offset := data.Offset()
		return func(dst []byte, r int) []byte {
			at := (offset + r) * width
			return append(dst, raw[at:at+width]...)
		}
	}
	return func(dst []byte, r int) []byte { return appendSized(dst, arr.ValueStr(r)) }
}

// fixedByteWidth is the width in bytes of a type whose values are their
// bytes in the array's value buffer.
func fixedByteWidth(dt arrow.DataType) (int, bool) {
	fw, ok := dt.(arrow.FixedWidthDataType)
	if !ok || dt.ID() == arrow.BOOL || fw.BitWidth()%8 != 0 {
		return 0, false
	}
	return fw.BitWidth() / 8, true
}

// normalFloat maps the floats PostgreSQL calls equal to one value: -0 to 0,
// every NaN to one NaN.
func normalFloat(f float64) float64 {
	switch {
	case f == 0:
		return 0
	case math.IsNaN(f):
		return math.NaN()
	}
	return f
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// appendSized appends a length and then the bytes, so that keys of several
// columns cannot run into each other.
func appendSized(dst []byte, s string) []byte {
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(s)))
	return append(dst, s...)
}

// normalNumeric is a numeric's canonical text without trailing fraction
// zeros: the same text for every scale of one value.
func normalNumeric(text string) string {
	if strings.IndexByte(text, '.') >= 0 {
		text = strings.TrimRight(text, "0")
		text = strings.TrimSuffix(text, ".")
	}
	if text == "-0" {
		return "0"
	}
	return text
}

// jsonbKey is the grouping key of a jsonb value's text (see
// types.JSONBKey): '1.0' and '1' have one key.
func jsonbKey(text string) string {
	v, err := types.ParseJSON(text, true)
	if err != nil {
		return text
	}
	return types.JSONBKey(v)
}

// appendIntervalKey writes an interval as PostgreSQL compares it (see
// intervalSpan): 1 mon and 30 days have one key.
func appendIntervalKey(dst []byte, v arrow.MonthDayNanoInterval) []byte {
	days, nanos := intervalSpan(v)
	dst = binary.LittleEndian.AppendUint64(dst, uint64(days))
	return binary.LittleEndian.AppendUint64(dst, uint64(nanos))
}

// listKeyWriter writes an array value as its length and its elements' keys.
func listKeyWriter(a array.ListLike) keyWriter {
	elements := keyWriterFor(a.ListValues())
	return func(dst []byte, r int) []byte {
		start, end := a.ValueOffsets(r)
		dst = binary.LittleEndian.AppendUint32(dst, uint32(end-start))
		for i := start; i < end; i++ {
			dst = elements(dst, int(i))
		}
		return dst
	}
}

// structKeyWriter writes a composite value as its fields' keys.
func structKeyWriter(a *array.Struct) keyWriter {
	fields := make([]keyWriter, a.NumField())
	for i := range fields {
		fields[i] = keyWriterFor(a.Field(i))
	}
	return func(dst []byte, r int) []byte {
		for _, f := range fields {
			dst = f(dst, r)
		}
		return dst
	}
}

// rowKeys holds the keys of a batch's rows, end to end in one buffer.
type rowKeys struct {
	buf  []byte
	ends []int // row r's key is buf[ends[r-1]:ends[r]]
}

// encode writes the keys of rows 0..rows-1 over the given key columns,
// reusing the buffers of earlier calls.
func (k *rowKeys) encode(cols []arrow.Array, rows int) {
	writers := make([]keyWriter, len(cols))
	for i, c := range cols {
		writers[i] = keyWriterFor(c)
	}
	k.buf, k.ends = k.buf[:0], k.ends[:0]
	for r := 0; r < rows; r++ {
		for _, w := range writers {
			k.buf = w(k.buf, r)
		}
		k.ends = append(k.ends, len(k.buf))
	}
}

// key is row r's key; it is valid until the next encode.
func (k *rowKeys) key(r int) []byte {
	start := 0
	if r > 0 {
		start = k.ends[r-1]
	}
	return k.buf[start:k.ends[r]]
}

// groupTable numbers distinct keys densely, 0, 1, 2, ..., in the order it
// first meets them. Keys of one column of at most eight bytes go into a
// map of words, keys of one text column into a map of the texts (NULL
// apart in both), others into a map of their row keys.
type groupTable struct {
	ids    map[string]int32
	words  map[uint64]int32
	texts  map[string]int32
	nullID int32 // the id of the NULL word or text key; -1 until met
	next   int32
	frozen bool  // numbers no new key: assign gives those -1 (see freeze)
	bytes  int64 // the memory the keys and the maps hold, roughly
}

// Roughly what one key costs in a map beyond its own bytes: the word or
// string header, the id, and the map's slot overhead.
const (
	wordEntryBytes   = 24
	stringEntryBytes = 32
)

func newGroupTable() *groupTable {
	return &groupTable{ids: map[string]int32{}, words: map[uint64]int32{}, texts: map[string]int32{}, nullID: -1}
}

// len is the number of distinct keys met so far.
func (t *groupTable) len() int { return int(t.next) }

// size is the memory the table holds, in bytes.
func (t *groupTable) size() int64 { return t.bytes }

// assign gives every row of keys its group id in ids (resized to the rows)
// and returns the rows that met a key for the first time.
func (t *groupTable) assign(keys *rowKeys, ids []int32) (out []int32, firsts []int) {
	rows := len(keys.ends)
	ids = resizeInt32(ids, rows)
	for r := 0; r < rows; r++ {
		id, isNew := t.insert(keys.key(r))
		if isNew {
			firsts = append(firsts, r)
		}
		ids[r] = id
	}
	return ids, firsts
}

// freeze makes the table number no more keys: from then on, the assign
// methods give a key not met so far the id -1.
func (t *groupTable) freeze() { t.frozen = true }

// insert returns a key's id, numbering it when it is new (-1 when it is
// new to a frozen table).
func (t *groupTable) insert(key []byte) (int32, bool) {
	if id, ok := t.ids[string(key)]; ok {
		return id, false
	}
	if t.frozen {
		return -1, false
	}
	id := t.next
	t.next++
	t.ids[string(key)] = id
	t.bytes += int64(len(key)) + stringEntryBytes
	return id, true
}

// assignWords is assign for keys of one column given as words.
func (t *groupTable) assignWords(words []uint64, nulls nullMask, ids []int32) (out []int32, firsts []int) {
	ids = resizeInt32(ids, len(words))
	for r, w := range words {
		null := nulls.null(r)
		id, ok := t.nullID, null && t.nullID >= 0
		if !null {
			id, ok = t.words[w]
		}
		if !ok && t.frozen {
			id = -1
		} else if !ok {
			id = t.open(r, &firsts, wordEntryBytes)
			if null {
				t.nullID = id
			} else {
				t.words[w] = id
			}
		}
		ids[r] = id
	}
	return ids, firsts
}

// assignTexts is assign for keys of one text column.
func (t *groupTable) assignTexts(texts *array.String, ids []int32) (out []int32, firsts []int) {
	ids = resizeInt32(ids, texts.Len())
	nulls := nullsOf(texts)
	for r := range ids {
		null := nulls.null(r)
		id, ok := t.nullID, null && t.nullID >= 0
		if !null {
			id, ok = t.texts[texts.Value(r)]
		}
		if !ok && t.frozen {
			id = -1
		} else if !ok {
			id = t.open(r, &firsts, stringEntryBytes)
			if null {
				t.nullID = id
			} else {
				v := strings.Clone(texts.Value(r))
				t.texts[v] = id
				t.bytes += int64(len(v))
			}
		}
		ids[r] = id
	}
	return ids, firsts
}

// open numbers a new key met at row r, whose entry takes entryBytes.
func (t *groupTable) open(r int, firsts *[]int, entryBytes int64) int32 {
	id := t.next
	t.next++
	t.bytes += entryBytes
	*firsts = append(*firsts, r)
	return id
}

// wordKeys writes the keys of a column of at most eight bytes a value as
// one word per row (whatever for NULLs); ok is false for other columns.
func wordKeys(arr arrow.Array, dst []uint64) ([]uint64, bool) {
	dst = dst[:0]
	switch arr.DataType().ID() {
	case arrow.INT8:
		return appendWords(dst, arrow.GetValues[int8](arr.Data(), 1)), true
	case arrow.INT16:
		return appendWords(dst, arrow.GetValues[int16](arr.Data(), 1)), true
	case arrow.INT32, arrow.DATE32, arrow.TIME32:
		return appendWords(dst, arrow.GetValues[int32](arr.Data(), 1)), true
	case arrow.INT64, arrow.TIMESTAMP, arrow.TIME64, arrow.DATE64, arrow.DURATION:
		return appendWords(dst, arrow.GetValues[int64](arr.Data(), 1)), true
	case arrow.UINT32:
		return appendWords(dst, arrow.GetValues[uint32](arr.Data(), 1)), true
	case arrow.FLOAT64:
		for _, f := range arrow.GetValues[float64](arr.Data(), 1) {
			dst = append(dst, math.Float64bits(normalFloat(f)))
		}
		return dst, true
	case arrow.FLOAT32:
		for _, f := range arrow.GetValues[float32](arr.Data(), 1) {
			dst = append(dst, math.Float64bits(normalFloat(float64(f))))
		}
		return dst, true
	case arrow.BOOL:
		b := arr.(*array.Boolean)
		for r := 0; r < b.Len(); r++ {
			dst = append(dst, uint64(boolByte(b.Value(r))))
		}
		return dst, true
	}
	return dst, false
}

func appendWords[T int8 | int16 | int32 | int64 | uint32](dst []uint64, vals []T) []uint64 {
	for _, v := range vals {
		dst = append(dst, uint64(v))
	}
	return dst
}

func resizeInt32(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}
