package parquet

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
)

var _ catalog.MetadataAggregator = (*table)(nil)

// AggregateFromMetadata implements catalog.MetadataAggregator from the
// footers of every file: count(*) from row counts, count(col) from row
// counts less null counts, min and max of integers, dates, timestamps,
// decimals and text (byte order, the engine's) when every row group has
// usable statistics of the column. Floats are never answered: writers
// leave NaN, which the engine's max returns, out of their statistics.
func (t *table) AggregateFromMetadata(ctx context.Context, aggs []catalog.MetadataAggregate) ([]scalar.Scalar, bool, error) {
	for _, a := range aggs {
		if a.Column >= t.schema.NumFields() {
			return nil, false, nil
		}
	}
	acc := make([]metaAcc, len(aggs))
	for _, info := range t.files {
		pf, err := t.openFooter(ctx, info)
		if err != nil {
			return nil, false, err
		}
		ok := sameColumns(pf.schema, t.schema) && addFile(acc, aggs, pf)
		pf.release()
		if !ok {
			return nil, false, nil
		}
	}
	out := make([]scalar.Scalar, len(aggs))
	for i, a := range aggs {
		if a.Func == "count" {
			out[i] = scalar.NewInt64Scalar(acc[i].count)
			continue
		}
		v, ok := toScalar(acc[i].value, t.schema.Field(a.Column).Type)
		if !ok {
			return nil, false, nil
		}
		out[i] = v
	}
	return out, true, nil
}

// metaAcc is one aggregate's running answer.
type metaAcc struct {
	count int64
	value any // min or max so far; nil before the first non-NULL value
}

// addFile adds a file's row groups to the answers; false when one cannot
// be exact.
func addFile(acc []metaAcc, aggs []catalog.MetadataAggregate, pf *parquetFile) bool {
	cols := pruneColumnsOf(pf)
	md := pf.pf.MetaData()
	for rg := 0; rg < pf.pf.NumRowGroups(); rg++ {
		for i, a := range aggs {
			if a.Column < 0 {
				acc[i].count += md.RowGroup(rg).NumRows()
				continue
			}
			c := cols[a.Column]
			if c.leaf < 0 {
				return false
			}
			s := readChunkStats(md, rg, c.leaf, c.kind)
			if !s.nullsKnow {
				return false
			}
			if a.Func == "count" {
				acc[i].count += s.rows - s.nulls
				continue
			}
			if !addExtreme(&acc[i], a.Func, c.kind, s) {
				return false
			}
		}
	}
	return true
}

// addExtreme folds a chunk's min or max into an answer.
func addExtreme(acc *metaAcc, fn string, k valueKind, s chunkStats) bool {
	if k == kindNone || k == kindFloat || k == kindBool {
		return false
	}
	if s.allNull() {
		return true
	}
	if s.min == nil {
		return false
	}
	v, want := s.min, -1
	if fn == "max" {
		v, want = s.max, 1
	}
	if acc.value == nil || compareValues(k, v, acc.value) == want {
		acc.value = v
	}
	return true
}

// toScalar turns a kind's value back into a scalar of the column's type;
// nil is NULL.
func toScalar(v any, dt arrow.DataType) (scalar.Scalar, bool) {
	if v == nil {
		return scalar.MakeNullScalar(dt), true
	}
	switch t := dt.(type) {
	case *arrow.Int8Type:
		return scalar.NewInt8Scalar(int8(v.(int64))), true
	case *arrow.Int16Type:
		return scalar.NewInt16Scalar(int16(v.(int64))), true
	case *arrow.Int32Type:
		return scalar.NewInt32Scalar(int32(v.(int64))), true
	case *arrow.Int64Type:
		return scalar.NewInt64Scalar(v.(int64)), true
	case *arrow.Date32Type:
		return scalar.NewDate32Scalar(arrow.Date32(v.(int64))), true
	case *arrow.TimestampType:
		return scalar.NewTimestampScalar(arrow.Timestamp(v.(int64)), t), true
	case *arrow.Decimal128Type:
		return scalar.NewDecimal128Scalar(v.(decimal128.Num), t), true
	case *arrow.StringType:
		return scalar.NewStringScalar(v.(string)), true
	case *arrow.BinaryType:
		return scalar.NewBinaryScalar(memory.NewBufferBytes([]byte(v.(string))), dt), true
	}
	return nil, false
}
