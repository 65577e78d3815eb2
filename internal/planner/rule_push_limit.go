package planner

import "auger/internal/catalog"

// pushLimit gives a scan the number of rows a Limit above it needs, when
// nothing in between can drop rows: only Projects, and only exact filters
// inside the scan. The Limit stays in place.
func pushLimit(n Node) (Node, bool) {
	return transformUp(n, func(n Node) (Node, bool) {
		l, ok := n.(*Limit)
		if !ok || l.Count < 0 {
			return n, false
		}
		child, changed := limitScan(l.Input, l.Offset+l.Count)
		if !changed {
			return n, false
		}
		return l.WithChildren(child), true
	})
}

func limitScan(n Node, rows int64) (Node, bool) {
	switch t := n.(type) {
	case *Project:
		child, changed := limitScan(t.Input, rows)
		if !changed {
			return n, false
		}
		return t.WithChildren(child), true
	case *Scan:
		if (t.Limit >= 0 && t.Limit <= rows) || !allExact(t.Verdicts) {
			return n, false
		}
		next := *t
		next.Limit = rows
		return &next, true
	}
	return n, false
}

func allExact(vs []catalog.FilterVerdict) bool {
	for _, v := range vs {
		if v != catalog.Exact {
			return false
		}
	}
	return true
}
