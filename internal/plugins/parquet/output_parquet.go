package parquet

import (
	"errors"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	pq "github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"auger/internal/catalog"
)

// intervalMetadataKey marks a column written as 16-byte values that holds
// Arrow month_day_nano intervals, which Parquet cannot store: the reader
// (logical.go) gives it its interval type back.
const intervalMetadataKey = "auger.interval"

// compressionOf is the codec store.parquet.compression names (snappy
// when unset, as in Drill); lz4 is Parquet's LZ4_RAW.
func compressionOf(name string) (compress.Compression, error) {
	switch strings.ToLower(name) {
	case "", "snappy":
		return compress.Codecs.Snappy, nil
	case "gzip":
		return compress.Codecs.Gzip, nil
	case "zstd":
		return compress.Codecs.Zstd, nil
	case "lz4":
		return compress.Codecs.Lz4Raw, nil
	case "brotli":
		return compress.Codecs.Brotli, nil
	case "none", "uncompressed":
		return compress.Codecs.Uncompressed, nil
	}
	return 0, fmt.Errorf("store.parquet.compression %q is not one of snappy, gzip, zstd, lz4, brotli, none", name)
}

// parquetOutput is a Parquet file written with pqarrow, the Arrow schema
// stored in it so that it reads back with its exact types. Row groups are
// buffered and closed at the row group size.
type parquetOutput struct {
	out           FileWriter
	count         *countingWriter
	fw            *pqarrow.FileWriter
	schema        *arrow.Schema // as written: intervals as 16-byte values
	rowGroupBytes int64
	// buffered is the Arrow size of the rows in the row group being
	// buffered: what the row group holds in memory, about.
	buffered int64
}

func openParquetOutput(out FileWriter, spec catalog.WriteSpec) (outputFile, error) {
	codec, err := compressionOf(spec.Options.Compression)
	if err != nil {
		return nil, err
	}
	// The writer keeps some buffers past Close; they are Go memory.
	alloc := memory.NewGoAllocator()
	props := pq.NewWriterProperties(pq.WithCompression(codec), pq.WithAllocator(alloc),
		pq.WithDataPageSize(pageBytes(spec.Options.RowGroupBytes)),
		// Drill's store.parquet.enable_dictionary_encoding is off by
		// default; dictionaries would also hold hash tables per open file.
		pq.WithDictionaryDefault(false))
	schema := parquetSchema(spec.Columns)
	count := &countingWriter{w: out}
	fw, err := pqarrow.NewFileWriter(schema, count, props,
		pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(alloc)))
	if err != nil {
		return nil, err
	}
	return &parquetOutput{out: out, count: count, fw: fw, schema: schema, rowGroupBytes: spec.Options.RowGroupBytes}, nil
}

// parquetSchema is the schema a table is written with: top-level
// intervals become 16-byte values marked with intervalMetadataKey.
func parquetSchema(s *arrow.Schema) *arrow.Schema {
	fields := s.Fields()
	for i, f := range fields {
		fields[i].Metadata = arrow.Metadata{}
		if f.Type.ID() == arrow.INTERVAL_MONTH_DAY_NANO {
			fields[i].Type = &arrow.FixedSizeBinaryType{ByteWidth: arrow.MonthDayNanoIntervalSizeBytes}
			fields[i].Metadata = arrow.MetadataFrom(map[string]string{intervalMetadataKey: "month_day_nano"})
		}
	}
	return arrow.NewSchema(fields, nil)
}

// Write implements outputFile.
func (o *parquetOutput) Write(batch arrow.RecordBatch) error {
	cols := make([]arrow.Array, batch.NumCols())
	for i, col := range batch.Columns() {
		cols[i] = reinterpret(col, o.schema.Field(i).Type)
	}
	rec := array.NewRecordBatch(o.schema, cols, batch.NumRows())
	for _, c := range cols {
		c.Release()
	}
	defer rec.Release()
	if err := o.fw.WriteBuffered(rec); err != nil {
		return err
	}
	o.buffered += batchBytes(rec)
	if o.rowGroupBytes > 0 && o.Buffered() >= o.rowGroupBytes {
		return o.Flush()
	}
	return nil
}

// reinterpret gives col the type dt of the same layout, sharing its
// buffers. The caller releases the result.
func reinterpret(col arrow.Array, dt arrow.DataType) arrow.Array {
	if arrow.TypeEqual(col.DataType(), dt) {
		col.Retain()
		return col
	}
	data := col.Data()
	as := array.NewData(dt, data.Len(), data.Buffers(), data.Children(), data.NullN(), data.Offset())
	defer as.Release()
	return array.MakeFromData(as)
}

// Size implements outputFile: the bytes written plus the pages of the row
// group being buffered.
func (o *parquetOutput) Size() int64 { return o.count.n + o.fw.RowGroupTotalCompressedBytes() }

// pageBytes is the data page size for a row group size: Parquet's 1 MiB,
// smaller for small row groups, so that the finished pages a row group's
// size is measured by come often enough.
func pageBytes(rowGroupBytes int64) int64 {
	const page = 1 << 20
	if rowGroupBytes <= 0 {
		return page
	}
	return max(4<<10, min(page, rowGroupBytes/16))
}

// Buffered implements outputFile: the row group being buffered, as the
// larger of its rows' Arrow size and its finished pages.
func (o *parquetOutput) Buffered() int64 { return max(o.buffered, o.fw.RowGroupTotalCompressedBytes()) }

// Flush implements outputFile: it closes the row group being buffered.
func (o *parquetOutput) Flush() error {
	if o.buffered == 0 {
		return nil
	}
	o.buffered = 0
	return o.fw.NewBufferedRowGroupChecked()
}

// Close implements outputFile.
func (o *parquetOutput) Close() error {
	if err := o.fw.Close(); err != nil {
		return errors.Join(err, o.out.Abort())
	}
	return o.out.Close()
}

// Abort implements outputFile.
func (o *parquetOutput) Abort() error { return o.out.Abort() }
