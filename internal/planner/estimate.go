package planner

import (
	"github.com/apache/arrow-go/v18/arrow"

	"auger/internal/catalog"
)

// estimatedBytes is about how much memory the rows of a plan take, when
// the planner can tell (see estimatedRows).
func estimatedBytes(n Node) (int64, bool) {
	rows, ok := estimatedRows(n)
	if !ok {
		return 0, false
	}
	return rows * rowWidth(n.Schema()), true
}

// estimatedRows is about how many rows a plan yields, when the planner
// can tell: scans of tables that know their size, then as many rows
// through the nodes that keep or drop rows (a filter is taken to keep
// them all), at most a limit's count.
func estimatedRows(n Node) (int64, bool) {
	switch t := n.(type) {
	case *Scan:
		return scanRows(t)
	case OneRow:
		return 1, true
	case *Limit:
		rows, ok := estimatedRows(t.Input)
		if t.Count < 0 {
			return rows, ok
		}
		if !ok {
			return t.Count, true
		}
		return min(rows, t.Count), true
	case *TopN:
		return t.Count, true
	case *Filter, *Project, *Sort, *Aggregate:
		return estimatedRows(n.Children()[0])
	case *Union:
		var total int64
		for _, in := range t.Inputs {
			rows, ok := estimatedRows(in)
			if !ok {
				return 0, false
			}
			total += rows
		}
		return total, true
	}
	return 0, false
}

func scanRows(s *Scan) (int64, bool) {
	est, ok := s.Table.(catalog.RowEstimator)
	if !ok {
		return 0, false
	}
	rows, ok := est.EstimatedRows()
	if ok && s.Limit >= 0 {
		rows = min(rows, s.Limit)
	}
	return rows, ok
}

// rowWidth is about how many bytes one row of a schema takes in memory:
// the width of fixed-size types, 32 bytes for text and other variable
// ones.
func rowWidth(schema *arrow.Schema) int64 {
	width := int64(1)
	for _, f := range schema.Fields() {
		if fw, ok := f.Type.(arrow.FixedWidthDataType); ok && fw.BitWidth() >= 8 {
			width += int64(fw.BitWidth() / 8)
		} else {
			width += 32
		}
	}
	return width
}
