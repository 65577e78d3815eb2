package postgres

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/decimal256"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"auger/internal/types"
)

// batchRows is the most rows one record batch holds.
const batchRows = 8192

// textFormatOIDs are read in text format (their binary forms are no simpler
// to turn into Arrow); everything else arrives in binary.
var textFormatOIDs = map[uint32]bool{types.OIDNumeric: true, types.OIDJSON: true, types.OIDJSONB: true}

// reader streams a remote query's rows as Arrow batches.
type reader struct {
	plugin  *Plugin
	schema  *arrow.Schema
	rows    pgx.Rows
	builder *array.RecordBuilder
}

func startReader(ctx context.Context, p *Plugin, pool *pgxpool.Pool, schema *arrow.Schema, query string, args []any) (*reader, error) {
	formats := pgx.QueryResultFormatsByOID{}
	for oid := range knownOIDs() {
		formats[oid] = pgx.BinaryFormatCode
		if textFormatOIDs[oid] {
			formats[oid] = pgx.TextFormatCode
		}
	}
	rows, err := pool.Query(ctx, query, append([]any{formats}, args...)...)
	if err != nil {
		return nil, p.remoteError(err)
	}
	return &reader{plugin: p, schema: schema, rows: rows, builder: array.NewRecordBuilder(memory.DefaultAllocator, schema)}, nil
}

func knownOIDs() map[uint32]bool {
	return map[uint32]bool{
		types.OIDBool: true, types.OIDInt2: true, types.OIDInt4: true, types.OIDInt8: true, types.OIDOid: true,
		types.OIDFloat4: true, types.OIDFloat8: true, types.OIDNumeric: true, types.OIDText: true,
		types.OIDVarchar: true, types.OIDBpchar: true, types.OIDName: true, types.OIDBytea: true,
		types.OIDDate: true, types.OIDTime: true, types.OIDTimestamp: true, types.OIDTimestamptz: true,
		types.OIDInterval: true, types.OIDUUID: true, types.OIDJSON: true, types.OIDJSONB: true,
	}
}

// Schema implements catalog.BatchReader.
func (r *reader) Schema() *arrow.Schema { return r.schema }

// Next implements catalog.BatchReader: up to batchRows rows.
func (r *reader) Next(ctx context.Context) (arrow.RecordBatch, error) {
	n := int64(0)
	for n < batchRows && r.rows.Next() {
		for i, raw := range r.rows.RawValues() {
			if err := appendRaw(r.builder.Field(i), raw); err != nil {
				return nil, fmt.Errorf("column %s: %w", r.schema.Field(i).Name, err)
			}
		}
		n++
	}
	if err := r.rows.Err(); err != nil {
		return nil, r.plugin.remoteError(err)
	}
	if n == 0 {
		return nil, io.EOF
	}
	if r.schema.NumFields() == 0 {
		return array.NewRecordBatch(r.schema, nil, n), nil
	}
	return r.builder.NewRecordBatch(), nil
}

// Close implements catalog.BatchReader.
func (r *reader) Close() error {
	r.rows.Close()
	r.builder.Release()
	return nil
}

// pgEpoch is PostgreSQL's zero date, 2000-01-01, in Unix days and micros.
const (
	pgEpochDays   = 10957
	pgEpochMicros = pgEpochDays * 86400 * 1_000_000
)

// appendRaw decodes one value in PostgreSQL's wire format into a builder.
func appendRaw(b array.Builder, raw []byte) error {
	if raw == nil {
		b.AppendNull()
		return nil
	}
	switch bb := b.(type) {
	case *array.BooleanBuilder:
		bb.Append(raw[0] != 0)
	case *array.Int16Builder:
		bb.Append(int16(binary.BigEndian.Uint16(raw)))
	case *array.Int32Builder:
		bb.Append(int32(binary.BigEndian.Uint32(raw)))
	case *array.Int64Builder:
		bb.Append(int64(binary.BigEndian.Uint64(raw)))
	case *array.Uint32Builder:
		bb.Append(binary.BigEndian.Uint32(raw))
	case *array.Float32Builder:
		bb.Append(math.Float32frombits(binary.BigEndian.Uint32(raw)))
	case *array.Float64Builder:
		bb.Append(math.Float64frombits(binary.BigEndian.Uint64(raw)))
	case *array.StringBuilder:
		bb.BinaryBuilder.Append(raw)
	case *array.BinaryBuilder:
		bb.Append(raw)
	case *array.Date32Builder:
		bb.Append(arrow.Date32(int32(binary.BigEndian.Uint32(raw)) + pgEpochDays))
	case *array.TimestampBuilder:
		bb.Append(arrow.Timestamp(int64(binary.BigEndian.Uint64(raw)) + pgEpochMicros))
	case *array.Time64Builder:
		bb.Append(arrow.Time64(int64(binary.BigEndian.Uint64(raw))))
	case *array.MonthDayNanoIntervalBuilder:
		bb.Append(arrow.MonthDayNanoInterval{
			Nanoseconds: int64(binary.BigEndian.Uint64(raw)) * 1000,
			Days:        int32(binary.BigEndian.Uint32(raw[8:])),
			Months:      int32(binary.BigEndian.Uint32(raw[12:]))})
	default:
		return appendDecoded(b, raw)
	}
	return nil
}

// appendDecoded handles the types read in text format and the extensions.
func appendDecoded(b array.Builder, raw []byte) error {
	switch bb := b.(type) {
	case *array.Decimal128Builder:
		dt := bb.Type().(*arrow.Decimal128Type)
		n, err := decimal128.FromString(string(raw), dt.Precision, dt.Scale)
		if err != nil {
			return err
		}
		bb.Append(n)
	case *array.Decimal256Builder:
		dt := bb.Type().(*arrow.Decimal256Type)
		n, err := decimal256.FromString(string(raw), dt.Precision, dt.Scale)
		if err != nil {
			return err
		}
		bb.Append(n)
	case *extensions.UUIDBuilder:
		bb.AppendBytes([16]byte(raw))
	case *array.ExtensionBuilder:
		bb.StorageBuilder().(*array.StringBuilder).BinaryBuilder.Append(raw)
	default:
		return fmt.Errorf("no decoder for %s", b.Type())
	}
	return nil
}
