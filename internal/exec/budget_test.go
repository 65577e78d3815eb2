package exec

import (
	"errors"
	"testing"

	"auger/internal/sqlstate"
)

func TestBudgetReservations(t *testing.T) {
	b := NewBudget(1000)
	sort, join := b.Reserve("sort"), b.Reserve("hash join")
	if err := sort.Grow(600); err != nil {
		t.Fatal(err)
	}
	if join.TryGrow(500) {
		t.Fatal("TryGrow went past the limit")
	}
	err := join.Grow(500)
	var e *sqlstate.Error
	if !errors.As(err, &e) || e.Code != sqlstate.OutOfMemory || e.Message != "out of memory" {
		t.Fatalf("Grow past the limit: %v", err)
	}
	if want := "The hash join needs more than the 400B left of the gateway's memory limit of 1000B (--memory-limit)."; e.Detail != want {
		t.Errorf("detail %q, want %q", e.Detail, want)
	}
	if err := join.Grow(400); err != nil {
		t.Fatal(err)
	}
	sort.Shrink(100)
	if sort.Held() != 500 || b.Used() != 900 {
		t.Errorf("after Shrink: held %d, used %d", sort.Held(), b.Used())
	}
	sort.Release()
	join.Release()
	if b.Used() != 0 {
		t.Errorf("after Release: used %d", b.Used())
	}
}

func TestNilBudgetIsUnlimited(t *testing.T) {
	var b *Budget
	r := b.Reserve("sort")
	if err := r.Grow(1 << 50); err != nil {
		t.Fatal(err)
	}
	r.Release()
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{512: "512B", 2048: "2kB", 64 << 20: "64MB", 3 << 30: "3GB", 1536 << 10: "1.5MB"} {
		if got := FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}
