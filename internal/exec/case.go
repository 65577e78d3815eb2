package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
)

// evalCase evaluates a CASE lazily, as PostgreSQL does: each WHEN is tested
// only on the rows no earlier WHEN took, and each result is computed only
// on the rows that take it, so `CASE WHEN x = 0 THEN 0 ELSE 1 / x END`
// never divides by zero.
func evalCase(ctx context.Context, c *expr.Case, batch arrow.RecordBatch) (compute.Datum, error) {
	rows := int(batch.NumRows())
	branch := make([]int, rows) // the branch each row takes; len(Whens) is ELSE
	remaining := make([]int, rows)
	for i := range remaining {
		remaining[i] = i
		branch[i] = len(c.Whens)
	}
	for w, when := range c.Whens {
		taken, err := rowsWhere(ctx, when.Cond, batch, remaining)
		if err != nil {
			return nil, err
		}
		var next []int
		for _, r := range remaining {
			if taken[r] {
				branch[r] = w
			} else {
				next = append(next, r)
			}
		}
		remaining = next
	}
	return caseResults(ctx, c, batch, branch)
}

// rowsWhere evaluates a condition on some rows of a batch and reports
// which of them it holds for (true, not false or NULL).
func rowsWhere(ctx context.Context, cond expr.Expr, batch arrow.RecordBatch, rows []int) (map[int]bool, error) {
	sub, err := selectRows(ctx, batch, rows)
	if err != nil {
		return nil, err
	}
	defer sub.Release()
	arrs, err := evalArgs(ctx, []expr.Expr{cond}, sub)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(arrs)
	out := map[int]bool{}
	mask := arrs[0].(*array.Boolean)
	for i, r := range rows {
		if mask.IsValid(i) && mask.Value(i) {
			out[r] = true
		}
	}
	return out, nil
}

// selectRows takes some rows of a batch, in order.
func selectRows(ctx context.Context, batch arrow.RecordBatch, rows []int) (arrow.RecordBatch, error) {
	positions := make([]int64, len(rows))
	for i, r := range rows {
		positions[i] = int64(r)
	}
	if batch.NumCols() == 0 {
		return array.NewRecordBatch(batch.Schema(), nil, int64(len(rows))), nil
	}
	return takeRows(ctx, batch, positions)
}

// caseResults computes each branch's result on its rows and assembles
// them in row order.
func caseResults(ctx context.Context, c *expr.Case, batch arrow.RecordBatch, branch []int) (compute.Datum, error) {
	results := make([]expr.Expr, 0, len(c.Whens)+1)
	for _, w := range c.Whens {
		results = append(results, w.Then)
	}
	results = append(results, c.Else)
	parts := make([]arrow.Array, 0, len(results))
	defer func() { releaseArrays(parts) }() // it grows below
	positions := make([]int64, len(branch))
	offset := int64(0)
	for b, res := range results {
		var rows []int
		for r, taken := range branch {
			if taken == b {
				positions[r] = offset + int64(len(rows))
				rows = append(rows, r)
			}
		}
		part, err := branchValues(ctx, res, c.Typ, batch, rows)
		if err != nil {
			return nil, err
		}
		parts = append(parts, part)
		offset += int64(len(rows))
	}
	all, err := concat(parts, c.Typ)
	if err != nil {
		return nil, err
	}
	defer all.Release()
	out, err := takeArray(ctx, all, positions)
	if err != nil {
		return nil, err
	}
	defer out.Release()
	return compute.NewDatum(out), nil
}

// branchValues computes one result expression on some rows (NULLs for a
// missing ELSE).
func branchValues(ctx context.Context, res expr.Expr, typ arrow.DataType, batch arrow.RecordBatch, rows []int) (arrow.Array, error) {
	if res == nil {
		return array.MakeArrayOfNull(memory.DefaultAllocator, typ, len(rows)), nil
	}
	sub, err := selectRows(ctx, batch, rows)
	if err != nil {
		return nil, err
	}
	defer sub.Release()
	arrs, err := evalArgs(ctx, []expr.Expr{res}, sub)
	if err != nil {
		return nil, err
	}
	return arrs[0], nil
}
