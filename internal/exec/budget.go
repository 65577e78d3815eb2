package exec

import (
	"context"
	"fmt"
	"sync/atomic"

	"auger/internal/sqlstate"
)

// Budget is the memory that the queries of one gateway may hold in the
// state of their sorts, aggregations and joins (--memory-limit). Operators
// take a Reservation from it and grow that as their state grows; a
// reservation that would take the budget past its limit fails with
// SQLSTATE 53200 (or, for an operator that can spill, tells it to).
type Budget struct {
	limit int64 // bytes; <= 0: unlimited
	used  atomic.Int64
}

// NewBudget returns a budget of limit bytes; zero or less means unlimited.
func NewBudget(limit int64) *Budget { return &Budget{limit: limit} }

// Limit is the budget's size in bytes (0 or less: unlimited).
func (b *Budget) Limit() int64 { return b.limit }

// Used is the memory reserved now, in bytes.
func (b *Budget) Used() int64 { return b.used.Load() }

// tryTake reserves n bytes if that keeps the budget within its limit.
func (b *Budget) tryTake(n int64) bool {
	for {
		used := b.used.Load()
		if b.limit > 0 && used+n > b.limit {
			return false
		}
		if b.used.CompareAndSwap(used, used+n) {
			return true
		}
	}
}

// Reservation is one operator's share of a Budget. It is not safe for
// concurrent use; each operator keeps its own.
type Reservation struct {
	budget *Budget
	owner  string // what holds the memory, for the error message
	held   int64
}

// Reserve starts an empty reservation for owner ("hash aggregate",
// "sort", "hash join"). A nil budget reserves without limit.
func (b *Budget) Reserve(owner string) *Reservation {
	if b == nil {
		b = unlimited
	}
	return &Reservation{budget: b, owner: owner}
}

var unlimited = NewBudget(0)

// Held is the memory the reservation holds, in bytes.
func (r *Reservation) Held() int64 { return r.held }

// TryGrow takes n more bytes if the budget allows it, and tells whether it
// did. Operators that can spill to disk use it to decide when to.
func (r *Reservation) TryGrow(n int64) bool {
	if n <= 0 {
		return true
	}
	if !r.budget.tryTake(n) {
		return false
	}
	r.held += n
	return true
}

// Grow takes n more bytes, or fails with SQLSTATE 53200 (out of memory)
// when the budget has no room left: the query fails, the gateway goes on.
func (r *Reservation) Grow(n int64) error {
	if r.TryGrow(n) {
		return nil
	}
	return &sqlstate.Error{
		Code:    sqlstate.OutOfMemory,
		Message: "out of memory",
		Detail: fmt.Sprintf("The %s needs more than the %s left of the gateway's memory limit of %s (--memory-limit).",
			r.owner, FormatBytes(max(r.budget.limit-r.budget.Used(), 0)), FormatBytes(r.budget.limit)),
	}
}

// Shrink gives back n bytes (at most what is held).
func (r *Reservation) Shrink(n int64) {
	n = min(n, r.held)
	if n <= 0 {
		return
	}
	r.held -= n
	r.budget.used.Add(-n)
}

// Release gives back everything the reservation holds.
func (r *Reservation) Release() { r.Shrink(r.held) }

type budgetKey struct{}

// WithBudget returns a context whose operators reserve memory from b.
func WithBudget(ctx context.Context, b *Budget) context.Context {
	return context.WithValue(ctx, budgetKey{}, b)
}

// BudgetOf is the budget of a query's context; nil (unlimited) when none
// was set.
func BudgetOf(ctx context.Context) *Budget {
	b, _ := ctx.Value(budgetKey{}).(*Budget)
	return b
}

// FormatBytes renders a size as PostgreSQL renders memory settings: 512kB,
// 64MB, 2GB (units of 1024).
func FormatBytes(n int64) string {
	const unit = 1024
	switch {
	case n >= unit*unit*unit && n%(unit*unit*unit) == 0:
		return fmt.Sprintf("%dGB", n/(unit*unit*unit))
	case n >= unit*unit && n%(unit*unit) == 0:
		return fmt.Sprintf("%dMB", n/(unit*unit))
	case n >= unit*unit:
		return fmt.Sprintf("%.1fMB", float64(n)/(unit*unit))
	case n >= unit:
		return fmt.Sprintf("%dkB", n/unit)
	}
	return fmt.Sprintf("%dB", n)
}
