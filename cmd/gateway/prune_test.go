package main

import (
	"strings"
	"testing"
)

// TestExplainShowsRowGroupsChosen: a point lookup on the sorted users file
// reads one of its four row groups, a range skips a file of a folder
// whole, and the pruned queries answer as the whole scan does.
func TestExplainShowsRowGroupsChosen(t *testing.T) {
	f := gateway(t)
	conn := f.connect(t)
	cases := []struct {
		query, line string
	}{
		{"SELECT \"Username\" FROM dfs.data.`users.parquet` WHERE \"UserID\" = 42",
			"files=1 row_groups=1/4 (pruned by statistics: 3, by dictionary: 0)"},
		{"SELECT \"Username\" FROM s3.warehouse.`users.parquet` WHERE \"UserID\" = 42",
			"files=1 row_groups=1/4 (pruned by statistics: 3, by dictionary: 0)"},
		{"SELECT count(*) FROM dfs.data.`sales_by_year` WHERE \"UserID\" > 50",
			"files=1/2 (pruned whole: 1) row_groups=1/2 (pruned by statistics: 1, by dictionary: 0)"},
		{"SELECT \"UserID\" FROM dfs.data.`users.parquet` WHERE \"UserID\" BETWEEN 25 AND 35 OR \"UserID\" IN (99, 1000)",
			"files=1 row_groups=3/4 (pruned by statistics: 1, by dictionary: 0)"},
		{"SELECT \"UserID\" FROM dfs.data.`users.parquet` WHERE \"UserID\" + 1 = 42",
			"files=1 row_groups=4/4 (pruned by statistics: 0, by dictionary: 0)"},
	}
	for _, c := range cases {
		plan := strings.Join(cells(mustText(t, conn, "EXPLAIN "+c.query), 0), "\n")
		if !strings.Contains(plan, c.line) {
			t.Errorf("%s: plan\n%s", c.query, plan)
		}
	}
	pruned := mustText(t, conn, "SELECT \"UserID\", \"Username\" FROM dfs.data.`users.parquet` WHERE \"UserID\" >= 55 AND \"UserID\" < 65 ORDER BY 1")
	whole := mustText(t, conn, "SELECT \"UserID\", \"Username\" FROM dfs.data.`users.parquet` WHERE \"UserID\" + 0 >= 55 AND \"UserID\" + 0 < 65 ORDER BY 1")
	if pruned.String() != whole.String() || len(pruned.Rows) != 10 {
		t.Errorf("pruned:\n%s\nwhole:\n%s", pruned, whole)
	}
	r := mustText(t, conn, "EXPLAIN SELECT count(*), count(email), min(\"UserID\"), max(\"Username\") FROM dfs.data.`users.parquet`")
	if plan := strings.Join(cells(r, 0), "\n"); !strings.Contains(plan, "MetadataAggregate dfs.data.users.parquet") {
		t.Errorf("count plan:\n%s", plan)
	}
	footers := mustText(t, conn, "SELECT count(*), count(email), min(\"UserID\"), max(\"Username\") FROM dfs.data.`users.parquet`")
	rows := mustText(t, conn, "SELECT count(*), count(email), min(\"UserID\"), max(\"Username\") FROM dfs.data.`users.parquet` WHERE \"UserID\" + 0 > 0")
	if footers.String() != rows.String() || footers.Rows[0][0] == nil || *footers.Rows[0][0] != "100" {
		t.Errorf("from footers:\n%s\nfrom rows:\n%s", footers, rows)
	}
}
