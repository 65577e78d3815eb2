package parquet

import (
	"bufio"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestCSVParser(t *testing.T) {
	cases := []struct {
		name, in string
		want     [][]string // NULL as \N
	}{
		{"crlf and quotes", "a,\"b\"\"c\"\r\n\"\",\r\n", [][]string{{"a", `b"c`}, {"", `\N`}}},
		{"comments and empty lines", "# note\n\nx;y\n", [][]string{{"x", "y"}}},
		{"no final newline", "1,\"two\nlines\"", [][]string{{"1", "two\nlines"}}},
		{"stray quote kept", "a\"b,c\n", [][]string{{`a"b`, "c"}}},
		{"trailing delimiter", "a,\n", [][]string{{"a", `\N`}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ft := format{kind: kindText, delimiter: ',', comment: '#'}
			if strings.Contains(c.in, ";") {
				ft.delimiter = ';'
			}
			p := newCSVParser(bufio.NewReader(strings.NewReader(c.in)), ft)
			var got [][]string
			for {
				rec, err := p.record()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				var row []string
				for _, f := range rec {
					if f.null() {
						row = append(row, `\N`)
					} else {
						row = append(row, f.value)
					}
				}
				got = append(got, row)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
	p := newCSVParser(bufio.NewReader(strings.NewReader("\"open")), format{delimiter: ','})
	if _, err := p.record(); err == nil {
		t.Error("an unclosed quote was accepted")
	}
}
