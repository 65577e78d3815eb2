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
	"auger/internal/types"
)

// insertion is a planned INSERT.
type insertion struct {
	session *Session
	target  writeTarget
	source  *sourceQuery
	columns []string      // the target columns, in the query's order
	into    *arrow.Schema // the batches the writer takes: the target columns' names and types
}

func (p *planning) planInsert(ctx context.Context, n *sql.Insert) (*Statement, error) {
	target, err := p.resolveTarget(ctx, n.Table)
	if err != nil {
		return nil, err
	}
	table, err := p.cat().Table(ctx, target.schema, target.name)
	if err != nil {
		return nil, err
	}
	source, err := p.bindSource(ctx, n.Query)
	if err != nil {
		return nil, err
	}
	into, err := insertColumns(table.Schema(), target.name, n.Columns, source.schema())
	if err != nil {
		return nil, err
	}
	ins := &insertion{session: p.session, target: target, source: source, into: into, columns: n.Columns}
	if ins.columns == nil && into.NumFields() < table.Schema().NumFields() {
		ins.columns = fieldNames(into)
	}
	st := &Statement{Text: n.Text(), Params: source.params, Tag: "INSERT 0 0"}
	st.run = func(ctx context.Context, values []scalar.Scalar) (exec.Operator, error) {
		rows, err := ins.run(ctx, values)
		if err != nil {
			return nil, ins.target.writeError(err)
		}
		st.Tag = fmt.Sprintf("INSERT 0 %d", rows)
		return noRows()
	}
	return st, nil
}

// insertColumns are the target columns the query's columns fill, checked
// as PostgreSQL checks them: known, distinct, as many as the query's
// (fewer without a list), and of types the query's cast to.
func insertColumns(table *arrow.Schema, name string, names []string, query *arrow.Schema) (*arrow.Schema, error) {
	if names == nil {
		if query.NumFields() > table.NumFields() {
			return nil, sqlstate.New(sqlstate.SyntaxError, "INSERT has more expressions than target columns")
		}
		names = fieldNames(table)[:query.NumFields()]
	}
	switch {
	case len(names) < query.NumFields():
		return nil, sqlstate.New(sqlstate.SyntaxError, "INSERT has more expressions than target columns")
	case len(names) > query.NumFields():
		return nil, sqlstate.New(sqlstate.SyntaxError, "INSERT has more target columns than expressions")
	}
	fields := make([]arrow.Field, len(names))
	seen := map[string]bool{}
	for i, n := range names {
		idx := table.FieldIndices(n)
		switch {
		case len(idx) == 0:
			return nil, sqlstate.New(sqlstate.UndefinedColumn, "column %q of relation %q does not exist", n, name)
		case seen[n]:
			return nil, sqlstate.New(sqlstate.DuplicateColumn, "column %q specified more than once", n)
		}
		seen[n], fields[i] = true, table.Field(idx[0])
		if from := query.Field(i).Type; !types.CanCast(from, fields[i].Type) {
			return nil, sqlstate.New(sqlstate.DatatypeMismatch, "column %q is of type %s but expression is of type %s",
				n, types.BaseName(fields[i].Type), types.BaseName(from)).WithHint("You will need to rewrite or cast the expression.")
		}
	}
	return arrow.NewSchema(fields, nil), nil
}

func fieldNames(s *arrow.Schema) []string {
	out := make([]string, s.NumFields())
	for i, f := range s.Fields() {
		out[i] = f.Name
	}
	return out
}

// run adds the rows: as one statement on the server when the query reads
// only the target's server, else streamed through the TableInserter.
func (ins *insertion) run(ctx context.Context, values []scalar.Scalar) (int64, error) {
	plan, err := ins.source.plan(values)
	if err != nil {
		return 0, err
	}
	if runner, stmt, ok := ins.source.remoteOn(ins.target.plugin, plan); ok {
		return runner.InsertRemote(ctx, ins.target.schema.Sub, ins.target.name, ins.columns, stmt)
	}
	inserter, ok := ins.target.plugin.(catalog.TableInserter)
	if !ok {
		return 0, sqlstate.New(sqlstate.FeatureNotSupported, "INSERT INTO %s.%s is not supported: the tables of %s take no new rows (use CREATE TABLE AS)",
			ins.target.schema, ins.target.name, ins.target.schema.Plugin)
	}
	return ins.stream(ctx, inserter, plan)
}

func (ins *insertion) stream(ctx context.Context, inserter catalog.TableInserter, plan planner.Node) (int64, error) {
	op, err := ins.source.operator(ctx, plan)
	if err != nil {
		return 0, err
	}
	defer op.Close()
	w, err := inserter.InsertInto(ctx, ins.target.schema.Sub, ins.target.name, ins.columns)
	if err != nil {
		return 0, err
	}
	return fill(ctx, op, w, ins.assign, ins.session.logAbort(ins.target))
}

// assign casts a batch's columns to the target columns' types.
func (ins *insertion) assign(b arrow.RecordBatch) (arrow.RecordBatch, error) {
	cols := make([]arrow.Array, b.NumCols())
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	for i := range cols {
		c, err := types.Cast(b.Column(i), ins.into.Field(i).Type)
		if err != nil {
			return nil, err
		}
		cols[i] = c
	}
	return array.NewRecordBatch(ins.into, cols, b.NumRows()), nil
}
