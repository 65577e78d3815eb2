package exec

import (
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/sqlstate"
)

// textFunc computes one row of a text function from its non-NULL
// arguments (strings and int64s), returning a string, an int32 or a bool.
type textFunc func(args []any) (any, error)

var textFuncs = map[string]textFunc{
	"substr": func(a []any) (any, error) {
		count := int64(-1)
		if len(a) > 2 {
			count = a[2].(int64)
		}
		return substr(a[0].(string), a[1].(int64), count, len(a) > 2)
	},
	"btrim":       func(a []any) (any, error) { return trim(a, true, true), nil },
	"ltrim":       func(a []any) (any, error) { return trim(a, true, false), nil },
	"rtrim":       func(a []any) (any, error) { return trim(a, false, true), nil },
	"replace":     func(a []any) (any, error) { return replace(a[0].(string), a[1].(string), a[2].(string)), nil },
	"strpos":      func(a []any) (any, error) { return strpos(a[0].(string), a[1].(string)), nil },
	"left":        func(a []any) (any, error) { return leftChars(a[0].(string), a[1].(int64)), nil },
	"right":       func(a []any) (any, error) { return rightChars(a[0].(string), a[1].(int64)), nil },
	"starts_with": func(a []any) (any, error) { return strings.HasPrefix(a[0].(string), a[1].(string)), nil },
}

// runTextFunc applies a text function row by row; NULL in, NULL out.
func runTextFunc(fn textFunc, args []arrow.Array, result arrow.DataType) (arrow.Array, error) {
	b := array.NewBuilder(memory.DefaultAllocator, result)
	defer b.Release()
	values := make([]any, len(args))
	for r := 0; r < args[0].Len(); r++ {
		null := false
		for i, a := range args {
			switch arr := a.(type) {
			case *array.String:
				values[i] = arr.Value(r)
			case *array.Int64:
				values[i] = arr.Value(r)
			}
			null = null || a.IsNull(r)
		}
		if null {
			b.AppendNull()
			continue
		}
		v, err := fn(values)
		if err != nil {
			return nil, err
		}
		switch bb := b.(type) {
		case *array.StringBuilder:
			bb.Append(v.(string))
		case *array.Int32Builder:
			bb.Append(v.(int32))
		case *array.BooleanBuilder:
			bb.Append(v.(bool))
		}
	}
	return b.NewArray(), nil
}

// substr is PostgreSQL's substr(s, start [, count]) in characters: the
// characters from start, counting positions before 1, for count of them.
func substr(s string, start, count int64, counted bool) (string, error) {
	runes := []rune(s)
	if counted && count < 0 {
		return "", sqlstate.New("22011", "negative substring length not allowed")
	}
	end := int64(len(runes)) + 1
	if counted && start+count < end {
		end = start + count
	}
	start = max(start, 1)
	if end <= start {
		return "", nil
	}
	return string(runes[start-1 : end-1]), nil
}

// trim removes the characters of the second argument (spaces when absent)
// from the chosen ends.
func trim(a []any, left, right bool) string {
	s, set := a[0].(string), " "
	if len(a) > 1 {
		set = a[1].(string)
	}
	if left {
		s = strings.TrimLeft(s, set)
	}
	if right {
		s = strings.TrimRight(s, set)
	}
	return s
}

func replace(s, from, to string) string {
	if from == "" {
		return s
	}
	return strings.ReplaceAll(s, from, to)
}

// strpos is the 1-based character position of sub in s, 0 when absent.
func strpos(s, sub string) int32 {
	i := strings.Index(s, sub)
	if i < 0 {
		return 0
	}
	return int32(len([]rune(s[:i])) + 1)
}

// leftChars is left(s, n): the first n characters, or all but the last -n.
func leftChars(s string, n int64) string {
	runes := []rune(s)
	if n < 0 {
		n = max(int64(len(runes))+n, 0)
	}
	return string(runes[:min(n, int64(len(runes)))])
}

// rightChars is right(s, n): the last n characters, or all but the first -n.
func rightChars(s string, n int64) string {
	runes := []rune(s)
	if n < 0 {
		n = max(int64(len(runes))+n, 0)
	}
	n = min(n, int64(len(runes)))
	return string(runes[int64(len(runes))-n:])
}
