package server

import (
	"github.com/apache/arrow-go/v18/arrow"
	wire "github.com/jeroenrinzema/psql-wire"

	"auger/internal/types"
)

// rowsWriter is a DataWriter that sends many rows in one go, framing them
// into large writes (psql-wire's writer does when the portal has no row
// limit); Row alone flushes and switches to the portal's reader per row.
type rowsWriter interface {
	Rows(rows [][]any) error
}

// rowsPerWrite is how many rows writeBatch hands the writer at once.
const rowsPerWrite = 1024

// writeBatch sends each row of a batch as one DataRow. Cells are passed as
// types.Cell so that text format is rendered by Auger exactly as PostgreSQL
// renders it, and binary format by pgtype from the cell's native value.
// Values of character(n) columns are padded with blanks to padding[i]
// (padding may be shorter than the row: the rest is not padded).
func writeBatch(w wire.DataWriter, batch arrow.RecordBatch, padding []int, style types.Style) error {
	many, ok := w.(rowsWriter)
	if !ok {
		return writeRows(w, batch, padding, style)
	}
	n := int(batch.NumRows())
	rows := make([][]any, 0, min(n, rowsPerWrite))
	cells := make([]any, min(n, rowsPerWrite)*int(batch.NumCols()))
	for start := 0; start < n; start += rowsPerWrite {
		rows = rows[:0]
		for row := start; row < min(n, start+rowsPerWrite); row++ {
			values := cells[(row-start)*int(batch.NumCols()):][:batch.NumCols()]
			rowValues(values, batch, row, padding, style)
			rows = append(rows, values)
		}
		if err := many.Rows(rows); err != nil {
			return err
		}
	}
	return nil
}

// writeRows sends a batch one Row call at a time.
func writeRows(w wire.DataWriter, batch arrow.RecordBatch, padding []int, style types.Style) error {
	values := make([]any, batch.NumCols())
	for row := 0; row < int(batch.NumRows()); row++ {
		rowValues(values, batch, row, padding, style)
		if err := w.Row(values); err != nil {
			return err
		}
	}
	return nil
}

// rowValues fills values with the cells of one row.
func rowValues(values []any, batch arrow.RecordBatch, row int, padding []int, style types.Style) {
	for i, col := range batch.Columns() {
		if col.IsNull(row) || col.DataType().ID() == arrow.NULL {
			values[i] = nil
		} else {
			values[i] = types.NewCell(col, row, style).PaddedTo(widthAt(padding, i))
		}
	}
}

// widthAt is the blank padding of column i, 0 past the end of padding.
func widthAt(padding []int, i int) int {
	if i < len(padding) {
		return padding[i]
	}
	return 0
}
