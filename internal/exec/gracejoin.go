package exec

import (
	"context"
	"errors"
	"hash/maphash"
	"io"

	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/expr"
)

// graceParts is how many parts a grace join splits its inputs into.
const graceParts = 16

// maxGraceDepth is how many times the parts of a join may be split again
// when their build side still does not fit: the rows of a single key
// cannot be split, and such a join fails with SQLSTATE 53200.
const maxGraceDepth = 3

// graceJoin is a hash join whose build side does not fit in the memory
// budget, done part by part (a grace hash join). Both inputs are written
// to the query's spill space in parts by a hash of their join keys, so
// that rows that can match land in the same part (rows with a NULL key,
// which match nothing, go to the first); then each part is joined by a
// HashJoin of its own, which splits it again if it still does not fit.
type graceJoin struct {
	join        *HashJoin // the join it does
	seed        maphash.Seed
	left, right []*spillFile // one per part
	part        int          // the part being joined
	current     Operator     // its join; nil between parts
}

// startGrace splits the join's inputs into parts: first the build batches
// already read (which it takes), then the rest of the right input, then
// the left input.
func startGrace(ctx context.Context, j *HashJoin, held []arrow.RecordBatch) (*graceJoin, error) {
	g := &graceJoin{join: j, seed: maphash.MakeSeed()}
	space, own := spillSpaceOf(ctx)
	if own {
		j.ownSpace = space
	}
	var err error
	if g.right, err = g.split(ctx, space, j.right, j.rightKeys, held); err != nil {
		return nil, err
	}
	if g.left, err = g.split(ctx, space, j.left, j.leftKeys, nil); err != nil {
		g.close()
		return nil, err
	}
	return g, nil
}

// split writes the batches of first (which it releases) and then those of
// input into one spill file per part.
func (g *graceJoin) split(ctx context.Context, space *SpillSpace, input Operator, keys []expr.Expr, first []arrow.RecordBatch) ([]*spillFile, error) {
	defer func() {
		for _, b := range first {
			b.Release()
		}
	}()
	writers := make([]*spillWriter, graceParts)
	abort := func() {
		for _, w := range writers {
			if w != nil {
				w.abort()
			}
		}
	}
	for i := range writers {
		w, err := newSpillWriter(space, "join-part", input.Schema())
		if err != nil {
			abort()
			return nil, err
		}
		writers[i] = w
	}
	for {
		b, err := g.nextBatch(ctx, input, &first)
		if errors.Is(err, io.EOF) {
			break
		}
		if err == nil {
			err = g.distribute(ctx, b, keys, writers)
			b.Release()
		}
		if err != nil {
			abort()
			return nil, err
		}
	}
	files := make([]*spillFile, graceParts)
	for i, w := range writers {
		f, err := w.finish()
		if err != nil {
			for _, done := range files[:i] {
				done.remove()
			}
			writers = writers[i+1:]
			abort()
			return nil, err
		}
		files[i] = f
	}
	return files, nil
}

// nextBatch takes the next batch of first, then of input.
func (g *graceJoin) nextBatch(ctx context.Context, input Operator, first *[]arrow.RecordBatch) (arrow.RecordBatch, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(*first) > 0 {
		b := (*first)[0]
		*first = (*first)[1:]
		return b, nil
	}
	return input.Next(ctx)
}

// distribute writes each row of a batch to its part.
func (g *graceJoin) distribute(ctx context.Context, b arrow.RecordBatch, keys []expr.Expr, writers []*spillWriter) error {
	values, err := evalArgs(ctx, keys, b)
	if err != nil {
		return err
	}
	defer releaseArrays(values)
	rows := make([][]int64, graceParts)
	for r := 0; r < int(b.NumRows()); r++ {
		part := 0
		if k, ok := joinKey(values, r); ok {
			part = int(maphash.String(g.seed, k) % graceParts)
		}
		rows[part] = append(rows[part], int64(r))
	}
	for part, picked := range rows {
		if len(picked) == 0 {
			continue
		}
		taken, err := takeRows(ctx, b, picked)
		if err == nil {
			err = writers[part].write(taken)
			taken.Release()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// next yields the joined rows of the parts, one part after the other.
func (g *graceJoin) next(ctx context.Context) (arrow.RecordBatch, error) {
	for g.part < graceParts {
		if g.current == nil {
			if g.skippable() {
				g.endPart()
				continue
			}
			if err := g.startPart(); err != nil {
				return nil, err
			}
		}
		b, err := g.current.Next(ctx)
		if errors.Is(err, io.EOF) {
			g.endPart()
			continue
		}
		return b, err
	}
	return nil, io.EOF
}

// skippable tells whether the current part can yield no row: a side
// without rows that the join does not keep unmatched rows of.
func (g *graceJoin) skippable() bool {
	kind := g.join.kind
	noLeft := g.left[g.part].rows == 0 && kind != RightJoin && kind != FullJoin
	noRight := g.right[g.part].rows == 0 && (kind == InnerJoin || kind == RightJoin || kind == SemiJoin)
	return noLeft || noRight
}

// startPart sets up the join of the current part.
func (g *graceJoin) startPart() error {
	left, err := g.left[g.part].open()
	if err != nil {
		return err
	}
	right, err := g.right[g.part].open()
	if err != nil {
		left.close()
		return err
	}
	j := g.join
	part := NewHashJoin(spillOperator{left}, spillOperator{right}, j.kind, j.leftKeys, j.rightKeys, j.residual, j.schema)
	part.depth = j.depth + 1
	g.current = part
	return nil
}

// endPart closes the current part's join and removes its files.
func (g *graceJoin) endPart() {
	if g.current != nil {
		g.current.Close()
		g.current = nil
	}
	g.left[g.part].remove()
	g.right[g.part].remove()
	g.part++
}

func (g *graceJoin) close() {
	if g.current != nil {
		g.current.Close()
		g.current = nil
	}
	for _, files := range [][]*spillFile{g.left, g.right} {
		for _, f := range files {
			f.remove()
		}
	}
}

// spillOperator reads a spill file as an operator.
type spillOperator struct{ r *spillReader }

func (s spillOperator) Schema() *arrow.Schema { return s.r.file.schema }
func (s spillOperator) Close() error          { s.r.close(); return nil }
func (s spillOperator) Next(ctx context.Context) (arrow.RecordBatch, error) {
	return s.r.next(ctx)
}
