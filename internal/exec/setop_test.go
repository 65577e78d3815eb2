package exec

import (
	"context"
	"testing"

	"auger/internal/sqlstate"
)

func TestSetOpFailsPastTheBudget(t *testing.T) {
	for _, intersect := range []bool{true, false} {
		budget := NewBudget(64 << 10)
		ctx := WithBudget(context.Background(), budget)
		_, err := runOperator(ctx, NewSetOp(numbers(10, 10, 10), numbers(50000, 50000, 8192), intersect, false))
		if sqlstate.Code(err) != sqlstate.OutOfMemory {
			t.Errorf("intersect=%v past the budget: %v", intersect, err)
		}
		rows, err := runOperator(ctx, NewSetOp(numbers(100, 100, 30), numbers(50, 50, 20), intersect, true))
		if err != nil || len(rows) != 50 {
			t.Errorf("intersect=%v within the budget: %d rows, %v", intersect, len(rows), err)
		}
		if budget.Used() != 0 {
			t.Errorf("the budget still has %d bytes reserved", budget.Used())
		}
	}
}
