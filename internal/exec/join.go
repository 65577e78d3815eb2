package exec

import (
	"context"
	"errors"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
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
type HashJoin struct {
	left, right         Operator
	kind                JoinKind
	leftKeys, rightKeys []expr.Expr
	residual            expr.Expr // over left columns then right columns; nil: none
	schema              *arrow.Schema
	build               arrow.RecordBatch // the right input
	index               map[string][]int
	matched             []bool // right rows that found a partner
	leftDone, rightSent bool
}

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
	return errors.Join(j.left.Close(), j.right.Close())
}

// Next implements Operator.
func (j *HashJoin) Next(ctx context.Context) (arrow.RecordBatch, error) {
	if j.build == nil {
		if err := j.buildSide(ctx); err != nil {
			return nil, err
		}
	}
	for !j.leftDone {
		b, err := j.left.Next(ctx)
		if errors.Is(err, io.EOF) {
			j.leftDone = true
			break
		}
		if err != nil {
			return nil, err
		}
		out, err := j.probe(ctx, b)
		b.Release()
		if err != nil {
			return nil, err
		}
		if out.NumRows() > 0 {
			return out, nil
		}
		out.Release()
	}
	if (j.kind == RightJoin || j.kind == FullJoin) && !j.rightSent {
		j.rightSent = true
		return j.unmatchedRight(ctx)
	}
	return nil, io.EOF
}

// buildSide reads the right input and indexes it by key.
func (j *HashJoin) buildSide(ctx context.Context) error {
	var batches []arrow.RecordBatch
	for {
		b, err := j.right.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		batches = append(batches, b)
	}
	all, _, err := concatBatches(j.right.Schema(), batches, nil)
	for _, b := range batches {
		b.Release()
	}
	if err != nil {
		return err
	}
	j.build = all
	j.matched = make([]bool, all.NumRows())
	if len(j.rightKeys) == 0 {
		return nil
	}
	keys, err := evalArgs(ctx, j.rightKeys, all)
	if err != nil {
		return err
	}
	defer releaseArrays(keys)
	j.index = map[string][]int{}
	for r := 0; r < int(all.NumRows()); r++ {
		if k, ok := joinKey(keys, r); ok {
			j.index[k] = append(j.index[k], r)
		}
	}
	return nil
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

// probe joins one left batch.
func (j *HashJoin) probe(ctx context.Context, b arrow.RecordBatch) (arrow.RecordBatch, error) {
	lpos, rpos, err := j.candidates(ctx, b)
	if err != nil {
		return nil, err
	}
	pairs, err := j.assemble(ctx, b, lpos, rpos)
	if err != nil {
		return nil, err
	}
	keep, err := j.passing(ctx, pairs)
	if err != nil {
		pairs.Release()
		return nil, err
	}
	var outL, outR []int64
	leftMatched := make([]bool, b.NumRows())
	for i, ok := range keep {
		if ok {
			outL, outR = append(outL, lpos[i]), append(outR, rpos[i])
			leftMatched[lpos[i]] = true
			j.matched[rpos[i]] = true
		}
	}
	pairs.Release()
	if j.kind.LeftOnly() {
		return j.leftRows(ctx, b, leftMatched)
	}
	if j.kind == LeftJoin || j.kind == FullJoin {
		for l, m := range leftMatched {
			if !m {
				outL, outR = append(outL, int64(l)), append(outR, -1)
			}
		}
	}
	return j.assemble(ctx, b, outL, outR)
}

// candidates lists the pairs (left row, right row) with equal keys, or
// every pair when there are no keys.
func (j *HashJoin) candidates(ctx context.Context, b arrow.RecordBatch) ([]int64, []int64, error) {
	var lpos, rpos []int64
	if len(j.leftKeys) == 0 {
		for l := int64(0); l < b.NumRows(); l++ {
			for r := int64(0); r < j.build.NumRows(); r++ {
				lpos, rpos = append(lpos, l), append(rpos, r)
			}
		}
		return lpos, rpos, nil
	}
	keys, err := evalArgs(ctx, j.leftKeys, b)
	if err != nil {
		return nil, nil, err
	}
	defer releaseArrays(keys)
	for l := 0; l < int(b.NumRows()); l++ {
		k, ok := joinKey(keys, l)
		if !ok {
			continue
		}
		for _, r := range j.index[k] {
			lpos, rpos = append(lpos, int64(l)), append(rpos, int64(r))
		}
	}
	return lpos, rpos, nil
}

// passing evaluates the residual condition on candidate pairs.
func (j *HashJoin) passing(ctx context.Context, pairs arrow.RecordBatch) ([]bool, error) {
	keep := make([]bool, pairs.NumRows())
	if j.residual == nil {
		for i := range keep {
			keep[i] = true
		}
		return keep, nil
	}
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

// unmatchedRight yields the right rows no left row matched, with NULLs on
// the left.
func (j *HashJoin) unmatchedRight(ctx context.Context) (arrow.RecordBatch, error) {
	var lpos, rpos []int64
	for r, m := range j.matched {
		if !m {
			lpos, rpos = append(lpos, -1), append(rpos, int64(r))
		}
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
