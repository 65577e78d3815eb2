package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/exec"
	"auger/internal/planner"
	"auger/internal/sql"
	"auger/internal/sqlstate"
	"auger/internal/types"
)

// planning carries the state of one Prepare call: the default schema as
// the statements planned so far will leave it.
type planning struct {
	session    *Session
	schema     catalog.SchemaRef   // the first schema of the search path that exists
	path       []catalog.SchemaRef // the schemas of the search path that exist, in order
	searchPath string              // search_path as the statements planned so far will leave it
	zone       types.Zone          // the time zone as the statements planned so far will leave it
	paramTypes []arrow.DataType    // the parameter types the client gave (nil entries: unspecified)
	optimizer  planner.Options     // as the statements planned so far will leave auger.pushdown
}

func (p *planning) cat() *catalog.Catalog { return p.session.engine.Catalog }

func (p *planning) plan(ctx context.Context, stmt sql.Statement) (*Statement, error) {
	switch n := stmt.(type) {
	case sql.Query:
		return p.planQuery(ctx, n)
	case *sql.Explain:
		return p.planExplain(ctx, n)
	case *sql.Use:
		return p.planUse(ctx, n)
	case *sql.ShowSchemas:
		return p.planShowSchemas(ctx, n)
	case *sql.ShowTables:
		return p.planShowTables(ctx, n)
	case *sql.Describe:
		return p.planDescribe(ctx, n)
	case *sql.SetVariable:
		return p.planSet(ctx, n)
	case *sql.ShowVariable:
		return p.planShow(n)
	case *sql.Transaction:
		return p.closingCursors(p.planTransaction(n))
	case *sql.DeclareCursor:
		return p.planDeclareCursor(ctx, n)
	case *sql.Fetch:
		return p.planFetch(n)
	case *sql.CloseCursor:
		return p.planCloseCursor(n)
	case *sql.SetTransaction:
		return p.planSetTransaction(n)
	case *sql.Discard:
		return p.planDiscard(n)
	case *sql.CreateTableAs:
		return p.planCreateTableAs(ctx, n)
	case *sql.Insert:
		return p.planInsert(ctx, n)
	case *sql.Drop:
		return p.planDrop(ctx, n)
	case *sql.CreateView:
		return p.planCreateView(ctx, n)
	case *sql.ShowFiles:
		return p.planShowFiles(ctx, n)
	}
	return nil, sqlstate.New(sqlstate.FeatureNotSupported, "statement %T is not supported", stmt)
}

func (p *planning) planQuery(ctx context.Context, s sql.Query) (*Statement, error) {
	b := &planner.Binder{Catalog: p.cat(), Schema: p.schema, Path: p.path,
		Database: p.session.database(), Params: planner.NewParameters(p.paramTypes)}
	session := p.session
	opts := p.optimizer
	logical, err := b.BindQuery(planner.WithOptions(exec.WithSession(ctx, session.state(p.zone, s.Text())), opts), s)
	if err != nil {
		return nil, err
	}
	params, err := b.Params.Types()
	if err != nil {
		return nil, err
	}
	optimized := planner.Optimize(logical, opts)
	return &Statement{
		Text:    s.Text(),
		Columns: logical.Schema(),
		Params:  params,
		run: func(ctx context.Context, values []scalar.Scalar) (exec.Operator, error) {
			ctx = planner.WithOptions(ctx, opts)
			plan := optimized
			if len(values) > 0 {
				bound, err := planner.BindValues(logical, values)
				if err != nil {
					return nil, err
				}
				plan = planner.Optimize(bound, opts)
			}
			resolved, err := planner.ResolveSubqueries(ctx, plan)
			if err != nil {
				return nil, err
			}
			return planner.Build(ctx, resolved)
		},
	}, nil
}

// explainSchema is EXPLAIN's one column, named as PostgreSQL names it.
var explainSchema = arrow.NewSchema([]arrow.Field{{Name: "QUERY PLAN", Type: arrow.BinaryTypes.String}}, nil)

// planExplain shows the optimised plan, one node per row: what each scan
// reads, the filters it took with their verdicts, its limit and, under it,
// what its source says it will do. With ANALYZE it runs the query, discards
// its rows, and shows what each operator did.
func (p *planning) planExplain(ctx context.Context, e *sql.Explain) (*Statement, error) {
	b := &planner.Binder{Catalog: p.cat(), Schema: p.schema, Path: p.path, Database: p.session.database()}
	opts := p.optimizer
	logical, err := b.BindQuery(planner.WithOptions(exec.WithSession(ctx, p.session.state(p.zone, e.Text())), opts), e.Query)
	if err != nil {
		return nil, err
	}
	optimized := planner.Optimize(logical, opts)
	if e.Analyze {
		return computed(e.Text(), explainSchema, func(ctx context.Context) ([][]any, error) {
			return explainAnalyze(planner.WithOptions(ctx, opts), optimized)
		}), nil
	}
	var failed error
	text := planner.Render(optimized, planner.ScanDetails(ctx, &failed))
	if failed != nil {
		return nil, failed
	}
	rows := planRows(text)
	return computed(e.Text(), explainSchema, func(context.Context) ([][]any, error) { return rows, nil }), nil
}

// explainAnalyze runs a plan to its end, discarding the rows, and renders
// it as EXPLAIN does with what each operator did and the time the whole run
// took.
func explainAnalyze(ctx context.Context, plan planner.Node) ([][]any, error) {
	start := time.Now()
	resolved, err := planner.ResolveSubqueries(ctx, plan)
	if err != nil {
		return nil, err
	}
	analysis := planner.NewAnalysis()
	op, err := planner.Build(analysis.Context(ctx), resolved)
	if err != nil {
		return nil, err
	}
	err = discard(ctx, op)
	if cerr := op.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	elapsed := time.Since(start)
	var failed error
	text := planner.Render(resolved, analysis.Annotator(planner.ScanDetails(ctx, &failed)))
	if failed != nil {
		return nil, failed
	}
	return append(planRows(text), []any{fmt.Sprintf("Execution Time: %.3f ms", float64(elapsed)/float64(time.Millisecond))}), nil
}

// discard reads an operator to its end, releasing each batch.
func discard(ctx context.Context, op exec.Operator) error {
	for {
		b, err := op.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		b.Release()
	}
}

// planRows makes one EXPLAIN row of each line of a rendered plan.
func planRows(text string) [][]any {
	var rows [][]any
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		rows = append(rows, []any{line})
	}
	return rows
}

func (p *planning) planUse(ctx context.Context, u *sql.Use) (*Statement, error) {
	ref, err := p.cat().ResolveSchema(ctx, namesOf(u.Schema), p.schema)
	if err != nil {
		return nil, err
	}
	p.schema, p.path, p.searchPath = ref, []catalog.SchemaRef{ref}, exec.QuoteIdent(ref.String())
	session := p.session
	summary := fmt.Sprintf("Default schema changed to [%s]", ref)
	path := p.searchPath
	return &Statement{
		Text:    u.Text(),
		Columns: useSchema,
		run: func(ctx context.Context, _ []scalar.Scalar) (exec.Operator, error) {
			session.setSearchPath(path)
			return rowsOperator(useSchema, [][]any{{true, summary}})
		},
	}, nil
}

func namesOf(n sql.Name) []string {
	out := make([]string, len(n.Parts))
	for i, p := range n.Parts {
		out[i] = p.Name
	}
	return out
}
