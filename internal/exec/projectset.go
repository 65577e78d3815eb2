package exec

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
)

// SetFunc is one set-returning function a ProjectSet computes: unnest,
// generate_series or generate_subscripts, of arguments over its input.
type SetFunc struct {
	Name string
	Args []expr.Expr
	Typ  arrow.DataType
}

// ProjectSet computes set-returning functions, as PostgreSQL 10's
// ProjectSet node does: each input row yields as many rows as its longest
// function result, each with the input row's columns, then one column per
// function (NULL once a shorter result has run out), then with Ordinality
// the row's number within its input row (1, 2, ...). An input row for
// which every function returns no row yields nothing, or with Outer one
// row of NULLs (LEFT JOIN LATERAL ... ON true).
type ProjectSet struct {
	input      Operator
	funcs      []SetFunc
	ordinality bool
	outer      bool
	schema     *arrow.Schema

	batch  arrow.RecordBatch // the input batch being expanded; nil between batches
	gens   []setGenerator    // its functions' results
	counts []int             // the rows each of its rows yields
	// produced is the rows its functions return for each row, which
	// counts exceeds only for an outer row kept with NULLs.
	produced []int
	row, k   int // the next output row: row's k-th
}

// setBatchRows is the most rows one output batch of a ProjectSet holds.
const setBatchRows = 8192

// NewProjectSet returns a ProjectSet over input whose output has schema:
// the input's columns, one per function, then the ordinality column when
// asked for.
func NewProjectSet(input Operator, funcs []SetFunc, ordinality, outer bool, schema *arrow.Schema) *ProjectSet {
	return &ProjectSet{input: input, funcs: funcs, ordinality: ordinality, outer: outer, schema: schema}
}

// Schema implements Operator.
func (p *ProjectSet) Schema() *arrow.Schema { return p.schema }

// Close implements Operator.
func (p *ProjectSet) Close() error {
	p.dropBatch()
	return p.input.Close()
}

// Next implements Operator.
func (p *ProjectSet) Next(ctx context.Context) (arrow.RecordBatch, error) {
	for {
		if p.batch == nil {
			if err := p.nextBatch(ctx); err != nil {
				return nil, err
			}
		}
		spans := p.take(setBatchRows)
		if len(spans) == 0 {
			p.dropBatch()
			continue
		}
		return p.output(ctx, spans)
	}
}

// nextBatch reads the next input batch and computes its functions.
func (p *ProjectSet) nextBatch(ctx context.Context) error {
	batch, err := p.input.Next(ctx)
	if err != nil {
		return err
	}
	p.batch, p.row, p.k = batch, 0, 0
	for _, f := range p.funcs {
		g, err := newSetGenerator(ctx, f, batch)
		if err != nil {
			p.dropBatch()
			return err
		}
		p.gens = append(p.gens, g)
	}
	p.counts = make([]int, batch.NumRows())
	p.produced = make([]int, batch.NumRows())
	for r := range p.counts {
		for _, g := range p.gens {
			p.produced[r] = max(p.produced[r], g.count(r))
		}
		p.counts[r] = p.produced[r]
		if p.outer {
			p.counts[r] = max(p.counts[r], 1)
		}
	}
	return nil
}

func (p *ProjectSet) dropBatch() {
	for _, g := range p.gens {
		g.release()
	}
	p.gens = nil
	if p.batch != nil {
		p.batch.Release()
		p.batch = nil
	}
}

// span is the output rows [from, to) of one input row.
type span struct{ row, from, to int }

// take advances the cursor by up to limit output rows.
func (p *ProjectSet) take(limit int) []span {
	var spans []span
	for limit > 0 && p.row < len(p.counts) {
		n := min(p.counts[p.row]-p.k, limit)
		if n > 0 {
			spans = append(spans, span{row: p.row, from: p.k, to: p.k + n})
			p.k += n
			limit -= n
		}
		if p.k >= p.counts[p.row] {
			p.row, p.k = p.row+1, 0
		}
	}
	return spans
}

// output builds the batch of the given spans.
func (p *ProjectSet) output(ctx context.Context, spans []span) (arrow.RecordBatch, error) {
	var rows []int64
	for _, s := range spans {
		for k := s.from; k < s.to; k++ {
			rows = append(rows, int64(s.row))
		}
	}
	cols := make([]arrow.Array, 0, p.schema.NumFields())
	defer func() { releaseArrays(cols) }()
	for _, c := range p.batch.Columns() {
		taken, err := takeColumn(ctx, c, rows)
		if err != nil {
			return nil, err
		}
		cols = append(cols, taken)
	}
	for _, g := range p.gens {
		col, err := functionColumn(ctx, g, spans)
		if err != nil {
			return nil, err
		}
		cols = append(cols, col)
	}
	if p.ordinality {
		cols = append(cols, p.ordinalities(spans))
	}
	return array.NewRecordBatch(p.schema, cols, int64(len(rows))), nil
}

// functionColumn is one function's values for the spans, NULL where its
// result is shorter than the longest.
func functionColumn(ctx context.Context, g setGenerator, spans []span) (arrow.Array, error) {
	var own []span
	var positions []int64
	padded := false
	for _, s := range spans {
		end := min(s.to, max(g.count(s.row), s.from))
		if end > s.from {
			own = append(own, span{row: s.row, from: s.from, to: end})
		}
		for k := s.from; k < s.to; k++ {
			if k < end {
				positions = append(positions, int64(len(positions)))
			} else {
				positions = append(positions, -1)
				padded = true
			}
		}
	}
	values, err := g.values(ctx, own)
	if err != nil || !padded {
		return values, err
	}
	defer values.Release()
	next := int64(0)
	for i, p := range positions {
		if p >= 0 {
			positions[i], next = next, next+1
		}
	}
	return takeColumn(ctx, values, positions)
}

// ordinalities numbers the rows of each input row from 1; NULL for an
// outer row kept with NULLs.
func (p *ProjectSet) ordinalities(spans []span) arrow.Array {
	b := array.NewInt64Builder(memory.DefaultAllocator)
	defer b.Release()
	for _, s := range spans {
		for k := s.from; k < s.to; k++ {
			if k < p.produced[s.row] {
				b.Append(int64(k + 1))
			} else {
				b.AppendNull()
			}
		}
	}
	return b.NewArray()
}

// setGenerator is one set-returning function's result over an input
// batch.
type setGenerator interface {
	// count is the number of rows the function returns for input row r.
	count(r int) int
	// values are the function's rows [from, to) of each span, in order.
	values(ctx context.Context, spans []span) (arrow.Array, error)
	release()
}

func newSetGenerator(ctx context.Context, f SetFunc, batch arrow.RecordBatch) (setGenerator, error) {
	args, err := evalArgs(ctx, f.Args, batch)
	if err != nil {
		return nil, err
	}
	var g setGenerator
	switch f.Name {
	case "unnest":
		g = newUnnest(args[0])
	case "generate_subscripts":
		g, err = newSubscripts(args)
	case "generate_series":
		g, err = newSeries(args, f.Typ, SessionOf(ctx).Zone)
	case "regexp_matches":
		g, err = newRegexMatches(args)
	case "pg_partition_ancestors":
		g = newItself(args[0])
	case "_pg_expandarray", "_pg_expandarray.x", "_pg_expandarray.n":
		_, part, _ := strings.Cut(f.Name, ".")
		g = newExpandArray(args[0], part, f.Typ)
	default:
		if _, ok := JSONSetFunctions[strings.Split(f.Name, ".")[0]]; ok {
			g, err = newJSONSet(f.Name, args[0], f.Typ)
			break
		}
		err = fmt.Errorf("no set-returning function %s", f.Name)
	}
	releaseArrays(args)
	if err != nil {
		return nil, err
	}
	return g, nil
}

// unnest is unnest(array): the elements of each array, every dimension
// flattened in row-major order.
type unnest struct {
	col   arrayColumn
	list  arrow.Array // retained for col
	elems map[int][]int64
}

func newUnnest(arr arrow.Array) *unnest {
	arr.Retain()
	return &unnest{col: newArrayColumn(arr), list: arr, elems: map[int][]int64{}}
}

func (u *unnest) elements(r int) []int64 {
	if u.col.list.IsNull(r) {
		return nil
	}
	e, ok := u.elems[r]
	if !ok {
		e = u.col.at(r).positions
		u.elems[r] = e
	}
	return e
}

func (u *unnest) count(r int) int { return len(u.elements(r)) }

func (u *unnest) values(ctx context.Context, spans []span) (arrow.Array, error) {
	var positions []int64
	for _, s := range spans {
		positions = append(positions, u.elements(s.row)[s.from:s.to]...)
	}
	return takeColumn(ctx, u.col.leaf, positions)
}

func (u *unnest) release() { u.list.Release() }
