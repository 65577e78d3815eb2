package exec

import (
	"context"
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"auger/internal/expr"
	"auger/internal/sqlstate"
)

// evalArgs evaluates expressions into arrays of the batch's length.
func evalArgs(ctx context.Context, args []expr.Expr, batch arrow.RecordBatch) ([]arrow.Array, error) {
	out := make([]arrow.Array, 0, len(args))
	for _, a := range args {
		d, err := Eval(ctx, a, batch)
		if err != nil {
			releaseArrays(out)
			return nil, err
		}
		arr, err := datumToArray(d, int(batch.NumRows()))
		d.Release()
		if err != nil {
			releaseArrays(out)
			return nil, err
		}
		out = append(out, arr)
	}
	return out, nil
}

// evalFunc computes a scalar function over a batch.
func evalFunc(ctx context.Context, f *expr.Func, batch arrow.RecordBatch) (compute.Datum, error) {
	args, err := evalArgs(ctx, f.Args, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(args)
	var out arrow.Array
	switch f.Name {
	case "lower", "upper":
		out = mapStrings(args[0], caseMapper(f.Name == "upper"))
	case "length":
		out = lengths(args[0])
	case "concat_op":
		out = concatStrings(args[0], args[1])
	case "coalesce", "greatest", "least", "nullif":
		out, err = pickPerRow(ctx, f.Name, args)
	case "abs", "round", "ceil", "floor", "sqrt", "power":
		out, err = mathFunc(f.Name, args, f.Typ)
	case "regex_match", "regex_imatch":
		out, err = regexMatch(args[0], args[1], f.Name == "regex_imatch")
	case "extract", "date_part", "date_trunc":
		out, err = dateFunc(f.Name, args, f.Typ)
	case "date_add_days", "date_add_days_neg", "date_diff", "ts_add", "ts_add_neg", "ts_diff", "iv_add", "iv_add_neg":
		out, err = temporalFunc(f.Name, args, f.Typ)
	default:
		fn, ok := textFuncs[f.Name]
		if !ok {
			return nil, fmt.Errorf("no function %s", f.Name)
		}
		out, err = runTextFunc(fn, args, f.Typ)
	}
	if err != nil {
		return nil, err
	}
	defer out.Release()
	return compute.NewDatum(out), nil
}

// caseMapper maps ASCII letters only, as PostgreSQL does in the C locale.
func caseMapper(upper bool) func(string) string {
	return func(s string) string {
		b := []byte(s)
		for i, c := range b {
			if upper && c >= 'a' && c <= 'z' {
				b[i] = c - 32
			} else if !upper && c >= 'A' && c <= 'Z' {
				b[i] = c + 32
			}
		}
		return string(b)
	}
}

func mapStrings(arr arrow.Array, f func(string) string) arrow.Array {
	in := arr.(*array.String)
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	for i := 0; i < in.Len(); i++ {
		if in.IsNull(i) {
			b.AppendNull()
		} else {
			b.Append(f(in.Value(i)))
		}
	}
	return b.NewArray()
}

// lengths counts characters, not bytes.
func lengths(arr arrow.Array) arrow.Array {
	in := arr.(*array.String)
	b := array.NewInt32Builder(memory.DefaultAllocator)
	defer b.Release()
	for i := 0; i < in.Len(); i++ {
		if in.IsNull(i) {
			b.AppendNull()
		} else {
			b.Append(int32(utf8.RuneCountInString(in.Value(i))))
		}
	}
	return b.NewArray()
}

// concatStrings is ||: NULL when either side is.
func concatStrings(l, r arrow.Array) arrow.Array {
	a, c := l.(*array.String), r.(*array.String)
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	for i := 0; i < a.Len(); i++ {
		if a.IsNull(i) || c.IsNull(i) {
			b.AppendNull()
		} else {
			b.Append(a.Value(i) + c.Value(i))
		}
	}
	return b.NewArray()
}

// pickPerRow chooses, row by row, which argument's value to keep:
// coalesce the first non-NULL, greatest/least the extreme non-NULL,
// nullif the first unless it equals the second. It works for every type
// by taking from the arguments laid end to end.
func pickPerRow(ctx context.Context, name string, args []arrow.Array) (arrow.Array, error) {
	rows := args[0].Len()
	positions := make([]int64, rows)
	all, err := concat(args, args[0].DataType())
	if err != nil {
		return nil, err
	}
	defer all.Release()
	compare := valueCompare(all)
	for r := 0; r < rows; r++ {
		positions[r] = pick(name, all, rows, len(args), r, compare)
	}
	return takeArray(ctx, all, positions)
}

// pick returns the position in all (the arguments end to end, rows each)
// of row r's result, or -1 for NULL.
func pick(name string, all arrow.Array, rows, nargs, r int, compare func(i, j int) int) int64 {
	if name == "nullif" {
		first, second := r, rows+r
		if !all.IsNull(first) && !all.IsNull(second) && compare(first, second) == 0 {
			return -1
		}
		return int64(first)
	}
	best := -1
	for k := 0; k < nargs; k++ {
		p := k*rows + r
		if all.IsNull(p) {
			continue
		}
		switch {
		case name == "coalesce":
			return int64(p)
		case best < 0,
			name == "greatest" && compare(p, best) > 0,
			name == "least" && compare(p, best) < 0:
			best = p
		}
	}
	return int64(best)
}

// evalLike matches each value against its pattern.
func evalLike(ctx context.Context, l *expr.Like, batch arrow.RecordBatch) (compute.Datum, error) {
	args, err := evalArgs(ctx, []expr.Expr{l.Arg, l.Pattern}, batch)
	if err != nil {
		return nil, err
	}
	defer releaseArrays(args)
	values, patterns := args[0].(*array.String), args[1].(*array.String)
	lower := caseMapper(false)
	b := array.NewBooleanBuilder(memory.DefaultAllocator)
	defer b.Release()
	for i := 0; i < values.Len(); i++ {
		if values.IsNull(i) || patterns.IsNull(i) {
			b.AppendNull()
			continue
		}
		v, p := values.Value(i), patterns.Value(i)
		if l.CaseInsensitive {
			v, p = lower(v), lower(p)
		}
		b.Append(Like(p, v))
	}
	out := b.NewArray()
	defer out.Release()
	return compute.NewDatum(out), nil
}

// Like tells whether s matches a LIKE pattern: % any run, _ one
// character, backslash escapes.
func Like(pattern, s string) bool {
	return likeMatch([]rune(pattern), []rune(s))
}

func likeMatch(p, s []rune) bool {
	for len(p) > 0 {
		switch p[0] {
		case '%':
			for len(p) > 0 && p[0] == '%' {
				p = p[1:]
			}
			if len(p) == 0 {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if likeMatch(p, s[i:]) {
					return true
				}
			}
			return false
		case '_':
			if len(s) == 0 {
				return false
			}
		case '\\':
			if len(p) > 1 {
				p = p[1:]
			}
			fallthrough
		default:
			if len(s) == 0 || s[0] != p[0] {
				return false
			}
		}
		p, s = p[1:], s[1:]
	}
	return len(s) == 0
}

// regexMatch is ~ and ~*, with Go's RE2 syntax (PostgreSQL's common
// patterns read the same); a bad pattern is PostgreSQL's 2201B.
func regexMatch(values, patterns arrow.Array, ignoreCase bool) (arrow.Array, error) {
	v, p := values.(*array.String), patterns.(*array.String)
	compiled := map[string]*regexp.Regexp{}
	b := array.NewBooleanBuilder(memory.DefaultAllocator)
	defer b.Release()
	for i := 0; i < v.Len(); i++ {
		if v.IsNull(i) || p.IsNull(i) {
			b.AppendNull()
			continue
		}
		re, ok := compiled[p.Value(i)]
		if !ok {
			src := p.Value(i)
			if ignoreCase {
				src = "(?i)" + src
			}
			var err error
			if re, err = regexp.Compile(src); err != nil {
				return nil, sqlstate.New("2201B", "invalid regular expression: %v", err)
			}
			compiled[p.Value(i)] = re
		}
		b.Append(re.MatchString(v.Value(i)))
	}
	return b.NewArray(), nil
}
