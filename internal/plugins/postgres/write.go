package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"auger/internal/catalog"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

var (
	_ catalog.TableCreator          = (*Plugin)(nil)
	_ catalog.TableInserter         = (*Plugin)(nil)
	_ catalog.TableDropper          = (*Plugin)(nil)
	_ catalog.RemoteStatementRunner = (*Plugin)(nil)
)

// checkWritable refuses writes unless the configuration says "writable",
// with Drill's wording.
func (p *Plugin) checkWritable(schema string) error {
	if p.writable {
		return nil
	}
	return &sqlstate.Error{Code: sqlstate.InsufficientPrivilege, Cause: catalog.ErrNotWritable,
		Message: fmt.Sprintf("Unable to create or drop objects. Schema [%s.%s] is immutable.", p.name, schema)}
}

// writeError maps PostgreSQL's duplicate_table to catalog.ErrTableExists
// and keeps every other error's SQLSTATE and message.
func (p *Plugin) writeError(err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == sqlstate.DuplicateTable {
		return &sqlstate.Error{Code: pgErr.Code, Message: pgErr.Message, Cause: errors.Join(catalog.ErrTableExists, err)}
	}
	return p.remoteError(err)
}

// CreateTable implements catalog.TableCreator: CREATE TABLE and COPY in one
// transaction, committed by the writer's Commit.
func (p *Plugin) CreateTable(ctx context.Context, schema, name string, spec catalog.WriteSpec) (catalog.TableWriter, error) {
	if err := p.checkWritable(schema); err != nil {
		return nil, err
	}
	if len(spec.PartitionBy) > 0 {
		return nil, &sqlstate.Error{Code: sqlstate.FeatureNotSupported,
			Message: fmt.Sprintf("PARTITION BY is not supported for tables of plugin %q", p.name)}
	}
	exact, err := p.resolveSchema(ctx, schema)
	if err != nil {
		return nil, err
	}
	ddl := createTableSQL(exact, name, spec.Columns)
	return p.startCopy(ctx, exact, name, fieldNames(spec.Columns), spec.Columns, ddl)
}

// createTableSQL is the CREATE TABLE statement for columns of these Arrow
// types, each named as the types table names it for PostgreSQL.
func createTableSQL(schema, name string, columns *arrow.Schema) string {
	defs := make([]string, columns.NumFields())
	for i, f := range columns.Fields() {
		elem, dims := types.ArrayElement(f.Type)
		defs[i] = pgx.Identifier{f.Name}.Sanitize() + " " + types.PostgresName(elem) + strings.Repeat("[]", dims)
	}
	return "CREATE TABLE " + pgx.Identifier{schema, name}.Sanitize() + " (" + strings.Join(defs, ", ") + ")"
}

func fieldNames(s *arrow.Schema) []string {
	names := make([]string, s.NumFields())
	for i, f := range s.Fields() {
		names[i] = f.Name
	}
	return names
}

// InsertInto implements catalog.TableInserter: a COPY into the table's
// named columns in one transaction.
func (p *Plugin) InsertInto(ctx context.Context, schema, name string, columns []string) (catalog.TableWriter, error) {
	if err := p.checkWritable(schema); err != nil {
		return nil, err
	}
	found, err := p.Table(ctx, schema, name)
	if err != nil {
		return nil, err
	}
	tbl := found.(*table)
	target, err := targetColumns(tbl, columns)
	if err != nil {
		return nil, err
	}
	return p.startCopy(ctx, tbl.schema, tbl.name, fieldNames(target), target, "")
}

// targetColumns are the table's fields the batches fill, in order.
func targetColumns(tbl *table, columns []string) (*arrow.Schema, error) {
	if columns == nil {
		return tbl.arrow, nil
	}
	fields := make([]arrow.Field, len(columns))
	for i, c := range columns {
		idx := tbl.arrow.FieldIndices(c)
		if len(idx) == 0 {
			return nil, &sqlstate.Error{Code: sqlstate.UndefinedColumn,
				Message: fmt.Sprintf("column %q of relation %q does not exist", c, tbl.name)}
		}
		fields[i] = tbl.arrow.Field(idx[0])
	}
	return arrow.NewSchema(fields, nil), nil
}

// DropTable implements catalog.TableDropper.
func (p *Plugin) DropTable(ctx context.Context, schema, name string) error {
	if err := p.checkWritable(schema); err != nil {
		return err
	}
	found, err := p.Table(ctx, schema, name)
	if err != nil {
		return err
	}
	tbl := found.(*table)
	pool, err := p.connect(ctx)
	if err != nil {
		return err
	}
	_, err = pool.Exec(ctx, "DROP TABLE "+pgx.Identifier{tbl.schema, tbl.name}.Sanitize())
	return p.remoteError(err)
}

// RemoteServer implements catalog.RemoteStatementRunner: the value its
// tables' RemoteServer gives.
func (p *Plugin) RemoteServer() string { return p.name }

// CreateTableAsRemote implements catalog.RemoteStatementRunner.
func (p *Plugin) CreateTableAsRemote(ctx context.Context, schema, name string, columns []string, query catalog.RemoteStatement) (int64, error) {
	return p.runRemoteWrite(ctx, schema, "CREATE TABLE %s%s AS ", name, columns, query)
}

// InsertRemote implements catalog.RemoteStatementRunner.
func (p *Plugin) InsertRemote(ctx context.Context, schema, name string, columns []string, query catalog.RemoteStatement) (int64, error) {
	return p.runRemoteWrite(ctx, schema, "INSERT INTO %s%s ", name, columns, query)
}

// runRemoteWrite runs head (formatted with the table and its column list)
// followed by the query, and returns the rows its command tag counts.
func (p *Plugin) runRemoteWrite(ctx context.Context, schema, head, name string, columns []string, query catalog.RemoteStatement) (int64, error) {
	if err := p.checkWritable(schema); err != nil {
		return 0, err
	}
	exact, err := p.resolveSchema(ctx, schema)
	if err != nil {
		return 0, err
	}
	list := ""
	if len(columns) > 0 {
		quoted := make([]string, len(columns))
		for i, c := range columns {
			quoted[i] = pgx.Identifier{c}.Sanitize()
		}
		list = " (" + strings.Join(quoted, ", ") + ")"
	}
	pool, err := p.connect(ctx)
	if err != nil {
		return 0, err
	}
	stmt := fmt.Sprintf(head, pgx.Identifier{exact, name}.Sanitize(), list) + query.Text
	tag, err := pool.Exec(ctx, stmt, query.Args...)
	if err != nil {
		return 0, p.writeError(err)
	}
	return tag.RowsAffected(), nil
}
