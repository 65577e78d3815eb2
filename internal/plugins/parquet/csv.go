package parquet

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// columnsField is Drill's one column of a text file without a header:
// each line's fields as an array of varchar. The engine's subscripts
// count from 1, as PostgreSQL's do, so Drill's columns[0] is columns[1]
// here.
var columnsField = arrow.Field{Name: "columns", Type: arrow.ListOf(arrow.BinaryTypes.String), Nullable: true}

// csvSource reads delimited text (see csvParser): every value is
// varchar; an empty unquoted field is NULL and "" the empty string, as
// PostgreSQL's COPY ... CSV has them (Drill reads both as the empty
// string).
type csvSource struct {
	p      *csvParser
	path   string
	single bool // one `columns` array column
}

// textSchema is a text file's schema: its header's names as varchar
// columns, or the one `columns` array.
func textSchema(in *bufio.Reader, ft format, path string) (*arrow.Schema, error) {
	if !ft.header {
		return arrow.NewSchema([]arrow.Field{columnsField}, nil), nil
	}
	header, err := newCSVParser(in, ft).record()
	if errors.Is(err, io.EOF) {
		return nil, unreadable(path, "text", errors.New("no header line"))
	}
	if err != nil {
		return nil, unreadable(path, "text", err)
	}
	fields := make([]arrow.Field, len(header))
	for i, h := range header {
		name := h.value
		if name == "" {
			name = fmt.Sprintf("column%d", i+1)
		}
		fields[i] = arrow.Field{Name: name, Type: arrow.BinaryTypes.String, Nullable: true}
	}
	return arrow.NewSchema(fields, nil), nil
}

func newCSVSource(in *bufio.Reader, ft format, path string) (*csvSource, error) {
	s := &csvSource{p: newCSVParser(in, ft), path: path, single: !ft.header}
	if ft.header || ft.skipFirst {
		if _, err := s.p.record(); err != nil && !errors.Is(err, io.EOF) {
			return nil, unreadable(path, "text", err)
		}
	}
	return s, nil
}

// read implements rowSource: a header file's missing fields are NULL,
// extra ones dropped.
func (s *csvSource) read(builders []array.Builder, max int) (int, error) {
	for n := 0; n < max; n++ {
		record, err := s.p.record()
		if errors.Is(err, io.EOF) {
			return n, io.EOF
		}
		if err != nil {
			return n, unreadable(s.path, "text", err)
		}
		if s.single {
			appendColumns(builders[0].(*array.ListBuilder), record)
			continue
		}
		for i, b := range builders {
			if i < len(record) && !record[i].null() {
				b.(*array.StringBuilder).Append(record[i].value)
			} else {
				b.AppendNull()
			}
		}
	}
	return max, nil
}

func appendColumns(b *array.ListBuilder, record []csvField) {
	b.Append(true)
	values := b.ValueBuilder().(*array.StringBuilder)
	for _, f := range record {
		if f.null() {
			values.AppendNull()
		} else {
			values.Append(f.value)
		}
	}
}
