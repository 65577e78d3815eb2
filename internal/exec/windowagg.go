package exec

import (
	"context"
	"fmt"
	"math/big"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/types"
)

// frameAggregate is an aggregate over a window frame that moves forward:
// rows enter with add and leave with remove, which reports false when the
// aggregate cannot take a row back out (PostgreSQL has no inverse
// transition for it), so that the frame is aggregated anew. NULL arguments
// are skipped by each aggregate.
type frameAggregate interface {
	add(row int)
	remove(row int) bool
	reset()
	// emit records the aggregate of the rows added so far as the value
	// of the next row.
	emit()
	finish(ctx context.Context) (arrow.Array, error)
	release()
}

// aggregateEvaluator computes an aggregate over each row's frame: one pass
// per partition while the frame only grows or slides, adding the rows
// that enter and removing those that leave; with an exclusion, the frame
// of every row anew, as PostgreSQL does.
type aggregateEvaluator struct {
	agg   frameAggregate
	frame *frameCursor
	spans []rowSpan
}

func newAggregateEvaluator(f WindowFunc, args []arrow.Array, in frameInput) (windowEvaluator, error) {
	frame, err := newFrameCursor(in, f.Frame)
	if err != nil {
		return nil, err
	}
	var arg arrow.Array
	if len(args) > 0 {
		arg = args[0]
	}
	agg, err := newFrameAggregate(f, arg)
	if err != nil {
		return nil, err
	}
	return &aggregateEvaluator{agg: agg, frame: frame}, nil
}

func (a *aggregateEvaluator) partition(p windowPartition) error {
	a.frame.reset(p)
	a.agg.reset()
	lo, hi := p.start, p.start // the rows aggregated now
	for i := p.start; i < p.end; i++ {
		start, end, err := a.frame.bounds(i)
		if err != nil {
			return err
		}
		if a.frame.frame.Exclude != ExcludeNoOthers {
			a.aggregateSpans(i, start, end)
			continue
		}
		if start >= hi {
			a.agg.reset()
			lo, hi = start, start
		}
		for ; lo < start; lo++ {
			if !a.agg.remove(lo) {
				a.agg.reset()
				lo, hi = start, start
				break
			}
		}
		for ; hi < end; hi++ {
			a.agg.add(hi)
		}
		a.agg.emit()
	}
	return nil
}

// aggregateSpans aggregates the frame of row i, exclusion applied.
func (a *aggregateEvaluator) aggregateSpans(i, start, end int) {
	a.agg.reset()
	a.spans = a.frame.spans(i, start, end, a.spans)
	for _, s := range a.spans {
		for r := s.from; r < s.to; r++ {
			a.agg.add(r)
		}
	}
	a.agg.emit()
}

func (a *aggregateEvaluator) finish(ctx context.Context) (arrow.Array, error) {
	return a.agg.finish(ctx)
}
func (a *aggregateEvaluator) release() { a.agg.release() }

// newFrameAggregate picks the aggregate for a call; the planner has typed
// it (aggResultType) and checked its argument.
func newFrameAggregate(f WindowFunc, arg arrow.Array) (frameAggregate, error) {
	switch f.Name {
	case "count":
		return &countAggregate{arg: arg, out: array.NewInt64Builder(memory.DefaultAllocator)}, nil
	case "min", "max":
		return &extremeAggregate{arg: arg, largest: f.Name == "max", compare: valueCompare(arg)}, nil
	case "bool_and", "bool_or":
		return &boolAggregate{arg: arg.(*array.Boolean), and: f.Name == "bool_and",
			out: array.NewBooleanBuilder(memory.DefaultAllocator)}, nil
	case "string_agg":
		return &stringAggregate{arg: arg.(*array.String), sep: f.Sep, out: array.NewStringBuilder(memory.DefaultAllocator)}, nil
	case "sum", "avg":
		switch arg.(type) {
		case *array.Float32, *array.Float64:
			return &floatAggregate{arg: floatReader(arg), valid: arg, avg: f.Name == "avg", inReal: f.Typ.ID() == arrow.FLOAT32,
				out: array.NewBuilder(memory.DefaultAllocator, f.Typ)}, nil
		}
		if reader, scale, ok := fixedReader(arg); ok {
			return &fixedAggregate{read: reader, scale: scale, valid: arg, avg: f.Name == "avg", typ: f.Typ,
				out: array.NewBuilder(memory.DefaultAllocator, storageOfType(f.Typ))}, nil
		}
		return newExactAggregate(f, arg)
	}
	return newAccumulatorFrame(f, arg)
}

// countAggregate is count(*) (arg nil) or count(x).
type countAggregate struct {
	arg arrow.Array
	n   int64
	out *array.Int64Builder
}

func (c *countAggregate) counts(row int) bool { return c.arg == nil || !c.arg.IsNull(row) }

func (c *countAggregate) add(row int) {
	if c.counts(row) {
		c.n++
	}
}

func (c *countAggregate) remove(row int) bool {
	if c.counts(row) {
		c.n--
	}
	return true
}

func (c *countAggregate) reset()                                      { c.n = 0 }
func (c *countAggregate) emit()                                       { c.out.Append(c.n) }
func (c *countAggregate) finish(context.Context) (arrow.Array, error) { return c.out.NewArray(), nil }
func (c *countAggregate) release()                                    { c.out.Release() }

// extremeAggregate is min or max over a sliding frame, kept as a queue of
// the rows that can still become the extreme (each better than the ones
// after it), so that each row enters and leaves once. Among equal values
// the latest wins, as PostgreSQL's smaller and larger functions keep their
// second argument.
type extremeAggregate struct {
	arg       arrow.Array
	largest   bool
	compare   func(i, j int) int
	queue     []int
	positions []int64
}

func (e *extremeAggregate) add(row int) {
	if e.arg.IsNull(row) {
		return
	}
	for len(e.queue) > 0 {
		c := e.compare(e.queue[len(e.queue)-1], row)
		if (e.largest && c > 0) || (!e.largest && c < 0) {
			break
		}
		e.queue = e.queue[:len(e.queue)-1]
	}
	e.queue = append(e.queue, row)
}

func (e *extremeAggregate) remove(row int) bool {
	if len(e.queue) > 0 && e.queue[0] == row {
		e.queue = e.queue[1:]
	}
	return true
}

func (e *extremeAggregate) reset() { e.queue = e.queue[:0] }

func (e *extremeAggregate) emit() {
	if len(e.queue) == 0 {
		e.positions = append(e.positions, -1)
		return
	}
	e.positions = append(e.positions, int64(e.queue[0]))
}

func (e *extremeAggregate) finish(ctx context.Context) (arrow.Array, error) {
	return takeColumn(ctx, e.arg, e.positions)
}

func (e *extremeAggregate) release() {}

// boolAggregate is bool_and or bool_or, by counting true and false values.
type boolAggregate struct {
	arg           *array.Boolean
	and           bool
	trues, falses int64
	out           *array.BooleanBuilder
}

func (b *boolAggregate) step(row int, by int64) {
	switch {
	case b.arg.IsNull(row):
	case b.arg.Value(row):
		b.trues += by
	default:
		b.falses += by
	}
}

func (b *boolAggregate) add(row int)         { b.step(row, 1) }
func (b *boolAggregate) remove(row int) bool { b.step(row, -1); return true }
func (b *boolAggregate) reset()              { b.trues, b.falses = 0, 0 }

func (b *boolAggregate) emit() {
	switch {
	case b.trues+b.falses == 0:
		b.out.AppendNull()
	case b.and:
		b.out.Append(b.falses == 0)
	default:
		b.out.Append(b.trues > 0)
	}
}

func (b *boolAggregate) finish(context.Context) (arrow.Array, error) { return b.out.NewArray(), nil }
func (b *boolAggregate) release()                                    { b.out.Release() }

// stringAggregate is string_agg: the values in frame order, joined.
type stringAggregate struct {
	arg   *array.String
	sep   string
	text  []byte
	empty bool // no value added yet
	out   *array.StringBuilder
}

func (s *stringAggregate) add(row int) {
	if s.arg.IsNull(row) {
		return
	}
	if !s.empty {
		s.text = append(s.text, s.sep...)
	}
	s.text = append(s.text, s.arg.Value(row)...)
	s.empty = false
}

func (s *stringAggregate) remove(int) bool { return false }
func (s *stringAggregate) reset()          { s.text, s.empty = s.text[:0], true }

func (s *stringAggregate) emit() {
	if s.empty {
		s.out.AppendNull()
		return
	}
	s.out.Append(string(s.text))
}

func (s *stringAggregate) finish(context.Context) (arrow.Array, error) { return s.out.NewArray(), nil }
func (s *stringAggregate) release()                                    { s.out.Release() }

// floatAggregate is sum or avg of floats: added in frame order from the
// frame's first row, as PostgreSQL, which cannot take a float back out of
// a sum, does. sum(real) adds in real precision.
type floatAggregate struct {
	arg    func(i int) float64
	valid  arrow.Array
	avg    bool
	inReal bool
	sum    float64
	n      int64
	out    array.Builder
}

func (f *floatAggregate) add(row int) {
	if f.valid.IsNull(row) {
		return
	}
	v := f.arg(row)
	switch {
	case f.n == 0 && !f.avg:
		f.sum = v
	case f.inReal:
		f.sum = float64(float32(f.sum) + float32(v))
	default:
		f.sum += v
	}
	f.n++
}

func (f *floatAggregate) remove(int) bool { return false }
func (f *floatAggregate) reset()          { f.sum, f.n = 0, 0 }

func (f *floatAggregate) emit() {
	switch {
	case f.n == 0:
		f.out.AppendNull()
	case f.avg:
		f.out.(*array.Float64Builder).Append(f.sum / float64(f.n))
	case f.inReal:
		f.out.(*array.Float32Builder).Append(float32(f.sum))
	default:
		f.out.(*array.Float64Builder).Append(f.sum)
	}
}

func (f *floatAggregate) finish(context.Context) (arrow.Array, error) { return f.out.NewArray(), nil }
func (f *floatAggregate) release()                                    { f.out.Release() }

// fixedAggregate is sum or avg of integers and decimals of one scale, in
// 128-bit integers: exact, without allocating per row.
type fixedAggregate struct {
	read  func(i int) decimal128.Num
	scale int32
	valid arrow.Array
	avg   bool
	typ   arrow.DataType
	sum   decimal128.Num
	n     int64
	out   array.Builder
}

// fixedReader reads integers and Decimal128 values as 128-bit integers of
// the column's scale.
func fixedReader(arr arrow.Array) (func(i int) decimal128.Num, int32, bool) {
	switch a := arr.(type) {
	case *array.Int16:
		return func(i int) decimal128.Num { return decimal128.FromI64(int64(a.Value(i))) }, 0, true
	case *array.Int32:
		return func(i int) decimal128.Num { return decimal128.FromI64(int64(a.Value(i))) }, 0, true
	case *array.Int64:
		return func(i int) decimal128.Num { return decimal128.FromI64(a.Value(i)) }, 0, true
	case *array.Decimal128:
		return a.Value, a.DataType().(*arrow.Decimal128Type).Scale, true
	}
	return nil, 0, false
}

// storageOfType is the type of the builder for a result type: numeric is
// built as its text.
func storageOfType(dt arrow.DataType) arrow.DataType {
	if dt == types.Numeric {
		return arrow.BinaryTypes.String
	}
	return dt
}

func (f *fixedAggregate) add(row int) {
	if !f.valid.IsNull(row) {
		f.sum = f.sum.Add(f.read(row))
		f.n++
	}
}

func (f *fixedAggregate) remove(row int) bool {
	if !f.valid.IsNull(row) {
		f.sum = f.sum.Sub(f.read(row))
		f.n--
	}
	return true
}

func (f *fixedAggregate) reset() { f.sum, f.n = decimal128.Num{}, 0 }

func (f *fixedAggregate) emit() {
	switch {
	case f.n == 0:
		f.out.AppendNull()
	case f.avg:
		sum := types.Decimal{Unscaled: f.sum.BigInt(), Scale: f.scale}
		f.out.(*array.StringBuilder).Append(types.DivDecimal(sum, types.Decimal{Unscaled: big.NewInt(f.n)}).String())
	case f.typ.ID() == arrow.INT64:
		f.out.(*array.Int64Builder).Append(int64(f.sum.LowBits()))
	default:
		f.out.(*array.Decimal128Builder).Append(f.sum)
	}
}

func (f *fixedAggregate) finish(context.Context) (arrow.Array, error) {
	return numericResult(f.out, f.typ), nil
}
func (f *fixedAggregate) release() { f.out.Release() }

// numericResult builds a result array, wrapping numeric text as numeric.
func numericResult(b array.Builder, typ arrow.DataType) arrow.Array {
	arr := b.NewArray()
	if typ != types.Numeric {
		return arr
	}
	defer arr.Release()
	return array.NewExtensionArrayWithStorage(types.Numeric, arr)
}

// exactAggregate is sum or avg of other exact numbers (unconstrained
// numerics, wide decimals), in exact decimals. A numeric sum keeps the
// largest scale of the values in the frame, so the values of each scale
// are counted.
type exactAggregate struct {
	read   func(i int) types.Decimal
	valid  arrow.Array
	avg    bool
	typ    arrow.DataType
	sum    types.Decimal
	n      int64
	scales map[int32]int64
	out    array.Builder
	err    error // the first value the result type cannot hold
}

func newExactAggregate(f WindowFunc, arg arrow.Array) (frameAggregate, error) {
	read, err := decimalReader(arg)
	if err != nil {
		return nil, fmt.Errorf("window %s: %w", f.Name, err)
	}
	e := &exactAggregate{read: read, valid: arg, avg: f.Name == "avg", typ: f.Typ, scales: map[int32]int64{},
		out: array.NewBuilder(memory.DefaultAllocator, storageOfType(f.Typ))}
	e.reset()
	return e, nil
}

func (e *exactAggregate) add(row int) {
	if e.valid.IsNull(row) {
		return
	}
	v := e.read(row)
	e.sum = types.AddDecimal(e.sum, v)
	e.scales[v.Scale]++
	e.n++
}

func (e *exactAggregate) remove(row int) bool {
	if e.valid.IsNull(row) {
		return true
	}
	v := e.read(row)
	e.sum = types.SubDecimal(e.sum, v)
	e.scales[v.Scale]--
	e.n--
	if e.scales[v.Scale] == 0 && v.Scale == e.sum.Scale {
		e.sum = rescaleDown(e.sum, e.largestScale())
	}
	return true
}

// largestScale is the largest scale of the values in the frame.
func (e *exactAggregate) largestScale() int32 {
	largest := int32(0)
	for s, n := range e.scales {
		if n > 0 && s > largest {
			largest = s
		}
	}
	return largest
}

// rescaleDown drops trailing decimals that are zero, down to scale.
func rescaleDown(d types.Decimal, scale int32) types.Decimal {
	if scale >= d.Scale {
		return d
	}
	factor := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.Scale-scale)), nil)
	return types.Decimal{Unscaled: new(big.Int).Quo(d.Unscaled, factor), Scale: scale}
}

func (e *exactAggregate) reset() {
	e.sum, e.n = types.Decimal{Unscaled: new(big.Int)}, 0
	clear(e.scales)
}

func (e *exactAggregate) emit() {
	value := e.sum
	switch {
	case e.n == 0:
		e.out.AppendNull()
		return
	case e.avg:
		value = types.DivDecimal(e.sum, types.Decimal{Unscaled: big.NewInt(e.n)})
	}
	if texts, ok := e.out.(*array.StringBuilder); ok {
		texts.Append(value.String())
		return
	}
	if err := types.AppendNumeric(e.out, value.String()); err != nil && e.err == nil {
		e.err = err
	}
}

func (e *exactAggregate) finish(context.Context) (arrow.Array, error) {
	if e.err != nil {
		return nil, e.err
	}
	return numericResult(e.out, e.typ), nil
}

func (e *exactAggregate) release() { e.out.Release() }
