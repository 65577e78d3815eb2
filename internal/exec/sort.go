package exec

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
)

// SortKey orders rows by one expression.
type SortKey struct {
	Expr       expr.Expr
	Desc       bool
	NullsFirst bool
}

// Sort reads all of its input, then yields it ordered by its keys. Text
// orders by bytes (PostgreSQL's "C" collation); NaN sorts above every other
// float, as in PostgreSQL. Equal rows keep their input order.
//
// It sorts each input batch as it arrives and holds it as a sorted run,
// accounting it against the query's memory budget. When the budget has no
// room for the next run, the runs held are merged into one run on disk (an
// Arrow IPC file of the query's spill space); the output is a k-way merge
// of all runs that holds one batch per run at a time.
type Sort struct {
	input    Operator
	layout   *sortLayout
	mem      *Reservation
	space    *SpillSpace
	ownSpace bool                // the space is the operator's own, to remove on Close
	held     []arrow.RecordBatch // sorted keyed runs in memory, in input order
	spilled  []*spillFile        // sorted runs on disk, in input order
	rowBytes int64               // bytes per row of the batches seen, to size merge chunks
	output   runSource           // nil until the input is consumed
}

// sortBatchRows is the most rows one output batch of a Sort holds.
const sortBatchRows = 8192

// sortChunkBytes is roughly the size of the batches a Sort writes to disk
// and merges, whatever the width of its rows.
const sortChunkBytes = 256 << 10

// maxMergeFanIn is the most spilled runs a Sort merges at once; beyond it,
// groups of runs are first merged into longer ones.
const maxMergeFanIn = 32

// NewSort returns a Sort over input.
func NewSort(input Operator, keys []SortKey) *Sort {
	return &Sort{input: input, layout: newSortLayout(input.Schema(), keys)}
}

// Schema implements Operator.
func (s *Sort) Schema() *arrow.Schema { return s.input.Schema() }

// Close implements Operator: it releases the memory held and removes the
// spilled runs, also after an error or a cancellation.
func (s *Sort) Close() error {
	if s.output != nil {
		s.output.close()
		s.output = nil
	}
	for _, b := range s.held {
		b.Release()
	}
	s.held = nil
	for _, r := range s.spilled {
		r.remove()
	}
	s.spilled = nil
	if s.mem != nil {
		s.mem.Release()
	}
	var err error
	if s.ownSpace {
		err = s.space.Remove()
	}
	return errors.Join(err, s.input.Close())
}

// Next implements Operator.
func (s *Sort) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if s.output == nil {
		if err := s.consume(ctx); err != nil {
			return nil, err
		}
	}
	b, err := s.output.next(ctx)
	if err != nil {
		return nil, err
	}
	return s.layout.rows(b), nil
}

// consume reads the whole input into sorted runs and starts the merge.
func (s *Sort) consume(ctx context.Context) error {
	s.mem = BudgetOf(ctx).Reserve("sort")
	s.space, s.ownSpace = spillSpaceOf(ctx)
	rows, bytes := int64(0), int64(0)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		b, err := s.input.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		keyed, err := s.layout.sortBatch(ctx, b)
		b.Release()
		if err != nil {
			return err
		}
		rows, bytes = rows+keyed.NumRows(), bytes+batchBytes(keyed)
		s.rowBytes = bytes / max(rows, 1)
		if err := s.hold(ctx, keyed); err != nil {
			return err
		}
	}
	return s.startOutput(ctx)
}

// chunkRows is how many rows the batches written and merged hold.
func (s *Sort) chunkRows() int {
	return int(min(max(sortChunkBytes/max(s.rowBytes, 1), 16), sortBatchRows))
}

// hold keeps a sorted run in memory if the budget allows, spilling the
// runs held first if it does not. A run that alone is beyond the budget
// goes to disk by itself.
func (s *Sort) hold(ctx context.Context, keyed arrow.RecordBatch) error {
	if keyed.NumRows() == 0 {
		keyed.Release()
		return nil
	}
	size := batchBytes(keyed)
	if s.mem.TryGrow(size) {
		s.held = append(s.held, keyed)
		return nil
	}
	if err := s.spill(ctx); err != nil {
		keyed.Release()
		return err
	}
	if s.mem.TryGrow(size) {
		s.held = append(s.held, keyed)
		return nil
	}
	run, err := writeRun(ctx, s.space, s.layout, newMemoryRun(keyed, s.chunkRows()))
	if err != nil {
		return err
	}
	s.spilled = append(s.spilled, run)
	return nil
}

// spill merges the runs held in memory into one run on disk and gives
// their memory back.
func (s *Sort) spill(ctx context.Context) error {
	if len(s.held) == 0 {
		return nil
	}
	src := s.mergeOf(s.memorySources())
	run, err := writeRun(ctx, s.space, s.layout, src)
	s.mem.Release()
	if err != nil {
		return err
	}
	s.spilled = append(s.spilled, run)
	return nil
}

// memorySources hands the runs held over to run sources.
func (s *Sort) memorySources() []runSource {
	sources := make([]runSource, len(s.held))
	for i, b := range s.held {
		sources[i] = newMemoryRun(b, s.chunkRows())
	}
	s.held = nil
	return sources
}

func (s *Sort) mergeOf(sources []runSource) runSource {
	if len(sources) == 1 {
		return sources[0]
	}
	return newMerge(s.layout, sources, s.chunkRows())
}

// startOutput merges the spilled runs down to maxMergeFanIn, then sets up
// the final merge of those and of the runs in memory.
func (s *Sort) startOutput(ctx context.Context) error {
	for len(s.spilled) > maxMergeFanIn {
		if err := s.mergeSpilled(ctx, maxMergeFanIn); err != nil {
			return err
		}
	}
	sources, err := s.openSpilled(s.spilled)
	if err != nil {
		return err
	}
	sources = append(sources, s.memorySources()...)
	s.output = s.mergeOf(sources)
	if len(sources) == 0 {
		s.output = &memoryRun{}
	}
	return nil
}

// mergeSpilled merges the first n spilled runs into one, which takes their
// place.
func (s *Sort) mergeSpilled(ctx context.Context, n int) error {
	group := s.spilled[:n]
	sources, err := s.openSpilled(group)
	if err != nil {
		return err
	}
	run, err := writeRun(ctx, s.space, s.layout, s.mergeOf(sources))
	if err != nil {
		return err
	}
	for _, r := range group {
		r.remove()
	}
	s.spilled = append([]*spillFile{run}, s.spilled[n:]...)
	return nil
}

func (s *Sort) openSpilled(runs []*spillFile) ([]runSource, error) {
	sources := make([]runSource, 0, len(runs))
	for _, r := range runs {
		reader, err := r.open()
		if err != nil {
			for _, o := range sources {
				o.close()
			}
			return nil, err
		}
		sources = append(sources, fileRun{reader})
	}
	return sources, nil
}

func concatBatches(schema *arrow.Schema, batches []arrow.RecordBatch, keyParts [][]arrow.Array) (arrow.RecordBatch, []arrow.Array, error) {
	cols := make([]arrow.Array, schema.NumFields())
	rows := int64(0)
	for _, b := range batches {
		rows += b.NumRows()
	}
	for c := range cols {
		parts := make([]arrow.Array, len(batches))
		for i, b := range batches {
			parts[i] = b.Column(c)
		}
		arr, err := concat(parts, schema.Field(c).Type)
		if err != nil {
			releaseArrays(cols)
			return nil, nil, err
		}
		cols[c] = arr
	}
	all := array.NewRecordBatch(schema, cols, rows)
	releaseArrays(cols)
	keys := make([]arrow.Array, len(keyParts))
	for i, parts := range keyParts {
		arr, err := concat(parts, nil)
		if err != nil {
			all.Release()
			releaseArrays(keys)
			return nil, nil, err
		}
		keys[i] = arr
	}
	return all, keys, nil
}

// concat joins arrays; with none it makes an empty array of dt.
func concat(parts []arrow.Array, dt arrow.DataType) (arrow.Array, error) {
	if len(parts) == 0 {
		if dt == nil {
			dt = arrow.Null
		}
		return array.MakeArrayOfNull(memory.DefaultAllocator, dt, 0), nil
	}
	return array.Concatenate(parts, memory.DefaultAllocator)
}

func releaseArrays(arrs []arrow.Array) {
	for _, a := range arrs {
		if a != nil {
			a.Release()
		}
	}
}

// valueCompare orders two non-NULL values of an array as ORDER BY does.
func valueCompare(arr arrow.Array) func(i, j int) int {
	col := newKeyColumn(arr)
	return func(i, j int) int { return col.compare(i, col, j) }
}

// keyCompare orders two rows of one key column as ORDER BY does, NULLs
// and direction included.
func keyCompare(arr arrow.Array, k SortKey) func(i, j int) int {
	col := newKeyColumn(arr)
	return func(i, j int) int { return compareKey(k, col, i, col, j) }
}

// takeRows reorders a batch by row positions.
func takeRows(ctx context.Context, b arrow.RecordBatch, order []int64) (arrow.RecordBatch, error) {
	idx := array.NewInt64Builder(memory.DefaultAllocator)
	defer idx.Release()
	idx.AppendValues(order, nil)
	indices := idx.NewArray()
	defer indices.Release()
	cols := make([]arrow.Array, b.NumCols())
	defer releaseArrays(cols)
	for i, c := range b.Columns() {
		taken, err := takeValues(ctx, c, indices)
		if err != nil {
			return nil, fmt.Errorf("sort: %w", err)
		}
		cols[i] = taken
	}
	return array.NewRecordBatch(b.Schema(), cols, int64(len(order))), nil
}
