package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/sqlstate"
)

// writablePlugin is a plugin that keeps the tables written to it in
// memory, counting commits and aborts: a plugin of the write contract,
// not a stand-in for a server.
type writablePlugin struct {
	memPlugin
	mu      sync.Mutex
	tables  map[string]int64 // committed tables and their rows
	specs   []catalog.WriteSpec
	aborts  int
	inserts map[string][]string // the columns each INSERT named
}

func (w *writablePlugin) Tables(context.Context, string) ([]string, error) { return nil, nil }

func (w *writablePlugin) Table(_ context.Context, _, name string) (catalog.Table, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.tables[name]; !ok {
		return nil, fmt.Errorf("%w: %s", catalog.ErrTableNotFound, name)
	}
	return catalog.NewMemTable(xy, func(context.Context) ([][]any, error) { return nil, nil }), nil
}

func (w *writablePlugin) CreateTable(_ context.Context, _, name string, spec catalog.WriteSpec) (catalog.TableWriter, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.specs = append(w.specs, spec)
	return &memWriter{plugin: w, name: name}, nil
}

func (w *writablePlugin) InsertInto(_ context.Context, _, name string, columns []string) (catalog.TableWriter, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.inserts[name] = columns
	return &memWriter{plugin: w, name: name, base: w.tables[name]}, nil
}

func (w *writablePlugin) DropTable(_ context.Context, _, name string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.tables, name)
	return nil
}

// memWriter counts the rows of a table being written.
type memWriter struct {
	plugin     *writablePlugin
	name       string
	base, rows int64
}

func (m *memWriter) Write(_ context.Context, b arrow.RecordBatch) error {
	m.rows += b.NumRows()
	return nil
}

func (m *memWriter) Commit(context.Context) (int64, error) {
	m.plugin.mu.Lock()
	defer m.plugin.mu.Unlock()
	m.plugin.tables[m.name] = m.base + m.rows
	return m.rows, nil
}

func (m *memWriter) Abort(context.Context) error {
	m.plugin.mu.Lock()
	defer m.plugin.mu.Unlock()
	m.plugin.aborts++
	return nil
}

// writeSession is a session over mem (read only) and w (writable).
func writeSession(t *testing.T) (*Session, *writablePlugin) {
	w := &writablePlugin{tables: map[string]int64{"taken": 0}, inserts: map[string][]string{}}
	name := "enginetest-write-" + t.Name()
	catalog.Register(name, func(string, *config.Plugin) (catalog.Plugin, error) { return w, nil })
	cat, err := catalog.New(&config.Storage{Plugins: map[string]*config.Plugin{
		"mem": {Name: "mem", Type: "enginetest", Enabled: true},
		"w":   {Name: "w", Type: name, Enabled: true}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return (&Engine{Catalog: cat}).NewSession(), w
}

// runAll runs every statement of text and returns the last one's tag
// and the first error.
func runAll(ctx context.Context, s *Session, text string) (string, error) {
	stmts, err := s.Prepare(ctx, text, nil)
	if err != nil {
		return "", err
	}
	tag := ""
	for _, st := range stmts {
		op, err := st.Run(ctx, nil)
		if err != nil {
			return "", err
		}
		if _, err := drainRows(op); err != nil {
			return "", err
		}
		tag = st.Tag
	}
	return tag, nil
}

func TestWriteStatements(t *testing.T) {
	s, w := writeSession(t)
	cases := []struct {
		text, tag, code, notice string
	}{
		{"CREATE TABLE w.main.t1 AS SELECT * FROM mem.main.main_t", "SELECT 3", "", ""},
		{"CREATE TABLE w.main.taken AS SELECT 1", "", sqlstate.DuplicateTable, ""},
		{"CREATE TABLE IF NOT EXISTS w.main.taken AS SELECT 1", "CREATE TABLE AS", "", `relation "taken" already exists, skipping`},
		{"CREATE TABLE mem.main.x AS SELECT 1", "", sqlstate.InsufficientPrivilege, ""},
		{"CREATE TABLE w.main.t2 (a, b, c) AS SELECT 1, 2", "", sqlstate.SyntaxError, ""},
		{"CREATE TABLE w.main.t2 AS SELECT 1 AS a, 2 AS a", "", sqlstate.DuplicateColumn, ""},
		{"CREATE TABLE w.main.t2 PARTITION BY (z) AS SELECT 1 AS a", "", sqlstate.UndefinedColumn, ""},
		{"INSERT INTO w.main.t1 SELECT x, y FROM mem.main.main_t WHERE x = 1", "INSERT 0 1", "", ""},
		{"INSERT INTO w.main.t1 (y) VALUES ('a'), ('b')", "INSERT 0 2", "", ""},
		{"INSERT INTO w.main.t1 (z) VALUES (1)", "", sqlstate.UndefinedColumn, ""},
		{"INSERT INTO w.main.t1 VALUES (1, 'a', 3)", "", sqlstate.SyntaxError, ""},
		{"INSERT INTO w.main.t1 VALUES ('x')", "", sqlstate.InvalidTextRepresentation, ""},
		{"INSERT INTO mem.main.main_t VALUES (1)", "", sqlstate.FeatureNotSupported, ""},
		{"DROP TABLE w.main.t1, w.main.nope", "", sqlstate.UndefinedTable, ""},
		{"DROP TABLE IF EXISTS w.main.t1, w.main.nope", "DROP TABLE", "", `table "nope" does not exist, skipping`},
		{"DROP TABLE mem.main.main_t", "", sqlstate.InsufficientPrivilege, ""},
	}
	for _, c := range cases {
		tag, err := runAll(context.Background(), s, c.text)
		if sqlstate.Code(err) != c.code && !(c.code == "" && err == nil) || tag != c.tag {
			t.Errorf("%s: tag %q, error %v; want %q, %s", c.text, tag, err, c.tag, c.code)
		}
		notices := s.TakeMessages().Notices
		if c.notice != "" && (len(notices) != 1 || notices[0].Error.Message != c.notice) {
			t.Errorf("%s: notices %+v, want %q", c.text, notices, c.notice)
		}
	}
	if _, ok := w.tables["t1"]; ok {
		t.Errorf("t1 should be dropped: %v", w.tables)
	}
	if got := w.inserts["t1"]; len(got) != 1 || got[0] != "x" {
		t.Errorf("the last INSERT, of one value without a column list, should fill the first column: %v", got)
	}
}

func TestWriteAbortsOnFailure(t *testing.T) {
	s, w := writeSession(t)
	// x is 1, 2 and NULL: 1 / (x - 2) fails on the second row.
	_, err := runAll(context.Background(), s, "CREATE TABLE w.main.bad AS SELECT 1 / (x - 2) FROM mem.main.main_t")
	if sqlstate.Code(err) != sqlstate.DivisionByZero {
		t.Fatalf("want division by zero, got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err = runAll(ctx, s, "CREATE TABLE w.main.canceled AS SELECT * FROM mem.main.main_t"); !errors.Is(err, context.Canceled) {
		t.Fatalf("want the cancellation, got %v", err)
	}
	_, err = runAll(context.Background(), s, "SET statement_timeout = 1; CREATE TABLE w.main.slow AS SELECT count(*) FROM generate_series(1, 100000000)")
	if sqlstate.Code(err) != sqlstate.QueryCanceled {
		t.Fatalf("want the statement timeout, got %v", err)
	}
	if w.aborts != 3 || len(w.tables) != 1 {
		t.Errorf("aborts %d, tables %v: every failed write should abort and leave nothing", w.aborts, w.tables)
	}
}

func TestWriteOptionsFollowSettings(t *testing.T) {
	s, w := writeSession(t)
	text := "ALTER SESSION SET `store.format` = 'csv'; SET store.parquet.compression = zstd; " +
		"SET \"store.parquet.block-size\" = '2MB'; SET auger.write.file_size = 4194304; " +
		"CREATE TABLE w.main.a PARTITION BY (y) AS SELECT * FROM mem.main.main_t; " +
		"ALTER SESSION RESET ALL; CREATE TABLE w.main.b AS SELECT 1"
	if _, err := runAll(context.Background(), s, text); err != nil {
		t.Fatal(err)
	}
	want := []catalog.WriteOptions{{Format: "csv", Compression: "zstd", RowGroupBytes: 2 << 20, FileBytes: 4 << 20},
		{Format: "parquet", Compression: "snappy", RowGroupBytes: 32 << 20, FileBytes: 512 << 20}}
	if len(w.specs) != 2 || w.specs[0].Options != want[0] || w.specs[1].Options != want[1] {
		t.Fatalf("specs %+v, want options %+v", w.specs, want)
	}
	if p := w.specs[0].PartitionBy; len(p) != 1 || p[0] != 1 {
		t.Errorf("PARTITION BY (y) should be column 1: %v", p)
	}
	_, err := runAll(context.Background(), s, "SET store.format = 'xml'")
	if e, ok := err.(*sqlstate.Error); !ok || e.Code != sqlstate.InvalidParameterValue ||
		e.Message != `invalid value for parameter "store.format": "xml"` || e.Hint != "Available values: parquet, csv, json." {
		t.Errorf("bad format: %#v", err)
	}
}
