package parquet

import (
	"bufio"
	"errors"
	"io"
	"strings"
)

// csvField is one field of a line of delimited text: its value, and
// whether it was quoted, which tells an empty string ("") from NULL (an
// empty unquoted field), as PostgreSQL's COPY ... CSV writes them.
type csvField struct {
	value  string
	quoted bool
}

// null tells whether the field stands for NULL.
func (f csvField) null() bool { return !f.quoted && f.value == "" }

// csvParser reads RFC 4180 delimited text a line at a time: fields may be
// quoted with ", a quote inside doubled, and then hold delimiters and
// line breaks; a stray quote inside an unquoted field is kept. Empty lines
// and lines starting with the comment character are skipped; \r\n ends a
// line as \n does.
type csvParser struct {
	in      *bufio.Reader
	delim   rune
	comment rune
	fields  []csvField
	value   strings.Builder
}

func newCSVParser(in *bufio.Reader, ft format) *csvParser {
	return &csvParser{in: in, delim: ft.delimiter, comment: ft.comment}
}

// record reads the next line's fields (valid until the next call);
// io.EOF after the last line.
func (p *csvParser) record() ([]csvField, error) {
	for {
		r, _, err := p.in.ReadRune()
		if err != nil {
			return nil, err
		}
		switch {
		case r == '\n':
			continue
		case r == '\r':
			continue
		case p.comment != 0 && r == p.comment:
			if _, err := p.in.ReadString('\n'); err != nil && !errors.Is(err, io.EOF) {
				return nil, err
			}
			continue
		}
		if err := p.in.UnreadRune(); err != nil {
			return nil, err
		}
		return p.line()
	}
}

// line reads the fields of one non-empty line.
func (p *csvParser) line() ([]csvField, error) {
	p.fields = p.fields[:0]
	for {
		f, end, err := p.field()
		if err != nil {
			return nil, err
		}
		p.fields = append(p.fields, f)
		if end {
			return p.fields, nil
		}
	}
}

// field reads one field; end is true when it ended its line (or the
// input).
func (p *csvParser) field() (f csvField, end bool, err error) {
	p.value.Reset()
	r, _, err := p.in.ReadRune()
	if errors.Is(err, io.EOF) {
		return f, true, nil
	}
	if err != nil {
		return f, false, err
	}
	if r == '"' {
		f.quoted = true
		if err := p.quoted(); err != nil {
			return f, false, err
		}
	} else if err := p.in.UnreadRune(); err != nil {
		return f, false, err
	}
	end, err = p.rest()
	f.value = p.value.String()
	return f, end, err
}

// quoted reads a quoted field's value up to its closing quote.
func (p *csvParser) quoted() error {
	for {
		r, _, err := p.in.ReadRune()
		if errors.Is(err, io.EOF) {
			return errors.New("a quoted field is not closed")
		}
		if err != nil {
			return err
		}
		if r != '"' {
			p.value.WriteRune(r)
			continue
		}
		next, _, err := p.in.ReadRune()
		if err == nil && next == '"' {
			p.value.WriteByte('"')
			continue
		}
		if err == nil {
			return p.in.UnreadRune()
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		return err
	}
}

// rest reads up to the next delimiter or line end; end tells which.
func (p *csvParser) rest() (bool, error) {
	for {
		r, _, err := p.in.ReadRune()
		if errors.Is(err, io.EOF) {
			return true, nil
		}
		if err != nil {
			return false, err
		}
		switch r {
		case p.delim:
			return false, nil
		case '\n':
			return true, nil
		case '\r':
			if next, _, err := p.in.ReadRune(); err == nil && next != '\n' {
				p.value.WriteRune(r)
				if err := p.in.UnreadRune(); err != nil {
					return false, err
				}
				continue
			}
			return true, nil
		}
		p.value.WriteRune(r)
	}
}
