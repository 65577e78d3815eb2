package exec

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// spillBufferBytes is the buffer of each spill file being written or read.
const spillBufferBytes = 32 << 10

// spillFile is a file of a spill space holding batches of one schema as
// an Arrow IPC stream.
type spillFile struct {
	path   string
	schema *arrow.Schema
	rows   int64
}

func (f *spillFile) remove() { os.Remove(f.path) }

// spillWriter writes batches into a new spill file.
type spillWriter struct {
	file *spillFile
	f    *os.File
	buf  *bufio.Writer
	w    *ipc.Writer
}

func newSpillWriter(space *SpillSpace, prefix string, schema *arrow.Schema) (*spillWriter, error) {
	f, err := space.create(prefix)
	if err != nil {
		return nil, err
	}
	buf := bufio.NewWriterSize(countingWriter{f: f, space: space}, spillBufferBytes)
	return &spillWriter{file: &spillFile{path: f.Name(), schema: schema}, f: f, buf: buf,
		w: ipc.NewWriter(buf, ipc.WithSchema(schema), ipc.WithAllocator(memory.DefaultAllocator))}, nil
}

func (w *spillWriter) write(b arrow.RecordBatch) error {
	w.file.rows += b.NumRows()
	if err := w.w.Write(b); err != nil {
		return fmt.Errorf("spill: %w", err)
	}
	return nil
}

// finish completes the file.
func (w *spillWriter) finish() (*spillFile, error) {
	err := errors.Join(w.w.Close(), w.buf.Flush(), w.f.Close())
	if err != nil {
		w.file.remove()
		return nil, fmt.Errorf("spill: %w", err)
	}
	return w.file, nil
}

// abort closes and removes the file.
func (w *spillWriter) abort() {
	w.w.Close()
	w.f.Close()
	w.file.remove()
}

// spillReader reads a spill file back, one batch at a time.
type spillReader struct {
	file *spillFile
	f    *os.File
	r    *ipc.Reader
}

func (f *spillFile) open() (*spillReader, error) {
	file, err := os.Open(f.path)
	if err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	r, err := ipc.NewReader(bufio.NewReaderSize(file, spillBufferBytes), ipc.WithAllocator(memory.DefaultAllocator))
	if err != nil {
		file.Close()
		return nil, fmt.Errorf("spill: read %s: %w", f.path, err)
	}
	return &spillReader{file: f, f: file, r: r}, nil
}

// next returns the next batch, or io.EOF.
func (r *spillReader) next(ctx context.Context) (arrow.RecordBatch, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !r.r.Next() {
		if err := r.r.Err(); err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("spill: read %s: %w", r.file.path, err)
		}
		return nil, io.EOF
	}
	return restoreTypes(r.file.schema, r.r.RecordBatch()), nil
}

func (r *spillReader) close() {
	r.r.Release()
	r.f.Close()
}

// restoreTypes gives a batch read back from disk its schema's exact types:
// an extension type the IPC reader does not know comes back as its
// storage type.
func restoreTypes(schema *arrow.Schema, b arrow.RecordBatch) arrow.RecordBatch {
	cols := make([]arrow.Array, b.NumCols())
	var wrapped []arrow.Array
	for i, c := range b.Columns() {
		cols[i] = c
		want := schema.Field(i).Type
		if ext, ok := want.(arrow.ExtensionType); ok && !arrow.TypeEqual(c.DataType(), want) {
			cols[i] = array.NewExtensionArrayWithStorage(ext, c)
			wrapped = append(wrapped, cols[i])
		}
	}
	defer releaseArrays(wrapped)
	return array.NewRecordBatch(schema, cols, b.NumRows())
}
