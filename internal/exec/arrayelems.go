package exec

import (
	"context"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/sqlstate"
	"auger/internal/types"
)

// elementSpace lays an array column's elements and columns of single
// values of the element type end to end in one array, so that elements
// and values compare with one another.
type elementSpace struct {
	col     arrayColumn
	all     arrow.Array
	bases   []int64 // where each value column starts in all
	compare func(i, j int) int
}

func newElementSpace(arr arrow.Array, values ...arrow.Array) (*elementSpace, error) {
	s := &elementSpace{col: newArrayColumn(arr)}
	parts := append([]arrow.Array{s.col.leaf}, values...)
	next := int64(s.col.leaf.Len())
	for _, v := range values {
		s.bases = append(s.bases, next)
		next += int64(v.Len())
	}
	all, err := concat(parts, s.col.leaf.DataType())
	if err != nil {
		return nil, err
	}
	s.all, s.compare = all, valueCompare(all)
	return s, nil
}

func (s *elementSpace) release() { s.all.Release() }

// value is the position in all of row r of value column k.
func (s *elementSpace) value(k, r int) int64 { return s.bases[k] + int64(r) }

// same tells whether two positions hold the same value, NULL the same as
// NULL (IS NOT DISTINCT FROM, as array_position and array_remove match).
func (s *elementSpace) same(p, q int64) bool {
	np, nq := s.all.IsNull(int(p)), s.all.IsNull(int(q))
	if np || nq {
		return np && nq
	}
	return s.compare(int(p), int(q)) == 0
}

// equal tells whether two positions hold equal non-NULL values (as @> and
// && match).
func (s *elementSpace) equal(p, q int64) bool {
	return !s.all.IsNull(int(p)) && !s.all.IsNull(int(q)) && s.compare(int(p), int(q)) == 0
}

// The errors of the functions that take one-dimensional arrays only.
const (
	searchingMultidimensional = "searching for elements in multidimensional arrays is not supported"
	removingMultidimensional  = "removing elements from multidimensional arrays is not supported"
)

// oneDimensional fails with message for an array of more than one
// dimension.
func oneDimensional(v arrayValue, message string) error {
	if len(v.dims) > 1 {
		return sqlstate.New(sqlstate.FeatureNotSupported, "%s", message)
	}
	return nil
}

// arrayPosition is array_position(a, x [, start]): the first position at
// or after start holding x, NULL when none.
func arrayPosition(_ context.Context, args []arrow.Array, _ arrow.DataType) (arrow.Array, error) {
	s, err := newElementSpace(args[0], args[1])
	if err != nil {
		return nil, err
	}
	defer s.release()
	var failure error
	out := intColumn(args[0].Len(), func(r int) (int, bool) {
		start := 1
		if len(args) > 2 {
			if args[2].IsNull(r) {
				failure = sqlstate.New("22004", "initial position must not be null")
				return 0, false
			}
			start = int(args[2].(*array.Int32).Value(r))
		}
		if s.col.list.IsNull(r) || failure != nil {
			return 0, false
		}
		v := s.col.at(r)
		if failure = oneDimensional(v, searchingMultidimensional); failure != nil {
			return 0, false
		}
		for i := max(start, 1) - 1; i < len(v.positions); i++ {
			if s.same(v.positions[i], s.value(0, r)) {
				return i + 1, true
			}
		}
		return 0, false
	})
	if failure != nil {
		out.Release()
		return nil, failure
	}
	return out, nil
}

// arrayPositions is array_positions(a, x): every position holding x.
func arrayPositions(_ context.Context, args []arrow.Array, result arrow.DataType) (arrow.Array, error) {
	s, err := newElementSpace(args[0], args[1])
	if err != nil {
		return nil, err
	}
	defer s.release()
	b := array.NewListBuilder(memory.DefaultAllocator, arrow.PrimitiveTypes.Int32)
	defer b.Release()
	values := b.ValueBuilder().(*array.Int32Builder)
	for r := 0; r < args[0].Len(); r++ {
		if s.col.list.IsNull(r) {
			b.AppendNull()
			continue
		}
		v := s.col.at(r)
		if err := oneDimensional(v, searchingMultidimensional); err != nil {
			return nil, err
		}
		b.Append(true)
		for i, p := range v.positions {
			if s.same(p, s.value(0, r)) {
				values.Append(int32(i + 1))
			}
		}
	}
	return b.NewArray(), nil
}

// arrayRemove is array_remove(a, x): a without the elements equal to x.
func arrayRemove(ctx context.Context, args []arrow.Array, result arrow.DataType) (arrow.Array, error) {
	s, err := newElementSpace(args[0], args[1])
	if err != nil {
		return nil, err
	}
	defer s.release()
	b := newArrayRows(result, s.all)
	for r := 0; r < args[0].Len(); r++ {
		if s.col.list.IsNull(r) {
			b.appendNull()
			continue
		}
		v := s.col.at(r)
		if err := oneDimensional(v, removingMultidimensional); err != nil {
			return nil, err
		}
		var kept []int64
		for _, p := range v.positions {
			if !s.same(p, s.value(0, r)) {
				kept = append(kept, p)
			}
		}
		b.append([]int{len(kept)}, kept)
	}
	return b.build(ctx)
}

// arrayReplace is array_replace(a, from, to).
func arrayReplace(ctx context.Context, args []arrow.Array, result arrow.DataType) (arrow.Array, error) {
	s, err := newElementSpace(args[0], args[1], args[2])
	if err != nil {
		return nil, err
	}
	defer s.release()
	b := newArrayRows(result, s.all)
	for r := 0; r < args[0].Len(); r++ {
		if s.col.list.IsNull(r) {
			b.appendNull()
			continue
		}
		v := s.col.at(r)
		out := make([]int64, len(v.positions))
		for i, p := range v.positions {
			out[i] = p
			if s.same(p, s.value(0, r)) {
				out[i] = s.value(1, r)
			}
		}
		b.append(v.dims, out)
	}
	return b.build(ctx)
}

// arrayAppend is array_append(a, x) and a || x.
func arrayAppend(ctx context.Context, args []arrow.Array, result arrow.DataType) (arrow.Array, error) {
	return withElement(ctx, args[0], args[1], result, false)
}

// arrayPrepend is array_prepend(x, a) and x || a.
func arrayPrepend(ctx context.Context, args []arrow.Array, result arrow.DataType) (arrow.Array, error) {
	return withElement(ctx, args[1], args[0], result, true)
}

// withElement adds x to the end (or the front) of a one-dimensional array;
// a NULL array counts as empty.
func withElement(ctx context.Context, arr, x arrow.Array, result arrow.DataType, front bool) (arrow.Array, error) {
	s, err := newElementSpace(arr, x)
	if err != nil {
		return nil, err
	}
	defer s.release()
	b := newArrayRows(result, s.all)
	for r := 0; r < arr.Len(); r++ {
		var v arrayValue
		if s.col.list.IsValid(r) {
			v = s.col.at(r)
		}
		positions := append(append([]int64{}, v.positions...), s.value(0, r))
		if front {
			positions = append([]int64{s.value(0, r)}, v.positions...)
		}
		b.append([]int{len(positions)}, positions)
	}
	return b.build(ctx)
}

// arrayCat is array_cat(a, b) and a || b for arrays: b's elements after
// a's along the first dimension when both have as many dimensions, else
// the array of fewer dimensions as one more item of the other. A NULL or
// empty array adds nothing.
func arrayCat(ctx context.Context, args []arrow.Array, result arrow.DataType) (arrow.Array, error) {
	cols, source, bases, err := arrayColumns(args)
	if err != nil {
		return nil, err
	}
	defer source.Release()
	_, depthA := types.ArrayElement(args[0].DataType())
	_, depthB := types.ArrayElement(args[1].DataType())
	b := newArrayRows(result, source)
	for r := 0; r < args[0].Len(); r++ {
		if cols[0].list.IsNull(r) && cols[1].list.IsNull(r) {
			b.appendNull()
			continue
		}
		var x, y arrayValue
		if cols[0].list.IsValid(r) {
			x = cols[0].at(r)
		}
		if cols[1].list.IsValid(r) {
			y = cols[1].at(r)
		}
		x.positions, y.positions = offsetPositions(x.positions, bases[0]), offsetPositions(y.positions, bases[1])
		dims, err := catDims(x, y, depthA-depthB)
		if err != nil {
			return nil, err
		}
		b.append(dims, append(x.positions, y.positions...))
	}
	return b.build(ctx)
}

// catDims is the shape of two arrays concatenated; deeper is how many
// more dimensions the first has than the second (-1, 0 or 1).
func catDims(x, y arrayValue, deeper int) ([]int, error) {
	switch {
	case len(y.positions) == 0:
		return x.dims, nil
	case len(x.positions) == 0 && deeper == 0:
		return y.dims, nil
	case len(x.positions) == 0 && deeper > 0:
		return append([]int{1}, y.dims...), nil
	case len(x.positions) == 0:
		return y.dims, nil
	case deeper == 0 && equalDims(x.dims[1:], y.dims[1:]):
		return append([]int{x.dims[0] + y.dims[0]}, x.dims[1:]...), nil
	case deeper > 0 && equalDims(x.dims[1:], y.dims):
		return append([]int{x.dims[0] + 1}, y.dims...), nil
	case deeper < 0 && equalDims(x.dims, y.dims[1:]):
		return append([]int{y.dims[0] + 1}, x.dims...), nil
	}
	detail := "Arrays with differing dimensions are not compatible for concatenation."
	if deeper == 0 {
		detail = "Arrays with differing element dimensions are not compatible for concatenation."
	}
	return nil, &sqlstate.Error{Code: sqlstate.ArraySubscriptError, Message: "cannot concatenate incompatible arrays", Detail: detail}
}

// arrayToString is array_to_string(a, delimiter [, null_string]): the
// elements' text joined, NULL elements left out unless null_string is
// given.
func arrayToString(_ context.Context, args []arrow.Array, _ arrow.DataType) (arrow.Array, error) {
	col := newArrayColumn(args[0])
	delims := args[1].(*array.String)
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	for r := 0; r < args[0].Len(); r++ {
		if col.list.IsNull(r) || delims.IsNull(r) {
			b.AppendNull()
			continue
		}
		var parts []string
		for _, p := range col.at(r).positions {
			switch {
			case col.leaf.IsValid(int(p)):
				parts = append(parts, types.FormatText(col.leaf, int(p), time.UTC))
			case len(args) > 2 && args[2].IsValid(r):
				parts = append(parts, args[2].(*array.String).Value(r))
			}
		}
		b.Append(strings.Join(parts, delims.Value(r)))
	}
	return b.NewArray(), nil
}

// stringToArray is string_to_array(s, delimiter [, null_string]): with a
// NULL delimiter every character is an element, with an empty one the
// whole string; an empty string gives an empty array.
func stringToArray(_ context.Context, args []arrow.Array, _ arrow.DataType) (arrow.Array, error) {
	texts, delims := args[0].(*array.String), args[1].(*array.String)
	b := array.NewListBuilder(memory.DefaultAllocator, arrow.BinaryTypes.String)
	defer b.Release()
	values := b.ValueBuilder().(*array.StringBuilder)
	for r := 0; r < texts.Len(); r++ {
		if texts.IsNull(r) {
			b.AppendNull()
			continue
		}
		b.Append(true)
		for _, part := range splitForArray(texts.Value(r), delims, r) {
			if len(args) > 2 && args[2].IsValid(r) && part == args[2].(*array.String).Value(r) {
				values.AppendNull()
			} else {
				values.Append(part)
			}
		}
	}
	return b.NewArray(), nil
}

func splitForArray(s string, delims *array.String, r int) []string {
	switch {
	case s == "":
		return nil
	case delims.IsNull(r):
		return strings.Split(s, "")
	case delims.Value(r) == "":
		return []string{s}
	}
	return strings.Split(s, delims.Value(r))
}

// arrayContains is a @> b: every element of b is an element of a (a NULL
// element matches nothing).
func arrayContains(_ context.Context, args []arrow.Array, _ arrow.DataType) (arrow.Array, error) {
	return arrayPairTest(args, func(s *elementSpace, a, b []int64) bool {
		for _, q := range b {
			if !containsEqual(s, a, q) {
				return false
			}
		}
		return true
	})
}

// arrayOverlap is a && b: some element of b is an element of a.
func arrayOverlap(_ context.Context, args []arrow.Array, _ arrow.DataType) (arrow.Array, error) {
	return arrayPairTest(args, func(s *elementSpace, a, b []int64) bool {
		for _, q := range b {
			if containsEqual(s, a, q) {
				return true
			}
		}
		return false
	})
}

func containsEqual(s *elementSpace, among []int64, q int64) bool {
	for _, p := range among {
		if s.equal(p, q) {
			return true
		}
	}
	return false
}

// arrayPairTest computes a boolean of two arrays' elements, NULL when
// either array is NULL.
func arrayPairTest(args []arrow.Array, test func(s *elementSpace, a, b []int64) bool) (arrow.Array, error) {
	other := newArrayColumn(args[1])
	s, err := newElementSpace(args[0], other.leaf)
	if err != nil {
		return nil, err
	}
	defer s.release()
	b := array.NewBooleanBuilder(memory.DefaultAllocator)
	defer b.Release()
	for r := 0; r < args[0].Len(); r++ {
		if s.col.list.IsNull(r) || other.list.IsNull(r) {
			b.AppendNull()
			continue
		}
		theirs := offsetPositions(other.at(r).positions, s.bases[0])
		b.Append(test(s, s.col.at(r).positions, theirs))
	}
	return b.NewArray(), nil
}
