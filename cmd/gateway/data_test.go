package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// userRow is one row of the test table, written identically into
// PostgreSQL ("Users") and into Parquet files (users.parquet).
type userRow struct {
	id        int32
	name      string
	email     *string
	score     *float64
	balance   *int64 // cents: numeric(12,2)
	active    *bool
	signup    *time.Time // date
	lastLogin *time.Time // timestamp
	createdAt *time.Time // timestamptz
	avatar    []byte
	token     *uuid.UUID
	small     *int16
	big       *int64
	ratio     *float32
}

func ptr[T any](v T) *T { return &v }

var userNames = []string{"alice", "Bob", "O'Brien", "zoë", "日本語", "'; DROP TABLE x; --", "Émile", "dave"}

// testUsers builds the deterministic rows: every column NULL in some rows,
// unicode names, floats that need PostgreSQL's shortest rendering.
func testUsers() []userRow {
	base := time.Date(2024, 1, 15, 10, 30, 0, 0, time.UTC)
	rows := make([]userRow, 100)
	for i := range rows {
		id := int32(i + 1)
		r := userRow{id: id, name: fmt.Sprintf("%s_%d", userNames[i%len(userNames)], id)}
		if i%7 != 3 {
			r.email = ptr(fmt.Sprintf("user%d@example.com", id))
			r.score = ptr(float64(i)*1.1 + 0.1)
			r.balance = ptr(int64(i*12345 - 50000))
			r.active = ptr(i%2 == 0)
			r.signup = ptr(time.Date(2020+i%5, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC))
			r.lastLogin = ptr(base.Add(time.Duration(i)*36*time.Hour + time.Duration(i)*time.Microsecond*1500))
			r.createdAt = ptr(base.Add(-time.Duration(i) * 17 * time.Hour))
			r.avatar = []byte{byte(i), 0xff, 0x00, byte(i * 3)}
			r.token = ptr(uuid.NewSHA1(uuid.NameSpaceOID, []byte(r.name)))
			r.small = ptr(int16(i - 50))
			r.big = ptr(int64(i) * 1_000_000_007)
			r.ratio = ptr(float32(i) / 3)
		}
		rows[i] = r
	}
	rows[41].score = ptr(1e20)
	rows[42].score = ptr(1.5e-7)
	rows[43].score = ptr(math.Inf(1))
	return rows
}

const createUsersSQL = `
CREATE TABLE "Users" (
  "UserID" integer PRIMARY KEY,
  "Username" text NOT NULL,
  email varchar(100),
  score double precision,
  balance numeric(12,2),
  active boolean,
  signup date,
  last_login timestamp,
  created_at timestamptz,
  avatar bytea,
  token uuid,
  small smallint,
  big bigint,
  ratio real
)`

var usersColumns = []string{"UserID", "Username", "email", "score", "balance", "active", "signup",
	"last_login", "created_at", "avatar", "token", "small", "big", "ratio"}

// loadPostgres creates the reference tables in a fresh database.
func loadPostgres(ctx context.Context, t testing.TB, url string) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, stmt := range []string{
		createUsersSQL,
		`CREATE TABLE "NoUsers" (LIKE "Users")`,
		`CREATE VIEW active_users AS SELECT "UserID", "Username" FROM "Users" WHERE active`,
		`CREATE MATERIALIZED VIEW user_count AS SELECT count(*) AS n FROM "Users"`,
		`CREATE SCHEMA "Sales"`,
		`CREATE TABLE "Sales".orders (id int, amount numeric)`,
		`INSERT INTO "Sales".orders VALUES (1, 10.5), (2, 99999999999999999999.123456789)`,
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	rows := testUsers()
	src := make([][]any, len(rows))
	for i, r := range rows {
		src[i] = r.pgValues()
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"Users"}, usersColumns, pgx.CopyFromRows(src)); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `REFRESH MATERIALIZED VIEW user_count`); err != nil {
		t.Fatal(err)
	}
	loadArrays(ctx, t, conn)
	loadTypes(ctx, t, conn)
}

func (r userRow) pgValues() []any {
	var balance any
	if r.balance != nil {
		balance = fmt.Sprintf("%d.%02d", *r.balance/100, abs(*r.balance%100))
		if *r.balance < 0 && *r.balance > -100 {
			balance = fmt.Sprintf("-0.%02d", abs(*r.balance%100))
		}
	}
	var signup any
	if r.signup != nil {
		signup = *r.signup
	}
	var token any
	if r.token != nil {
		token = *r.token
	}
	var avatar any
	if r.avatar != nil {
		avatar = r.avatar
	}
	return []any{r.id, r.name, r.email, r.score, balance, r.active, signup, r.lastLogin, r.createdAt,
		avatar, token, r.small, r.big, r.ratio}
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// usersSchema is the Arrow schema of users.parquet, the Parquet twin of "Users".
var usersSchema = arrow.NewSchema([]arrow.Field{
	{Name: "UserID", Type: arrow.PrimitiveTypes.Int32},
	{Name: "Username", Type: arrow.BinaryTypes.String},
	{Name: "email", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "score", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	{Name: "balance", Type: &arrow.Decimal128Type{Precision: 12, Scale: 2}, Nullable: true},
	{Name: "active", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	{Name: "signup", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
	{Name: "last_login", Type: &arrow.TimestampType{Unit: arrow.Microsecond}, Nullable: true},
	{Name: "created_at", Type: &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}, Nullable: true},
	{Name: "avatar", Type: arrow.BinaryTypes.Binary, Nullable: true},
	{Name: "token", Type: extensions.NewUUIDType(), Nullable: true},
	{Name: "small", Type: arrow.PrimitiveTypes.Int16, Nullable: true},
	{Name: "big", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "ratio", Type: arrow.PrimitiveTypes.Float32, Nullable: true},
}, nil)

// usersBatch builds the rows [from, to) of testUsers as one Arrow batch.
func usersBatch(rows []userRow) arrow.RecordBatch {
	b := array.NewRecordBuilder(memory.DefaultAllocator, usersSchema)
	defer b.Release()
	for _, r := range rows {
		b.Field(0).(*array.Int32Builder).Append(r.id)
		b.Field(1).(*array.StringBuilder).Append(r.name)
		appendOpt(b.Field(2), r.email, func(v string) { b.Field(2).(*array.StringBuilder).Append(v) })
		appendOpt(b.Field(3), r.score, func(v float64) { b.Field(3).(*array.Float64Builder).Append(v) })
		appendOpt(b.Field(4), r.balance, func(v int64) { b.Field(4).(*array.Decimal128Builder).Append(decimal128.FromI64(v)) })
		appendOpt(b.Field(5), r.active, func(v bool) { b.Field(5).(*array.BooleanBuilder).Append(v) })
		appendOpt(b.Field(6), r.signup, func(v time.Time) { b.Field(6).(*array.Date32Builder).Append(arrow.Date32FromTime(v)) })
		appendOpt(b.Field(7), r.lastLogin, func(v time.Time) {
			b.Field(7).(*array.TimestampBuilder).Append(arrow.Timestamp(v.UnixMicro()))
		})
		appendOpt(b.Field(8), r.createdAt, func(v time.Time) {
			b.Field(8).(*array.TimestampBuilder).Append(arrow.Timestamp(v.UnixMicro()))
		})
		if r.avatar == nil {
			b.Field(9).AppendNull()
		} else {
			b.Field(9).(*array.BinaryBuilder).Append(r.avatar)
		}
		appendOpt(b.Field(10), r.token, func(v uuid.UUID) { b.Field(10).(*extensions.UUIDBuilder).Append(v) })
		appendOpt(b.Field(11), r.small, func(v int16) { b.Field(11).(*array.Int16Builder).Append(v) })
		appendOpt(b.Field(12), r.big, func(v int64) { b.Field(12).(*array.Int64Builder).Append(v) })
		appendOpt(b.Field(13), r.ratio, func(v float32) { b.Field(13).(*array.Float32Builder).Append(v) })
	}
	return b.NewRecordBatch()
}

func appendOpt[T any](b array.Builder, v *T, appendFn func(T)) {
	if v == nil {
		b.AppendNull()
		return
	}
	appendFn(*v)
}

// writeParquet writes rows as a Parquet file with row groups of groupRows.
func writeParquet(t testing.TB, path string, rows []userRow, groupRows int64) []byte {
	t.Helper()
	batch := usersBatch(rows)
	defer batch.Release()
	return writeBatchParquet(t, path, usersSchema, batch, groupRows)
}

// writeBatchParquet writes a batch as a Parquet file with row groups of
// groupRows and returns the file's bytes.
func writeBatchParquet(t testing.TB, path string, schema *arrow.Schema, batch arrow.RecordBatch, groupRows int64) []byte {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	props := parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(groupRows))
	w, err := pqarrow.NewFileWriter(schema, f, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(batch); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
