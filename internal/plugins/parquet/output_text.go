package parquet

import (
	"bufio"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/extensions"

	"auger/internal/catalog"
	"auger/internal/types"
)

// textOutput is a file of lines, one per row, after an optional header:
// CSV or newline-delimited JSON.
type textOutput struct {
	out   FileWriter
	count *countingWriter
	buf   *bufio.Writer
	names []string
	row   func(o *textOutput, batch arrow.RecordBatch, row int)
	line  []byte
}

func newTextOutput(out FileWriter, spec catalog.WriteSpec, row func(*textOutput, arrow.RecordBatch, int)) *textOutput {
	count := &countingWriter{w: out}
	o := &textOutput{out: out, count: count, buf: bufio.NewWriterSize(count, 1<<16), row: row}
	for _, f := range spec.Columns.Fields() {
		o.names = append(o.names, f.Name)
	}
	return o
}

// openCSVOutput starts a CSV file: a header line of the column names, then
// one line per row with the values in PostgreSQL's text form. Fields are
// quoted as RFC 4180 says (when they hold a comma, a quote or a line
// break; quotes doubled); the empty string is "" and NULL an empty field,
// as PostgreSQL's COPY ... CSV writes them. Lines end with \n.
func openCSVOutput(out FileWriter, spec catalog.WriteSpec) (outputFile, error) {
	o := newTextOutput(out, spec, csvRow)
	for i, name := range o.names {
		if i > 0 {
			o.line = append(o.line, ',')
		}
		o.line = appendCSVField(o.line, name)
	}
	o.line = append(o.line, '\n')
	_, err := o.buf.Write(o.line)
	return o, err
}

func csvRow(o *textOutput, batch arrow.RecordBatch, row int) {
	for i, col := range batch.Columns() {
		if i > 0 {
			o.line = append(o.line, ',')
		}
		if !col.IsNull(row) {
			o.line = appendCSVField(o.line, types.FormatText(col, row, time.UTC))
		}
	}
	o.line = append(o.line, '\n')
}

func appendCSVField(b []byte, s string) []byte {
	if s != "" && !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}

// openJSONOutput starts a newline-delimited JSON file: one object per row,
// its keys the column names in order. Integers, floats and decimals are
// JSON numbers (NaN and infinities strings), booleans true and false,
// json and jsonb columns their JSON, lists arrays and structs objects;
// every other value is a string of its PostgreSQL text form. NULL is null.
func openJSONOutput(out FileWriter, spec catalog.WriteSpec) (outputFile, error) {
	return newTextOutput(out, spec, jsonRow), nil
}

func jsonRow(o *textOutput, batch arrow.RecordBatch, row int) {
	o.line = append(o.line, '{')
	for i, col := range batch.Columns() {
		if i > 0 {
			o.line = append(o.line, ',')
		}
		o.line = append(o.line, types.QuoteJSON(o.names[i])...)
		o.line = append(o.line, ':')
		o.line = appendJSONValue(o.line, col, row)
	}
	o.line = append(o.line, '}', '\n')
}

// appendJSONValue appends one value as JSON.
func appendJSONValue(b []byte, col arrow.Array, row int) []byte {
	if col.IsNull(row) {
		return append(b, "null"...)
	}
	switch a := col.(type) {
	case *array.Boolean:
		return strconv.AppendBool(b, a.Value(row))
	case *array.Int8, *array.Int16, *array.Int32, *array.Int64,
		*array.Uint8, *array.Uint16, *array.Uint32, *array.Uint64,
		*array.Decimal128, *array.Decimal256:
		return append(b, types.FormatText(col, row, time.UTC)...)
	case *array.Float32:
		return appendJSONFloat(b, col, row, float64(a.Value(row)))
	case *array.Float64:
		return appendJSONFloat(b, col, row, a.Value(row))
	case *extensions.JSONArray:
		return append(b, a.Storage().(*array.String).Value(row)...)
	case *array.List:
		return appendJSONList(b, a, row)
	case *array.Struct:
		return appendJSONStruct(b, a, row)
	}
	if ext, ok := col.(array.ExtensionArray); ok {
		switch ext.ExtensionType().ExtensionName() {
		case types.JSONB.ExtensionName():
			return append(b, ext.Storage().(*array.String).Value(row)...)
		case types.Numeric.ExtensionName():
			return appendJSONNumeric(b, ext.Storage().(*array.String).Value(row))
		}
	}
	return append(b, types.QuoteJSON(types.FormatText(col, row, time.UTC))...)
}

func appendJSONFloat(b []byte, col arrow.Array, row int, f float64) []byte {
	text := types.FormatText(col, row, time.UTC)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, types.QuoteJSON(text)...)
	}
	return append(b, text...)
}

// appendJSONNumeric writes a numeric as a JSON number, NaN and the
// infinities as strings.
func appendJSONNumeric(b []byte, text string) []byte {
	if _, err := strconv.ParseFloat(text, 64); err != nil || strings.ContainsAny(text, "NnIi") {
		return append(b, types.QuoteJSON(text)...)
	}
	return append(b, text...)
}

func appendJSONList(b []byte, a *array.List, row int) []byte {
	start, end := a.ValueOffsets(row)
	b = append(b, '[')
	for i := start; i < end; i++ {
		if i > start {
			b = append(b, ',')
		}
		b = appendJSONValue(b, a.ListValues(), int(i))
	}
	return append(b, ']')
}

func appendJSONStruct(b []byte, a *array.Struct, row int) []byte {
	st := a.DataType().(*arrow.StructType)
	b = append(b, '{')
	for i := 0; i < a.NumField(); i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, types.QuoteJSON(st.Field(i).Name)...)
		b = append(b, ':')
		b = appendJSONValue(b, a.Field(i), row)
	}
	return append(b, '}')
}

// Write implements outputFile.
func (o *textOutput) Write(batch arrow.RecordBatch) error {
	for row := 0; row < int(batch.NumRows()); row++ {
		o.line = o.line[:0]
		o.row(o, batch, row)
		if _, err := o.buf.Write(o.line); err != nil {
			return err
		}
	}
	return nil
}

// Size implements outputFile.
func (o *textOutput) Size() int64 { return o.count.n + int64(o.buf.Buffered()) }

// Buffered implements outputFile.
func (o *textOutput) Buffered() int64 { return int64(o.buf.Buffered()) }

// Flush implements outputFile.
func (o *textOutput) Flush() error { return o.buf.Flush() }

// Close implements outputFile.
func (o *textOutput) Close() error {
	if err := o.buf.Flush(); err != nil {
		return errors.Join(err, o.out.Abort())
	}
	return o.out.Close()
}

// Abort implements outputFile.
func (o *textOutput) Abort() error { return o.out.Abort() }
