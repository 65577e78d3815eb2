package sql

import (
	"strings"

	"auger/internal/sqlstate"
)

// Drill's writing statements that PostgreSQL's grammar lacks: DROP TABLE
// and DROP VIEW are read by the hand parser; ALTER SESSION and CREATE
// TABLE's PARTITION BY are blanked out of the text, which PostgreSQL's
// grammar then reads, and put back on the statement it yields. Blanking
// keeps every byte offset, so positions in errors stay right.

// drop reads DROP TABLE|VIEW [IF EXISTS] name [, ...] [CASCADE|RESTRICT];
// ok is false for DROP of anything else, which PostgreSQL's grammar reads.
func (p *drillParser) drop() (Statement, bool, error) {
	d := &Drop{base: base{text: p.text}}
	switch {
	case p.keyword("TABLE"):
	case p.keyword("VIEW"):
		d.View = true
	default:
		return nil, false, nil
	}
	if p.peekKeyword("IF") && p.i+1 < len(p.toks) && strings.EqualFold(p.toks[p.i+1].text, "EXISTS") {
		d.IfExists = true
		p.i += 2
	}
	for {
		n, err := p.name()
		if err != nil {
			return nil, true, err
		}
		d.Names = append(d.Names, n)
		if p.i >= len(p.toks) || p.toks[p.i].kind != ',' {
			break
		}
		p.i++
	}
	if !p.keyword("CASCADE") {
		p.keyword("RESTRICT")
	}
	return d, true, p.done()
}

// drillClauses are what blankDrillClauses took out of a statement.
type drillClauses struct {
	session     bool     // the statement began with ALTER SESSION
	partitionBy []string // CREATE TABLE's PARTITION BY columns; nil when absent
	partitionAt int      // the byte offset of PARTITION
}

// blankDrillClauses replaces Drill's ALTER SESSION (before SET or RESET)
// and CREATE TABLE's PARTITION BY (...) with spaces.
func blankDrillClauses(text string) (string, drillClauses, error) {
	toks, _ := tokenize(text)
	var c drillClauses
	switch {
	case isWords(toks, "ALTER", "SESSION"):
		if len(toks) < 3 || !(isWords(toks[2:], "SET") || isWords(toks[2:], "RESET")) {
			return "", c, (&drillParser{toks: toks, i: 2, text: text}).errorHere("SET or RESET")
		}
		c.session = true
		return blankOut(text, toks[0].pos, toks[2].pos), c, nil
	case isWords(toks, "CREATE", "TABLE"):
		return blankPartitionBy(text, toks)
	}
	return text, c, nil
}

// blankPartitionBy finds PARTITION BY (cols) outside parentheses before
// CREATE TABLE's AS.
func blankPartitionBy(text string, toks []token) (string, drillClauses, error) {
	var c drillClauses
	depth := 0
	for i, t := range toks {
		switch {
		case t.kind == '(':
			depth++
		case t.kind == ')':
			depth--
		case depth > 0 || t.kind != 'w':
		case strings.EqualFold(t.text, "AS"):
			return text, c, nil
		case isWords(toks[i:], "PARTITION", "BY"):
			p := &drillParser{toks: toks, i: i + 2, text: text}
			cols, err := p.columnList()
			if err != nil {
				return "", c, err
			}
			c.partitionBy, c.partitionAt = cols, t.pos
			return blankOut(text, t.pos, toks[p.i-1].pos+1), c, nil
		}
	}
	return text, c, nil
}

// columnList reads (name, ...) of single identifiers.
func (p *drillParser) columnList() ([]string, error) {
	if p.i >= len(p.toks) || p.toks[p.i].kind != '(' {
		return nil, p.errorHere("(")
	}
	p.i++
	var cols []string
	for {
		if p.i >= len(p.toks) || (p.toks[p.i].kind != 'w' && p.toks[p.i].kind != 'q') {
			return nil, p.errorHere("a column name")
		}
		cols = append(cols, identText(p.toks[p.i]))
		p.i++
		if p.i < len(p.toks) && p.toks[p.i].kind == ',' {
			p.i++
			continue
		}
		if p.i >= len(p.toks) || p.toks[p.i].kind != ')' {
			return nil, p.errorHere(", or )")
		}
		p.i++
		return cols, nil
	}
}

// identText is an identifier token's name: folded to lower case unless
// quoted.
func identText(t token) string {
	if t.kind == 'q' {
		return t.text
	}
	return strings.ToLower(t.text)
}

// attach puts the blanked clauses back on the statement PostgreSQL's
// grammar read from the rest.
func (c drillClauses) attach(stmt Statement) (Statement, error) {
	if c.partitionBy != nil {
		ctas, ok := stmt.(*CreateTableAs)
		if !ok {
			return nil, sqlstate.New(sqlstate.SyntaxError, "PARTITION BY (...) belongs to CREATE TABLE ... AS query").At(c.partitionAt + 1)
		}
		ctas.PartitionBy = c.partitionBy
	}
	if _, ok := stmt.(*SetVariable); c.session && !ok {
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "ALTER SESSION takes SET name = value, RESET name and RESET ALL")
	}
	return stmt, nil
}

// isWords tells whether toks begins with the given words, in any case.
func isWords(toks []token, words ...string) bool {
	if len(toks) < len(words) {
		return false
	}
	for i, w := range words {
		if toks[i].kind != 'w' || !strings.EqualFold(toks[i].text, w) {
			return false
		}
	}
	return true
}

// blankOut replaces text[from:to] with as many spaces.
func blankOut(text string, from, to int) string {
	return text[:from] + strings.Repeat(" ", to-from) + text[to:]
}
