package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"auger/internal/catalog"
)

// batchRows is the most rows one record batch holds.
const batchRows = 8192

// reader streams a remote query's rows as Arrow record batches, decoding
// each value's binary form straight into the builders. The query starts
// with the first batch asked for, so that a plan holds a connection of
// the pool only while it reads from it: a join reads its build side to
// the end (and gives its connection back) before its probe side starts.
type reader struct {
	plugin   *Plugin
	schema   *arrow.Schema
	qctx     context.Context // the query's context; cancel abandons it
	cancel   context.CancelCauseFunc
	pool     *pgxpool.Pool // nil once the query has started
	query    string
	args     []any
	rows     pgx.Rows             // nil once the query is over
	builder  *array.RecordBuilder // nil when no column is read
	fields   []array.Builder
	decoders []decoder
	stats    catalog.ScanStats // the statements sent and the bytes of the values received
}

var (
	_ catalog.BatchReader   = (*reader)(nil)
	_ catalog.StatsReporter = (*reader)(nil)
)

// ScanStats implements catalog.StatsReporter: one request for the
// statement, and the bytes of the values it returned.
func (r *reader) ScanStats() catalog.ScanStats { return r.stats }

// newReader prepares the query; it lives, once started, until the reader
// is closed or ctx ends.
func newReader(ctx context.Context, p *Plugin, pool *pgxpool.Pool, schema *arrow.Schema, query string, args []any) *reader {
	r := &reader{plugin: p, schema: schema, pool: pool, query: query, args: args}
	r.qctx, r.cancel = context.WithCancelCause(ctx)
	return r
}

// start runs the query, asking for every result column in binary format.
func (r *reader) start() error {
	pool := r.pool
	r.pool = nil
	formats := make(pgx.QueryResultFormats, r.schema.NumFields())
	for i := range formats {
		formats[i] = pgx.BinaryFormatCode
	}
	r.stats.Requests++
	rows, err := pool.Query(r.qctx, r.query, append([]any{formats}, r.args...)...)
	if err != nil {
		err = r.fail(err)
		r.cancel(nil)
		return err
	}
	r.rows = rows
	return nil
}

// prepare makes one builder and decoder per result column, once the first
// row shows the result's columns.
func (r *reader) prepare(fds []pgconn.FieldDescription) error {
	if r.decoders != nil {
		return nil
	}
	if len(fds) != r.schema.NumFields() {
		return fmt.Errorf("plugin %q: the remote query returns %d columns, %d expected", r.plugin.name, len(fds), r.schema.NumFields())
	}
	r.decoders = make([]decoder, len(fds))
	if len(fds) == 0 {
		return nil
	}
	r.builder = array.NewRecordBuilder(r.plugin.alloc, r.schema)
	r.fields = r.builder.Fields()
	for i, fd := range fds {
		dec, err := newDecoder(r.fields[i], fd.DataTypeOID)
		if err != nil {
			return fmt.Errorf("plugin %q: column %q: %w", r.plugin.name, r.schema.Field(i).Name, err)
		}
		r.decoders[i] = dec
	}
	return nil
}

// Schema implements catalog.BatchReader.
func (r *reader) Schema() *arrow.Schema { return r.schema }

// Next implements catalog.BatchReader: the next batch of up to batchRows
// rows, or io.EOF. Canceling ctx cancels the remote query.
func (r *reader) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if r.pool == nil && r.rows == nil {
		return nil, io.EOF
	}
	if err := ctx.Err(); err != nil {
		r.finish(true)
		return nil, r.plugin.remoteError(err)
	}
	if r.pool != nil {
		stop := context.AfterFunc(ctx, func() { r.cancel(context.Cause(ctx)) })
		err := r.start()
		stop()
		if err != nil {
			return nil, err
		}
	}
	stop := context.AfterFunc(ctx, func() { r.cancel(context.Cause(ctx)) })
	defer stop()
	n, err := r.fill()
	if err != nil {
		r.finish(true)
		return nil, err
	}
	if n == 0 {
		return nil, io.EOF
	}
	if r.schema.NumFields() == 0 {
		return array.NewRecordBatch(r.schema, nil, n), nil
	}
	return r.builder.NewRecordBatch(), nil
}

// fill decodes rows into the builders until a batch is full or the result
// ends; at the end it releases the connection at once.
func (r *reader) fill() (int64, error) {
	var n int64
	for n < batchRows {
		if !r.rows.Next() {
			err := r.rows.Err()
			if err != nil {
				err = r.fail(err)
			}
			r.finish(false)
			return n, err
		}
		if err := r.prepare(r.rows.FieldDescriptions()); err != nil {
			return n, err
		}
		if err := r.appendRow(r.rows.RawValues()); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func (r *reader) appendRow(values [][]byte) error {
	if len(values) != len(r.decoders) {
		return fmt.Errorf("plugin %q: a row has %d values, %d expected", r.plugin.name, len(values), len(r.decoders))
	}
	for i, raw := range values {
		r.stats.BytesRead += int64(len(raw))
		if raw == nil {
			r.fields[i].AppendNull()
			continue
		}
		if err := r.decoders[i](raw); err != nil {
			return fmt.Errorf("plugin %q: column %q: %w", r.plugin.name, r.schema.Field(i).Name, err)
		}
	}
	return nil
}

// fail turns a query error into the engine's: a cancellation, with its
// cause, when the query's context ended.
func (r *reader) fail(err error) error {
	if cause := context.Cause(r.qctx); cause != nil {
		return r.plugin.remoteError(cause)
	}
	return r.plugin.remoteError(err)
}

// errAbandoned is the cause of a query's cancellation when its reader is
// closed before the end of the result.
var errAbandoned = errors.New("result abandoned")

// finish ends the query. Abandoning it mid-result cancels its context
// first, so that pgx drops the connection instead of reading the rest.
func (r *reader) finish(abandon bool) {
	r.pool = nil
	if r.rows == nil {
		r.cancel(nil)
		return
	}
	if abandon {
		r.cancel(errAbandoned)
	}
	r.rows.Close()
	r.cancel(nil)
	r.rows = nil
}

// Close implements catalog.BatchReader; it releases the connection even in
// the middle of the result.
func (r *reader) Close() error {
	r.finish(true)
	if r.builder != nil {
		r.builder.Release()
		r.builder = nil
	}
	return nil
}
