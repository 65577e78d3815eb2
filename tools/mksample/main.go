// Command mksample writes the small Parquet files the bundled configuration
// serves from sample-data/. The output is deterministic: running it again
// gives the same files.
package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

func main() {
	dir := "sample-data"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := writeAll(dir); err != nil {
		log.Fatal(err)
	}
}

var regions = []string{"North", "South", "East", "West", "Central"}

func writeAll(dir string) error {
	if err := write(filepath.Join(dir, "users.parquet"), usersSchema, users()); err != nil {
		return err
	}
	if err := write(filepath.Join(dir, "regions.parquet"), regionsSchema, regionRows()); err != nil {
		return err
	}
	if err := write(filepath.Join(dir, "sales.parquet"), salesSchema, sales(2022, 2025)); err != nil {
		return err
	}
	for year := 2022; year <= 2024; year++ {
		path := filepath.Join(dir, "sales_by_year", fmt.Sprintf("%d.parquet", year))
		if err := write(path, salesSchema, sales(year, year+1)); err != nil {
			return err
		}
	}
	return nil
}

var (
	usersSchema = arrow.NewSchema([]arrow.Field{
		{Name: "user_id", Type: arrow.PrimitiveTypes.Int32},
		{Name: "username", Type: arrow.BinaryTypes.String},
		{Name: "email", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "signup_date", Type: arrow.FixedWidthTypes.Date32},
		{Name: "balance", Type: &arrow.Decimal128Type{Precision: 10, Scale: 2}},
		{Name: "active", Type: arrow.FixedWidthTypes.Boolean},
		{Name: "last_login", Type: &arrow.TimestampType{Unit: arrow.Microsecond}, Nullable: true},
	}, nil)
	regionsSchema = arrow.NewSchema([]arrow.Field{
		{Name: "region_id", Type: arrow.PrimitiveTypes.Int32},
		{Name: "name", Type: arrow.BinaryTypes.String},
	}, nil)
	salesSchema = arrow.NewSchema([]arrow.Field{
		{Name: "sale_id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "region_id", Type: arrow.PrimitiveTypes.Int32},
		{Name: "user_id", Type: arrow.PrimitiveTypes.Int32},
		{Name: "amount", Type: &arrow.Decimal128Type{Precision: 12, Scale: 2}},
		{Name: "sold_at", Type: &arrow.TimestampType{Unit: arrow.Microsecond}},
	}, nil)
)

var names = []string{"ada", "grace", "linus", "ken", "barbara", "edsger", "margaret", "dennis"}

func users() [][]any {
	var rows [][]any
	for i := 1; i <= 40; i++ {
		var email any = fmt.Sprintf("%s%d@example.com", names[i%len(names)], i)
		var login any = time.Date(2024, 3, 1+i%28, i%24, (i*7)%60, 0, 0, time.UTC)
		if i%9 == 0 {
			email, login = nil, nil
		}
		rows = append(rows, []any{int32(i), fmt.Sprintf("%s_%d", names[i%len(names)], i), email,
			time.Date(2020+i%4, time.Month(1+i%12), 1+i%27, 0, 0, 0, 0, time.UTC), int64(i*1037 - 5000), i%3 != 0, login})
	}
	return rows
}

func regionRows() [][]any {
	rows := make([][]any, len(regions))
	for i, r := range regions {
		rows[i] = []any{int32(i + 1), r}
	}
	return rows
}

// sales makes 60 sales per year in [from, to).
func sales(from, to int) [][]any {
	var rows [][]any
	for year := from; year < to; year++ {
		for i := 0; i < 60; i++ {
			id := int64((year-2022)*60 + i + 1)
			rows = append(rows, []any{id, int32(1 + i%len(regions)), int32(1 + (i*7)%40), int64(1000 + i*379%50000),
				time.Date(year, time.Month(1+i%12), 1+i%28, 9+i%8, 0, 0, 0, time.UTC)})
		}
	}
	return rows
}

func write(path string, schema *arrow.Schema, rows [][]any) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for _, row := range rows {
		for i, v := range row {
			appendValue(b.Field(i), v)
		}
	}
	batch := b.NewRecordBatch()
	defer batch.Release()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Snappy), parquet.WithCreatedBy("auger mksample"))
	w, err := pqarrow.NewFileWriter(schema, f, props, pqarrow.DefaultWriterProps())
	if err != nil {
		return err
	}
	if err := w.Write(batch); err != nil {
		return err
	}
	return w.Close()
}

func appendValue(b array.Builder, v any) {
	if v == nil {
		b.AppendNull()
		return
	}
	switch bb := b.(type) {
	case *array.Int32Builder:
		bb.Append(v.(int32))
	case *array.Int64Builder:
		bb.Append(v.(int64))
	case *array.StringBuilder:
		bb.Append(v.(string))
	case *array.BooleanBuilder:
		bb.Append(v.(bool))
	case *array.Date32Builder:
		bb.Append(arrow.Date32FromTime(v.(time.Time)))
	case *array.TimestampBuilder:
		bb.Append(arrow.Timestamp(v.(time.Time).UnixMicro()))
	case *array.Decimal128Builder:
		bb.Append(decimal128.FromI64(v.(int64)))
	}
}
