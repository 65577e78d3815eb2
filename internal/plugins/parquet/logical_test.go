package parquet

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/types"
)

var logicalTestSchema = arrow.NewSchema([]arrow.Field{
	{Name: "j", Type: types.JSON, Nullable: true},
	{Name: "jb", Type: types.JSONB, Nullable: true},
	{Name: "n", Type: types.Numeric, Nullable: true},
	{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
}, nil)

// logicalBytes writes one row of json, jsonb, numeric and text, with or
// without the Arrow schema stored in the file.
func logicalBytes(t *testing.T, storeSchema bool) []byte {
	t.Helper()
	checked := memory.DefaultAllocator
	memory.DefaultAllocator = memory.NewGoAllocator()
	defer func() { memory.DefaultAllocator = checked }()
	b := array.NewRecordBuilder(memory.DefaultAllocator, logicalTestSchema)
	defer b.Release()
	for i, v := range []string{`{"a" : 1}`, `{"a": 1}`, "1.50", "text"} {
		if ext, ok := b.Field(i).(*array.ExtensionBuilder); ok {
			ext.StorageBuilder().(*array.StringBuilder).Append(v)
		} else {
			b.Field(i).(*array.StringBuilder).Append(v)
		}
	}
	batch := b.NewRecordBatch()
	defer batch.Release()
	props := pqarrow.DefaultWriterProps()
	if storeSchema {
		props = pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())
	}
	var buf bytes.Buffer
	w, err := pqarrow.NewFileWriter(logicalTestSchema, &buf, parquet.NewWriterProperties(), props)
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

// TestLogicalTypes reads json columns (Parquet's JSON logical type) as
// json, and jsonb and numeric columns as those types when the file's stored
// Arrow schema says so, else as the text they are stored as.
func TestLogicalTypes(t *testing.T) {
	dir := t.TempDir()
	writeLocal(t, filepath.Join(dir, "stored.parquet"), logicalBytes(t, true))
	writeLocal(t, filepath.Join(dir, "plain.parquet"), logicalBytes(t, false))
	p, err := New("dfs", &config.Plugin{Type: "file", Connection: "file:///",
		Workspaces: map[string]config.Workspace{"ws": {Location: dir}}})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][]arrow.DataType{
		"stored.parquet": {types.JSON, types.JSONB, types.Numeric, arrow.BinaryTypes.String},
		"plain.parquet":  {types.JSON, arrow.BinaryTypes.String, arrow.BinaryTypes.String, arrow.BinaryTypes.String},
	} {
		table, err := p.Table(context.Background(), "ws", name)
		if err != nil {
			t.Fatal(err)
		}
		for i, dt := range want {
			if got := table.Schema().Field(i).Type; !arrow.TypeEqual(got, dt) {
				t.Errorf("%s: column %d is %s, want %s", name, i, got, dt)
			}
		}
		_, text := scanAll(t, table, catalog.ScanRequest{Columns: []int{3, 0, 1, 2}, Limit: -1})
		if len(text) != 1 || text[0] != `text|{"a" : 1}|{"a": 1}|1.50` {
			t.Errorf("%s: rows %q", name, text)
		}
	}
}
