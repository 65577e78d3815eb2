package sql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"

	"auger/internal/sqlstate"
)

// WindowSpec is what an OVER clause or a WINDOW clause entry says: the
// partitioning, the ordering and the frame of a window.
type WindowSpec struct {
	Name        string // OVER name: the window of that name in the WINDOW clause, nothing else given
	Base        string // OVER (base ...) or WINDOW w AS (base ...): the named window this one extends
	PartitionBy []Expr
	OrderBy     []OrderItem
	Frame       *WindowFrame // nil: the default frame
	Location    int
}

// WindowDef is one `name AS (spec)` of a WINDOW clause.
type WindowDef struct {
	Name string
	Spec *WindowSpec
}

// FrameMode is how a frame's offsets count: in rows, in peer groups, or in
// values of the ordering column.
type FrameMode int

// The frame modes.
const (
	FrameRange FrameMode = iota
	FrameRows
	FrameGroups
)

// String is the mode as SQL spells it.
func (m FrameMode) String() string { return [...]string{"RANGE", "ROWS", "GROUPS"}[m] }

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

// String is the bound as SQL spells it, "n" standing for an offset.
func (k BoundKind) String() string {
	return [...]string{"UNBOUNDED PRECEDING", "n PRECEDING", "CURRENT ROW", "n FOLLOWING", "UNBOUNDED FOLLOWING"}[k]
}

// FrameExclusion is the EXCLUDE option of a frame.
type FrameExclusion int

// The frame exclusions.
const (
	ExcludeNoOthers FrameExclusion = iota
	ExcludeCurrentRow
	ExcludeGroup
	ExcludeTies
)

// String is the exclusion as SQL spells it.
func (e FrameExclusion) String() string {
	return [...]string{"EXCLUDE NO OTHERS", "EXCLUDE CURRENT ROW", "EXCLUDE GROUP", "EXCLUDE TIES"}[e]
}

// FrameBound is one end of a frame; Offset is set for OffsetPreceding and
// OffsetFollowing.
type FrameBound struct {
	Kind   BoundKind
	Offset Expr
}

// WindowFrame is `ROWS|RANGE|GROUPS BETWEEN start AND end [EXCLUDE ...]`; a
// frame written with its start only ends at the current row.
type WindowFrame struct {
	Mode       FrameMode
	Start, End FrameBound
	Exclude    FrameExclusion
}

// The frame option bits of PostgreSQL's WindowDef (nodes/parsenodes.h).
const (
	frameNonDefault              = 0x00001
	frameRows                    = 0x00004
	frameGroups                  = 0x00008
	frameStartUnboundedPreceding = 0x00020
	frameEndUnboundedPreceding   = 0x00040
	frameStartUnboundedFollowing = 0x00080
	frameEndUnboundedFollowing   = 0x00100
	frameStartCurrentRow         = 0x00200
	frameEndCurrentRow           = 0x00400
	frameStartOffsetPreceding    = 0x00800
	frameEndOffsetPreceding      = 0x01000
	frameStartOffsetFollowing    = 0x02000
	frameEndOffsetFollowing      = 0x04000
	frameExcludeCurrentRow       = 0x08000
	frameExcludeGroup            = 0x10000
	frameExcludeTies             = 0x20000
)

// The option bits of each end's bound kinds, in BoundKind order.
var (
	frameStartBits = [5]int32{frameStartUnboundedPreceding, frameStartOffsetPreceding, frameStartCurrentRow,
		frameStartOffsetFollowing, frameStartUnboundedFollowing}
	frameEndBits = [5]int32{frameEndUnboundedPreceding, frameEndOffsetPreceding, frameEndCurrentRow,
		frameEndOffsetFollowing, frameEndUnboundedFollowing}
)

// transformOver reads the OVER clause of a function call; nil without one.
// PostgreSQL has no window form of an ordered aggregate, and Auger does
// not compute FILTER over windows yet.
func transformOver(f *pg.FuncCall) (*WindowSpec, error) {
	if f.Over == nil {
		return nil, nil
	}
	switch {
	case len(f.AggOrder) > 0:
		return nil, sqlstate.New(sqlstate.FeatureNotSupported, "aggregate ORDER BY is not implemented for window functions").At(int(f.Location) + 1)
	case f.AggFilter != nil:
		return nil, unsupportedAt("FILTER in a window function", f.Location)
	}
	return transformWindowDef(f.Over)
}

// transformWindowDef reads a window specification. In an OVER clause the
// parse tree's Name is the window referred to; in a WINDOW clause it is the
// window defined, which transformWindowClause takes.
func transformWindowDef(w *pg.WindowDef) (*WindowSpec, error) {
	out := &WindowSpec{Name: w.Name, Base: w.Refname, Location: int(w.Location)}
	for _, n := range w.PartitionClause {
		e, err := transformExpr(n)
		if err != nil {
			return nil, err
		}
		out.PartitionBy = append(out.PartitionBy, e)
	}
	var err error
	if out.OrderBy, err = transformSortClause(w.OrderClause); err != nil {
		return nil, err
	}
	if w.FrameOptions&frameNonDefault != 0 {
		out.Frame, err = transformFrame(w)
	}
	return out, err
}

func transformFrame(w *pg.WindowDef) (*WindowFrame, error) {
	opts := w.FrameOptions
	f := &WindowFrame{Mode: FrameRange}
	switch {
	case opts&frameRows != 0:
		f.Mode = FrameRows
	case opts&frameGroups != 0:
		f.Mode = FrameGroups
	}
	var err error
	if f.Start, err = frameBound(opts, w.StartOffset, frameStartBits); err != nil {
		return nil, err
	}
	if f.End, err = frameBound(opts, w.EndOffset, frameEndBits); err != nil {
		return nil, err
	}
	switch {
	case opts&frameExcludeCurrentRow != 0:
		f.Exclude = ExcludeCurrentRow
	case opts&frameExcludeGroup != 0:
		f.Exclude = ExcludeGroup
	case opts&frameExcludeTies != 0:
		f.Exclude = ExcludeTies
	}
	return f, nil
}

// frameBound reads one end of a frame from the option bits of its kinds.
func frameBound(opts int32, offset *pg.Node, bits [5]int32) (FrameBound, error) {
	for kind, bit := range bits {
		if opts&bit == 0 {
			continue
		}
		b := FrameBound{Kind: BoundKind(kind)}
		if b.Kind == OffsetPreceding || b.Kind == OffsetFollowing {
			e, err := transformExpr(offset)
			if err != nil {
				return b, err
			}
			b.Offset = e
		}
		return b, nil
	}
	return FrameBound{Kind: CurrentRow}, nil
}

// transformWindowClause reads `WINDOW name AS (spec), ...`.
func transformWindowClause(nodes []*pg.Node) ([]WindowDef, error) {
	var out []WindowDef
	for _, n := range nodes {
		w := n.GetWindowDef()
		spec, err := transformWindowDef(w)
		if err != nil {
			return nil, err
		}
		spec.Name = ""
		out = append(out, WindowDef{Name: w.Name, Spec: spec})
	}
	return out, nil
}

// markWindowRefs marks the quoted column names of a window specification.
func markWindowRefs(text string, w *WindowSpec) {
	if w == nil {
		return
	}
	for _, e := range w.PartitionBy {
		markColumnRefs(text, e)
	}
	for _, o := range w.OrderBy {
		markColumnRefs(text, o.Expr)
	}
	if w.Frame != nil {
		markColumnRefs(text, w.Frame.Start.Offset)
		markColumnRefs(text, w.Frame.End.Offset)
	}
}

// isWindowingError tells whether a grammar error is one of PostgreSQL's
// frame errors ("frame start cannot be UNBOUNDED FOLLOWING", ...), whose
// SQLSTATE is 42P20, not a syntax error's.
func isWindowingError(message string) bool {
	return strings.HasPrefix(message, "frame start") || strings.HasPrefix(message, "frame end")
}
