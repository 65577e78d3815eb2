package parquet

import (
	"path"
	"strings"

	"auger/internal/config"
)

// formatKind is how a file is read.
type formatKind int

const (
	kindParquet formatKind = iota
	kindText               // delimited text: CSV, TSV, PSV
	kindJSON               // newline-delimited JSON objects
)

// format is one way of reading files: a kind, and for text its options.
type format struct {
	kind      formatKind
	delimiter rune
	header    bool // the first line names the columns
	skipFirst bool // the first line is skipped
	comment   rune
}

// defaultFormats are Drill's default formats of a file plugin, by name:
// parquet, json, csv (no header), tsv, psv and csvh (with a header).
var defaultFormats = map[string]config.Format{
	"parquet": {Type: "parquet", Extensions: []string{"parquet"}},
	"json":    {Type: "json", Extensions: []string{"json"}},
	"csv":     {Type: "text", Extensions: []string{"csv"}, FieldDelimiter: ","},
	"tsv":     {Type: "text", Extensions: []string{"tsv"}, FieldDelimiter: "\t"},
	"psv":     {Type: "text", Extensions: []string{"psv", "tbl"}, FieldDelimiter: "|"},
	"csvh":    {Type: "text", Extensions: []string{"csvh"}, FieldDelimiter: ",", ExtractHeader: true},
}

// formats maps file extensions (lower case, no dot) to formats; the
// plugin's configured formats replace Drill's defaults of the same name
// and extension.
type formats struct {
	byName      map[string]format
	byExtension map[string]format
}

func newFormats(configured map[string]config.Format) formats {
	f := formats{byName: map[string]format{}, byExtension: map[string]format{}}
	for _, set := range []map[string]config.Format{defaultFormats, configured} {
		for name, c := range set {
			ft, ok := formatOf(c)
			if !ok {
				continue
			}
			f.byName[name] = ft
			for _, ext := range c.Extensions {
				f.byExtension[strings.ToLower(ext)] = ft
			}
		}
	}
	return f
}

// formatOf reads one configured format; ok is false for a type the
// plugin does not read.
func formatOf(c config.Format) (format, bool) {
	switch c.Type {
	case "parquet":
		return format{kind: kindParquet}, true
	case "json":
		return format{kind: kindJSON}, true
	case "text":
		delim := c.FieldDelimiter
		if delim == "" {
			delim = c.Delimiter
		}
		f := format{kind: kindText, delimiter: ',', header: c.ExtractHeader, skipFirst: c.SkipFirstLine}
		if r := []rune(delim); len(r) > 0 {
			f.delimiter = r[0]
		}
		if r := []rune(c.Comment); len(r) > 0 {
			f.comment = r[0]
		}
		return f, true
	}
	return format{}, false
}

// forFile is the format a file's extension names.
func (f formats) forFile(name string) (format, bool) {
	ext := strings.TrimPrefix(strings.ToLower(path.Ext(name)), ".")
	ft, ok := f.byExtension[ext]
	return ft, ok
}
