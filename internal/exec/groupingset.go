package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
)

// groupingSet is a HashAggregate's state for one grouping set: the table
// numbering its groups, each group's values (those of the row that opened
// it), and every aggregate's per-group state.
type groupingSet struct {
	columns []int       // positions of the group expressions the set groups by
	table   *groupTable // nil for the empty set, whose one group takes every row
	groups  int
	keys    rowKeys
	words   []uint64
	ids     []int32
	values  [][]arrow.Array // per column: the group values, a chunk per batch that opened groups
	fresh   []arrow.Array   // per column: the values of the groups the last batch opened
	keep    bool            // whether to keep the group values until the end
	bytes   int64           // memory of values
	aggs    []*aggregator
}

// newGroupingSet starts the state of one grouping set; with keep false
// the group values are handed over batch by batch (takeNewGroups) rather
// than kept for results.
func newGroupingSet(columns []int, aggs []AggSpec, keep bool) (*groupingSet, error) {
	s := &groupingSet{columns: columns, values: make([][]arrow.Array, len(columns)), keep: keep}
	if len(columns) > 0 {
		s.table = newGroupTable()
	} else {
		s.groups = 1
	}
	for _, spec := range aggs {
		a, err := newAggregator(spec, columns)
		if err != nil {
			s.release()
			return nil, err
		}
		a.acc.Resize(s.groups)
		s.aggs = append(s.aggs, a)
	}
	return s, nil
}

// consume folds one batch into the set and tells how many groups it opened.
func (s *groupingSet) consume(ctx context.Context, in *batchInputs) (int, error) {
	opened, err := s.assign(ctx, in)
	if err != nil {
		return 0, err
	}
	return opened, s.fold(ctx, s.ids, in)
}

// fold gives every aggregate the rows of in, row r belonging to group
// groups[r].
func (s *groupingSet) fold(ctx context.Context, groups []int32, in *batchInputs) error {
	for i, a := range s.aggs {
		a.acc.Resize(s.groups)
		if err := a.consume(ctx, groups, in.args[i], in.filters[i], in.orderKeys[i]); err != nil {
			return err
		}
	}
	return nil
}

// consumeHeld folds the rows of a batch whose groups a frozen set holds
// (see HashAggregate's spilling) and returns the others' positions.
func (s *groupingSet) consumeHeld(ctx context.Context, in *batchInputs) ([]int64, error) {
	s.number(s.keyColumns(in), in.rows)
	var held, fresh []int64
	for r, id := range s.ids {
		if id < 0 {
			fresh = append(fresh, int64(r))
		} else {
			held = append(held, int64(r))
		}
	}
	if len(fresh) == 0 {
		return nil, s.fold(ctx, s.ids, in)
	}
	if len(held) == 0 {
		return fresh, nil
	}
	picked, err := in.pick(ctx, held)
	if err != nil {
		return nil, err
	}
	defer picked.release()
	groups := make([]int32, len(held))
	for i, r := range held {
		groups[i] = s.ids[r]
	}
	return fresh, s.fold(ctx, groups, picked)
}

// keyColumns are the values of the set's group expressions in a batch.
func (s *groupingSet) keyColumns(in *batchInputs) []arrow.Array {
	cols := make([]arrow.Array, len(s.columns))
	for i, c := range s.columns {
		cols[i] = in.groups[c]
	}
	return cols
}

// assign numbers each row's group in s.ids and keeps the values of the
// groups the batch opens.
func (s *groupingSet) assign(ctx context.Context, in *batchInputs) (int, error) {
	if s.table == nil {
		s.ids = resizeInt32(s.ids, in.rows)
		clear(s.ids)
		return 0, nil
	}
	cols := s.keyColumns(in)
	firsts := s.number(cols, in.rows)
	s.groups = s.table.len()
	releaseArrays(s.fresh)
	s.fresh = nil
	if len(firsts) == 0 {
		return 0, nil
	}
	positions := make([]int64, len(firsts))
	for i, r := range firsts {
		positions[i] = int64(r)
	}
	for i, c := range cols {
		taken, err := takeArray(ctx, c, positions)
		if err != nil {
			return 0, err
		}
		s.fresh = append(s.fresh, taken)
		if s.keep {
			s.bytes += arrayBytes(taken.Data())
			taken.Retain()
			s.values[i] = append(s.values[i], taken)
		}
	}
	return len(firsts), nil
}

// number gives each row its group id in s.ids and returns the rows that
// opened a group.
func (s *groupingSet) number(cols []arrow.Array, rows int) []int {
	var firsts []int
	if len(cols) == 1 {
		if texts, ok := cols[0].(*array.String); ok {
			s.ids, firsts = s.table.assignTexts(texts, s.ids)
			return firsts
		}
		var ok bool
		if s.words, ok = wordKeys(cols[0], s.words); ok {
			s.ids, firsts = s.table.assignWords(s.words, nullsOf(cols[0]), s.ids)
			return firsts
		}
	}
	s.keys.encode(cols, rows)
	s.ids, firsts = s.table.assign(&s.keys, s.ids)
	return firsts
}

// takeNewGroups hands over the values of the groups the last batch opened;
// nil when it opened none.
func (s *groupingSet) takeNewGroups() []arrow.Array {
	out := s.fresh
	s.fresh = nil
	return out
}

// size is the memory the set's state holds, in bytes: what grows with its
// groups (the buffers of one batch's keys do not).
func (s *groupingSet) size() int64 {
	n := s.bytes
	if s.table != nil {
		n += s.table.size()
	}
	for _, a := range s.aggs {
		n += a.size()
	}
	return n
}

// results builds the set's output columns: the group values (NULL for
// the group expressions the set leaves out), then the aggregates.
func (s *groupingSet) results(ctx context.Context, groups []expr.Expr) ([]arrow.Array, int, error) {
	var cols []arrow.Array
	fail := func(err error) ([]arrow.Array, int, error) {
		releaseArrays(cols)
		return nil, 0, err
	}
	for i, g := range groups {
		pos := indexOfInt(s.columns, i)
		if pos < 0 {
			cols = append(cols, array.MakeArrayOfNull(memory.DefaultAllocator, g.Type(), s.groups))
			continue
		}
		c, err := concat(s.values[pos], g.Type())
		if err != nil {
			return fail(err)
		}
		cols = append(cols, c)
	}
	for _, a := range s.aggs {
		c, err := a.result(ctx)
		if err != nil {
			return fail(err)
		}
		cols = append(cols, c)
	}
	return cols, s.groups, nil
}

func indexOfInt(s []int, v int) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

func (s *groupingSet) release() {
	releaseArrays(s.fresh)
	s.fresh = nil
	for i := range s.values {
		releaseArrays(s.values[i])
		s.values[i] = nil
	}
	for _, a := range s.aggs {
		a.release()
	}
}
