package parquet

import (
	"context"
	"fmt"
	"strings"

	"auger/internal/catalog"
	"auger/internal/expr"
)

var _ catalog.ScanExplainer = (*table)(nil)

// pruneCounts add up the row-group choices of a scan's files.
type pruneCounts struct {
	files, filesSkipped      int64 // files read, files every row group of which was skipped
	groups, byStats, byDicts int64 // row groups read, skipped by statistics, by dictionaries
	totalGroups              int64
}

func (c *pruneCounts) add(choice rowGroupChoice) {
	if len(choice.groups) == 0 && choice.total > 0 {
		c.filesSkipped++
	} else {
		c.files++
	}
	c.groups += int64(len(choice.groups))
	c.byStats += int64(choice.byStats)
	c.byDicts += int64(choice.byDicts)
	c.totalGroups += int64(choice.total)
}

// scanStats is the part of catalog.ScanStats that pruning counts.
func (c pruneCounts) scanStats() catalog.ScanStats {
	return catalog.ScanStats{Files: c.files, FilesSkipped: c.filesSkipped,
		RowGroups: c.groups, RowGroupsSkipped: c.byStats + c.byDicts}
}

// line renders the counts for EXPLAIN.
func (c pruneCounts) line() string {
	files := c.files + c.filesSkipped
	s := fmt.Sprintf("files=%d", c.files)
	if c.filesSkipped > 0 {
		s = fmt.Sprintf("files=%d/%d (pruned whole: %d)", c.files, files, c.filesSkipped)
	}
	return s + fmt.Sprintf(" row_groups=%d/%d (pruned by statistics: %d, by dictionary: %d)",
		c.groups, c.totalGroups, c.byStats, c.byDicts)
}

// ExplainScan implements catalog.ScanExplainer: it picks the files by
// the filters over implicit columns, reads the footers of those it keeps
// and makes the scan's row-group choices, and shows them with the filters
// they used.
func (t *table) ExplainScan(ctx context.Context, req catalog.ScanRequest) ([]string, error) {
	byPath, others := pathFilters(req.Filters, t.schema.NumFields())
	files, err := t.selectFiles(ctx, byPath, t.schema.NumFields())
	if err != nil {
		return nil, err
	}
	var counts pruneCounts
	for _, info := range files {
		pf, err := t.openFooter(ctx, info)
		if err != nil {
			return nil, err
		}
		counts.add(chooseRowGroups(pf, others))
		pf.release()
	}
	var lines []string
	if len(byPath) > 0 {
		lines = append(lines, pathPruning(len(files), len(t.files), byPath))
	}
	lines = append(lines, counts.line())
	if used := t.pruningFilters(others); used != "" {
		lines = append(lines, "pruning filters: "+used)
	}
	return lines, nil
}

// pruningFilters lists the filters row-group pruning can use.
func (t *table) pruningFilters(filters []expr.Expr) string {
	var used []string
	for _, f := range filters {
		if usableFilter(f, t.pruning) {
			used = append(used, f.String())
		}
	}
	return strings.Join(used, ", ")
}

// openFooter opens a file for its footer alone (EXPLAIN, metadata answers),
// counting nothing.
func (t *table) openFooter(ctx context.Context, info FileInfo) (*parquetFile, error) {
	return t.open(ctx, info, &scanStats{}, batchRows)
}
