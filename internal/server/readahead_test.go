package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// countingOperator yields batches of one int64 holding 0, 1, 2, ... up to
// n, then io.EOF; it panics at panicAt when that is not negative.
type countingOperator struct {
	mem     memory.Allocator
	next, n int64
	panicAt int64
}

var oneInt = arrow.NewSchema([]arrow.Field{{Name: "i", Type: arrow.PrimitiveTypes.Int64}}, nil)

func (c *countingOperator) Schema() *arrow.Schema { return oneInt }
func (c *countingOperator) Close() error          { return nil }
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

func TestReadAheadKeepsOrderAndReleasesOnStop(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	op := &countingOperator{mem: mem, n: 50, panicAt: -1}
	ahead := startReadAhead(context.Background(), op, slog.New(slog.DiscardHandler))
	for want := int64(0); want < 10; want++ {
		b, err := ahead.next()
		if err != nil {
			t.Fatal(err)
		}
		if got := b.Column(0).(*array.Int64).Value(0); got != want {
			t.Fatalf("batch %d holds %d", want, got)
		}
		b.Release()
	}
	ahead.stop()
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
		ahead := startReadAhead(context.Background(), &countingOperator{mem: mem, n: 3, panicAt: c.panicAt}, slog.New(slog.DiscardHandler))
		var err error
		for err == nil {
			var b arrow.RecordBatch
			if b, err = ahead.next(); b != nil {
				b.Release()
			}
		}
		ahead.stop()
		if !c.last(err) {
			t.Errorf("panic at %d: ended with %v", c.panicAt, err)
		}
	}
	mem.AssertSize(t, 0)
}
