package parquet

import (
	"context"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/types"
)

// Partition folders (PARTITION BY) are named by the value's PostgreSQL
// text form (timestamptz in UTC), so that dir0, dir1, ... read it back:
//   - NULL is the folder %00 (no text value holds a NUL byte);
//   - the empty string is the folder % (a lone %, which escaping never
//     produces);
//   - a byte that may not stand in a folder name (/, \, %, control
//     characters) and a leading . or _ (hidden names) are written %XX, in
//     upper-case hexadecimal, as in URLs.
//
// partitionValue reverses the naming.
const (
	nullPartition  = "%00"
	emptyPartition = "%"
)

// partitionFolder is the folder name for row of a partition column.
func partitionFolder(col arrow.Array, row int) string {
	if col.IsNull(row) {
		return nullPartition
	}
	text := types.FormatText(col, row, time.UTC)
	if text == "" {
		return emptyPartition
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '%' || (i == 0 && (c == '.' || c == '_')) {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// partitionValue is the value a partition folder stands for: its text,
// or null (ok false) for NULL.
func partitionValue(folder string) (text string, ok bool) {
	switch folder {
	case nullPartition:
		return "", false
	case emptyPartition:
		return "", true
	}
	var b strings.Builder
	for i := 0; i < len(folder); i++ {
		if folder[i] == '%' && i+2 < len(folder) && isHex(folder[i+1]) && isHex(folder[i+2]) {
			b.WriteByte(unhex(folder[i+1])<<4 | unhex(folder[i+2]))
			i += 2
			continue
		}
		b.WriteByte(folder[i])
	}
	return b.String(), true
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('A' <= c && c <= 'F') || ('a' <= c && c <= 'f')
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// splitByPartition hands each partition's rows of a batch to write, with
// the partition's folder path (nested in the order of the partition
// columns), in the order the partitions first appear in the batch.
func splitByPartition(ctx context.Context, batch arrow.RecordBatch, by []int, write func(dir string, part arrow.RecordBatch) error) error {
	var order []string
	rows := map[string][]int64{}
	for row := 0; row < int(batch.NumRows()); row++ {
		segments := make([]string, len(by))
		for i, col := range by {
			segments[i] = partitionFolder(batch.Column(col), row)
		}
		dir := path.Join(segments...)
		if _, seen := rows[dir]; !seen {
			order = append(order, dir)
		}
		rows[dir] = append(rows[dir], int64(row))
	}
	if len(order) == 1 {
		return write(order[0], batch)
	}
	for _, dir := range order {
		part, err := takeRows(ctx, batch, rows[dir])
		if err != nil {
			return fmt.Errorf("partition %s: %w", dir, err)
		}
		err = write(dir, part)
		part.Release()
		if err != nil {
			return err
		}
	}
	return nil
}

// takeRows copies the given rows (ascending) of a batch into a new one:
// with Arrow's take kernel where it handles the column's type, by
// concatenating runs of consecutive rows where it does not (16- and
// 32-byte values: intervals, decimal256).
func takeRows(ctx context.Context, batch arrow.RecordBatch, rows []int64) (arrow.RecordBatch, error) {
	b := array.NewInt64Builder(memory.DefaultAllocator)
	defer b.Release()
	b.AppendValues(rows, nil)
	indices := b.NewArray()
	defer indices.Release()
	cols := make([]arrow.Array, batch.NumCols())
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	for i, col := range batch.Columns() {
		taken, err := compute.TakeArray(ctx, col, indices)
		if err != nil {
			taken, err = concatenateRows(col, rows)
		}
		if err != nil {
			return nil, err
		}
		cols[i] = taken
	}
	return array.NewRecordBatch(batch.Schema(), cols, int64(len(rows))), nil
}

// concatenateRows copies the given rows (ascending) of a column, a run of
// consecutive rows at a time.
func concatenateRows(col arrow.Array, rows []int64) (arrow.Array, error) {
	var pieces []arrow.Array
	defer func() {
		for _, piece := range pieces {
			piece.Release()
		}
	}()
	for start := 0; start < len(rows); {
		end := start + 1
		for end < len(rows) && rows[end] == rows[end-1]+1 {
			end++
		}
		pieces = append(pieces, array.NewSlice(col, rows[start], rows[end-1]+1))
		start = end
	}
	return array.Concatenate(pieces, memory.DefaultAllocator)
}
