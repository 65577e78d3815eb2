package server

import (
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	wire "github.com/jeroenrinzema/psql-wire"

	"auger/internal/types"
)

// writeBatch sends each row of a batch as one DataRow. Cells are passed as
// types.Cell so that text format is rendered by Auger exactly as PostgreSQL
// renders it, and binary format by pgtype from the cell's native value.
// Values of character(n) columns are padded with blanks to padding[i]
// (padding may be shorter than the row: the rest is not padded).
func writeBatch(w wire.DataWriter, batch arrow.RecordBatch, padding []int, loc *time.Location) error {
	cols := batch.Columns()
	values := make([]any, len(cols))
	for row := 0; row < int(batch.NumRows()); row++ {
		for i, col := range cols {
			if col.IsNull(row) || col.DataType().ID() == arrow.NULL {
				values[i] = nil
			} else {
				values[i] = types.NewCell(col, row, loc).PaddedTo(widthAt(padding, i))
			}
		}
		if err := w.Row(values); err != nil {
			return err
		}
	}
	return nil
}

// widthAt is the blank padding of column i, 0 past the end of padding.
func widthAt(padding []int, i int) int {
	if i < len(padding) {
		return padding[i]
	}
	return 0
}
