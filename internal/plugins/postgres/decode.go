package postgres

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/types"
)

// decoder appends one non-NULL value, given in PostgreSQL's binary format,
// to the builder it was made for.
type decoder func(raw []byte) error

// PostgreSQL's epoch, 2000-01-01, in Unix days and microseconds.
const (
	pgEpochDays   = 10957
	pgEpochMicros = pgEpochDays * 86400 * 1_000_000
)

// newDecoder returns the decoder that reads values of the PostgreSQL type
// oid into b, or an error when b's Arrow type cannot hold them (the table
// changed since it was described).
func newDecoder(b array.Builder, oid uint32) (decoder, error) {
	var dec decoder
	switch oid {
	case types.OIDBool, types.OIDInt2, types.OIDInt4, types.OIDInt8, types.OIDOid, types.OIDFloat4, types.OIDFloat8:
		dec = numberDecoder(b, oid)
	case types.OIDText, types.OIDVarchar, types.OIDBpchar, types.OIDName, types.OIDBytea, types.OIDJSON, types.OIDJSONB, types.OIDUUID:
		dec = bytesDecoder(b, oid)
	case types.OIDDate, types.OIDTime, types.OIDTimestamp, types.OIDTimestamptz, types.OIDInterval:
		dec = timeDecoder(b, oid)
	case types.OIDNumeric:
		dec = numericDecoder(b)
	default:
		dec = arrayDecoder(b, oid)
	}
	if dec == nil {
		return nil, fmt.Errorf("PostgreSQL sends type oid %d, which Auger cannot read as %s (has the table changed?)", oid, b.Type())
	}
	return dec, nil
}

func errWidth(want int, raw []byte) error {
	return fmt.Errorf("malformed value: %d bytes where %d are expected", len(raw), want)
}

// fixed returns a decoder for values of exactly width bytes.
func fixed(width int, appendRaw func([]byte)) decoder {
	return func(raw []byte) error {
		if len(raw) != width {
			return errWidth(width, raw)
		}
		appendRaw(raw)
		return nil
	}
}

func numberDecoder(b array.Builder, oid uint32) decoder {
	be := binary.BigEndian
	switch bb := b.(type) {
	case *array.BooleanBuilder:
		if oid == types.OIDBool {
			return fixed(1, func(raw []byte) { bb.Append(raw[0] != 0) })
		}
	case *array.Int16Builder:
		if oid == types.OIDInt2 {
			return fixed(2, func(raw []byte) { bb.Append(int16(be.Uint16(raw))) })
		}
	case *array.Int32Builder:
		if oid == types.OIDInt4 {
			return fixed(4, func(raw []byte) { bb.Append(int32(be.Uint32(raw))) })
		}
	case *array.Int64Builder:
		if oid == types.OIDInt8 {
			return fixed(8, func(raw []byte) { bb.Append(int64(be.Uint64(raw))) })
		}
	case *array.Uint32Builder:
		if oid == types.OIDOid {
			return fixed(4, func(raw []byte) { bb.Append(be.Uint32(raw)) })
		}
	case *array.Float32Builder:
		if oid == types.OIDFloat4 {
			return fixed(4, func(raw []byte) { bb.Append(math.Float32frombits(be.Uint32(raw))) })
		}
	case *array.Float64Builder:
		if oid == types.OIDFloat8 {
			return fixed(8, func(raw []byte) { bb.Append(math.Float64frombits(be.Uint64(raw))) })
		}
	}
	return nil
}

// bytesDecoder reads the types whose binary form is their bytes: text
// (UTF-8, as pgx sets client_encoding), bytea, json, jsonb (after its
// version byte) and uuid.
func bytesDecoder(b array.Builder, oid uint32) decoder {
	switch oid {
	case types.OIDBytea:
		if bb, ok := b.(*array.BinaryBuilder); ok && bb.Type().ID() == arrow.BINARY {
			return func(raw []byte) error { bb.Append(raw); return nil }
		}
	case types.OIDUUID:
		if fsb, ok := storageOf(b, arrow.EXTENSION).(*array.FixedSizeBinaryBuilder); ok && fsb.Type().(*arrow.FixedSizeBinaryType).ByteWidth == 16 {
			return fixed(16, fsb.Append)
		}
	case types.OIDJSONB:
		if sb, ok := storageOf(b, arrow.EXTENSION).(*array.StringBuilder); ok {
			return jsonbDecoder(sb)
		}
	case types.OIDJSON:
		if sb, ok := storageOf(b, arrow.EXTENSION).(*array.StringBuilder); ok {
			return func(raw []byte) error { sb.BinaryBuilder.Append(raw); return nil }
		}
	default:
		if sb, ok := storageOf(b, arrow.STRING).(*array.StringBuilder); ok {
			return func(raw []byte) error { sb.BinaryBuilder.Append(raw); return nil }
		}
	}
	return nil
}

// storageOf returns b when its type is of kind id, the storage builder when
// b builds an extension type and id is arrow.EXTENSION, else nil.
func storageOf(b array.Builder, id arrow.Type) array.Builder {
	if b.Type().ID() != id {
		return nil
	}
	if id != arrow.EXTENSION {
		return b
	}
	type storageBuilder interface{ StorageBuilder() array.Builder }
	if eb, ok := b.(storageBuilder); ok {
		return eb.StorageBuilder()
	}
	return nil
}

func jsonbDecoder(sb *array.StringBuilder) decoder {
	return func(raw []byte) error {
		if len(raw) == 0 || raw[0] != 1 {
			return errors.New("malformed jsonb value: unknown format version")
		}
		sb.BinaryBuilder.Append(raw[1:])
		return nil
	}
}

// timeDecoder reads dates (days since 2000-01-01), times (microseconds since
// midnight), timestamps (microseconds since 2000-01-01; timestamptz in UTC)
// and intervals (microseconds, days, months).
func timeDecoder(b array.Builder, oid uint32) decoder {
	be := binary.BigEndian
	switch bb := b.(type) {
	case *array.Date32Builder:
		if oid == types.OIDDate {
			return fixed(4, func(raw []byte) { bb.Append(arrow.Date32(dateDays(int32(be.Uint32(raw))))) })
		}
	case *array.Time64Builder:
		if oid == types.OIDTime && bb.Type().(*arrow.Time64Type).Unit == arrow.Microsecond {
			return fixed(8, func(raw []byte) { bb.Append(arrow.Time64(int64(be.Uint64(raw)))) })
		}
	case *array.TimestampBuilder:
		if bb.Type().(*arrow.TimestampType).Unit == arrow.Microsecond && (oid == types.OIDTimestamp || oid == types.OIDTimestamptz) {
			return timestampDecoder(bb)
		}
	case *array.MonthDayNanoIntervalBuilder:
		if oid == types.OIDInterval {
			return intervalDecoder(bb)
		}
	}
	return nil
}

// dateDays moves a PostgreSQL date to the Unix epoch; ±infinity keep
// PostgreSQL's sentinels, the largest and smallest int32.
func dateDays(d int32) int32 {
	if d == math.MaxInt32 || d == math.MinInt32 {
		return d
	}
	return d + pgEpochDays
}

// timestampDecoder moves timestamps to the Unix epoch; ±infinity keep
// PostgreSQL's sentinels, the largest and smallest int64.
func timestampDecoder(bb *array.TimestampBuilder) decoder {
	return func(raw []byte) error {
		if len(raw) != 8 {
			return errWidth(8, raw)
		}
		v := int64(binary.BigEndian.Uint64(raw))
		switch {
		case v == math.MaxInt64 || v == math.MinInt64:
		case v > math.MaxInt64-pgEpochMicros:
			return errors.New("timestamp out of range: after 294247-01-10, the latest Arrow microseconds since 1970 can hold")
		default:
			v += pgEpochMicros
		}
		bb.Append(arrow.Timestamp(v))
		return nil
	}
}

func intervalDecoder(bb *array.MonthDayNanoIntervalBuilder) decoder {
	be := binary.BigEndian
	return func(raw []byte) error {
		if len(raw) != 16 {
			return errWidth(16, raw)
		}
		micros := int64(be.Uint64(raw))
		if micros > math.MaxInt64/1000 || micros < math.MinInt64/1000 {
			return errors.New("interval out of range: its time part exceeds what nanoseconds in an int64 can hold")
		}
		bb.Append(arrow.MonthDayNanoInterval{
			Months:      int32(be.Uint32(raw[12:])),
			Days:        int32(be.Uint32(raw[8:])),
			Nanoseconds: micros * 1000,
		})
		return nil
	}
}
