package exec

import (
	"context"
	"errors"
	"hash/maphash"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
)

// aggSpillParts is how many files a spilling aggregate splits the rows of
// each grouping set's new keys into.
const aggSpillParts = 16

// maxAggSpillDepth is how many times the files of an aggregate may be
// split again when their groups still do not fit. Each aggregate of a
// file finishes at least the groups of its first batch of
// aggSpillReadRows rows, so the files shrink sixteen times a level: past
// that depth something is amiss, and the query fails with SQLSTATE 53200.
const maxAggSpillDepth = 6

// aggSpillReadRows is the fewest rows (but at the end) of the batches an
// aggregate of a file reads: the rows of one input batch are spread over
// the files, and batches that shrank at every level would leave each
// level too few rows to aggregate.
const aggSpillReadRows = 4096

// aggSpill is the part of a HashAggregate's input that went to disk once
// its groups filled the memory budget (a hybrid hash aggregation).
//
// At that point the aggregate freezes its grouping sets: the groups they
// hold stay in memory and go on taking the rows of their keys, while each
// row whose key a set has not met is written to one of aggSpillParts
// files of that set, chosen by a hash of the key. So every group is
// wholly in memory or wholly in one file, with its rows in input order,
// and no aggregate's state is ever split, merged or written out: the
// results are exactly those of the in-memory aggregation for every
// aggregate, DISTINCT, ORDER BY and FILTER in the call and grouping sets
// included. Once the input ends the aggregate yields the groups it holds,
// gives back their memory, and then aggregates each file alone, by a
// HashAggregate over that file's grouping set only, with a hash seed of
// its own, so that it can freeze and split again.
//
// The aggregate freezes while an eighth of the budget is still free, room
// for the groups it holds to grow in as their rows go on coming. As the
// state a chunk of rows adds is known only once it is folded, the groups
// held may pass their reservation by what the chunk that made the
// aggregate freeze added, and then by that eighth when the budget has no
// room left; that memory stays unreserved rather than failing the other
// operators of the budget. What
// cannot spill fails with 53200 as before: the one group of an aggregate
// without GROUP BY (or of the empty grouping set), and the groups held
// growing past that room after the freeze (the values string_agg,
// array_agg, json_agg, DISTINCT and ORDER BY keep per row, when the rows
// of the groups held keep coming).
type aggSpill struct {
	agg     *HashAggregate
	space   *SpillSpace
	seed    maphash.Seed
	keys    rowKeys
	writers [][]*spillWriter // per grouping set, per part; nil until a row goes there
	parts   []aggPart        // once the input has ended: the files left to aggregate
	current *HashAggregate   // the aggregate of parts[0]; nil between parts
	// unreserved is the memory the groups held take beyond their
	// reservation: what the chunk that made the aggregate spill added
	// past the budget (frozenUnreserved), and then up to an eighth of the
	// budget more that they grew by when the budget had no room left.
	unreserved, frozenUnreserved int64
}

// aggPart is one spilled file and the grouping set its rows are for.
type aggPart struct {
	set  []int
	file *spillFile
}

// startSpill freezes the aggregate's grouping sets and gets it ready to
// write the rows of new keys to disk.
func (h *HashAggregate) startSpill(ctx context.Context) {
	space, own := spillSpaceOf(ctx)
	if own {
		h.ownSpace = space
	}
	h.spill = &aggSpill{agg: h, space: space, seed: maphash.MakeSeed(), writers: make([][]*spillWriter, len(h.state))}
	for _, s := range h.state {
		if s.table != nil {
			s.table.freeze()
		}
	}
}

// canSpill tells whether the aggregate may freeze and spill when its
// state outgrows the budget: it has not yet, it is not too deep in the
// splitting, and some grouping set has keys to split by.
func (h *HashAggregate) canSpill() bool {
	if h.spill != nil || h.depth >= maxAggSpillDepth {
		return false
	}
	for _, s := range h.state {
		if s.table != nil {
			return true
		}
	}
	return false
}

// consumeFrozen folds a batch's rows into the groups held and writes the
// rows of new keys to disk.
func (h *HashAggregate) consumeFrozen(ctx context.Context, b arrow.RecordBatch, in *batchInputs) error {
	for i, s := range h.state {
		if s.table == nil {
			if _, err := s.consume(ctx, in); err != nil {
				return err
			}
			continue
		}
		fresh, err := s.consumeHeld(ctx, in)
		if err == nil && len(fresh) > 0 {
			err = h.spill.write(ctx, i, b, s.keyColumns(in), fresh)
		}
		if err != nil {
			return err
		}
	}
	return h.account(ctx)
}

// write sends rows of a batch to set's files by the hash of their keys.
func (g *aggSpill) write(ctx context.Context, set int, b arrow.RecordBatch, keys []arrow.Array, rows []int64) error {
	g.keys.encode(keys, int(b.NumRows()))
	byPart := make([][]int64, aggSpillParts)
	for _, r := range rows {
		part := maphash.Bytes(g.seed, g.keys.key(int(r))) % aggSpillParts
		byPart[part] = append(byPart[part], r)
	}
	if g.writers[set] == nil {
		g.writers[set] = make([]*spillWriter, aggSpillParts)
	}
	for part, picked := range byPart {
		if len(picked) == 0 {
			continue
		}
		w := g.writers[set][part]
		if w == nil {
			var err error
			if w, err = newSpillWriter(g.space, "aggregate-part", b.Schema()); err != nil {
				return err
			}
			g.writers[set][part] = w
		}
		taken, err := takeRows(ctx, b, picked)
		if err != nil {
			return err
		}
		err = w.write(taken)
		taken.Release()
		if err != nil {
			return err
		}
	}
	return nil
}

// endInput completes the files written, in the order of the grouping sets
// and their parts.
func (g *aggSpill) endInput() error {
	for set, writers := range g.writers {
		for part, w := range writers {
			if w == nil {
				continue
			}
			writers[part] = nil
			f, err := w.finish()
			if err != nil {
				return err
			}
			g.parts = append(g.parts, aggPart{set: g.agg.sets[set], file: f})
		}
	}
	return nil
}

// next yields the groups of the spilled files, one file after the other.
func (g *aggSpill) next(ctx context.Context) (arrow.RecordBatch, error) {
	ctx = WithSpillSpace(ctx, g.space)
	for len(g.parts) > 0 {
		if g.current == nil {
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

// startPart sets up the aggregate of the first file left.
func (g *aggSpill) startPart() error {
	r, err := g.parts[0].file.open()
	if err != nil {
		return err
	}
	h := g.agg
	g.current = NewHashAggregate(&spilledRows{reader: r}, h.groups, h.aggs, h.schema).WithGroupingSets([][]int{g.parts[0].set})
	g.current.depth = h.depth + 1
	return nil
}

// endPart closes the current file's aggregate and removes the file.
func (g *aggSpill) endPart() {
	if g.current != nil {
		g.current.Close()
		g.current = nil
	}
	g.parts[0].file.remove()
	g.parts = g.parts[1:]
}

// close removes every file left, written or being written.
func (g *aggSpill) close() {
	if g.current != nil {
		g.current.Close()
		g.current = nil
	}
	for _, p := range g.parts {
		p.file.remove()
	}
	g.parts = nil
	for _, writers := range g.writers {
		for _, w := range writers {
			if w != nil {
				w.abort()
			}
		}
	}
	g.writers = nil
}

// spilledRows reads a spill file as an operator whose batches join those
// of the file to at least aggSpillReadRows rows.
type spilledRows struct {
	reader *spillReader
	ended  bool
}

// Schema implements Operator.
func (s *spilledRows) Schema() *arrow.Schema { return s.reader.file.schema }

// Close implements Operator.
func (s *spilledRows) Close() error { s.reader.close(); return nil }

// Next implements Operator.
func (s *spilledRows) Next(ctx context.Context) (arrow.RecordBatch, error) {
	var batches []arrow.RecordBatch
	defer func() {
		for _, b := range batches {
			b.Release()
		}
	}()
	rows := int64(0)
	for !s.ended && rows < aggSpillReadRows {
		b, err := s.reader.next(ctx)
		if errors.Is(err, io.EOF) {
			s.ended = true
			break
		}
		if err != nil {
			return nil, err
		}
		batches = append(batches, b)
		rows += b.NumRows()
	}
	switch len(batches) {
	case 0:
		return nil, io.EOF
	case 1:
		b := batches[0]
		batches = nil
		return b, nil
	}
	joined, _, err := concatBatches(s.Schema(), batches, nil)
	return joined, err
}
