package planner

import "auger/internal/expr"

// groupDependents adds to the groups the FROM columns that es read outside
// aggregate calls and that are functionally dependent on the groups: as in
// PostgreSQL, every column of a base table whose primary-key columns are
// all grouped (as plain columns, in every grouping set) has one value per
// group. A column added to the groups is in every set, so the groups and
// the sets stay as they were.
func (c *aggCollector) groupDependents(es []expr.Expr) {
	for _, e := range es {
		if e != nil {
			c.addDependents(e)
		}
	}
}

// addDependents adds the dependent columns e reads to the groups.
func (c *aggCollector) addDependents(e expr.Expr) {
	if _, ok := e.(*aggPlaceholder); ok || c.groupIndex(e) >= 0 {
		return
	}
	if col, ok := e.(*expr.Column); ok {
		if c.keyGrouped(col.Index) {
			c.groups = append(c.groups, col)
			for i, set := range c.sets {
				c.sets[i] = append(append([]int{}, set...), len(c.groups)-1)
			}
		}
		return
	}
	for _, ch := range expr.Children(e) {
		c.addDependents(ch)
	}
}

// groupIndex is the position of e among the groups, -1 if it is none.
func (c *aggCollector) groupIndex(e expr.Expr) int {
	text := expr.Fingerprint(e)
	for i, g := range c.groups {
		if expr.Fingerprint(g) == text {
			return i
		}
	}
	return -1
}

// keyGrouped tells whether the FROM column at index belongs to a base
// table whose primary-key columns are all grouped in every grouping set.
func (c *aggCollector) keyGrouped(index int) bool {
	for _, t := range c.input.tables {
		if index < t.start || index >= t.start+t.count {
			continue
		}
		if len(t.key) == 0 {
			return false
		}
		for _, k := range t.key {
			if !c.groupedInEverySet(t.start + k) {
				return false
			}
		}
		return true
	}
	return false
}

// groupedInEverySet tells whether the FROM column at index, as a plain
// column (or a USING join's merged column that is it), is a group of every
// grouping set.
func (c *aggCollector) groupedInEverySet(index int) bool {
	for i, g := range c.groups {
		if col, ok := g.(*expr.Column); ok && c.input.sameColumn(col.Index) == index && c.inEverySet(i) {
			return true
		}
	}
	return false
}

// sameColumn is the scope column the one at index is: the column a USING
// join's merged column repeats (through nested USING joins), else index
// itself.
func (sc *scope) sameColumn(index int) int {
	for _, t := range sc.tables {
		if index >= t.start && index < t.start+len(t.sameAs) && t.sameAs[index-t.start] >= 0 {
			return sc.sameColumn(t.start + t.sameAs[index-t.start])
		}
	}
	return index
}

// inEverySet tells whether the group at position i is in every grouping set.
func (c *aggCollector) inEverySet(i int) bool {
	for _, set := range c.sets {
		found := false
		for _, p := range set {
			found = found || p == i
		}
		if !found {
			return false
		}
	}
	return true
}
