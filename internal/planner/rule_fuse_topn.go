package planner

// maxTopNRows is the most rows (offset plus count) a TopN keeps; a larger
// limit stays a Sort, which can spill, under a Limit.
const maxTopNRows = 10000

// fuseTopN turns a Limit over a Sort (with only Projects between them,
// which neither drop nor reorder rows) into a TopN under those Projects:
// it keeps only the rows the limit lets through instead of sorting the
// whole input.
func fuseTopN(n Node) (Node, bool) {
	return transformUp(n, func(n Node) (Node, bool) {
		l, ok := n.(*Limit)
		if !ok || l.Count <= 0 || l.Offset+l.Count > maxTopNRows {
			return n, false
		}
		fused, ok := topNBelow(l.Input, l.Offset, l.Count)
		if !ok {
			return n, false
		}
		return fused, true
	})
}

// topNBelow rewrites Projects over a Sort into the same Projects over a
// TopN.
func topNBelow(n Node, offset, count int64) (Node, bool) {
	switch t := n.(type) {
	case *Project:
		child, ok := topNBelow(t.Input, offset, count)
		if !ok {
			return n, false
		}
		return t.WithChildren(child), true
	case *Sort:
		return &TopN{Input: t.Input, Keys: t.Keys, Offset: offset, Count: count}, true
	}
	return n, false
}
