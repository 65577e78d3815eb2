package sql

import (
	"strings"

	"auger/internal/sqlstate"
)

// parseDrill parses Drill's statements that PostgreSQL's grammar lacks.
// ok is false when text is not one of them.
func parseDrill(text string) (stmt Statement, ok bool, err error) {
	toks, err := tokenize(text)
	if err != nil || len(toks) == 0 {
		return nil, false, nil
	}
	p := &drillParser{toks: toks, text: text}
	switch {
	case p.keyword("USE"):
		return p.use()
	case p.keyword("DESCRIBE") || p.keyword("DESC"):
		return p.describe()
	case p.keyword("DROP"):
		return p.drop()
	case !p.keyword("SHOW"):
		return nil, false, nil
	case p.peekKeyword("SCHEMAS") || p.peekKeyword("DATABASES"):
		return p.showSchemas()
	case p.peekKeyword("TABLES"):
		return p.showTables()
	case p.peekKeyword("FILES"):
		return p.showFiles()
	}
	return nil, false, nil
}

// token is a word, a "quoted identifier", a 'string', or one punctuation
// character.
type token struct {
	kind byte // 'w' word, 'q' quoted identifier, 's' string, or the character itself
	text string
	pos  int
}

func tokenize(text string) ([]token, error) {
	var toks []token
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case strings.HasPrefix(text[i:], "--"):
			i = skipLine(text, i)
		case strings.HasPrefix(text[i:], "/*"):
			i = skipBlockComment(text, i)
		case c == '"' || c == '\'':
			end := skipQuoted(text, i, c, false)
			kind := byte('q')
			if c == '\'' {
				kind = 's'
			}
			inner := text[i+1 : max(i+1, end-1)]
			toks = append(toks, token{kind: kind, text: strings.ReplaceAll(inner, string(c)+string(c), string(c)), pos: i})
			i = end
		case isIdentChar(c):
			j := i
			for j < len(text) && (isIdentChar(text[j]) || text[j] == '$') {
				j++
			}
			toks = append(toks, token{kind: 'w', text: text[i:j], pos: i})
			i = j
		default:
			toks = append(toks, token{kind: c, text: string(c), pos: i})
			i++
		}
	}
	return toks, nil
}

type drillParser struct {
	toks []token
	i    int
	text string
}

// keyword consumes the next token if it is the given word.
func (p *drillParser) keyword(w string) bool {
	if p.peekKeyword(w) {
		p.i++
		return true
	}
	return false
}

func (p *drillParser) peekKeyword(w string) bool {
	return p.i < len(p.toks) && p.toks[p.i].kind == 'w' && strings.EqualFold(p.toks[p.i].text, w)
}

// done accepts an optional semicolon and then the end.
func (p *drillParser) done() error {
	if p.i < len(p.toks) && p.toks[p.i].kind == ';' {
		p.i++
	}
	if p.i < len(p.toks) {
		t := p.toks[p.i]
		return sqlstate.New(sqlstate.SyntaxError, "syntax error at or near %q", t.text).At(t.pos + 1)
	}
	return nil
}

func (p *drillParser) errorHere(what string) error {
	if p.i < len(p.toks) {
		t := p.toks[p.i]
		return sqlstate.New(sqlstate.SyntaxError, "syntax error at or near %q: expected %s", t.text, what).At(t.pos + 1)
	}
	return sqlstate.New(sqlstate.SyntaxError, "syntax error at end of input: expected %s", what).At(len(p.text) + 1)
}

// name reads a dotted name of words and quoted identifiers.
func (p *drillParser) name() (Name, error) {
	var n Name
	for {
		if p.i >= len(p.toks) || (p.toks[p.i].kind != 'w' && p.toks[p.i].kind != 'q') {
			return n, p.errorHere("a name")
		}
		t := p.toks[p.i]
		if len(n.Parts) == 0 {
			n.Location = t.pos
		}
		if t.kind == 'q' {
			n.Parts = append(n.Parts, Ident{Name: t.text, Quoted: true})
		} else {
			n.Parts = append(n.Parts, Ident{Name: strings.ToLower(t.text)})
		}
		p.i++
		if p.i >= len(p.toks) || p.toks[p.i].kind != '.' {
			return n, nil
		}
		p.i++
	}
}

// like reads an optional LIKE 'pattern'.
func (p *drillParser) like() (*string, error) {
	if !p.keyword("LIKE") {
		return nil, nil
	}
	if p.i >= len(p.toks) || p.toks[p.i].kind != 's' {
		return nil, p.errorHere("a quoted pattern")
	}
	s := p.toks[p.i].text
	p.i++
	return &s, nil
}

func (p *drillParser) use() (Statement, bool, error) {
	n, err := p.name()
	if err == nil {
		err = p.done()
	}
	return &Use{base: base{text: p.text}, Schema: n}, true, err
}

func (p *drillParser) showSchemas() (Statement, bool, error) {
	p.i++
	like, err := p.like()
	if err == nil {
		err = p.done()
	}
	return &ShowSchemas{base: base{text: p.text}, Like: like}, true, err
}

// inSchema reads an optional IN|FROM name.
func (p *drillParser) inSchema() (*Name, error) {
	if !p.keyword("IN") && !p.keyword("FROM") {
		return nil, nil
	}
	n, err := p.name()
	return &n, err
}

func (p *drillParser) showTables() (Statement, bool, error) {
	p.i++
	schema, err := p.inSchema()
	if err != nil {
		return nil, true, err
	}
	like, err := p.like()
	if err == nil {
		err = p.done()
	}
	return &ShowTables{base: base{text: p.text}, Schema: schema, Like: like}, true, err
}

func (p *drillParser) showFiles() (Statement, bool, error) {
	p.i++
	schema, err := p.inSchema()
	if err == nil {
		err = p.done()
	}
	return &ShowFiles{base: base{text: p.text}, Schema: schema}, true, err
}

func (p *drillParser) describe() (Statement, bool, error) {
	n, err := p.name()
	if err != nil {
		return nil, true, err
	}
	d := &Describe{base: base{text: p.text}, Table: n}
	if d.Column, err = p.like(); err != nil {
		return nil, true, err
	}
	if d.Column == nil && p.i < len(p.toks) && (p.toks[p.i].kind == 'w' || p.toks[p.i].kind == 'q') {
		col := p.toks[p.i].text
		d.Column = &col
		p.i++
	}
	return d, true, p.done()
}
