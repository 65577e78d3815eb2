package exec

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"auger/internal/expr"
	"auger/internal/sqlstate"
)

// FrameMode is how a window frame's offsets count: in rows, in peer groups
// (rows equal on the ORDER BY keys), or in values of the one ORDER BY key.
type FrameMode int

// The frame modes.
const (
	FrameRange FrameMode = iota
	FrameRows
	FrameGroups
)

// BoundKind is where one end of a frame lies.
type BoundKind int

// The frame bound kinds, in the order of the rows they mean.
const (
	UnboundedPreceding BoundKind = iota
	OffsetPreceding
	CurrentRow
	OffsetFollowing
	UnboundedFollowing
)

// FrameExclusion says which rows around the current one leave its frame.
type FrameExclusion int

// The frame exclusions: none, the current row, its peer group, or its
// peers but not itself.
const (
	ExcludeNoOthers FrameExclusion = iota
	ExcludeCurrentRow
	ExcludeGroup
	ExcludeTies
)

// FrameBound is one end of a frame. Offset, for OffsetPreceding and
// OffsetFollowing, is a constant expression: a bigint for ROWS and
// GROUPS; for RANGE a number or an interval, as the ORDER BY key's type
// wants.
type FrameBound struct {
	Kind   BoundKind
	Offset expr.Expr
}

// WindowFrame is the part of its partition a window function reads for
// each row.
type WindowFrame struct {
	Mode       FrameMode
	Start, End FrameBound
	Exclude    FrameExclusion
}

// DefaultFrame is PostgreSQL's frame when none is given: RANGE BETWEEN
// UNBOUNDED PRECEDING AND CURRENT ROW, the current row's peers included
// (the whole partition when there is no ORDER BY).
var DefaultFrame = WindowFrame{Mode: FrameRange, Start: FrameBound{Kind: UnboundedPreceding}, End: FrameBound{Kind: CurrentRow}}

// String renders the frame as SQL writes it.
func (f WindowFrame) String() string {
	s := [...]string{"RANGE", "ROWS", "GROUPS"}[f.Mode] + " BETWEEN " + f.Start.String() + " AND " + f.End.String()
	if f.Exclude != ExcludeNoOthers {
		s += " " + [...]string{"", "EXCLUDE CURRENT ROW", "EXCLUDE GROUP", "EXCLUDE TIES"}[f.Exclude]
	}
	return s
}

// String renders the bound as SQL writes it.
func (b FrameBound) String() string {
	switch b.Kind {
	case OffsetPreceding:
		return b.Offset.String() + " PRECEDING"
	case OffsetFollowing:
		return b.Offset.String() + " FOLLOWING"
	}
	return [...]string{"UNBOUNDED PRECEDING", "", "CURRENT ROW", "", "UNBOUNDED FOLLOWING"}[b.Kind]
}

// hasOffset tells whether the bound is n PRECEDING or n FOLLOWING.
func (b FrameBound) hasOffset() bool { return b.Kind == OffsetPreceding || b.Kind == OffsetFollowing }

// rowSpan is the rows [from, to) of the sorted input.
type rowSpan struct{ from, to int }

// frameCursor finds the frame of each row of a partition in turn, as
// PostgreSQL's WindowAgg does: the frame's start and end only move
// forward, so RANGE offsets are found by advancing two positions.
type frameCursor struct {
	frame      WindowFrame
	startRows  int64   // the start offset of ROWS and GROUPS
	endRows    int64   // the end offset of ROWS and GROUPS
	startRange inRange // the start offset test of RANGE
	endRange   inRange // the end offset test of RANGE
	key        arrow.Array
	keyOrder   SortKey // the direction and NULL placement of key
	p          windowPartition
	head, tail int // RANGE offsets: the frame start and end found so far
}

// newFrameCursor prepares a frame for the sorted rows; in.key is the one
// ORDER BY key, which RANGE offsets need.
func newFrameCursor(in frameInput, frame WindowFrame) (*frameCursor, error) {
	c := &frameCursor{frame: frame, key: in.key, keyOrder: in.keyOrder}
	if err := c.takeOffset(in, frame.Start, true, &c.startRows, &c.startRange); err != nil {
		return nil, err
	}
	if err := c.takeOffset(in, frame.End, false, &c.endRows, &c.endRange); err != nil {
		return nil, err
	}
	return c, nil
}

// takeOffset keeps one bound's offset: a count of rows or groups, or for
// RANGE the test of a key against the current row's key moved by it.
func (c *frameCursor) takeOffset(in frameInput, b FrameBound, start bool, rows *int64, test *inRange) error {
	offset, err := frameOffset(in, c.frame.Mode, b, start)
	if err != nil || offset == nil {
		return err
	}
	defer offset.Release()
	if c.frame.Mode != FrameRange {
		*rows = offset.(*array.Int64).Value(0)
		return nil
	}
	*test, err = newInRange(c.key, offset)
	return err
}

// frameOffset evaluates a bound's offset (nil when it has none): never
// NULL, and for ROWS and GROUPS a bigint that is not negative.
func frameOffset(in frameInput, mode FrameMode, b FrameBound, start bool) (arrow.Array, error) {
	if !b.hasOffset() {
		return nil, nil
	}
	name := "ending"
	if start {
		name = "starting"
	}
	offset, err := in.constant(b.Offset)
	if err != nil {
		return nil, err
	}
	if offset.IsNull(0) {
		offset.Release()
		return nil, sqlstate.New("22004", "frame %s offset must not be null", name)
	}
	if mode == FrameRange {
		return offset, nil
	}
	n, ok := offset.(*array.Int64)
	if !ok {
		offset.Release()
		return nil, fmt.Errorf("window frame offset of type %s", offset.DataType())
	}
	if n.Value(0) < 0 {
		offset.Release()
		return nil, sqlstate.New("22013", "frame %s offset must not be negative", name)
	}
	return offset, nil
}

// reset starts a partition.
func (c *frameCursor) reset(p windowPartition) {
	c.p = p
	c.head, c.tail = p.start, p.start
}

// bounds returns the frame of row i, exclusions not applied: the rows
// [start, end) of its partition, empty when start == end.
func (c *frameCursor) bounds(i int) (int, int, error) {
	start, err := c.startOf(i)
	if err != nil {
		return 0, 0, err
	}
	end, err := c.endOf(i)
	if err != nil {
		return 0, 0, err
	}
	start = min(max(start, c.p.start), c.p.end)
	end = min(max(end, start), c.p.end)
	return start, end, nil
}

func (c *frameCursor) startOf(i int) (int, error) {
	b := c.frame.Start
	switch {
	case b.Kind == UnboundedPreceding:
		return c.p.start, nil
	case b.Kind == UnboundedFollowing:
		return c.p.end, nil
	case b.Kind == CurrentRow && c.frame.Mode == FrameRows:
		return i, nil
	case b.Kind == CurrentRow:
		return c.p.rows.groupStart[c.p.rows.group[i]], nil
	case c.frame.Mode == FrameRows:
		return c.rowsFrom(i, c.startRows, b.Kind == OffsetFollowing), nil
	case c.frame.Mode == FrameGroups:
		g, ok := c.groupFrom(i, c.startRows, b.Kind == OffsetFollowing)
		switch {
		case ok:
			return c.p.rows.groupStart[g], nil
		case b.Kind == OffsetFollowing:
			return c.p.end, nil
		}
		return c.p.start, nil
	}
	return c.rangeHead(i, b.Kind == OffsetPreceding)
}

// endOf returns the position just past the last row of row i's frame.
func (c *frameCursor) endOf(i int) (int, error) {
	b := c.frame.End
	switch {
	case b.Kind == UnboundedFollowing:
		return c.p.end, nil
	case b.Kind == UnboundedPreceding:
		return c.p.start, nil
	case b.Kind == CurrentRow && c.frame.Mode == FrameRows:
		return i + 1, nil
	case b.Kind == CurrentRow:
		return c.p.rows.groupEnd(c.p.rows.group[i]), nil
	case c.frame.Mode == FrameRows:
		return c.rowsFrom(i, c.endRows, b.Kind == OffsetFollowing) + 1, nil
	case c.frame.Mode == FrameGroups:
		g, ok := c.groupFrom(i, c.endRows, b.Kind == OffsetFollowing)
		switch {
		case ok:
			return c.p.rows.groupEnd(g), nil
		case b.Kind == OffsetFollowing:
			return c.p.end, nil
		}
		return c.p.start, nil
	}
	return c.rangeTail(i, b.Kind == OffsetPreceding)
}

// rowsFrom is the row n rows before or after row i, held within the
// partition's bounds plus one on either side.
func (c *frameCursor) rowsFrom(i int, n int64, following bool) int {
	if following {
		if n > int64(c.p.end-i) {
			return c.p.end
		}
		return i + int(n)
	}
	if n > int64(i-c.p.start) {
		return c.p.start - 1
	}
	return i - int(n)
}

// groupFrom is the peer group n groups before or after row i's; false
// when there is none so far away in the partition.
func (c *frameCursor) groupFrom(i int, n int64, following bool) (int, bool) {
	g := c.p.rows.group[i]
	if following {
		if n >= int64(c.p.endGroup-g) {
			return 0, false
		}
		return g + int(n), true
	}
	if n > int64(g-c.p.firstGroup) {
		return 0, false
	}
	return g - int(n), true
}

// rangeHead advances the frame start to the first row whose key is within
// the offset of row i's key (PostgreSQL's update_frameheadpos). NULL keys
// are peers of one another and of nothing else.
func (c *frameCursor) rangeHead(i int, preceding bool) (int, error) {
	sub, less := preceding, false
	if c.keyOrder.Desc {
		sub, less = !sub, true
	}
	for ; c.head < c.p.end; c.head++ {
		headNull, curNull := c.key.IsNull(c.head), c.key.IsNull(i)
		if headNull || curNull {
			// Past the NULLs before a non-NULL row, or to the first NULL
			// for a NULL row when they sort last.
			if (c.keyOrder.NullsFirst && (!headNull || curNull)) || (!c.keyOrder.NullsFirst && (headNull || !curNull)) {
				break
			}
			continue
		}
		ok, err := c.startRange(c.head, i, sub, less)
		if err != nil {
			return 0, err
		}
		if ok {
			break
		}
	}
	return c.head, nil
}

// rangeTail advances the frame end past the last row whose key is within
// the offset of row i's key (PostgreSQL's update_frametailpos).
func (c *frameCursor) rangeTail(i int, preceding bool) (int, error) {
	sub, less := preceding, true
	if c.keyOrder.Desc {
		sub, less = !sub, false
	}
	for ; c.tail < c.p.end; c.tail++ {
		tailNull, curNull := c.key.IsNull(c.tail), c.key.IsNull(i)
		if tailNull || curNull {
			if (c.keyOrder.NullsFirst && !tailNull) || (!c.keyOrder.NullsFirst && !curNull) {
				break
			}
			continue
		}
		ok, err := c.endRange(c.tail, i, sub, less)
		if err != nil {
			return 0, err
		}
		if !ok {
			break
		}
	}
	return c.tail, nil
}

// spans returns the rows of row i's frame [start, end) that its exclusion
// leaves, as up to three runs in order.
func (c *frameCursor) spans(i, start, end int, buf []rowSpan) []rowSpan {
	buf = buf[:0]
	add := func(from, to int) []rowSpan {
		from, to = max(from, start), min(to, end)
		if from < to {
			buf = append(buf, rowSpan{from, to})
		}
		return buf
	}
	g := c.p.rows.group[i]
	switch c.frame.Exclude {
	case ExcludeCurrentRow:
		add(start, i)
		return add(i+1, end)
	case ExcludeGroup:
		add(start, c.p.rows.groupStart[g])
		return add(c.p.rows.groupEnd(g), end)
	case ExcludeTies:
		add(start, c.p.rows.groupStart[g])
		add(i, i+1)
		return add(c.p.rows.groupEnd(g), end)
	}
	return add(start, end)
}

// errFrameSize is PostgreSQL's error for a negative (or NaN) RANGE offset.
var errFrameSize = sqlstate.New("22013", "invalid preceding or following size in window function")

// addWithin adds two int64s; false when the sum overflows.
func addWithin(a, b int64) (int64, bool) {
	s := a + b
	if (b > 0 && s < a) || (b < 0 && s > a) {
		return 0, false
	}
	return s, true
}
