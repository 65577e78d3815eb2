package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
)

// accumulatorFrame computes, over window frames, an aggregate that has no
// frame aggregate of its own (the variances, the bitwise aggregates) with
// the Accumulator the hash aggregation uses: each emitted row is a group
// of its own, fed the rows of its frame. The (row, group) pairs are
// gathered and folded in a column at a time.
type accumulatorFrame struct {
	acc     Accumulator
	arg     arrow.Array // nil for count(*)
	frame   []int64     // the rows of the current frame
	rows    []int64     // gathered rows not yet folded in
	groups  []int32     // the group (output row) of each gathered row
	emitted int
	err     error
}

// frameFlushRows is how many gathered rows are folded in at a time.
const frameFlushRows = 1 << 16

func newAccumulatorFrame(f WindowFunc, arg arrow.Array) (frameAggregate, error) {
	var argType arrow.DataType
	if arg != nil {
		argType = arg.DataType()
	}
	acc, err := accumulatorFor(f.Name, f.Sep, argType, f.Typ)
	if err != nil {
		return nil, err
	}
	return &accumulatorFrame{acc: acc, arg: arg}, nil
}

func (a *accumulatorFrame) add(row int)     { a.frame = append(a.frame, int64(row)) }
func (a *accumulatorFrame) remove(int) bool { return false }
func (a *accumulatorFrame) reset()          { a.frame = a.frame[:0] }

// emit gathers the current frame's rows for the next output row.
func (a *accumulatorFrame) emit() {
	for _, r := range a.frame {
		a.rows = append(a.rows, r)
		a.groups = append(a.groups, int32(a.emitted))
	}
	a.emitted++
	if len(a.rows) >= frameFlushRows && a.err == nil {
		a.err = a.flush(context.Background())
	}
}

// flush folds the gathered rows into their groups.
func (a *accumulatorFrame) flush(ctx context.Context) error {
	a.acc.Resize(a.emitted)
	var values arrow.Array
	if a.arg != nil {
		var err error
		if values, err = takeArray(ctx, a.arg, a.rows); err != nil {
			return err
		}
		defer values.Release()
	}
	err := a.acc.Update(a.groups, values)
	a.rows, a.groups = a.rows[:0], a.groups[:0]
	return err
}

func (a *accumulatorFrame) finish(ctx context.Context) (arrow.Array, error) {
	if a.err == nil {
		a.err = a.flush(ctx)
	}
	if a.err != nil {
		return nil, a.err
	}
	return a.acc.Result()
}

func (a *accumulatorFrame) release() {}
