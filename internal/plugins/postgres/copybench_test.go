package postgres

import (
	"context"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/testenv"
)

// copyBenchRows is the size of the load the copy benchmarks time.
const copyBenchRows = 2_000_000

// copyBenchSchema is the load's columns: an integer, a numeric, a text
// and a timestamp.
var copyBenchSchema = arrow.NewSchema([]arrow.Field{
	{Name: "n", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "amount", Type: &arrow.Decimal128Type{Precision: 12, Scale: 2}, Nullable: true},
	{Name: "label", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "at", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, Nullable: true},
}, nil)

// copyBenchBatches builds the load as batches of 65536 rows.
func copyBenchBatches() []arrow.RecordBatch {
	var out []arrow.RecordBatch
	b := array.NewRecordBuilder(memory.DefaultAllocator, copyBenchSchema)
	defer b.Release()
	for start := 0; start < copyBenchRows; start += 65536 {
		for i := start; i < min(start+65536, copyBenchRows); i++ {
			b.Field(0).(*array.Int64Builder).Append(int64(i))
			b.Field(1).(*array.Decimal128Builder).Append(decimal128.FromI64(int64(i) * 7))
			b.Field(2).(*array.StringBuilder).Append(fmt.Sprintf("row %d", i))
			b.Field(3).(*array.TimestampBuilder).Append(arrow.Timestamp(int64(i) * 1_000_000))
		}
		out = append(out, b.NewRecordBatch())
	}
	return out
}

// BenchmarkCopyBatches times CreateTable of the load (rows/s).
func BenchmarkCopyBatches(b *testing.B) {
	url := testenv.CreateDatabase(b)
	ctx := context.Background()
	cfg, _ := pgx.ParseConfig(url)
	p, err := New("bench", &config.Plugin{URL: fmt.Sprintf("jdbc:postgresql://%s:%d/%s?sslmode=disable", cfg.Host, cfg.Port, cfg.Database),
		Username: cfg.User, Password: cfg.Password, Writable: true})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	batches := copyBenchBatches()
	defer releaseAll(batches)
	i := 0
	start := time.Now()
	for b.Loop() {
		i++
		w, err := p.(*Plugin).CreateTable(ctx, "public", fmt.Sprintf("load%d", i), catalog.WriteSpec{Columns: copyBenchSchema})
		if err != nil {
			b.Fatal(err)
		}
		for _, batch := range batches {
			if err := w.Write(ctx, batch); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := w.Commit(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(i*copyBenchRows)/time.Since(start).Seconds(), "rows/s")
}

// BenchmarkCopyGoValues times pgx's CopyFrom of the same rows as Go
// values, the reference for BenchmarkCopyBatches.
func BenchmarkCopyGoValues(b *testing.B) {
	url := testenv.CreateDatabase(b)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	rows := make([][]any, copyBenchRows)
	for i := range rows {
		rows[i] = []any{int64(i), pgtype.Numeric{Int: big.NewInt(int64(i) * 7), Exp: -2, Valid: true},
			fmt.Sprintf("row %d", i), time.Unix(int64(i), 0).UTC()}
	}
	i := 0
	start := time.Now()
	for b.Loop() {
		i++
		name := fmt.Sprintf("load%d", i)
		if _, err := conn.Exec(ctx, "CREATE TABLE "+name+" (n bigint, amount numeric(12,2), label text, at timestamptz)"); err != nil {
			b.Fatal(err)
		}
		if _, err := conn.CopyFrom(ctx, pgx.Identifier{name}, []string{"n", "amount", "label", "at"}, pgx.CopyFromRows(rows)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(i*copyBenchRows)/time.Since(start).Seconds(), "rows/s")
}
