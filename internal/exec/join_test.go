package exec

import (
	"context"
	"errors"
	"io"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/arrow/scalar"

	"auger/internal/catalog"
	"auger/internal/expr"
	"auger/internal/sqlstate"
)

var numberSchema = arrow.NewSchema([]arrow.Field{
	{Name: "n", Type: arrow.PrimitiveTypes.Int64},
	{Name: "k", Type: arrow.PrimitiveTypes.Int64},
}, nil)

// numbers yields n = 0..count-1 with k = n % mod, in batches of batchRows.
func numbers(count, mod, batchRows int) Operator { return numbersWithNulls(count, mod, 0, batchRows) }

// numbersWithNulls is numbers with k NULL in every nullEvery-th row (none
// for 0).
func numbersWithNulls(count, mod, nullEvery, batchRows int) Operator {
	var batches []arrow.RecordBatch
	for start := 0; start < count || len(batches) == 0; start += batchRows {
		b := array.NewRecordBuilder(memory.DefaultAllocator, numberSchema)
		for i := start; i < min(start+batchRows, count); i++ {
			b.Field(0).(*array.Int64Builder).Append(int64(i))
			if nullEvery > 0 && i%nullEvery == 0 {
				b.Field(1).AppendNull()
			} else {
				b.Field(1).(*array.Int64Builder).Append(int64(i % mod))
			}
		}
		batches = append(batches, b.NewRecordBatch())
		b.Release()
	}
	return catalog.NewSliceReader(batches...)
}

var joinedNumbers = arrow.NewSchema(append(numberSchema.Fields(), numberSchema.Fields()...), nil)

func numberColumn(i int) *expr.Column {
	return &expr.Column{Index: i, Name: joinedNumbers.Field(i).Name, Typ: arrow.PrimitiveTypes.Int64}
}

// joinStats drains a join and counts its rows, its largest batch and the
// rows whose right side is NULL.
func joinStats(ctx context.Context, t *testing.T, op Operator) (rows, largest, rightNulls int64, err error) {
	t.Helper()
	defer op.Close()
	for {
		b, err := op.Next(ctx)
		if errors.Is(err, io.EOF) {
			return rows, largest, rightNulls, nil
		}
		if err != nil {
			return rows, largest, rightNulls, err
		}
		rows, largest = rows+b.NumRows(), max(largest, b.NumRows())
		rightNulls += int64(b.Column(2).NullN())
		b.Release()
	}
}

// TestHashJoinBoundsItsBatches joins inputs whose every row matches many:
// the output comes in batches of at most joinBatchRows, also for left rows
// whose matches span batches.
func TestHashJoinBoundsItsBatches(t *testing.T) {
	keys := []expr.Expr{numberColumn(1)}
	cases := []struct {
		name             string
		kind             JoinKind
		residual         expr.Expr
		rows, rightNulls int64
	}{
		// 1200 rows on each side, k in 0..2: every left row matches 400.
		{"inner", InnerJoin, nil, 480_000, 0},
		// Only the right rows with n < 2: left rows with k = 2 match none.
		{"left with a residual", LeftJoin, &expr.Compare{Op: expr.Lt, Left: numberColumn(2), Right: &expr.Literal{Value: scalar.NewInt64Scalar(2)}}, 800 + 400, 400},
	}
	for _, c := range cases {
		op := NewHashJoin(numbers(1200, 3, 700), numbers(1200, 3, 500), c.kind, keys, keys, c.residual, joinedNumbers)
		rows, largest, nulls, err := joinStats(context.Background(), t, op)
		if err != nil {
			t.Fatal(err)
		}
		if rows != c.rows || nulls != c.rightNulls || largest > joinBatchRows {
			t.Errorf("%s: %d rows (%d with NULLs on the right), largest batch %d", c.name, rows, nulls, largest)
		}
	}
	cross := NewHashJoin(numbers(1000, 1, 1000), numbers(900, 1, 900), InnerJoin, nil, nil, nil, joinedNumbers)
	rows, largest, _, err := joinStats(context.Background(), t, cross)
	if err != nil || rows != 900_000 || largest > joinBatchRows {
		t.Errorf("cross join: %d rows, largest batch %d, %v", rows, largest, err)
	}
	// Every left row matches 400 right rows, over many batches of candidates:
	// a semi join keeps each once, an anti join none.
	for kind, want := range map[JoinKind]int64{SemiJoin: 1200, AntiJoin: 0} {
		op := NewHashJoin(numbers(1200, 3, 700), numbers(1200, 3, 500), kind, keys, keys, nil, numberSchema)
		rows, err := runOperator(context.Background(), op)
		if err != nil || int64(len(rows)) != want {
			t.Errorf("%s join: %d rows, %v", kind, len(rows), err)
		}
	}
	right := NewHashJoin(numbers(10, 10, 10), numbers(20000, 20000, 4000), RightJoin, keys, keys, nil, joinedNumbers)
	rows, largest, _, err = joinStats(context.Background(), t, right)
	if err != nil || rows != 20000 || largest > joinBatchRows {
		t.Errorf("right join: %d rows, largest batch %d, %v", rows, largest, err)
	}
}

// TestCrossJoinFailsPastTheBudget holds a build side without keys beyond
// the budget: it cannot be split, so the query fails with 53200.
func TestCrossJoinFailsPastTheBudget(t *testing.T) {
	budget := NewBudget(64 << 10)
	ctx := WithBudget(context.Background(), budget)
	op := NewHashJoin(numbers(10, 10, 10), numbers(100000, 100000, 8192), InnerJoin, nil, nil, nil, joinedNumbers)
	_, _, _, err := joinStats(ctx, t, op)
	if sqlstate.Code(err) != sqlstate.OutOfMemory {
		t.Errorf("a build side past the budget: %v", err)
	}
	if budget.Used() != 0 {
		t.Errorf("the budget still has %d bytes reserved", budget.Used())
	}
	keys := []expr.Expr{numberColumn(1)}
	small := NewHashJoin(numbers(10, 10, 10), numbers(100, 100, 50), InnerJoin, keys, keys, nil, joinedNumbers)
	if rows, _, _, err := joinStats(ctx, t, small); err != nil || rows != 10 {
		t.Errorf("a join within the budget: %d rows, %v", rows, err)
	}
}

// TestGraceJoin joins inputs whose build side is far beyond the budget,
// of every kind, with NULL keys and a residual condition: the rows are
// those of the join in memory, and the parts on disk are gone afterwards.
func TestGraceJoin(t *testing.T) {
	keys := []expr.Expr{numberColumn(1)}
	residual := &expr.Compare{Op: expr.Lt, Left: numberColumn(0), Right: numberColumn(2)}
	join := func(kind JoinKind) Operator {
		schema := joinedNumbers
		if kind.LeftOnly() {
			schema = numberSchema
		}
		return NewHashJoin(numbersWithNulls(2000, 500, 7, 300), numbersWithNulls(3000, 500, 5, 400), kind, keys, keys, residual, schema)
	}
	for _, kind := range []JoinKind{InnerJoin, LeftJoin, RightJoin, FullJoin, SemiJoin, AntiJoin} {
		want, err := runOperator(context.Background(), join(kind))
		if err != nil {
			t.Fatal(err)
		}
		ctx, budget, space := queryContext(t, 16<<10)
		got, err := runOperator(ctx, join(kind))
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s: %d rows, want %d", kind, len(got), len(want))
		}
		if space.Written() == 0 {
			t.Errorf("%s: nothing was written to disk", kind)
		}
		assertReleased(t, budget, space)
	}
}

// TestGraceJoinOfOneKeyFails joins rows that all have the same key: no
// split makes the build side smaller, and the join fails with 53200.
func TestGraceJoinOfOneKeyFails(t *testing.T) {
	keys := []expr.Expr{numberColumn(1)}
	ctx, budget, space := queryContext(t, 16<<10)
	_, err := runOperator(ctx, NewHashJoin(numbers(10, 1, 10), numbers(5000, 1, 1000), InnerJoin, keys, keys, nil, joinedNumbers))
	if sqlstate.Code(err) != sqlstate.OutOfMemory {
		t.Errorf("a join of one key past the budget: %v", err)
	}
	assertReleased(t, budget, space)
}

// TestHashJoinStopsWhenCanceled cancels a cross join of a billion pairs
// after its first batch.
func TestHashJoinStopsWhenCanceled(t *testing.T) {
	budget := NewBudget(0)
	ctx, cancel := context.WithCancel(WithBudget(context.Background(), budget))
	op := NewHashJoin(numbers(100000, 1, 8192), numbers(10000, 1, 8192), InnerJoin, nil, nil, nil, joinedNumbers)
	defer op.Close()
	b, err := op.Next(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b.Release()
	cancel()
	if _, err := op.Next(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Next after cancel: %v", err)
	}
	op.Close()
	if budget.Used() != 0 {
		t.Errorf("the budget still has %d bytes reserved", budget.Used())
	}
}
