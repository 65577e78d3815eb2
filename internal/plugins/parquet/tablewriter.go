package parquet

import (
	"context"
	"errors"
	"fmt"
	"path"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/catalog"
)

// A partitioned write keeps a file open per partition, up to
// maxOpenPartitionFiles: past it, the least recently used partition's file
// is finished, and that partition's next rows start its next file. The
// row groups the open files buffer are bounded together by
// partitionBufferBytes: past it, the largest is written out.
const (
	maxOpenPartitionFiles = 64
	partitionBufferBytes  = 32 << 20
)

// tableWriter writes a table's files into a temporary folder and renames
// the folder into place on Commit.
type tableWriter struct {
	fs       writableFS
	tmp      string // the hidden folder written to
	target   string // the table's path once committed
	spec     catalog.WriteSpec
	format   outputFormat
	parts    map[string]*partitionFiles
	open     []*partitionFiles // partitions with an open file, least recently used first
	rows     int64
	finished bool
}

var _ catalog.TableWriter = (*tableWriter)(nil)

// partitionFiles is the file set of one folder: 0_0_0.ext, 0_0_1.ext, ...
type partitionFiles struct {
	dir  string
	next int
	file outputFile
}

func newTableWriter(fs writableFS, tmp, target string, spec catalog.WriteSpec, format outputFormat) *tableWriter {
	return &tableWriter{fs: fs, tmp: tmp, target: target, spec: spec, format: format, parts: map[string]*partitionFiles{}}
}

// Write implements catalog.TableWriter; a failure removes everything
// written so far.
func (w *tableWriter) Write(ctx context.Context, batch arrow.RecordBatch) error {
	if w.finished {
		return errWriterDone
	}
	if err := w.write(ctx, batch); err != nil {
		return errors.Join(err, w.Abort(ctx))
	}
	return nil
}

func (w *tableWriter) write(ctx context.Context, batch arrow.RecordBatch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if !sameTypes(batch.Schema(), w.spec.Columns) {
		return fmt.Errorf("write %s: batch schema %s differs from the table's %s", w.target, batch.Schema(), w.spec.Columns)
	}
	if batch.NumRows() == 0 {
		return nil
	}
	batch = withSchema(batch, w.spec.Columns)
	defer batch.Release()
	if len(w.spec.PartitionBy) == 0 {
		return w.writeTo(ctx, "", batch)
	}
	return splitByPartition(ctx, batch, w.spec.PartitionBy, func(dir string, part arrow.RecordBatch) error {
		return w.writeTo(ctx, dir, part)
	})
}

// writeTo appends rows to the current file of the partition folder dir
// (relative to the table), starting a file when there is none and
// finishing it once it reaches the file size.
func (w *tableWriter) writeTo(ctx context.Context, dir string, batch arrow.RecordBatch) error {
	part, err := w.openPartition(ctx, dir)
	if err != nil {
		return err
	}
	if err := part.file.Write(batch); err != nil {
		return fmt.Errorf("write %s: %w", part.dir, err)
	}
	w.rows += batch.NumRows()
	if size := w.spec.Options.FileBytes; size > 0 && part.file.Size() >= size {
		return w.finish(part)
	}
	if len(w.open) > 1 {
		return w.boundBuffers()
	}
	return nil
}

// boundBuffers writes out the largest buffer of the open files while they
// hold more than partitionBufferBytes together.
func (w *tableWriter) boundBuffers() error {
	var total int64
	var largest *partitionFiles
	for _, p := range w.open {
		total += p.file.Buffered()
		if largest == nil || p.file.Buffered() > largest.file.Buffered() {
			largest = p
		}
	}
	if total <= partitionBufferBytes {
		return nil
	}
	if err := largest.file.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", largest.dir, err)
	}
	return nil
}

// openPartition returns a partition with an open file, most recently used.
func (w *tableWriter) openPartition(ctx context.Context, dir string) (*partitionFiles, error) {
	part := w.parts[dir]
	if part == nil {
		part = &partitionFiles{dir: path.Join(w.tmp, dir)}
		w.parts[dir] = part
	}
	if part.file != nil {
		w.touch(part)
		return part, nil
	}
	if len(w.open) >= maxOpenPartitionFiles {
		if err := w.finish(w.open[0]); err != nil {
			return nil, err
		}
	}
	name := path.Join(part.dir, fmt.Sprintf("0_0_%d.%s", part.next, w.format.extension))
	out, err := w.fs.Create(ctx, name)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", name, err)
	}
	file, err := w.format.open(out, w.spec)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("create %s: %w", name, err), out.Abort())
	}
	part.file = file
	part.next++
	w.open = append(w.open, part)
	return part, nil
}

// touch moves an open partition to the most recently used end.
func (w *tableWriter) touch(part *partitionFiles) {
	for i, p := range w.open {
		if p == part {
			copy(w.open[i:], w.open[i+1:])
			w.open[len(w.open)-1] = part
			return
		}
	}
}

// finish closes a partition's current file.
func (w *tableWriter) finish(part *partitionFiles) error {
	for i, p := range w.open {
		if p == part {
			w.open = append(w.open[:i], w.open[i+1:]...)
			break
		}
	}
	file := part.file
	part.file = nil
	if err := file.Close(); err != nil {
		return fmt.Errorf("finish a file in %s: %w", part.dir, err)
	}
	return nil
}

// Commit implements catalog.TableWriter: it finishes every open file and
// renames the temporary folder to the table's name. A table without rows
// gets one file without rows, so that its columns are known.
func (w *tableWriter) Commit(ctx context.Context) (int64, error) {
	if w.finished {
		return 0, errWriterDone
	}
	if err := w.commit(ctx); err != nil {
		return 0, errors.Join(err, w.Abort(ctx))
	}
	w.finished = true
	return w.rows, nil
}

func (w *tableWriter) commit(ctx context.Context) error {
	if len(w.parts) == 0 {
		if _, err := w.openPartition(ctx, ""); err != nil {
			return err
		}
	}
	for len(w.open) > 0 {
		if err := w.finish(w.open[0]); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := w.fs.Rename(ctx, w.tmp, w.target); err != nil {
		return fmt.Errorf("commit %s: %w", w.target, err)
	}
	return nil
}

// Abort implements catalog.TableWriter: it discards the open files and
// removes the temporary folder. After a Commit it does nothing.
func (w *tableWriter) Abort(ctx context.Context) error {
	if w.finished {
		return nil
	}
	w.finished = true
	var errs []error
	for _, part := range w.open {
		errs = append(errs, part.file.Abort())
		part.file = nil
	}
	w.open = nil
	// The removal runs even when ctx is cancelled: that is when it matters.
	errs = append(errs, w.fs.RemoveAll(context.WithoutCancel(ctx), w.tmp))
	return errors.Join(errs...)
}

// withSchema gives a batch the table's column names, sharing its columns.
// The caller releases the result.
func withSchema(batch arrow.RecordBatch, schema *arrow.Schema) arrow.RecordBatch {
	if batch.Schema().Equal(schema) {
		batch.Retain()
		return batch
	}
	return array.NewRecordBatch(schema, batch.Columns(), batch.NumRows())
}
