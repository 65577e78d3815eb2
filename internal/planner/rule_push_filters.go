package planner

import (
	"auger/internal/catalog"
	"auger/internal/expr"
)

// pushFilters offers each conjunct of a Filter directly above a Scan to the
// scanned table. Exact conjuncts move into the scan; Inexact ones are copied
// into it and kept above; Unsupported ones stay above.
func pushFilters(n Node) (Node, bool) {
	return transformUp(n, func(n Node) (Node, bool) {
		f, ok := n.(*Filter)
		if !ok {
			return n, false
		}
		scan, ok := f.Input.(*Scan)
		if !ok {
			return n, false
		}
		return pushIntoScan(f, scan)
	})
}

func pushIntoScan(f *Filter, scan *Scan) (Node, bool) {
	conjuncts := expr.Conjuncts(f.Cond)
	offered := make([]expr.Expr, len(conjuncts))
	for i, c := range conjuncts {
		offered[i] = toTableColumns(c, scan)
	}
	verdicts := scan.Table.SupportsFilters(offered)
	next := *scan
	next.Filters = append([]expr.Expr(nil), scan.Filters...)
	next.Verdicts = append([]catalog.FilterVerdict(nil), scan.Verdicts...)
	var kept []expr.Expr
	for i, v := range verdicts {
		if v != catalog.Unsupported {
			next.Filters = append(next.Filters, offered[i])
			next.Verdicts = append(next.Verdicts, v)
		}
		if v != catalog.Exact {
			kept = append(kept, conjuncts[i])
		}
	}
	if len(kept) == len(conjuncts) && len(next.Filters) == len(scan.Filters) {
		return f, false
	}
	if len(kept) == 0 {
		return &next, true
	}
	return &Filter{Input: &next, Cond: expr.Conjoin(kept)}, true
}

// toTableColumns rewrites an expression over a scan's output into one over
// the scanned table's full schema, as ScanRequest.Filters wants.
func toTableColumns(e expr.Expr, scan *Scan) expr.Expr {
	return expr.MapColumns(e, func(c *expr.Column) expr.Expr {
		return &expr.Column{Index: scan.Columns[c.Index], Name: c.Name, Typ: c.Typ}
	})
}
