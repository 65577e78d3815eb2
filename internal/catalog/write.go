package catalog

import (
	"context"
	"errors"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
)

// The optional sides of a Plugin that writes: CREATE TABLE AS, INSERT,
// DROP TABLE, views and SHOW FILES. The engine finds them by type
// assertion; a plugin without one refuses the statement.

// TableCreator is a Plugin that can create tables (CREATE TABLE AS) in
// some of its schemas.
type TableCreator interface {
	// CreateTable begins a new table. Nothing is visible under the name
	// until Commit; Abort, or a failed Write or Commit, leaves nothing
	// behind. A table or view of that name already there yields an error
	// wrapping ErrTableExists; a schema that may not be written one
	// wrapping ErrNotWritable.
	CreateTable(ctx context.Context, schema, name string, spec WriteSpec) (TableWriter, error)
}

// WriteSpec is what a new table is made of.
type WriteSpec struct {
	// Columns is the rows' schema, with the names the table's columns get.
	Columns *arrow.Schema
	// PartitionBy are indexes into Columns: a file table gets one folder
	// per distinct value (Drill's PARTITION BY), in order of nesting.
	PartitionBy []int
	// Options are the session's store.* settings.
	Options WriteOptions
}

// WriteOptions are the session settings a file writer follows.
type WriteOptions struct {
	// Format is store.format: "parquet", "csv" or "json".
	Format string
	// Compression is store.parquet.compression: snappy, gzip, zstd, lz4,
	// brotli or none.
	Compression string
	// RowGroupBytes is store.parquet.block-size: the size a Parquet row
	// group is closed at.
	RowGroupBytes int64
	// FileBytes is auger.write.file_size: the size after which the next
	// rows go to a new file (0_0_0.parquet, 0_0_1.parquet, ...).
	FileBytes int64
}

// TableWriter receives the rows of a table being written.
type TableWriter interface {
	// Write appends a batch. The caller keeps its batch: a writer that
	// holds on to it retains it.
	Write(ctx context.Context, batch arrow.RecordBatch) error
	// Commit makes every row written visible at once and returns how many
	// there were.
	Commit(ctx context.Context) (rows int64, err error)
	// Abort discards what was written. It may be called after a failed
	// Write or Commit, and after a successful Commit, where it does
	// nothing.
	Abort(ctx context.Context) error
}

// TableInserter is a Plugin whose existing tables take new rows (INSERT
// INTO).
type TableInserter interface {
	// InsertInto begins appending to a table. columns names the columns the
	// batches fill, in order; nil means all of them in table order. Commit
	// adds all rows at once, Abort none.
	InsertInto(ctx context.Context, schema, name string, columns []string) (TableWriter, error)
}

// TableDropper is a Plugin that can remove tables (DROP TABLE).
type TableDropper interface {
	// DropTable removes a table (not a view). A missing one yields an error
	// wrapping ErrTableNotFound; a schema that may not be written one
	// wrapping ErrNotWritable.
	DropTable(ctx context.Context, schema, name string) error
}

// RemoteStatementRunner is a Plugin of a SQL server that runs a whole
// write statement itself when its query reads only that server: the
// engine hands over the query the planner built for it (a RemoteQuery of
// a table whose RemoteServer is the plugin's).
type RemoteStatementRunner interface {
	// RemoteServer is the value its tables' RemoteTable.RemoteServer gives.
	RemoteServer() string
	// CreateTableAsRemote runs CREATE TABLE schema.name [(columns)] AS
	// query on the server and returns the rows written. An existing table
	// yields an error wrapping ErrTableExists.
	CreateTableAsRemote(ctx context.Context, schema, name string, columns []string, query RemoteStatement) (int64, error)
	// InsertRemote runs INSERT INTO schema.name [(columns)] query on the
	// server and returns the rows inserted.
	InsertRemote(ctx context.Context, schema, name string, columns []string, query RemoteStatement) (int64, error)
}

// ViewStore is a Plugin that keeps views (a workspace's name.view.drill
// files).
type ViewStore interface {
	// CreateView stores a view. One there already yields an error wrapping
	// ErrTableExists unless replace is set; a table of that name always
	// does. A schema that may not be written yields one wrapping
	// ErrNotWritable.
	CreateView(ctx context.Context, schema, name string, view ViewDefinition, replace bool) error
	// DropView removes a view; a missing one yields an error wrapping
	// ErrTableNotFound.
	DropView(ctx context.Context, schema, name string) error
}

// View is a Table that is a stored query: Plugin.Table returns one for a
// view's name, and the planner binds its query in place of a scan.
type View interface {
	Table
	// Definition is the stored view.
	Definition() ViewDefinition
}

// ViewDefinition is a view as Drill stores it in name.view.drill.
type ViewDefinition struct {
	Name string
	// SQL is the view's query.
	SQL string
	// Fields are the view's columns as they were when it was created.
	Fields []ViewField
	// SchemaPath is the default schema the query was written under
	// (Drill's workspaceSchemaPath, as ["dfs", "tmp"]): unqualified names
	// in SQL resolve there.
	SchemaPath []string
}

// ViewField is one column of a stored view.
type ViewField struct {
	Name       string
	Type       string // Drill's type name (INTEGER, VARCHAR, ...)
	IsNullable bool
}

// FileLister is a Plugin of files that lists them for SHOW FILES.
type FileLister interface {
	// ListFiles lists the entries of a folder of a schema; dir is relative
	// to the schema's location ("" for the location itself). A name that
	// is a file lists that file.
	ListFiles(ctx context.Context, schema, dir string) ([]FileEntry, error)
}

// FileEntry is one row of SHOW FILES, with Drill's columns.
type FileEntry struct {
	Name             string
	IsDirectory      bool
	Length           int64
	Owner, Group     string
	Permissions      string // as ls shows them: rwxr-xr-x
	AccessTime       time.Time
	ModificationTime time.Time
}

// Errors a writing plugin wraps so that the engine can give them a
// SQLSTATE.
var (
	// ErrTableExists: a table or view of that name exists (42P07).
	ErrTableExists = errors.New("table already exists")
	// ErrNotWritable: the schema is not writable (42501).
	ErrNotWritable = errors.New("schema is immutable")
)
