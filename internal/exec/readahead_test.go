package exec

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// countingOperator yields batches of one int64 holding 0, 1, 2, ... below
// n, then io.EOF; it panics at panicAt when that is not negative.
type countingOperator struct {
	mem     memory.Allocator
	next, n int64
	panicAt int64
	closed  bool
}

var oneInt = arrow.NewSchema([]arrow.Field{{Name: "i", Type: arrow.PrimitiveTypes.Int64}}, nil)

func (c *countingOperator) Schema() *arrow.Schema { return oneInt }
func (c *countingOperator) Close() error          { c.closed = true; return nil }
func (c *countingOperator) Next(context.Context) (arrow.RecordBatch, error) {
	if c.next == c.panicAt {
		panic("broken operator")
	}
	if c.next == c.n {
		return nil, io.EOF
	}
	b := array.NewInt64Builder(c.mem)
	defer b.Release()
	b.Append(c.next)
	c.next++
	col := b.NewArray()
	defer col.Release()
	return array.NewRecordBatch(oneInt, []arrow.Array{col}, 1), nil
}

func TestReadAheadKeepsOrderAndReleasesOnClose(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	input := &countingOperator{mem: mem, n: 50, panicAt: -1}
	ahead := NewReadAhead(input)
	for want := int64(0); want < 10; want++ {
		b, err := ahead.Next(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if got := b.Column(0).(*array.Int64).Value(0); got != want {
			t.Fatalf("batch %d holds %d", want, got)
		}
		b.Release()
	}
	if err := ahead.Close(); err != nil || !input.closed {
		t.Fatalf("close: %v, input closed %v", err, input.closed)
	}
	mem.AssertSize(t, 0)
}

func TestReadAheadEndsAndTurnsPanicsIntoErrors(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	for _, c := range []struct {
		panicAt int64
		last    func(error) bool
	}{
		{-1, func(err error) bool { return errors.Is(err, io.EOF) }},
		{2, func(err error) bool { return err != nil && !errors.Is(err, io.EOF) }},
	} {
		ahead := NewReadAhead(&countingOperator{mem: mem, n: 3, panicAt: c.panicAt})
		var err error
		for err == nil {
			var b arrow.RecordBatch
			if b, err = ahead.Next(context.Background()); b != nil {
				b.Release()
			}
		}
		if _, again := ahead.Next(context.Background()); !errors.Is(again, err) {
			t.Errorf("after the end: %v, want %v again", again, err)
		}
		ahead.Close()
		if !c.last(err) {
			t.Errorf("panic at %d: ended with %v", c.panicAt, err)
		}
	}
	mem.AssertSize(t, 0)
}
