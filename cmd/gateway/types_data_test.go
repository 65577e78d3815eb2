package main

import (
	"context"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/extensions"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"auger/internal/types"
)

// typeRow is one row of the table of the types the users table lacks,
// written identically into PostgreSQL ("Types") and into Parquet files
// (types.parquet). A nil pointer is a NULL.
type typeRow struct {
	id     int32
	doc    *string     // json: kept as written
	docb   *jsonbValue // jsonb
	raw    []byte      // bytea; nil is NULL
	uid    *uuid.UUID
	tod    *time.Duration // time, since midnight
	span   *string        // interval: PostgreSQL only (Parquet cannot hold it)
	code   *string        // char(5), as PostgreSQL pads it
	label  *string        // varchar(10)
	note   *string        // text
	amount *string        // numeric without a type modifier
}

// jsonbValue is a jsonb as it was written and as PostgreSQL's jsonb output
// renders it (the Parquet copy holds the rendering, as Auger does).
type jsonbValue struct{ input, output string }

// typeDocs are the JSON documents of the table: every kind of value, nested
// ones, duplicate keys, escapes, unicode, numbers jsonb rewrites.
var typeDocs = []jsonbValue{
	{`{"a": 1, "b": [1, 2, 3], "c": {"d": "x"}}`, `{"a": 1, "b": [1, 2, 3], "c": {"d": "x"}}`},
	{`{"b":2,"a":1,"a":3}`, `{"a": 3, "b": 2}`},
	{`[1, "two", null, true, {"k": [false]}]`, `[1, "two", null, true, {"k": [false]}]`},
	{`"just a string"`, `"just a string"`},
	{`42`, `42`},
	{`3.14e2`, `314`},
	{`null`, `null`},
	{`{}`, `{}`},
	{`[]`, `[]`},
	{`{"name": "zoë", "tags": ["日本語", "O'Brien"], "nested": {"deep": {"deeper": [1, [2, [3]]]}}}`,
		`{"name": "zoë", "tags": ["日本語", "O'Brien"], "nested": {"deep": {"deeper": [1, [2, [3]]]}}}`},
	{`{"esc": "line\nbreak \"quoted\" \\ back", "u": "\u00e9\ud83d\ude00"}`,
		`{"u": "é😀", "esc": "line\nbreak \"quoted\" \\ back"}`},
	{`  { "spaced" :  true , "list":[ 1 ,2 ] }  `, `{"list": [1, 2], "spaced": true}`},
	{`-0.0`, `0.0`},
	{`1e-7`, `0.0000001`},
	{`{"n": null, "e": "", "arr": [null, {"x": null}], "num": 1.50}`, `{"e": "", "n": null, "arr": [null, {"x": null}], "num": 1.50}`},
	{`{"aaa": 1, "b": 2, "cc": 3, "B": 4}`, `{"B": 4, "b": 2, "cc": 3, "aaa": 1}`},
	{`[[1, 2], [3, [4, 5]], {"z": -1.5E+3}]`, `[[1, 2], [3, [4, 5]], {"z": -1500}]`},
	{`false`, `false`},
}

var (
	typeBytes = [][]byte{{0x00, 0xff}, {}, []byte("abc"), {0xde, 0xad, 0xbe, 0xef}, []byte(`a\b`),
		{0, 0, 0}, []byte("zoë"), {0x7f, 0x80}}
	typeUUIDs = []string{"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "00000000-0000-0000-0000-000000000000",
		"ffffffff-ffff-ffff-ffff-ffffffffffff", "123e4567-e89b-12d3-a456-426614174000", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A12"}
	typeTimes = []time.Duration{0, 23*time.Hour + 59*time.Minute + 59*time.Second + 999999*time.Microsecond,
		12*time.Hour + 34*time.Minute + 56*time.Second + 500*time.Millisecond, 9 * time.Hour, 30 * time.Second}
	typeSpans  = []string{"1 year 2 mons", "3 days 04:05:06", "-1 days", "00:00:00.5", "1 mon -2 days"}
	typeCodes  = []string{"ab   ", "     ", "abcde", "zoë  ", "A    ", "x y  "}
	typeLabels = []string{"", "O'Brien", "日本語", "exactly10!", "Bob", "b"}
	typeNotes  = []string{"", "hello", "NULL", "line\nbreak", `say "hi"`, "Émile", "tab\there", "日本語テキスト"}
	typeAmount = []string{"1.50", "-0.001", "12345678901234567890.123456789", "0", "100", "-7", "0.10"}
)

// testTypes builds the deterministic rows: each column NULL in some rows.
func testTypes() []typeRow {
	rows := make([]typeRow, 20)
	for i := range rows {
		r := typeRow{id: int32(i + 1)}
		if i < len(typeDocs) {
			r.doc = ptr(typeDocs[i].input)
		}
		if i != 12 && i != 18 {
			r.docb = ptr(typeDocs[(i*5+3)%len(typeDocs)])
		}
		if i%6 != 5 {
			r.raw = typeBytes[i%len(typeBytes)]
			r.uid = ptr(uuid.MustParse(typeUUIDs[i%len(typeUUIDs)]))
			r.tod = ptr(typeTimes[i%len(typeTimes)])
			r.span = ptr(typeSpans[i%len(typeSpans)])
		}
		if i%7 != 4 {
			r.code = ptr(typeCodes[i%len(typeCodes)])
			r.label = ptr(typeLabels[i%len(typeLabels)])
			r.note = ptr(typeNotes[i%len(typeNotes)])
			r.amount = ptr(typeAmount[i%len(typeAmount)])
		}
		rows[i] = r
	}
	return rows
}

const createTypesSQL = `
CREATE TABLE "Types" (
  "ID" integer PRIMARY KEY,
  doc json,
  docb jsonb,
  raw bytea,
  uid uuid,
  tod time,
  code char(5),
  label varchar(10),
  note text,
  amount numeric,
  span interval
)`

// loadTypes creates and fills "Types" in PostgreSQL, every value given as
// its text.
func loadTypes(ctx context.Context, t testing.TB, conn *pgx.Conn) {
	if _, err := conn.Exec(ctx, createTypesSQL); err != nil {
		t.Fatalf("%s: %v", createTypesSQL, err)
	}
	const insert = `INSERT INTO "Types" VALUES ($1, $2::text::json, $3::text::jsonb, $4, $5::text::uuid,
		$6::text::time, $7, $8, $9, $10::text::numeric, $11::text::interval)`
	for _, r := range testTypes() {
		var docb, uid, tod any
		if r.docb != nil {
			docb = r.docb.input
		}
		if r.uid != nil {
			uid = r.uid.String()
		}
		if r.tod != nil {
			tod = time.Time{}.Add(*r.tod).Format("15:04:05.999999")
		}
		if _, err := conn.Exec(ctx, insert, r.id, r.doc, docb, r.raw, uid, tod, r.code, r.label, r.note, r.amount, r.span); err != nil {
			t.Fatalf("insert type row %d: %v", r.id, err)
		}
	}
}

// typesSchema is the Arrow schema of types.parquet, the Parquet twin of
// "Types" without its interval column.
var typesSchema = arrow.NewSchema([]arrow.Field{
	{Name: "ID", Type: arrow.PrimitiveTypes.Int32},
	{Name: "doc", Type: types.JSON, Nullable: true},
	{Name: "docb", Type: types.JSONB, Nullable: true},
	{Name: "raw", Type: arrow.BinaryTypes.Binary, Nullable: true},
	{Name: "uid", Type: extensions.NewUUIDType(), Nullable: true},
	{Name: "tod", Type: arrow.FixedWidthTypes.Time64us, Nullable: true},
	{Name: "code", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "label", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "note", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "amount", Type: types.Numeric, Nullable: true},
}, nil)

// typesBatch builds rows of testTypes as one Arrow batch.
func typesBatch(rows []typeRow) arrow.RecordBatch {
	b := array.NewRecordBuilder(memory.DefaultAllocator, typesSchema)
	defer b.Release()
	text := func(i int) func(string) {
		storage := b.Field(i).(*array.ExtensionBuilder).StorageBuilder().(*array.StringBuilder)
		return storage.Append
	}
	for _, r := range rows {
		b.Field(0).(*array.Int32Builder).Append(r.id)
		appendOpt(b.Field(1), r.doc, text(1))
		appendOpt(b.Field(2), r.docb, func(v jsonbValue) { text(2)(v.output) })
		if r.raw == nil {
			b.Field(3).AppendNull()
		} else {
			b.Field(3).(*array.BinaryBuilder).Append(r.raw)
		}
		appendOpt(b.Field(4), r.uid, func(v uuid.UUID) { b.Field(4).(*extensions.UUIDBuilder).Append(v) })
		appendOpt(b.Field(5), r.tod, func(v time.Duration) {
			b.Field(5).(*array.Time64Builder).Append(arrow.Time64(v.Microseconds()))
		})
		for i, v := range []*string{r.code, r.label, r.note} {
			appendOpt(b.Field(6+i), v, b.Field(6+i).(*array.StringBuilder).Append)
		}
		appendOpt(b.Field(9), r.amount, text(9))
	}
	return b.NewRecordBatch()
}

// writeTypesParquet writes rows as a Parquet file.
func writeTypesParquet(t testing.TB, path string, rows []typeRow) []byte {
	t.Helper()
	batch := typesBatch(rows)
	defer batch.Release()
	return writeBatchParquet(t, path, typesSchema, batch, 8)
}

// typesTables are each source's copy of the types table.
var typesTables = map[string]string{
	"postgresql":    `postgresql.public."Types"`,
	"local parquet": "dfs.data.`types.parquet`",
	"local folder":  "dfs.data.`types_folder`",
	"s3 workspace":  "s3.warehouse.`types.parquet`",
	"s3 root path":  "s3.root.`warehouse/types.parquet`",
}
