package parquet

import (
	"fmt"
	"io"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
)

// outputFile is one data file of a table being written, in a format.
type outputFile interface {
	// Write appends a batch of the table's columns.
	Write(batch arrow.RecordBatch) error
	// Size is about how many bytes the file will have with what was
	// written so far.
	Size() int64
	// Buffered is about how many bytes the file holds in memory.
	Buffered() int64
	// Flush writes out what the file holds in memory (a Parquet file's
	// row group).
	Flush() error
	// Close finishes the file.
	Close() error
	// Abort discards the file.
	Abort() error
}

// outputFormat is a store.format value: the files' extension and how to
// start one.
type outputFormat struct {
	extension string
	open      func(out FileWriter, spec catalog.WriteSpec) (outputFile, error)
}

// outputFormatOf is the format store.format names (parquet when unset).
func outputFormatOf(opts catalog.WriteOptions) (outputFormat, error) {
	switch strings.ToLower(opts.Format) {
	case "", "parquet":
		if _, err := compressionOf(opts.Compression); err != nil {
			return outputFormat{}, err
		}
		return outputFormat{extension: "parquet", open: openParquetOutput}, nil
	case "csv":
		// A header line comes first, so the files are named as Drill's
		// CSV-with-header format (csvh): Drill and Auger both read them
		// back with their column names.
		return outputFormat{extension: "csvh", open: openCSVOutput}, nil
	case "json":
		return outputFormat{extension: "json", open: openJSONOutput}, nil
	}
	return outputFormat{}, fmt.Errorf("store.format %q is not one of parquet, csv, json", opts.Format)
}

// countingWriter counts the bytes written through it; it hides the
// Close of what it writes to, so that a format's writer cannot finish the
// file before the file's own Close.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
