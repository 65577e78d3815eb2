package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// regexMatches is regexp_matches(s, pattern [, flags]): a text[] row of
// groups per match, as regexp_match gives them; every match with the g
// flag, else the first. No row without a match or for NULL arguments.
type regexMatches struct {
	rows [][][]*string // per input row, its matches' groups
}

func newRegexMatches(args []arrow.Array) (*regexMatches, error) {
	s, cache := textAt(args[0]), regexCache{}
	out := &regexMatches{rows: make([][][]*string, s.Len())}
	for i := range out.rows {
		if anyNull(args, i) {
			continue
		}
		re, flags, err := regexOptions(cache, args, i, "")
		if err != nil {
			return nil, err
		}
		limit := 1
		if flags.global {
			limit = -1
		}
		for _, m := range re.FindAllStringSubmatchIndex(s.Value(i), limit) {
			out.rows[i] = append(out.rows[i], matchGroups(s.Value(i), m))
		}
	}
	return out, nil
}

func (m *regexMatches) count(r int) int { return len(m.rows[r]) }

func (m *regexMatches) values(_ context.Context, spans []span) (arrow.Array, error) {
	b := newTextArrayBuilder(&KernelContext{Mem: memory.DefaultAllocator})
	defer b.Release()
	for _, s := range spans {
		for _, groups := range m.rows[s.row][s.from:s.to] {
			b.Append(groups)
		}
	}
	return b.NewArray(), nil
}

func (m *regexMatches) release() {}
