package parquet

import (
	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/expr"
)

// pruneColumn is what pruning knows of one table column in one file.
type pruneColumn struct {
	leaf int // the Parquet leaf of a top-level flat column; -1 otherwise
	kind valueKind
	typ  arrow.DataType
}

// pruneColumnsOf maps a file's top-level fields to their leaves and kinds.
func pruneColumnsOf(pf *parquetFile) []pruneColumn {
	out := make([]pruneColumn, len(pf.fr.Manifest.Fields))
	for i, f := range pf.fr.Manifest.Fields {
		out[i] = pruneColumn{leaf: -1, typ: pf.schema.Field(i).Type}
		if !f.IsLeaf() {
			continue
		}
		col := pf.pf.MetaData().Schema.Column(f.ColIndex)
		if col.MaxRepetitionLevel() != 0 || col.MaxDefinitionLevel() > 1 {
			continue
		}
		out[i].leaf, out[i].kind = f.ColIndex, kindOf(out[i].typ, col)
	}
	return out
}

// usableFilter tells whether the statistics can use a filter: comparisons
// of a column with a literal or parameter of its type, IN lists of them,
// IS [NOT] NULL, and AND/OR of these.
func usableFilter(e expr.Expr, cols []pruneColumn) bool {
	switch n := e.(type) {
	case *expr.And:
		return allUsable(n.Args, cols)
	case *expr.Or:
		return allUsable(n.Args, cols)
	case *expr.Compare:
		_, _, _, ok := comparison(n, cols)
		return ok
	case *expr.InList:
		col, dt, ok := columnRef(n.Arg, cols)
		if n.Negated || !ok || cols[col].kind == kindNone {
			return false
		}
		for _, item := range n.List {
			if !constantOf(item, dt) {
				return false
			}
		}
		return len(n.List) > 0
	case *expr.IsNull:
		c, ok := n.Arg.(*expr.Column)
		return ok && c.Index >= 0 && c.Index < len(cols) && cols[c.Index].leaf >= 0
	}
	return false
}

func allUsable(es []expr.Expr, cols []pruneColumn) bool {
	for _, e := range es {
		if !usableFilter(e, cols) {
			return false
		}
	}
	return len(es) > 0
}

// comparison reads a Compare as `column op constant` (flipping a constant
// on the left); ok is false for any other shape.
func comparison(c *expr.Compare, cols []pruneColumn) (col int, op expr.CompareOp, other expr.Expr, ok bool) {
	if col, dt, ok := columnRef(c.Left, cols); ok && constantOf(c.Right, dt) && cols[col].kind != kindNone {
		return col, c.Op, c.Right, true
	}
	if col, dt, ok := columnRef(c.Right, cols); ok && constantOf(c.Left, dt) && cols[col].kind != kindNone {
		return col, flip(c.Op), c.Left, true
	}
	return 0, 0, nil, false
}

func flip(op expr.CompareOp) expr.CompareOp {
	switch op {
	case expr.Lt:
		return expr.Gt
	case expr.Le:
		return expr.Ge
	case expr.Gt:
		return expr.Lt
	case expr.Ge:
		return expr.Le
	}
	return op
}

// columnRef reads a table column, possibly under a widening integer cast
// (which never fails and keeps the order); dt is the type the column is
// compared as.
func columnRef(e expr.Expr, cols []pruneColumn) (col int, dt arrow.DataType, ok bool) {
	dt = e.Type()
	if c, isCast := e.(*expr.Cast); isCast {
		inner, isCol := c.Arg.(*expr.Column)
		if !isCol || !widensInt(inner.Typ, c.To) {
			return 0, nil, false
		}
		e = inner
	}
	c, isCol := e.(*expr.Column)
	if !isCol || c.Index < 0 || c.Index >= len(cols) || cols[c.Index].leaf < 0 {
		return 0, nil, false
	}
	return c.Index, dt, true
}

// widensInt tells whether a cast between two signed integer types keeps
// every value.
func widensInt(from, to arrow.DataType) bool {
	width := func(dt arrow.DataType) int {
		switch dt.ID() {
		case arrow.INT8:
			return 8
		case arrow.INT16:
			return 16
		case arrow.INT32:
			return 32
		case arrow.INT64:
			return 64
		}
		return 0
	}
	return width(from) > 0 && width(to) >= width(from)
}

// constantOf tells whether e is a literal or a parameter of type dt.
func constantOf(e expr.Expr, dt arrow.DataType) bool {
	switch e.(type) {
	case *expr.Literal, *expr.Param:
		return arrow.TypeEqual(e.Type(), dt)
	}
	return false
}

// groupView answers what a filter may match in one row group of a file,
// reading each column's statistics (and, when asked, dictionary) once.
type groupView struct {
	pf    *parquetFile
	cols  []pruneColumn
	rg    int
	stats map[int]chunkStats
	dicts *dictReader // nil: statistics only
}

func (v *groupView) statsOf(col int) chunkStats {
	if s, ok := v.stats[col]; ok {
		return s
	}
	s := readChunkStats(v.pf.pf.MetaData(), v.rg, v.cols[col].leaf, v.cols[col].kind)
	v.stats[col] = s
	return s
}

// mayMatch is false only when no row of the group can make e true.
func (v *groupView) mayMatch(e expr.Expr) bool {
	switch n := e.(type) {
	case *expr.And:
		for _, a := range n.Args {
			if !v.mayMatch(a) {
				return false
			}
		}
		return true
	case *expr.Or:
		for _, a := range n.Args {
			if v.mayMatch(a) {
				return true
			}
		}
		return len(n.Args) == 0
	case *expr.Compare:
		col, op, other, ok := comparison(n, v.cols)
		return !ok || v.mayCompare(col, op, []expr.Expr{other})
	case *expr.InList:
		col, _, ok := columnRef(n.Arg, v.cols)
		return n.Negated || !ok || v.mayCompare(col, expr.Eq, n.List)
	case *expr.IsNull:
		return v.mayBeNull(n)
	}
	return true
}

func (v *groupView) mayBeNull(n *expr.IsNull) bool {
	c, ok := n.Arg.(*expr.Column)
	if !ok || c.Index < 0 || c.Index >= len(v.cols) || v.cols[c.Index].leaf < 0 {
		return true
	}
	s := v.statsOf(c.Index)
	if !s.nullsKnow {
		return true
	}
	if n.Negated {
		return s.nulls < s.rows
	}
	return s.nulls > 0
}

// mayCompare tells whether some value of column col may stand in relation
// op to one of the constants (one for a comparison, several for IN).
func (v *groupView) mayCompare(col int, op expr.CompareOp, constants []expr.Expr) bool {
	s := v.statsOf(col)
	if s.allNull() {
		return false
	}
	c := v.cols[col]
	values := make([]any, 0, len(constants))
	for _, k := range constants {
		lit, ok := k.(*expr.Literal)
		if !ok {
			return true
		}
		val, ok := literalValue(c.kind, constantType(lit, c), lit.Value)
		if !ok {
			return true
		}
		if s.min == nil || inRange(c.kind, op, val, s.min, s.max) {
			values = append(values, val)
		}
	}
	if len(values) == 0 {
		return false
	}
	if op == expr.Eq && v.dicts != nil {
		return v.dicts.mayHold(v.rg, c, values)
	}
	return true
}

// constantType is the type a literal is read as for a column: its own
// when it is a widened integer (the value stays exact), else the column's.
func constantType(lit *expr.Literal, c pruneColumn) arrow.DataType {
	if c.kind == kindInt && widensInt(c.typ, lit.Value.DataType()) {
		return lit.Value.DataType()
	}
	return c.typ
}

// inRange tells whether a chunk whose non-NULL values lie in [min, max]
// may hold a value v with `value op v`. A float chunk may hold NaN, which
// is above every number and equal only to NaN: > , >= and <> stay.
func inRange(k valueKind, op expr.CompareOp, v, min, max any) bool {
	lo, hi := compareValues(k, min, v), compareValues(k, max, v)
	switch op {
	case expr.Eq:
		return lo <= 0 && hi >= 0
	case expr.Ne:
		return k == kindFloat || lo != 0 || hi != 0
	case expr.Lt:
		return lo < 0
	case expr.Le:
		return lo <= 0
	case expr.Gt:
		return k == kindFloat || hi > 0
	case expr.Ge:
		return k == kindFloat || hi >= 0
	}
	return true
}

// rowGroupChoice is which row groups of a file a scan reads.
type rowGroupChoice struct {
	groups           []int // the row groups to read, in order
	total            int
	byStats, byDicts int // row groups skipped by statistics, by dictionaries
}

// chooseRowGroups is the seam between pruning and reading: the row groups
// of an open file that may hold rows matching every filter (filters a
// pruning cannot use are ignored, so the choice is always conservative).
func chooseRowGroups(pf *parquetFile, filters []expr.Expr) rowGroupChoice {
	n := pf.pf.NumRowGroups()
	out := rowGroupChoice{total: n, groups: make([]int, 0, n)}
	cols := pruneColumnsOf(pf)
	var usable []expr.Expr
	for _, f := range filters {
		if usableFilter(f, cols) {
			usable = append(usable, f)
		}
	}
	dicts := &dictReader{pf: pf}
	for rg := 0; rg < n; rg++ {
		view := &groupView{pf: pf, cols: cols, rg: rg, stats: map[int]chunkStats{}}
		switch {
		case !view.mayMatchAll(usable):
			out.byStats++
		case wantsDictionary(usable) && !view.withDicts(dicts).mayMatchAll(usable):
			out.byDicts++
		default:
			out.groups = append(out.groups, rg)
		}
	}
	return out
}

func (v *groupView) mayMatchAll(filters []expr.Expr) bool {
	for _, f := range filters {
		if !v.mayMatch(f) {
			return false
		}
	}
	return true
}

func (v *groupView) withDicts(d *dictReader) *groupView {
	c := *v
	c.dicts = d
	return &c
}

// wantsDictionary tells whether some filter has an equality or IN list a
// dictionary could refute.
func wantsDictionary(filters []expr.Expr) bool {
	found := false
	for _, f := range filters {
		expr.Walk(f, func(e expr.Expr) {
			switch n := e.(type) {
			case *expr.Compare:
				found = found || n.Op == expr.Eq
			case *expr.InList:
				found = true
			}
		})
	}
	return found
}
