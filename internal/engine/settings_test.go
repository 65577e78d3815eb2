package engine

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
	"auger/internal/config"
	"auger/internal/expr"
	"auger/internal/sqlstate"
)

func TestParseTimeout(t *testing.T) {
	cases := []struct {
		value string
		want  time.Duration
		err   string
	}{
		{"100", 100 * time.Millisecond, ""},
		{"100ms", 100 * time.Millisecond, ""},
		{"1.5s", 1500 * time.Millisecond, ""},
		{"100 ms", 100 * time.Millisecond, ""},
		{"2min", 2 * time.Minute, ""},
		{"1h", time.Hour, ""},
		{"1d", 24 * time.Hour, ""},
		{"2500us", 2 * time.Millisecond, ""},
		{"3500us", 4 * time.Millisecond, ""},
		{"0", 0, ""},
		{"abc", 0, `invalid value for parameter "statement_timeout": "abc"`},
		{"10kB", 0, `invalid value for parameter "statement_timeout": "10kB"`},
		{"-5", 0, `-5 ms is outside the valid range for parameter "statement_timeout" (0 .. 2147483647)`},
		{"3000000000", 0, `invalid value for parameter "statement_timeout": "3000000000"`},
		{"3000000s", 0, `invalid value for parameter "statement_timeout": "3000000s"`},
		{"0.4", 0, ""},
		{"1.5", 2 * time.Millisecond, ""},
		{"2.5", 2 * time.Millisecond, ""},
		{"1e3", time.Second, ""},
		{" 5 s ", 5 * time.Second, ""},
	}
	for _, c := range cases {
		d, _ := lookupSetting("statement_timeout")
		setting, err := d.parse(c.value)
		ms, _ := strconv.ParseInt(setting, 10, 64)
		got := time.Duration(ms) * time.Millisecond
		if c.err != "" {
			if sqlstate.Code(err) != sqlstate.InvalidParameterValue || err.Error() != c.err {
				t.Errorf("%q: %v, want %s", c.value, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q = %s, %v; want %s", c.value, got, err, c.want)
		}
	}
}

// waitingTable is a table whose reader waits until its statement ends.
type waitingTable struct{ catalog.Table }

func (waitingTable) Scan(context.Context, catalog.ScanRequest) (catalog.BatchReader, error) {
	return waitingReader{}, nil
}

type waitingReader struct{}

func (waitingReader) Schema() *arrow.Schema { return xy }
func (waitingReader) Close() error          { return nil }
func (waitingReader) Next(ctx context.Context) (arrow.RecordBatch, error) {
	<-ctx.Done()
	return nil, fmt.Errorf("waiting scan: %w", ctx.Err())
}

type waitingPlugin struct{ memPlugin }

func (waitingPlugin) Table(context.Context, string, string) (catalog.Table, error) {
	return waitingTable{Table: catalog.NewMemTable(xy, nil)}, nil
}

func (waitingTable) SupportsFilters(f []expr.Expr) []catalog.FilterVerdict {
	return make([]catalog.FilterVerdict, len(f))
}

func init() {
	catalog.Register("enginetest-waiting", func(string, *config.Plugin) (catalog.Plugin, error) { return waitingPlugin{}, nil })
}

// TestStatementTimeout sets statement_timeout and runs a statement that
// would never end: it stops with 57014 soon after the timeout; RESET
// lifts the limit.
func TestStatementTimeout(t *testing.T) {
	cat, err := catalog.New(&config.Storage{Plugins: map[string]*config.Plugin{
		"w": {Name: "w", Type: "enginetest-waiting", Enabled: true}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := (&Engine{Catalog: cat}).NewSession()
	exec := func(text string) error {
		stmts, err := s.Prepare(context.Background(), text, nil)
		if err != nil {
			return err
		}
		for _, st := range stmts {
			if _, err := run(t, st); err != nil {
				return err
			}
		}
		return nil
	}
	if err := exec("SET statement_timeout = '50ms'"); err != nil {
		t.Fatal(err)
	}
	if s.StatementTimeout() != 50*time.Millisecond {
		t.Fatalf("statement_timeout is %s", s.StatementTimeout())
	}
	start := time.Now()
	err = exec("SELECT x FROM w.main.t")
	if sqlstate.Code(err) != sqlstate.QueryCanceled || err.Error() != "canceling statement due to statement timeout" {
		t.Errorf("a statement past the timeout: %v", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the statement stopped after %s", took)
	}
	if err := exec("RESET statement_timeout"); err != nil || s.StatementTimeout() != 0 {
		t.Errorf("RESET: %v, timeout %s", err, s.StatementTimeout())
	}
	if err := exec("SET statement_timeout TO 'soon'"); sqlstate.Code(err) != sqlstate.InvalidParameterValue {
		t.Errorf("a bad timeout: %v", err)
	}
	if err := exec("SET nosuch = x"); sqlstate.Code(err) != sqlstate.UndefinedObject {
		t.Errorf("an unknown setting: %v", err)
	}
}
