package engine

import (
	"context"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/planner"
	"auger/internal/sql"
	"auger/internal/sqlstate"
)

// tableCreation is a planned CREATE TABLE AS.
type tableCreation struct {
	session     *Session
	target      writeTarget
	source      *sourceQuery
	spec        catalog.WriteSpec
	columns     []string // the statement's column list, for a remote statement
	ifNotExists bool
}

func (p *planning) planCreateTableAs(ctx context.Context, c *sql.CreateTableAs) (*Statement, error) {
	target, err := p.resolveTarget(ctx, c.Name)
	if err != nil {
		return nil, err
	}
	source, err := p.bindSource(ctx, c.Query)
	if err != nil {
		return nil, err
	}
	columns, err := renameColumns(source.schema(), c.Columns)
	if err != nil {
		return nil, err
	}
	partition, err := partitionIndexes(columns, c.PartitionBy)
	if err != nil {
		return nil, err
	}
	tc := &tableCreation{session: p.session, target: target, source: source, columns: c.Columns, ifNotExists: c.IfNotExists,
		spec: catalog.WriteSpec{Columns: columns, PartitionBy: partition}}
	st := &Statement{Text: c.Text(), Params: source.params, Tag: "SELECT 0"}
	st.run = func(ctx context.Context, values []scalar.Scalar) (exec.Operator, error) {
		tag, err := tc.run(ctx, values)
		if err != nil {
			return nil, err
		}
		st.Tag = tag
		return noRows()
	}
	return st, nil
}

// run writes the table and returns the command tag: SELECT and the rows
// written, as PostgreSQL's; CREATE TABLE AS when IF NOT EXISTS found one.
func (tc *tableCreation) run(ctx context.Context, values []scalar.Scalar) (string, error) {
	existing, err := tc.target.lookup(ctx, tc.session.engine.Catalog)
	if err != nil {
		return "", err
	}
	if existing != nil {
		return tc.exists()
	}
	plan, err := tc.source.plan(values)
	if err != nil {
		return "", err
	}
	var rows int64
	if runner, stmt, ok := tc.source.remoteOn(tc.target.plugin, plan); ok {
		rows, err = runner.CreateTableAsRemote(ctx, tc.target.schema.Sub, tc.target.name, tc.columns, stmt)
	} else {
		rows, err = tc.stream(ctx, plan)
	}
	if err != nil {
		return tc.failed(err)
	}
	return fmt.Sprintf("SELECT %d", rows), nil
}

// exists answers a name that is taken: PostgreSQL's NOTICE with IF NOT
// EXISTS, its error without.
func (tc *tableCreation) exists() (string, error) {
	if !tc.ifNotExists {
		return "", tc.target.alreadyExists()
	}
	e := tc.target.alreadyExists()
	tc.session.notice(sqlstate.New(e.Code, "%s, skipping", e.Message))
	return "CREATE TABLE AS", nil
}

// failed gives a failure its client's wording; a table that appeared
// meanwhile is one that exists.
func (tc *tableCreation) failed(err error) (string, error) {
	err = tc.target.writeError(err)
	if sqlstate.Code(err) == sqlstate.DuplicateTable {
		return tc.exists()
	}
	return "", err
}

// stream runs the query in the engine and writes its batches through the
// plugin's TableCreator.
func (tc *tableCreation) stream(ctx context.Context, plan planner.Node) (int64, error) {
	creator, ok := tc.target.plugin.(catalog.TableCreator)
	if !ok {
		return 0, tc.target.immutable()
	}
	op, err := tc.source.operator(ctx, plan)
	if err != nil {
		return 0, err
	}
	defer op.Close()
	spec := tc.spec
	spec.Options = tc.session.writeOptions()
	w, err := creator.CreateTable(ctx, tc.target.schema.Sub, tc.target.name, spec)
	if err != nil {
		return 0, err
	}
	rename := func(b arrow.RecordBatch) (arrow.RecordBatch, error) {
		return array.NewRecordBatch(spec.Columns, b.Columns(), b.NumRows()), nil
	}
	return fill(ctx, op, w, rename, tc.session.logAbort(tc.target))
}

// renameColumns applies CREATE TABLE's column list to the query's columns
// and checks the names are distinct, as PostgreSQL does.
func renameColumns(schema *arrow.Schema, names []string) (*arrow.Schema, error) {
	if len(names) > schema.NumFields() {
		return nil, sqlstate.New(sqlstate.SyntaxError, "too many column names were specified")
	}
	fields := schema.Fields()
	seen := map[string]bool{}
	for i := range fields {
		if i < len(names) {
			fields[i].Name = names[i]
		}
		if seen[fields[i].Name] {
			return nil, sqlstate.New(sqlstate.DuplicateColumn, "column %q specified more than once", fields[i].Name)
		}
		seen[fields[i].Name] = true
	}
	return arrow.NewSchema(fields, nil), nil
}

// partitionIndexes finds PARTITION BY's columns among the new table's.
func partitionIndexes(schema *arrow.Schema, names []string) ([]int, error) {
	var out []int
	for _, name := range names {
		i := schema.FieldIndices(name)
		if len(i) == 0 {
			return nil, sqlstate.New(sqlstate.UndefinedColumn, "column %q does not exist", name).
				WithHint("PARTITION BY names columns of the new table")
		}
		out = append(out, i[0])
	}
	return out, nil
}
