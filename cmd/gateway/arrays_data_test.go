package main

import (
	"context"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// arrayRow is one row of the array test table, written identically into
// PostgreSQL ("Arrays") and into Parquet files (arrays.parquet). A nil
// slice is a NULL array; a nil element a NULL element.
type arrayRow struct {
	id     int32
	ints   []*int32
	bigs   []*int64
	smalls []*int16
	tags   []*string
	names  []*string // varchar(20)[]
	scores []*float64
	prices []*int64 // cents: numeric(10,2)[]
	flags  []*bool
	days   []*time.Time // date[]
	stamps []*time.Time // timestamp[]
	matrix [][]*int32   // integer[][]: rows of one length
	empty  bool         // every array column of the row is {} rather than NULL
}

// someOf picks n values of a list, cycling, with a NULL at every position
// divisible by nullEvery (when it is positive).
func someOf[T any](values []T, start, n, nullEvery int) []*T {
	out := make([]*T, n)
	for i := range out {
		if nullEvery > 0 && (i+start)%nullEvery == 0 {
			continue
		}
		v := values[(start+i)%len(values)]
		out[i] = &v
	}
	return out
}

var arrayTags = []string{"red", "blue", "a b", `x"y`, `back\slash`, "NULL", "", "{braces}", "com,ma", "zoë", "日本語", "O'Brien", "red"}

// testArrays builds the deterministic rows: NULL arrays, empty arrays,
// NULL elements, duplicates, text that array output must quote, negative
// numbers, floats with infinities, and two-dimensional arrays.
func testArrays() []arrayRow {
	base := time.Date(2024, 1, 15, 10, 30, 0, 0, time.UTC)
	rows := make([]arrayRow, 30)
	for i := range rows {
		r := arrayRow{id: int32(i + 1)}
		n := i % 5
		switch {
		case i%10 == 7: // every array NULL
		case i%10 == 4:
			r.empty = true
		default:
			r.ints = someOf([]int32{3, -1, 7, 3, 42, 0, -2147483648, 2147483647}, i, n+1, nullEveryFor(i, 4))
			r.bigs = someOf([]int64{9223372036854775807, -5, 1_000_000_007, 0}, i, n, 0)
			r.smalls = someOf([]int16{1, 2, 3, -32768, 32767}, i, n+2, nullEveryFor(i, 3))
			r.tags = someOf(arrayTags, i, n+1, nullEveryFor(i, 5))
			r.names = someOf(userNames, i, n, 0)
			r.scores = someOf([]float64{1.5, -0.25, 1e20, 1.5e-7, math.Inf(1), math.Inf(-1), 0.1}, i, n+1, nullEveryFor(i, 6))
			r.prices = someOf([]int64{1999, -50, 0, 100000, 12345}, i, n, nullEveryFor(i, 2))
			r.flags = someOf([]bool{true, false, true}, i, n+1, nullEveryFor(i, 3))
			r.days = someOf([]time.Time{time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC)}, i, n, 0)
			r.stamps = someOf([]time.Time{base, base.Add(36*time.Hour + 1500*time.Microsecond)}, i, n%3, 0)
			r.matrix = testMatrix(i)
		}
		rows[i] = r
	}
	return rows
}

// nullEveryFor puts NULL elements in some rows only.
func nullEveryFor(row, every int) int {
	if row%3 == 1 {
		return every
	}
	return 0
}

// testMatrix is a two-dimensional array: 2x2, 1x3, 3x1, with a NULL
// element, or NULL.
func testMatrix(i int) [][]*int32 {
	v := func(x int) *int32 { return ptr(int32(x)) }
	switch i % 5 {
	case 0:
		return [][]*int32{{v(i), v(i + 1)}, {v(i + 2), v(i + 3)}}
	case 1:
		return [][]*int32{{v(1), nil, v(i)}}
	case 2:
		return [][]*int32{{v(i)}, {v(-i)}, {v(0)}}
	case 3:
		return nil
	}
	return [][]*int32{{v(5), v(6)}, {v(7), v(8)}}
}

const createArraysSQL = `
CREATE TABLE "Arrays" (
  "ID" integer PRIMARY KEY,
  ints integer[],
  bigs bigint[],
  smalls smallint[],
  tags text[],
  names varchar(20)[],
  scores double precision[],
  prices numeric(10,2)[],
  flags boolean[],
  days date[],
  stamps timestamp[],
  matrix integer[][]
)`

var arraysColumns = []string{"ID", "ints", "bigs", "smalls", "tags", "names", "scores", "prices", "flags", "days", "stamps", "matrix"}

// loadArrays creates and fills "Arrays" in PostgreSQL.
func loadArrays(ctx context.Context, t testing.TB, conn *pgx.Conn) {
	if _, err := conn.Exec(ctx, createArraysSQL); err != nil {
		t.Fatalf("%s: %v", createArraysSQL, err)
	}
	rows := testArrays()
	src := make([][]any, len(rows))
	for i, r := range rows {
		src[i] = r.pgValues()
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"Arrays"}, arraysColumns, pgx.CopyFromRows(src)); err != nil {
		t.Fatal(err)
	}
}

// pgArray is a one-dimensional array for pgx, or NULL (nil) when the row
// has none; an empty row gives {}.
func pgArray[T any](values []*T, empty bool) any {
	if values == nil && !empty {
		return nil
	}
	if values == nil {
		return []*T{}
	}
	return values
}

func (r arrayRow) pgValues() []any {
	prices := make([]*pgtype.Numeric, len(r.prices))
	for i, p := range r.prices {
		if p != nil {
			prices[i] = &pgtype.Numeric{Int: big.NewInt(*p), Exp: -2, Valid: true}
		}
	}
	if r.prices == nil {
		prices = nil
	}
	dates := make([]*pgtype.Date, len(r.days))
	for i, d := range r.days {
		dates[i] = &pgtype.Date{Time: *d, Valid: true}
	}
	if r.days == nil {
		dates = nil
	}
	return []any{r.id, pgArray(r.ints, r.empty), pgArray(r.bigs, r.empty), pgArray(r.smalls, r.empty),
		pgArray(r.tags, r.empty), pgArray(r.names, r.empty), pgArray(r.scores, r.empty), pgArray(prices, r.empty),
		pgArray(r.flags, r.empty), pgArray(dates, r.empty), pgArray(r.stamps, r.empty), r.pgMatrix()}
}

func (r arrayRow) pgMatrix() any {
	if r.matrix == nil {
		if r.empty {
			return pgtype.Array[*int32]{Valid: true, Dims: []pgtype.ArrayDimension{}}
		}
		return nil
	}
	out := pgtype.Array[*int32]{Valid: true, Dims: []pgtype.ArrayDimension{
		{Length: int32(len(r.matrix)), LowerBound: 1}, {Length: int32(len(r.matrix[0])), LowerBound: 1}}}
	for _, row := range r.matrix {
		out.Elements = append(out.Elements, row...)
	}
	return out
}

// arraysSchema is the Arrow schema of arrays.parquet, the Parquet twin of
// "Arrays".
var arraysSchema = arrow.NewSchema([]arrow.Field{
	{Name: "ID", Type: arrow.PrimitiveTypes.Int32},
	{Name: "ints", Type: arrow.ListOf(arrow.PrimitiveTypes.Int32), Nullable: true},
	{Name: "bigs", Type: arrow.ListOf(arrow.PrimitiveTypes.Int64), Nullable: true},
	{Name: "smalls", Type: arrow.ListOf(arrow.PrimitiveTypes.Int16), Nullable: true},
	{Name: "tags", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
	{Name: "names", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true},
	{Name: "scores", Type: arrow.ListOf(arrow.PrimitiveTypes.Float64), Nullable: true},
	{Name: "prices", Type: arrow.ListOf(&arrow.Decimal128Type{Precision: 10, Scale: 2}), Nullable: true},
	{Name: "flags", Type: arrow.ListOf(arrow.FixedWidthTypes.Boolean), Nullable: true},
	{Name: "days", Type: arrow.ListOf(arrow.FixedWidthTypes.Date32), Nullable: true},
	{Name: "stamps", Type: arrow.ListOf(&arrow.TimestampType{Unit: arrow.Microsecond}), Nullable: true},
	{Name: "matrix", Type: arrow.ListOf(arrow.ListOf(arrow.PrimitiveTypes.Int32)), Nullable: true},
}, nil)

// arraysBatch builds rows of testArrays as one Arrow batch.
func arraysBatch(rows []arrayRow) arrow.RecordBatch {
	b := array.NewRecordBuilder(memory.DefaultAllocator, arraysSchema)
	defer b.Release()
	for _, r := range rows {
		b.Field(0).(*array.Int32Builder).Append(r.id)
		appendList(b.Field(1), r.ints, r.empty, func(vb array.Builder, v int32) { vb.(*array.Int32Builder).Append(v) })
		appendList(b.Field(2), r.bigs, r.empty, func(vb array.Builder, v int64) { vb.(*array.Int64Builder).Append(v) })
		appendList(b.Field(3), r.smalls, r.empty, func(vb array.Builder, v int16) { vb.(*array.Int16Builder).Append(v) })
		appendList(b.Field(4), r.tags, r.empty, func(vb array.Builder, v string) { vb.(*array.StringBuilder).Append(v) })
		appendList(b.Field(5), r.names, r.empty, func(vb array.Builder, v string) { vb.(*array.StringBuilder).Append(v) })
		appendList(b.Field(6), r.scores, r.empty, func(vb array.Builder, v float64) { vb.(*array.Float64Builder).Append(v) })
		appendList(b.Field(7), r.prices, r.empty, func(vb array.Builder, v int64) {
			vb.(*array.Decimal128Builder).Append(decimal128.FromI64(v))
		})
		appendList(b.Field(8), r.flags, r.empty, func(vb array.Builder, v bool) { vb.(*array.BooleanBuilder).Append(v) })
		appendList(b.Field(9), r.days, r.empty, func(vb array.Builder, v time.Time) {
			vb.(*array.Date32Builder).Append(arrow.Date32FromTime(v))
		})
		appendList(b.Field(10), r.stamps, r.empty, func(vb array.Builder, v time.Time) {
			vb.(*array.TimestampBuilder).Append(arrow.Timestamp(v.UnixMicro()))
		})
		appendMatrix(b.Field(11).(*array.ListBuilder), r)
	}
	return b.NewRecordBatch()
}

// appendList appends one array (NULL for a nil one, {} for an empty row).
func appendList[T any](b array.Builder, values []*T, empty bool, appendFn func(array.Builder, T)) {
	lb := b.(*array.ListBuilder)
	if values == nil && !empty {
		lb.AppendNull()
		return
	}
	lb.Append(true)
	for _, v := range values {
		if v == nil {
			lb.ValueBuilder().AppendNull()
		} else {
			appendFn(lb.ValueBuilder(), *v)
		}
	}
}

func appendMatrix(lb *array.ListBuilder, r arrayRow) {
	if r.matrix == nil && !r.empty {
		lb.AppendNull()
		return
	}
	lb.Append(true)
	inner := lb.ValueBuilder().(*array.ListBuilder)
	for _, row := range r.matrix {
		appendList(inner, row, false, func(vb array.Builder, v int32) { vb.(*array.Int32Builder).Append(v) })
	}
}

// writeArraysParquet writes rows as a Parquet file.
func writeArraysParquet(t testing.TB, path string, rows []arrayRow) []byte {
	t.Helper()
	batch := arraysBatch(rows)
	defer batch.Release()
	return writeBatchParquet(t, path, arraysSchema, batch, 10)
}

// arraysTables are each source's copy of the array table.
var arraysTables = map[string]string{
	"postgresql":    `postgresql.public."Arrays"`,
	"local parquet": "dfs.data.`arrays.parquet`",
	"local folder":  "dfs.data.`arrays_folder`",
	"s3 workspace":  "s3.warehouse.`arrays.parquet`",
	"s3 root path":  "s3.root.`warehouse/arrays.parquet`",
}
