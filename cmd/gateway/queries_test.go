package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// The tables holding the same rows: PostgreSQL's "Users" (the reference) and
// its Parquet copies, local and on S3.
var usersTables = map[string]string{
	"postgresql":    `postgresql.public."Users"`,
	"local parquet": "dfs.data.`users.parquet`",
	"local folder":  "dfs.data.`sales_by_year`",
	"s3 workspace":  "s3.warehouse.`users.parquet`",
	"s3 root path":  "s3.root.`warehouse/users.parquet`",
}

// emptyTables are each source's table of the users table's columns and no
// rows (a Parquet file without rows; a folder holding only such a file).
var emptyTables = map[string]string{
	"postgresql":    `postgresql.public."NoUsers"`,
	"local parquet": "dfs.data.`no_users.parquet`",
	"local folder":  "dfs.data.`no_users_folder`",
	"s3 workspace":  "s3.warehouse.`no_users.parquet`",
	"s3 root path":  "s3.root.`warehouse/no_users.parquet`",
}

// referenceQuery is one query of testdata/reference.sql.
type referenceQuery struct {
	sql      string
	noRows   bool // the query is expected to return no rows
	codeOnly bool // an error query whose message names the table, so only its SQLSTATE is compared
}

// loadReferenceQueries reads a corpus: statements end with ";" at the end
// of a line; "--" lines are comments, "-- expect: no rows" marks the next
// statement.
func loadReferenceQueries(t *testing.T, path string) []referenceQuery {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []referenceQuery
	var cur referenceQuery
	var lines []string
	for _, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "-- expect: no rows":
			cur.noRows = true
		case trimmed == "-- expect: same SQLSTATE":
			cur.codeOnly = true
		case trimmed == "" || strings.HasPrefix(trimmed, "--"):
		default:
			lines = append(lines, line)
			if strings.HasSuffix(trimmed, ";") {
				cur.sql = strings.TrimSuffix(strings.TrimSpace(strings.Join(lines, "\n")), ";")
				out = append(out, cur)
				cur, lines = referenceQuery{}, nil
			}
		}
	}
	return out
}

// sortRows orders result rows by their rendering, for queries whose row
// order is not defined.
func sortRows(r result) result {
	rendered := strings.Split(r.String(), "\n")[1:]
	order := make([]int, len(r.Rows))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rendered[order[a]] < rendered[order[b]] })
	rows := make([][]*string, len(order))
	for i, o := range order {
		rows[i] = r.Rows[o]
	}
	return result{Columns: r.Columns, Types: r.Types, Rows: rows}
}

// directSQL is a corpus query as PostgreSQL runs it: every table
// placeholder is the "Users" table, but {E}, the empty "NoUsers", {A},
// the array table "Arrays", and {Y}, the table of other types "Types".
func directSQL(q string) string {
	return strings.NewReplacer("{T}", `"Users"`, "{P}", `"Users"`, "{L}", `"Users"`, "{S}", `"Users"`,
		"{E}", `"NoUsers"`, "{A}", `"Arrays"`, "{Y}", `"Types"`).Replace(q)
}

// augerSQL is a corpus query as Auger runs it for one source: {T} is the
// source's copy of the users table, {E} its empty table, {A} its copy
// of the array table and {Y} its copy of the types table (whose interval
// column "span" only PostgreSQL has: Parquet cannot hold intervals); {P} is always the PostgreSQL one, {L} the local
// Parquet file and {S} the Parquet file on S3, so that one query can join
// or unite all three kinds of source.
func augerSQL(q, source string) string {
	return strings.NewReplacer("{T}", usersTables[source], "{E}", emptyTables[source], "{A}", arraysTables[source],
		"{Y}", typesTables[source],
		"{P}", usersTables["postgresql"], "{L}", usersTables["local parquet"],
		"{S}", usersTables["s3 workspace"]).Replace(q)
}

// comparableTypes maps the type OIDs a Parquet copy cannot keep to the one
// it has: Parquet has one string type, so varchar and char (and arrays of
// them) read as text.
func comparableTypes(source string, oids []uint32) []uint32 {
	if source == "postgresql" {
		return oids
	}
	out := make([]uint32, len(oids))
	for i, o := range oids {
		switch o {
		case 1043, 1042:
			o = 25
		case 1015, 1014: // varchar[] and char[]
			o = 1009
		}
		out[i] = o
	}
	return out
}

// corpusFiles lists the corpus files matching pattern in testdata, one
// per topic, so that each file's queries run as one subtest.
func corpusFiles(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", pattern))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus files %s: %v", pattern, err)
	}
	return files
}

// pushdownOff is the corpus source that reads the PostgreSQL tables with
// SET auger.pushdown = off: the engine does all the work, and the answers
// must be the same.
const pushdownOff = "postgresql, pushdown off"

// corpusConns are the connections a corpus runs on: one as the session
// starts, and one with pushdown off (nil: not run so).
type corpusConns struct{ auger, off *pgx.Conn }

func newCorpusConns(t *testing.T, f *fixture) corpusConns {
	t.Helper()
	c := corpusConns{auger: f.connect(t), off: f.connect(t)}
	if _, err := c.off.Exec(context.Background(), "SET auger.pushdown = off"); err != nil {
		t.Fatal(err)
	}
	return c
}

// sources are the corpus sources: every copy of the users table, and the
// PostgreSQL one again with pushdown off.
func (c corpusConns) sources() []string {
	var out []string
	if c.off != nil {
		out = append(out, pushdownOff)
	}
	for source := range usersTables {
		out = append(out, source)
	}
	return out
}

// query is a corpus query for one source and the connection it runs on.
func (c corpusConns) query(q, source string) (*pgx.Conn, string) {
	if source == pushdownOff {
		return c.off, augerSQL(q, tablesOf(source))
	}
	return c.auger, augerSQL(q, source)
}

// tablesOf is the source whose tables a corpus source reads.
func tablesOf(source string) string {
	if source == pushdownOff {
		return "postgresql"
	}
	return source
}

// TestQueriesMatchPostgreSQL runs every testdata/reference*.sql query on
// each copy of the users table and compares rows, column names and types
// with PostgreSQL's answer. It logs how many queries match per source.
func TestQueriesMatchPostgreSQL(t *testing.T) {
	f := gateway(t)
	conns := newCorpusConns(t, f)
	direct := f.direct(t)
	matched, total := map[string]int{}, 0
	for _, file := range corpusFiles(t, "reference*.sql") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			for _, q := range loadReferenceQueries(t, file) {
				total++
				for source, ok := range compareWithPostgreSQL(t, conns, direct, q) {
					if ok {
						matched[source]++
					}
				}
			}
		})
	}
	for _, source := range conns.sources() {
		t.Logf("%s: %d of %d corpus queries match PostgreSQL", source, matched[source], total)
	}
}

// compareWithPostgreSQL runs one corpus query on PostgreSQL and, through
// Auger, on every copy of the users table; it tells per source whether
// Auger's answer matched.
func compareWithPostgreSQL(t *testing.T, conns corpusConns, direct *pgx.Conn, q referenceQuery) map[string]bool {
	t.Helper()
	ordered := strings.Contains(strings.ToUpper(outsideParentheses(q.sql)), "ORDER BY")
	normalize := func(r result) result {
		if ordered {
			return r
		}
		return sortRows(r)
	}
	want := normalize(mustText(t, direct, directSQL(q.sql)))
	if (len(want.Rows) == 0) != q.noRows {
		t.Errorf("PostgreSQL returns %d rows, which the corpus does not expect: %s", len(want.Rows), q.sql)
		return nil
	}
	matched := map[string]bool{}
	for _, source := range conns.sources() {
		auger, sql := conns.query(q.sql, source)
		got, err := textQuery(t, auger, sql)
		switch {
		case err != nil:
			t.Errorf("%s: %s: %v", source, sql, err)
		case !reflect.DeepEqual(comparableTypes(tablesOf(source), got.Types), comparableTypes(tablesOf(source), want.Types)):
			t.Errorf("%s: %s\n column types %v, PostgreSQL's %v", source, sql, got.Types, want.Types)
		case normalize(got).String() != want.String():
			t.Errorf("%s: %s\n got:\n%s\nwant:\n%s", source, sql, normalize(got), want)
		default:
			matched[source] = true
		}
	}
	return matched
}

// outsideParentheses drops every parenthesised part of a query, so that an
// ORDER BY inside OVER (...) or a subquery does not count as the result's.
func outsideParentheses(q string) string {
	var b strings.Builder
	depth := 0
	for _, r := range q {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestSelectWithoutFrom(t *testing.T) {
	f := gateway(t)
	auger, direct := f.connect(t), f.direct(t)
	for _, q := range []string{
		`SELECT 1, 'a', NULL, 2.50, -3, 3000000000, TRUE`,
		`SELECT 1 AS one WHERE 1 = 1`,
		`SELECT 1 AS one WHERE 1 > 2`,
		`SELECT DATE '2024-02-29' AS d, CAST('12.345' AS numeric(6,2)) AS n, '1e20'::float8 AS f`,
		`SELECT 1 LIMIT 0`,
		`SELECT ' a '::text AS t, CAST('  b ' AS varchar) AS v, ' 7 '::int AS i`,
	} {
		want := mustText(t, direct, q)
		if got := mustText(t, auger, q); got.String() != want.String() {
			t.Errorf("%s\n got:\n%s\nwant:\n%s", q, got, want)
		}
	}
}

func TestLimit(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	for source, table := range usersTables {
		r := mustText(t, conn, "SELECT * FROM "+table+" LIMIT 10")
		if len(r.Rows) != 10 || len(r.Columns) != len(usersColumns) {
			t.Errorf("%s: LIMIT 10 gave %d rows of %d columns", source, len(r.Rows), len(r.Columns))
		}
		r = mustText(t, conn, `SELECT "UserID" FROM `+table+` WHERE "UserID" > 50 LIMIT 3 OFFSET 2`)
		if len(r.Rows) != 3 {
			t.Errorf("%s: LIMIT 3 OFFSET 2 after a filter gave %d rows", source, len(r.Rows))
		}
	}
}

// TestBinaryResults reads every type through pgx's default extended
// protocol, which asks for binary results, and compares the decoded values
// with those read from PostgreSQL directly.
func TestBinaryResults(t *testing.T) {
	f := gateway(t)
	auger := f.connect(t)
	direct := f.direct(t)
	q := `SELECT * FROM {T} WHERE "UserID" IN (1, 2, 3, 4, 5, 42, 43, 44)`
	want := collectValues(t, direct, strings.ReplaceAll(q, "{T}", `"Users"`))
	for source, table := range usersTables {
		if source == "local folder" {
			continue // same files, already covered by the text comparison
		}
		got := collectValues(t, auger, strings.ReplaceAll(q, "{T}", table))
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: binary values differ\n got: %v\nwant: %v", source, got, want)
		}
	}
}

// collectValues decodes rows with pgx (binary format for every known type),
// keyed by the first column.
func collectValues(t *testing.T, conn *pgx.Conn, sql string) map[string][]any {
	t.Helper()
	rows, err := conn.Query(context.Background(), sql)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) ([]any, error) { return r.Values() })
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	byKey := map[string][]any{}
	for _, r := range out {
		byKey[fmt.Sprint(r[0])] = r
	}
	return byKey
}

// TestErrorsMatchPostgreSQL runs testdata/errors*.sql: each query must fail
// on every source with PostgreSQL's SQLSTATE and message, and point where
// PostgreSQL points when Auger gives a position.
func TestErrorsMatchPostgreSQL(t *testing.T) {
	f := gateway(t)
	conns := newCorpusConns(t, f)
	direct := f.direct(t)
	var queries []referenceQuery
	for _, file := range corpusFiles(t, "errors*.sql") {
		queries = append(queries, loadReferenceQueries(t, file)...)
	}
	for _, q := range queries {
		_, err := textQuery(t, direct, directSQL(q.sql))
		want, ok := err.(*pgconn.PgError)
		if !ok {
			t.Errorf("PostgreSQL does not fail on %s: %v", q.sql, err)
			continue
		}
		for _, source := range conns.sources() {
			auger, sql := conns.query(q.sql, source)
			_, err := textQuery(t, auger, sql)
			got, ok := err.(*pgconn.PgError)
			if !ok || got.Code != want.Code || (!q.codeOnly && got.Message != want.Message) {
				t.Errorf("%s: %s\n got %v\nwant %s: %s", source, sql, err, want.Code, want.Message)
				continue
			}
			expand := func(q string) string { return augerSQL(q, tablesOf(source)) }
			if got.Position != 0 && templatePosition(q.sql, expand, got.Position) != templatePosition(q.sql, directSQL, want.Position) {
				t.Errorf("%s: %s\n error at position %d, PostgreSQL says %d", source, sql, got.Position, want.Position)
			}
		}
	}
}

var placeholder = regexp.MustCompile(`\{[A-Z]\}`)

// templatePosition maps a 1-based character position in the query that
// expand made of template back to template, so that positions in queries
// over differently named tables compare: a position inside a placeholder's
// expansion maps to the placeholder. 0 (no position) stays 0.
func templatePosition(template string, expand func(string) string, position int32) int {
	if position == 0 {
		return 0
	}
	rest := int(position) - 1 // characters of the expansion before the position
	at := 0                   // characters of the template consumed
	last := 0
	for _, loc := range placeholder.FindAllStringIndex(template, -1) {
		literal := utf8.RuneCountInString(template[last:loc[0]])
		if rest < literal {
			return at + rest + 1
		}
		rest -= literal
		at += literal
		if rest < utf8.RuneCountInString(expand(template[loc[0]:loc[1]])) {
			return at + 1
		}
		rest -= utf8.RuneCountInString(expand(template[loc[0]:loc[1]]))
		at += 3
		last = loc[1]
	}
	return at + rest + 1
}

// TestUnconstrainedNumeric reads PostgreSQL's numeric without precision
// exactly and orders it by value.
func TestUnconstrainedNumeric(t *testing.T) {
	f := gateway(t)
	auger, direct := f.connect(t), f.direct(t)
	for _, q := range []string{
		`SELECT id, amount FROM {S}.orders ORDER BY amount DESC`,
		`SELECT id, amount FROM {S}.orders WHERE amount > 11 ORDER BY id`,
		`SELECT max(amount), min(amount), count(amount) FROM {S}.orders`,
	} {
		want := mustText(t, direct, strings.ReplaceAll(q, "{S}", `"Sales"`))
		got := mustText(t, auger, strings.ReplaceAll(q, "{S}", `postgresql."Sales"`))
		if got.String() != want.String() || len(want.Rows) == 0 {
			t.Errorf("%s\n got:\n%s\nwant:\n%s", q, got, want)
		}
	}
}
