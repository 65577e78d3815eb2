package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/jackc/pgx/v5"
)

// lineitemSchema is TPC-H's lineitem: its 16 columns with their types.
var lineitemSchema = arrow.NewSchema([]arrow.Field{
	{Name: "l_orderkey", Type: arrow.PrimitiveTypes.Int64},
	{Name: "l_partkey", Type: arrow.PrimitiveTypes.Int64},
	{Name: "l_suppkey", Type: arrow.PrimitiveTypes.Int64},
	{Name: "l_linenumber", Type: arrow.PrimitiveTypes.Int32},
	{Name: "l_quantity", Type: money},
	{Name: "l_extendedprice", Type: money},
	{Name: "l_discount", Type: money},
	{Name: "l_tax", Type: money},
	{Name: "l_returnflag", Type: arrow.BinaryTypes.String},
	{Name: "l_linestatus", Type: arrow.BinaryTypes.String},
	{Name: "l_shipdate", Type: arrow.FixedWidthTypes.Date32},
	{Name: "l_commitdate", Type: arrow.FixedWidthTypes.Date32},
	{Name: "l_receiptdate", Type: arrow.FixedWidthTypes.Date32},
	{Name: "l_shipinstruct", Type: arrow.BinaryTypes.String},
	{Name: "l_shipmode", Type: arrow.BinaryTypes.String},
	{Name: "l_comment", Type: arrow.BinaryTypes.String},
}, nil)

var money = &arrow.Decimal128Type{Precision: 15, Scale: 2}

// rowGroups is how many row groups the file has at every scale (500,000
// rows each at scale 1).
const rowGroups = 12

// sizes are the row counts of one scale.
type sizes struct {
	lineitem, groupRows, orders int64
}

func sizesAt(scale float64) sizes {
	group := max(int64(500_000*scale), 1)
	return sizes{lineitem: group * rowGroups, groupRows: group, orders: max(int64(2_000_000*scale), 1)}
}

// linesPerOrder: order k has lines 1..4, so l_orderkey = row/4 + 1 rises
// with the row and the file is sorted by it.
const linesPerOrder = 4

// lineitemPath writes the lineitem file under dir when it is missing and
// returns its path. The file name carries the row count, so scales do not
// mix.
func lineitemPath(dir string, sz sizes) (string, error) {
	path := filepath.Join(dir, fmt.Sprintf("lineitem-%d.parquet", sz.lineitem))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := writeLineitem(path+".tmp", sz); err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return path, os.Rename(path+".tmp", path)
}

// writeLineitem writes the rows one row group at a time with pqarrow,
// snappy, with statistics, from a fixed-seed generator.
func writeLineitem(path string, sz sizes) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	mem := memory.NewGoAllocator()
	props := parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(sz.groupRows),
		parquet.WithCompression(compress.Codecs.Snappy), parquet.WithStats(true), parquet.WithAllocator(mem))
	w, err := pqarrow.NewFileWriter(lineitemSchema, f, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(mem)))
	if err != nil {
		return err
	}
	g := &generator{seed: 42}
	for start := int64(0); start < sz.lineitem; start += sz.groupRows {
		rec := g.rowGroup(mem, start, sz.groupRows)
		err := w.Write(rec)
		rec.Release()
		if err != nil {
			return err
		}
	}
	return w.Close()
}

// generator draws the values of the rows from a linear congruential
// sequence, the same on every machine.
type generator struct{ seed uint64 }

func (g *generator) next(n int) int {
	g.seed = g.seed*6364136223846793005 + 1442695040888963407
	return int(g.seed>>33) % n
}

var (
	returnFlags  = []string{"A", "N", "R"}
	lineStatuses = []string{"F", "O"}
	instructions = []string{"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"}
	shipModes    = []string{"AIR", "FOB", "MAIL", "RAIL", "REG AIR", "SHIP", "TRUCK"}
	words        = []string{"furiously", "carefully", "blithely", "quickly", "final", "regular", "ironic",
		"pending", "deposits", "requests", "packages", "accounts"}
)

// rowGroup builds rows start..start+n-1.
func (g *generator) rowGroup(mem memory.Allocator, start, n int64) arrow.RecordBatch {
	rb := array.NewRecordBuilder(mem, lineitemSchema)
	defer rb.Release()
	ints := func(i int) *array.Int64Builder { return rb.Field(i).(*array.Int64Builder) }
	decs := func(i int) *array.Decimal128Builder { return rb.Field(i).(*array.Decimal128Builder) }
	strs := func(i int) *array.StringBuilder { return rb.Field(i).(*array.StringBuilder) }
	dates := func(i int) *array.Date32Builder { return rb.Field(i).(*array.Date32Builder) }
	for i := start; i < start+n; i++ {
		ship := 8036 + g.next(2526) // 1992-01-02 .. 1998-12-01
		qty := int64(g.next(50) + 1)
		ints(0).Append(i/linesPerOrder + 1)
		ints(1).Append(int64(g.next(200_000) + 1))
		ints(2).Append(int64(g.next(10_000) + 1))
		rb.Field(3).(*array.Int32Builder).Append(int32(i%linesPerOrder + 1))
		decs(4).Append(decimal128.FromI64(qty * 100))
		decs(5).Append(decimal128.FromI64(qty * int64(90_000+g.next(1_000_000)) / 100))
		decs(6).Append(decimal128.FromI64(int64(g.next(11))))
		decs(7).Append(decimal128.FromI64(int64(g.next(9))))
		strs(8).Append(returnFlags[g.next(3)])
		strs(9).Append(lineStatuses[g.next(2)])
		dates(10).Append(arrow.Date32(ship))
		dates(11).Append(arrow.Date32(ship + g.next(60) - 30))
		dates(12).Append(arrow.Date32(ship + g.next(30) + 1))
		strs(13).Append(instructions[g.next(4)])
		strs(14).Append(shipModes[g.next(7)])
		strs(15).Append(words[g.next(12)] + " " + words[g.next(12)] + " " + words[g.next(12)])
	}
	return rb.NewRecordBatch()
}

// uploadLineitem puts the file into the bucket under key.
func uploadLineitem(ctx context.Context, client *s3.Client, bucket, key, path string) error {
	if _, err := client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: &bucket}); err != nil {
		return fmt.Errorf("create bucket %s: %w", bucket, err)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := client.PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: &key, Body: f}); err != nil {
		return fmt.Errorf("put s3://%s/%s: %w", bucket, key, err)
	}
	return nil
}

// ordersTable is the PostgreSQL table of the benchmark, TPC-H's orders.
const ordersTable = "orders"

// loadOrders creates the orders table, generated server-side, unless it
// is there with the right row count. o_orderkey runs 1..n, so it joins
// lineitem's l_orderkey.
func loadOrders(ctx context.Context, url string, n int64) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	var have int64
	if conn.QueryRow(ctx, "SELECT count(*) FROM "+ordersTable).Scan(&have) == nil && have == n {
		return nil
	}
	stmts := []string{
		"DROP TABLE IF EXISTS " + ordersTable,
		`CREATE TABLE ` + ordersTable + ` (
			o_orderkey bigint PRIMARY KEY, o_custkey bigint NOT NULL, o_orderstatus char(1) NOT NULL,
			o_totalprice numeric(15,2) NOT NULL, o_orderdate date NOT NULL, o_orderpriority text NOT NULL,
			o_clerk text NOT NULL, o_shippriority integer NOT NULL, o_comment text NOT NULL)`,
		fmt.Sprintf(`INSERT INTO `+ordersTable+`
			SELECT k, (k * 7919) %% 150000 + 1, (ARRAY['F','O','P'])[k %% 3 + 1],
				((k * 104729) %% 50000000) / 100.0, DATE '1992-01-01' + (k * 31 %% 2405)::int,
				(ARRAY['1-URGENT','2-HIGH','3-MEDIUM','4-NOT SPECIFIED','5-LOW'])[k %% 5 + 1],
				'Clerk#' || lpad(((k * 13) %% 1000 + 1)::text, 9, '0'), 0,
				md5(k::text)
			FROM generate_series(1::bigint, %d) AS k`, n),
		"ANALYZE " + ordersTable,
	}
	for _, s := range stmts {
		if _, err := conn.Exec(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return nil
}
