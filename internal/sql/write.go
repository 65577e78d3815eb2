package sql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"

	"auger/internal/sqlstate"
)

// CreateTableAs is `CREATE TABLE [IF NOT EXISTS] name [(col, ...)]
// [PARTITION BY (col, ...)] AS query`: a new table holding the query's
// rows. PARTITION BY is Drill's: a file table gets one folder per value.
type CreateTableAs struct {
	base
	Name Name
	// Columns rename the query's columns, first to last; nil keeps them.
	Columns []string
	// PartitionBy names the columns (after renaming) the rows are split by.
	PartitionBy []string
	IfNotExists bool
	Query       Query
}

// Insert is `INSERT INTO table [(col, ...)] query`, the query a SELECT or
// VALUES.
type Insert struct {
	base
	Table Name
	// Columns are the target columns the query's columns fill, in order;
	// nil means all of the table's, in table order.
	Columns []string
	Query   Query
}

// Drop is `DROP TABLE|VIEW [IF EXISTS] name [, ...] [CASCADE|RESTRICT]`.
// CASCADE and RESTRICT are accepted and ignored: no object depends on
// another in Auger.
type Drop struct {
	base
	View     bool // DROP VIEW; DROP TABLE otherwise
	Names    []Name
	IfExists bool
}

// CreateView is `CREATE [OR REPLACE] VIEW name [(col, ...)] AS query`.
type CreateView struct {
	base
	Name    Name
	Columns []string // rename the query's columns; nil keeps them
	Replace bool
	Query   Query
	// QueryText is the query as written in the statement (after backtick
	// rewriting): what a view stores.
	QueryText string
}

func transformCreateTableAs(text string, s *pg.CreateTableAsStmt) (Statement, error) {
	if err := rejectCreateTableAs(s); err != nil {
		return nil, err
	}
	q, err := transformQuery(text, s.Query.GetSelectStmt())
	if err != nil {
		return nil, err
	}
	return &CreateTableAs{base: base{text: text}, Name: relationName(text, s.Into.Rel),
		Columns: stringList(s.Into.ColNames), IfNotExists: s.IfNotExists, Query: q}, nil
}

// rejectCreateTableAs refuses the forms of CREATE TABLE AS that Auger does
// not take: SELECT INTO, materialized views, EXECUTE, and PostgreSQL's
// storage clauses.
func rejectCreateTableAs(s *pg.CreateTableAsStmt) error {
	in := s.Into
	switch {
	case s.IsSelectInto:
		return sqlstate.New(sqlstate.FeatureNotSupported, "SELECT INTO is not supported; use CREATE TABLE ... AS SELECT")
	case s.Objtype != pg.ObjectType_OBJECT_TABLE:
		return sqlstate.New(sqlstate.FeatureNotSupported, "CREATE MATERIALIZED VIEW is not supported")
	case s.Query.GetSelectStmt() == nil:
		return sqlstate.New(sqlstate.FeatureNotSupported, "CREATE TABLE AS %s is not supported", statementKind(s.Query))
	case in.Rel.Relpersistence != "p":
		return unsupportedAt("CREATE TEMPORARY or UNLOGGED TABLE", in.Rel.Location)
	case in.SkipData:
		return sqlstate.New(sqlstate.FeatureNotSupported, "CREATE TABLE AS ... WITH NO DATA is not supported")
	case len(in.Options) > 0 || in.TableSpaceName != "" || in.AccessMethod != "" || in.OnCommit != pg.OnCommitAction_ONCOMMIT_NOOP:
		return sqlstate.New(sqlstate.FeatureNotSupported, "storage options of CREATE TABLE AS (WITH, USING, TABLESPACE, ON COMMIT) are not supported")
	}
	return nil
}

// relationName is the dotted name of a relation, its quoted parts marked.
func relationName(text string, rv *pg.RangeVar) Name {
	return transformRangeVar(text, rv).Name
}

func transformInsert(text string, s *pg.InsertStmt) (Statement, error) {
	sel := s.SelectStmt.GetSelectStmt()
	switch {
	case s.OnConflictClause != nil:
		return nil, unsupportedAt("INSERT ... ON CONFLICT", s.OnConflictClause.Location)
	case len(s.ReturningList) > 0:
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "INSERT ... RETURNING is not supported")
	case s.Override != pg.OverridingKind_OVERRIDING_NOT_SET:
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "INSERT ... OVERRIDING is not supported")
	case sel == nil:
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "INSERT ... DEFAULT VALUES is not supported")
	}
	if err := moveInsertWith(s, sel); err != nil {
		return nil, err
	}
	cols, err := insertColumns(s.Cols)
	if err != nil {
		return nil, err
	}
	q, err := transformQuery(text, sel)
	if err != nil {
		return nil, err
	}
	return &Insert{base: base{text: text}, Table: relationName(text, s.Relation), Columns: cols, Query: q}, nil
}

// moveInsertWith hands `WITH ... INSERT INTO t SELECT` to the SELECT,
// where it means the same.
func moveInsertWith(s *pg.InsertStmt, sel *pg.SelectStmt) error {
	if s.WithClause == nil {
		return nil
	}
	if sel.WithClause != nil || len(sel.ValuesLists) > 0 {
		return unsupportedAt("WITH before INSERT ... VALUES or a SELECT with its own WITH", s.WithClause.Location)
	}
	sel.WithClause = s.WithClause
	return nil
}

func insertColumns(nodes []*pg.Node) ([]string, error) {
	var out []string
	for _, n := range nodes {
		rt := n.GetResTarget()
		if len(rt.Indirection) > 0 {
			return nil, unsupportedAt("INSERT into a field or element of a column", rt.Location)
		}
		out = append(out, rt.Name)
	}
	return out, nil
}

func transformCreateView(text string, s *pg.ViewStmt) (Statement, error) {
	switch {
	case s.View.Relpersistence != "p":
		return nil, unsupportedAt("CREATE TEMPORARY VIEW", s.View.Location)
	case len(s.Options) > 0 || s.WithCheckOption != pg.ViewCheckOption_NO_CHECK_OPTION:
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "view options (WITH ..., WITH CHECK OPTION) are not supported")
	case s.Query.GetSelectStmt() == nil:
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "this view query is not supported")
	}
	q, err := transformQuery(text, s.Query.GetSelectStmt())
	if err != nil {
		return nil, err
	}
	queryText, err := viewQueryText(text)
	if err != nil {
		return nil, err
	}
	return &CreateView{base: base{text: text}, Name: relationName(text, s.View), Columns: stringList(s.Aliases),
		Replace: s.Replace, Query: q, QueryText: queryText}, nil
}

// viewQueryText cuts the query out of a CREATE VIEW statement: what follows
// the first AS outside parentheses.
func viewQueryText(text string) (string, error) {
	toks, _ := tokenize(text)
	depth := 0
	for i, t := range toks {
		switch {
		case t.kind == '(':
			depth++
		case t.kind == ')':
			depth--
		case depth == 0 && t.kind == 'w' && strings.EqualFold(t.text, "AS") && i+1 < len(toks):
			return strings.TrimSpace(text[toks[i+1].pos:]), nil
		}
	}
	return "", sqlstate.New(sqlstate.SyntaxError, "syntax error: CREATE VIEW without AS query")
}

// transformWriteStatement reads the statements that write: CREATE TABLE
// AS, INSERT and CREATE VIEW; ALTER SYSTEM it refuses.
func transformWriteStatement(text string, node *pg.Node) (read func() (Statement, error), ok bool) {
	if c := node.GetCreateTableAsStmt(); c != nil {
		return func() (Statement, error) { return transformCreateTableAs(text, c) }, true
	}
	if ins := node.GetInsertStmt(); ins != nil {
		return func() (Statement, error) { return transformInsert(text, ins) }, true
	}
	if v := node.GetViewStmt(); v != nil {
		return func() (Statement, error) { return transformCreateView(text, v) }, true
	}
	if node.GetAlterSystemStmt() != nil {
		return func() (Statement, error) {
			return nil, sqlstate.New(sqlstate.FeatureNotSupported, "ALTER SYSTEM is not supported; use ALTER SESSION or SET")
		}, true
	}
	return nil, false
}
