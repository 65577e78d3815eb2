package engine

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

func stringField(name string) arrow.Field {
	return arrow.Field{Name: name, Type: arrow.BinaryTypes.String, Nullable: true}
}

// The result columns of Drill's catalog statements, named as Drill names them.
var (
	useSchema = arrow.NewSchema([]arrow.Field{
		{Name: "ok", Type: arrow.FixedWidthTypes.Boolean, Nullable: true}, stringField("summary")}, nil)
	showSchemasSchema = arrow.NewSchema([]arrow.Field{stringField("SCHEMA_NAME")}, nil)
	showTablesSchema  = arrow.NewSchema([]arrow.Field{stringField("TABLE_SCHEMA"), stringField("TABLE_NAME")}, nil)
	describeSchema    = arrow.NewSchema([]arrow.Field{
		stringField("COLUMN_NAME"), stringField("DATA_TYPE"), stringField("IS_NULLABLE")}, nil)
)

// rowsOperator returns an operator yielding rows computed in memory.
func rowsOperator(schema *arrow.Schema, rows [][]any) (exec.Operator, error) {
	b, err := catalog.BuildBatch(schema, rows)
	if err != nil {
		return nil, err
	}
	return catalog.NewSliceReader(b), nil
}

// computed makes a Statement whose rows are computed when it runs.
func computed(text string, schema *arrow.Schema, rows func(ctx context.Context) ([][]any, error)) *Statement {
	return &Statement{
		Text:    text,
		Columns: schema,
		run: func(ctx context.Context, _ []scalar.Scalar) (exec.Operator, error) {
			r, err := rows(ctx)
			if err != nil {
				return nil, err
			}
			return rowsOperator(schema, r)
		},
	}
}

func (p *planning) planShowSchemas(ctx context.Context, s *sql.ShowSchemas) (*Statement, error) {
	cat := p.cat()
	return computed(s.Text(), showSchemasSchema, func(ctx context.Context) ([][]any, error) {
		var rows [][]any
		for _, ref := range cat.Schemas(ctx) {
			if s.Like == nil || likeMatch(*s.Like, ref.String()) {
				rows = append(rows, []any{ref.String()})
			}
		}
		return rows, nil
	}), nil
}

func (p *planning) planShowTables(ctx context.Context, s *sql.ShowTables) (*Statement, error) {
	ref := p.schema
	if s.Schema != nil {
		r, err := p.cat().ResolveSchema(ctx, namesOf(*s.Schema), p.schema)
		if err != nil {
			return nil, err
		}
		ref = r
	}
	if ref.IsZero() {
		return nil, sqlstate.New(sqlstate.InvalidSchemaName, "no default schema selected").
			WithHint("select a schema with USE schema, or name one: SHOW TABLES IN schema")
	}
	cat := p.cat()
	return computed(s.Text(), showTablesSchema, func(ctx context.Context) ([][]any, error) {
		names, err := cat.Tables(ctx, ref)
		if err != nil {
			return nil, catalog.Classify(err)
		}
		var rows [][]any
		for _, n := range names {
			if s.Like == nil || likeMatch(*s.Like, n) {
				rows = append(rows, []any{ref.String(), n})
			}
		}
		return rows, nil
	}), nil
}

func (p *planning) planDescribe(ctx context.Context, d *sql.Describe) (*Statement, error) {
	t, _, err := p.cat().ResolveTable(ctx, namesOf(d.Table), p.schema)
	if err != nil {
		return nil, err
	}
	return computed(d.Text(), describeSchema, func(ctx context.Context) ([][]any, error) {
		var rows [][]any
		for _, f := range t.Schema().Fields() {
			if d.Column != nil && !likeMatch(*d.Column, f.Name) {
				continue
			}
			rows = append(rows, []any{f.Name, types.DrillName(f.Type), catalog.YesNo(f.Nullable)})
		}
		return rows, nil
	}), nil
}
