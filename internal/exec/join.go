package exec

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/expr"
	"auger/internal/sqlstate"
)

// JoinKind says which unmatched rows a HashJoin keeps.
type JoinKind int

// The join kinds.
const (
	InnerJoin JoinKind = iota
	LeftJoin
	RightJoin
	FullJoin
	// SemiJoin keeps each left row that has a partner, once, and only the
	// left columns (EXISTS, IN).
	SemiJoin
	// AntiJoin keeps each left row that has no partner, with only the left
	// columns (NOT EXISTS; NOT IN when the condition counts a NULL
	// comparison as a partner).
	AntiJoin
)

// String names the kind for EXPLAIN.
func (k JoinKind) String() string {
	return [...]string{"inner", "left", "right", "full", "semi", "anti"}[k]
}

// LeftOnly tells whether the join's rows are its left input's alone.
func (k JoinKind) LeftOnly() bool { return k == SemiJoin || k == AntiJoin }

// HashJoin joins two inputs. It reads the right input whole and indexes it
// by the values of the right keys, then streams the left input, pairing
// each row with the right rows of equal keys (NULL keys match nothing) for
// which the residual condition holds. Without keys every pair is tried.
// The right input and its index are accounted against the query's memory
// budget; past it a join on keys splits both inputs to disk and joins them
// part by part (see graceJoin), and any other fails with SQLSTATE 53200.
// Output batches hold at most joinBatchRows candidate pairs, however many
// rows match, and the query's cancellation is noticed between them.
type HashJoin struct {
	left, right         Operator
	kind                JoinKind
	leftKeys, rightKeys []expr.Expr
	residual            expr.Expr // over left columns then right columns; nil: none
	schema              *arrow.Schema
	mem                 *Reservation
	build               arrow.RecordBatch // the right input
	index               map[string][]int
	matched             []bool      // right rows that found a partner
	probing             *probeState // the left batch being joined; nil between batches
	leftDone            bool
	unmatchedFrom       int         // the build row where the search for unmatched ones goes on
	started             bool        // the build side has been read
	grace               *graceJoin  // the join done part by part, when the build side was too big
	depth               int         // how many grace joins split the inputs of this one
	ownSpace            *SpillSpace // the spill space it made, without a query's
}

// joinBatchRows is the most candidate pairs a HashJoin tries per output
// batch.
const joinBatchRows = 8192

// NewHashJoin returns a join of left and right whose output has schema
// (left columns, then right columns).
func NewHashJoin(left, right Operator, kind JoinKind, leftKeys, rightKeys []expr.Expr, residual expr.Expr, schema *arrow.Schema) *HashJoin {
	return &HashJoin{left: left, right: right, kind: kind, leftKeys: leftKeys, rightKeys: rightKeys,
		residual: residual, schema: schema}
}

// Schema implements Operator.
func (j *HashJoin) Schema() *arrow.Schema { return j.schema }

// Close implements Operator.
func (j *HashJoin) Close() error {
	if j.build != nil {
		j.build.Release()
		j.build = nil
	}
	if j.probing != nil {
		j.probing.release()
		j.probing = nil
	}
	if j.grace != nil {
		j.grace.close()
		j.grace = nil
	}
	if j.ownSpace != nil {
		j.ownSpace.Remove()
	}
	j.index, j.matched = nil, nil
	if j.mem != nil {
		j.mem.Release()
	}
	return errors.Join(j.left.Close(), j.right.Close())
}

// Next implements Operator.
func (j *HashJoin) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if !j.started {
		if err := j.buildSide(ctx); err != nil {
			return nil, err
		}
	}
	if j.grace != nil {
		return j.grace.next(ctx)
	}
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if j.probing == nil {
			if j.leftDone {
				break
			}
			if err := j.nextLeft(ctx); err != nil {
				return nil, err
			}
			continue
		}
		out, err := j.probeChunk(ctx)
		if err != nil {
			return nil, err
		}
		if out == nil {
			continue
		}
		if out.NumRows() > 0 {
			return out, nil
		}
		out.Release()
	}
	if j.kind == RightJoin || j.kind == FullJoin {
		return j.unmatchedRight(ctx)
	}
	return nil, io.EOF
}

// nextLeft starts probing the next left batch.
func (j *HashJoin) nextLeft(ctx context.Context) error {
	b, err := j.left.Next(ctx)
	if errors.Is(err, io.EOF) {
		j.leftDone = true
		return nil
	}
	if err != nil {
		return err
	}
	p := &probeState{batch: b, matched: make([]bool, b.NumRows())}
	if len(j.leftKeys) > 0 {
		if p.keys, err = evalArgs(ctx, j.leftKeys, b); err != nil {
			b.Release()
			return err
		}
	}
	j.probing = p
	return nil
}

// buildSide reads the right input and indexes it by key. When that is
// beyond the memory budget, a join on keys goes on as a grace hash join;
// any other fails with SQLSTATE 53200.
func (j *HashJoin) buildSide(ctx context.Context) error {
	j.started = true
	j.mem = BudgetOf(ctx).Reserve("hash join")
	held, err := j.readBuild(ctx)
	if err == nil {
		if err = j.indexAll(ctx, held); err != nil && j.build != nil {
			held, j.build, j.index = []arrow.RecordBatch{j.build}, nil, nil
		} else {
			held = nil
		}
	}
	if sqlstate.Code(err) == sqlstate.OutOfMemory && len(j.rightKeys) > 0 && j.depth < maxGraceDepth {
		j.mem.Release() // what is held goes to disk
		j.grace, err = startGrace(ctx, j, held)
		return err
	}
	for _, b := range held {
		b.Release()
	}
	return err
}

// readBuild reads the right input, reserving memory for what it holds. On
// an error it still returns what it read, for the caller to release.
func (j *HashJoin) readBuild(ctx context.Context) ([]arrow.RecordBatch, error) {
	var batches []arrow.RecordBatch
	for {
		if err := ctx.Err(); err != nil {
			return batches, err
		}
		b, err := j.right.Next(ctx)
		if errors.Is(err, io.EOF) {
			return batches, nil
		}
		if err != nil {
			return batches, err
		}
		batches = append(batches, b)
		if err := j.mem.Grow(batchBytes(b)); err != nil {
			return batches, err
		}
	}
}

// indexAll puts the build batches (which it releases) together as the
// build side and indexes it.
func (j *HashJoin) indexAll(ctx context.Context, batches []arrow.RecordBatch) error {
	all, _, err := concatBatches(j.right.Schema(), batches, nil)
	for _, b := range batches {
		j.mem.Shrink(batchBytes(b))
		b.Release()
	}
	if err != nil {
		return err
	}
	j.build = all
	j.matched = make([]bool, all.NumRows())
	if err := j.mem.Grow(batchBytes(all) + all.NumRows()); err != nil {
		return err
	}
	if len(j.rightKeys) == 0 {
		return nil
	}
	keys, err := evalArgs(ctx, j.rightKeys, all)
	if err != nil {
		return err
	}
	defer releaseArrays(keys)
	if err := j.indexBuild(keys, int(all.NumRows())); err != nil {
		return err
	}
	j.handKeys(keys)
	return nil
}

// handKeys gives a probe input that takes them the build side's distinct
// keys, when the join has one key and few of them.
func (j *HashJoin) handKeys(keys []arrow.Array) {
	taker, ok := j.left.(KeyTaker)
	if !ok || len(keys) != 1 || len(j.index) > MaxTakenKeys {
		return
	}
	values := make([]scalar.Scalar, 0, len(j.index))
	for _, rows := range j.index {
		v, ok := ownedScalar(keys[0], rows[0])
		if !ok {
			return
		}
		values = append(values, v)
	}
	taker.TakeKeys(values)
}

// ownedScalar is a value of an array that does not share its memory:
// a number, a date or time, or a string (copied); ok is false for other
// types.
func ownedScalar(a arrow.Array, i int) (scalar.Scalar, bool) {
	if s, ok := a.(*array.String); ok {
		return scalar.NewStringScalar(strings.Clone(s.Value(i))), true
	}
	if !arrow.IsInteger(a.DataType().ID()) && !arrow.IsFloating(a.DataType().ID()) {
		switch a.DataType().ID() {
		case arrow.BOOL, arrow.DATE32, arrow.TIMESTAMP:
		default:
			return nil, false
		}
	}
	v, err := scalar.GetScalar(a, i)
	return v, err == nil
}

// indexEntryBytes is roughly what the index spends per distinct key
// beyond the key's own bytes, and indexRowBytes per row.
const indexEntryBytes, indexRowBytes = 64, 8

// indexBuild maps each key of the build rows to the rows that have it.
func (j *HashJoin) indexBuild(keys []arrow.Array, rows int) error {
	j.index = map[string][]int{}
	var pending int64
	for r := 0; r < rows; r++ {
		k, ok := joinKey(keys, r)
		if !ok {
			continue
		}
		if _, seen := j.index[k]; !seen {
			pending += indexEntryBytes + int64(len(k))
		}
		j.index[k] = append(j.index[k], r)
		pending += indexRowBytes
		if pending > 1<<16 {
			if err := j.mem.Grow(pending); err != nil {
				return err
			}
			pending = 0
		}
	}
	return j.mem.Grow(pending)
}

// joinKey encodes a row's key values; ok is false when one is NULL.
func joinKey(keys []arrow.Array, r int) (string, bool) {
	var key []byte
	for _, k := range keys {
		if k.IsNull(r) {
			return "", false
		}
		key = appendKey(key, k, r)
	}
	return string(key), true
}

// probeState is where the probe of one left batch stands.
type probeState struct {
	batch   arrow.RecordBatch
	keys    []arrow.Array // the left keys over batch
	row     int           // the left row being paired
	next    int           // how many of its candidates are paired already
	current []int         // its candidate build rows (nil for a cross join: all)
	looked  bool          // current is known for row
	matched []bool        // left rows that found a partner
}

func (p *probeState) release() {
	p.batch.Release()
	releaseArrays(p.keys)
}

// candidateCount is how many build rows the current left row may pair with.
func (j *HashJoin) candidateCount(p *probeState) int {
	if len(j.leftKeys) == 0 {
		return int(j.build.NumRows())
	}
	if !p.looked {
		p.current, p.looked = nil, true
		if k, ok := joinKey(p.keys, p.row); ok {
			p.current = j.index[k]
		}
	}
	return len(p.current)
}

func (j *HashJoin) candidateAt(p *probeState, i int) int64 {
	if len(j.leftKeys) == 0 {
		return int64(i)
	}
	return int64(p.current[i])
}

// candidates lists up to joinBatchRows pairs (left row, build row) with
// equal keys, or every pair when there are no keys, from where the probe
// stands.
func (j *HashJoin) candidates(p *probeState) (lpos, rpos []int64) {
	rows := int(p.batch.NumRows())
	for p.row < rows && len(lpos) < joinBatchRows {
		if j.kind.LeftOnly() && p.matched[p.row] {
			// A semi or anti join needs one partner per row, no more.
			p.row, p.next, p.looked = p.row+1, 0, false
			continue
		}
		n := j.candidateCount(p)
		take := min(n-p.next, joinBatchRows-len(lpos))
		for i := p.next; i < p.next+take; i++ {
			lpos, rpos = append(lpos, int64(p.row)), append(rpos, j.candidateAt(p, i))
		}
		p.next += take
		if p.next == n {
			p.row, p.next, p.looked = p.row+1, 0, false
		}
	}
	return lpos, rpos
}

// probeChunk joins the next candidate pairs of the left batch being probed;
// once the batch is done it adds its unmatched rows for left and full joins
// and lets the batch go. A semi or anti join yields its rows (nil before)
// once the batch is done.
func (j *HashJoin) probeChunk(ctx context.Context) (arrow.RecordBatch, error) {
	p := j.probing
	lpos, rpos := j.candidates(p)
	keep, err := j.passing(ctx, p.batch, lpos, rpos)
	if err != nil {
		return nil, err
	}
	var outL, outR []int64
	for i, ok := range keep {
		if ok {
			outL, outR = append(outL, lpos[i]), append(outR, rpos[i])
			p.matched[lpos[i]] = true
			j.matched[rpos[i]] = true
		}
	}
	done := p.row == int(p.batch.NumRows())
	if j.kind.LeftOnly() {
		if !done {
			return nil, nil
		}
		defer func() { p.release(); j.probing = nil }()
		return j.leftRows(ctx, p.batch, p.matched)
	}
	if done {
		defer func() { p.release(); j.probing = nil }()
		if j.kind == LeftJoin || j.kind == FullJoin {
			for l, m := range p.matched {
				if !m {
					outL, outR = append(outL, int64(l)), append(outR, -1)
				}
			}
		}
	}
	return j.assemble(ctx, p.batch, outL, outR)
}

// passing evaluates the residual condition on candidate pairs.
func (j *HashJoin) passing(ctx context.Context, left arrow.RecordBatch, lpos, rpos []int64) ([]bool, error) {
	keep := make([]bool, len(lpos))
	if j.residual == nil {
		for i := range keep {
			keep[i] = true
		}
		return keep, nil
	}
	pairs, err := j.assemble(ctx, left, lpos, rpos)
	if err != nil {
		return nil, err
	}
	defer pairs.Release()
	arrs, err := evalArgs(ctx, []expr.Expr{j.residual}, pairs)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(arrs)
	mask := arrs[0].(*array.Boolean)
	for i := range keep {
		keep[i] = mask.IsValid(i) && mask.Value(i)
	}
	return keep, nil
}

// assemble builds output rows from left rows and right rows (-1: NULLs).
func (j *HashJoin) assemble(ctx context.Context, left arrow.RecordBatch, lpos, rpos []int64) (arrow.RecordBatch, error) {
	schema := j.schema
	if j.kind.LeftOnly() {
		fields := append(append([]arrow.Field{}, j.left.Schema().Fields()...), j.right.Schema().Fields()...)
		schema = arrow.NewSchema(fields, nil)
	}
	cols := make([]arrow.Array, 0, schema.NumFields())
	defer func() { releaseArrays(cols) }() // it grows below
	for _, side := range []struct {
		b   arrow.RecordBatch
		pos []int64
	}{{left, lpos}, {j.build, rpos}} {
		for c := 0; c < int(side.b.NumCols()); c++ {
			arr, err := takeArray(ctx, side.b.Column(c), side.pos)
			if err != nil {
				return nil, err
			}
			cols = append(cols, arr)
		}
	}
	return array.NewRecordBatch(schema, cols, int64(len(lpos))), nil
}

// unmatchedRight yields the next right rows no left row matched, with
// NULLs on the left, up to joinBatchRows at a time.
func (j *HashJoin) unmatchedRight(ctx context.Context) (arrow.RecordBatch, error) {
	var lpos, rpos []int64
	for ; j.unmatchedFrom < len(j.matched) && len(rpos) < joinBatchRows; j.unmatchedFrom++ {
		if !j.matched[j.unmatchedFrom] {
			lpos, rpos = append(lpos, -1), append(rpos, int64(j.unmatchedFrom))
		}
	}
	if len(rpos) == 0 {
		return nil, io.EOF
	}
	cols := make([]arrow.Array, j.left.Schema().NumFields())
	for i, f := range j.left.Schema().Fields() {
		cols[i] = array.MakeArrayOfNull(memory.DefaultAllocator, f.Type, 0)
	}
	empty := array.NewRecordBatch(j.left.Schema(), cols, 0)
	releaseArrays(cols)
	defer empty.Release()
	return j.assemble(ctx, empty, lpos, rpos)
}

// leftRows keeps the left rows a semi join matched or an anti join did not.
func (j *HashJoin) leftRows(ctx context.Context, b arrow.RecordBatch, matched []bool) (arrow.RecordBatch, error) {
	var rows []int64
	for r, m := range matched {
		if m == (j.kind == SemiJoin) {
			rows = append(rows, int64(r))
		}
	}
	cols := make([]arrow.Array, 0, b.NumCols())
	defer func() { releaseArrays(cols) }()
	for c := 0; c < int(b.NumCols()); c++ {
		arr, err := takeArray(ctx, b.Column(c), rows)
		if err != nil {
			return nil, err
		}
		cols = append(cols, arr)
	}
	return array.NewRecordBatch(j.schema, cols, int64(len(rows))), nil
}
