// Package catalog holds the plugin contract every source implements, the
// registry of plugin types, and the Catalog that resolves
// `plugin.schema.table` names against the configured plugins.
package catalog

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/config"
	"auger/internal/expr"
)

// Plugin is one configured entry of storage-plugins.json: a PostgreSQL
// server, a local folder tree, an S3 bucket.
type Plugin interface {
	// Schemas lists the plugin's sub-schemas: PostgreSQL schemas, file
	// workspaces. Names are relative to the plugin ("public", "data").
	Schemas(ctx context.Context) ([]string, error)
	// DefaultSchema is the sub-schema that `plugin` alone means ("root" for a
	// file plugin, "public" for PostgreSQL).
	DefaultSchema() string
	// Tables lists the tables of one sub-schema, sorted by name.
	Tables(ctx context.Context, schema string) ([]string, error)
	// Table resolves a table name inside a sub-schema. A name that does not
	// exist yields an error wrapping ErrTableNotFound; an unknown sub-schema
	// one wrapping ErrSchemaNotFound.
	Table(ctx context.Context, schema, name string) (Table, error)
	// Close releases connections and caches.
	Close() error
}

// Table is something a query can read: a PostgreSQL table or view, a Parquet
// file, a folder or glob of Parquet files.
type Table interface {
	// Schema is the table's Arrow schema. Field nullability is reported as the
	// source knows it.
	Schema() *arrow.Schema
	// SupportsFilters answers, one verdict per filter, how the table would
	// treat each filter if it were passed in a ScanRequest. It must not do I/O
	// that changes with the answer, and it must be pure.
	SupportsFilters(filters []expr.Expr) []FilterVerdict
	// Scan starts reading. The reader yields batches whose schema has exactly
	// the requested columns, in the requested order.
	Scan(ctx context.Context, req ScanRequest) (BatchReader, error)
}

// RowEstimator is a Table that knows about how many rows it holds without
// reading them (a Parquet footer's count), for the planner's choices, such
// as which join input to hold in memory. ok is false when it cannot tell.
type RowEstimator interface {
	EstimatedRows() (rows int64, ok bool)
}

// PrimaryKeyer is a Table with a primary key (a PostgreSQL table's
// non-deferrable one). The planner lets a grouped query read every column
// of a table whose key columns are all grouped, as PostgreSQL does.
type PrimaryKeyer interface {
	// PrimaryKey names the key's columns; none when there is no key.
	PrimaryKey() []string
}

// ScanRequest says what a query needs from a table.
type ScanRequest struct {
	// Columns are indexes into Table.Schema(), in the order the reader must
	// yield them. An empty slice means no columns (only the row count
	// matters, as for count(*)); it never means "all".
	Columns []int
	// Filters are conjuncts over Table.Schema() (expr.Column.Index refers to
	// the table schema, not to Columns). Only filters the table answered
	// Exact or Inexact for are passed.
	Filters []expr.Expr
	// Limit is the most rows needed, or -1 for all. It is only set when every
	// filter passed is Exact.
	Limit int64
}

// FilterVerdict is a table's answer for one offered filter.
type FilterVerdict int

// The verdicts, as in DataFusion: Unsupported filters stay with the engine,
// Inexact ones are used by the source to prune and re-applied by the engine,
// Exact ones are fully applied by the source.
const (
	Unsupported FilterVerdict = iota
	Inexact
	Exact
)

// String names the verdict for EXPLAIN.
func (v FilterVerdict) String() string {
	return [...]string{"unsupported", "inexact", "exact"}[v]
}

// BatchReader streams record batches. The caller owns each batch returned by
// Next and must Release it. Next returns io.EOF after the last batch.
type BatchReader interface {
	Schema() *arrow.Schema
	Next(ctx context.Context) (arrow.RecordBatch, error)
	Close() error
}

// Errors a plugin wraps so the engine can map them to SQLSTATEs.
var (
	// ErrSchemaNotFound: the schema does not exist (3F000).
	ErrSchemaNotFound = errors.New("schema not found")
	// ErrTableNotFound: the table does not exist (42P01).
	ErrTableNotFound = errors.New("table not found")
	// ErrSourceUnavailable: the source cannot be reached (08001).
	ErrSourceUnavailable = errors.New("source unavailable")
	// ErrCorruptData: a file cannot be read as its format (58030).
	ErrCorruptData = errors.New("corrupt or unreadable data")
)

// Factory builds a plugin from its configuration. name is the plugin's name
// in storage-plugins.json. A factory must not fail because a source is down:
// that error belongs to the first use.
type Factory func(name string, cfg *config.Plugin) (Plugin, error)

var (
	registryMu sync.RWMutex
	registry   = map[string]Factory{}
)

// Register makes a plugin type available by the name used in the `type`
// field of storage-plugins.json. It panics when the name is taken.
func Register(typeName string, factory Factory) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if _, dup := registry[typeName]; dup {
		panic("catalog: plugin type registered twice: " + typeName)
	}
	registry[typeName] = factory
}

// RegisteredTypes lists the plugin type names, sorted.
func RegisteredTypes() []string {
	registryMu.RLock()
	defer registryMu.RUnlock()
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func lookupFactory(typeName string) (Factory, error) {
	registryMu.RLock()
	defer registryMu.RUnlock()
	f, ok := registry[typeName]
	if !ok {
		return nil, fmt.Errorf("unknown plugin type %q (known: %v)", typeName, RegisteredTypes())
	}
	return f, nil
}

// PooledTable is a Table whose readers each hold a connection of a bounded
// pool from their start to their end (or Close). The engine must not wait
// for a second connection of that pool while holding the first: it reads
// such a table to the end before running a query per row on the same pool.
type PooledTable interface {
	Table
	// Pool names the pool the table's readers draw connections from.
	Pool() string
}

// ScanExplainer is a Table that can say, for EXPLAIN, what a scan with a
// given request would do: the remote statement it sends, the files and row
// groups it reads. Each string is one line of the plan, under the scan.
type ScanExplainer interface {
	ExplainScan(ctx context.Context, req ScanRequest) ([]string, error)
}

// ScanStats count what one reader did, for EXPLAIN ANALYZE. Fields a
// source has no notion of stay zero.
type ScanStats struct {
	Files, FilesSkipped         int64 // files opened, files skipped whole
	RowGroups, RowGroupsSkipped int64 // row groups decoded, row groups skipped by statistics
	PagesSkipped                int64 // pages skipped by the page index
	BytesRead                   int64 // bytes read from disk, S3 or the remote server
	Requests                    int64 // S3 GETs and LISTs, remote statements
}

// Add returns the sum of two counts.
func (s ScanStats) Add(o ScanStats) ScanStats {
	return ScanStats{
		Files: s.Files + o.Files, FilesSkipped: s.FilesSkipped + o.FilesSkipped,
		RowGroups: s.RowGroups + o.RowGroups, RowGroupsSkipped: s.RowGroupsSkipped + o.RowGroupsSkipped,
		PagesSkipped: s.PagesSkipped + o.PagesSkipped, BytesRead: s.BytesRead + o.BytesRead,
		Requests: s.Requests + o.Requests,
	}
}

// StatsReporter is a BatchReader that counts its work. ScanStats may be
// called at any time, also after Close.
type StatsReporter interface {
	ScanStats() ScanStats
}
