package parquet

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/expr"
	"auger/internal/sqlstate"
)

// rowsBytes encodes rows (nil for NULL) of a schema as Parquet.
func rowsBytes(t *testing.T, schema *arrow.Schema, rows [][]any) []byte {
	t.Helper()
	mem := memory.NewGoAllocator()
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	for _, row := range rows {
		for i, v := range row {
			if v == nil {
				b.Field(i).AppendNull()
				continue
			}
			switch fb := b.Field(i).(type) {
			case *array.Int32Builder:
				fb.Append(v.(int32))
			case *array.Int64Builder:
				fb.Append(v.(int64))
			case *array.Float32Builder:
				fb.Append(v.(float32))
			case *array.Float64Builder:
				fb.Append(v.(float64))
			case *array.StringBuilder:
				fb.Append(v.(string))
			}
		}
	}
	batch := b.NewRecordBatch()
	defer batch.Release()
	var buf bytes.Buffer
	checked := memory.DefaultAllocator
	memory.DefaultAllocator = memory.NewGoAllocator()
	defer func() { memory.DefaultAllocator = checked }()
	w, err := pqarrow.NewFileWriter(schema, &buf, parquet.NewWriterProperties(), pqarrow.DefaultWriterProps())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(batch); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func fields(fs ...arrow.Field) *arrow.Schema { return arrow.NewSchema(fs, nil) }

var (
	id32     = arrow.Field{Name: "id", Type: arrow.PrimitiveTypes.Int32, Nullable: true}
	id64     = arrow.Field{Name: "id", Type: arrow.PrimitiveTypes.Int64, Nullable: true}
	idText   = arrow.Field{Name: "id", Type: arrow.BinaryTypes.String, Nullable: true}
	name     = arrow.Field{Name: "name", Type: arrow.BinaryTypes.String, Nullable: true}
	score32  = arrow.Field{Name: "score", Type: arrow.PrimitiveTypes.Float32, Nullable: true}
	score64  = arrow.Field{Name: "score", Type: arrow.PrimitiveTypes.Float64, Nullable: true}
	scoreInt = arrow.Field{Name: "score", Type: arrow.PrimitiveTypes.Int64, Nullable: true}
)

func unionPlugin(t *testing.T) catalog.Plugin {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{
		"u/1.parquet":   rowsBytes(t, fields(id32, name), [][]any{{int32(1), "a"}}),
		"u/2.parquet":   rowsBytes(t, fields(id64, score32, name), [][]any{{int64(2), float32(1.5), "b"}}),
		"u/3.parquet":   rowsBytes(t, fields(scoreInt), [][]any{{int64(7)}}),
		"u/4.parquet":   rowsBytes(t, fields(score64), [][]any{{2.25}}),
		"bad/1.parquet": rowsBytes(t, fields(id64), [][]any{{int64(1)}}),
		"bad/2.parquet": rowsBytes(t, fields(idText), [][]any{{"x"}}),
	}
	for n, b := range files {
		writeLocal(t, filepath.Join(dir, n), b)
	}
	p, err := New("dfs", &config.Plugin{Type: "file", Connection: "file:///",
		Workspaces: map[string]config.Workspace{"ws": {Location: dir}}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFilesWithDifferentSchemasReadAsTheirUnion(t *testing.T) {
	p := unionPlugin(t)
	table, err := p.Table(context.Background(), "ws", "u")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range table.Schema().Fields() {
		got = append(got, f.Name+" "+f.Type.String())
	}
	if want := []string{"id int64", "name utf8", "score float64"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("schema %v, want %v", got, want)
	}
	_, rows := scanAll(t, table, catalog.ScanRequest{Columns: []int{2, 0, 1}, Limit: -1})
	want := []string{"(null)|1|a", "1.5|2|b", "7|(null)|(null)", "2.25|(null)|(null)"}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows %v, want %v", rows, want)
	}
	_, rows = scanAll(t, table, catalog.ScanRequest{Columns: []int{1}, Limit: -1})
	if want := []string{"a", "b", "(null)", "(null)"}; !reflect.DeepEqual(rows, want) {
		t.Errorf("name alone: rows %v, want %v", rows, want)
	}
	filter := cmpExpr(&expr.Column{Index: 0, Name: "id", Typ: arrow.PrimitiveTypes.Int64}, expr.Eq, i64(2))
	_, rows = scanAll(t, table, catalog.ScanRequest{Columns: []int{0}, Filters: []expr.Expr{filter}, Limit: -1})
	if !strings.Contains(strings.Join(rows, ","), "2") {
		t.Errorf("a pruned scan for id = 2 lost its row: %v", rows)
	}
}

func TestIncompatibleFileSchemasFail(t *testing.T) {
	p := unionPlugin(t)
	_, err := p.Table(context.Background(), "ws", "bad")
	var se *sqlstate.Error
	if !errors.As(err, &se) || se.Code != sqlstate.DatatypeMismatch ||
		!strings.Contains(se.Message, `column "id" is int64 in `) || !strings.Contains(se.Message, "bad/1.parquet") ||
		!strings.Contains(se.Message, "but utf8 in ") || !strings.Contains(se.Message, "bad/2.parquet") {
		t.Errorf("error %v", err)
	}
}
