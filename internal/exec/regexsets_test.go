package exec

import (
	"context"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestRegexMatchesRows yields a row per match with g, the first match
// without it, and none without a match.
func TestRegexMatchesRows(t *testing.T) {
	texts := stringColumn("a1b22", "a1b22", "x")
	patterns := stringColumn(`\d+`, `\d+`, `\d+`)
	flags := stringColumn("g", "", "g")
	defer releaseArrays([]arrow.Array{texts, patterns, flags})
	g, err := newRegexMatches([]arrow.Array{texts, patterns, flags})
	if err != nil {
		t.Fatal(err)
	}
	if g.count(0) != 2 || g.count(1) != 1 || g.count(2) != 0 {
		t.Fatalf("counts %d %d %d, want 2 1 0", g.count(0), g.count(1), g.count(2))
	}
	values, err := g.values(context.Background(), []span{{row: 0, from: 0, to: 2}, {row: 1, from: 0, to: 1}})
	if err != nil {
		t.Fatal(err)
	}
	defer values.Release()
	if got := values.String(); got != `[["1"] ["22"] ["1"]]` {
		t.Errorf("values %s", got)
	}
}

func stringColumn(values ...string) arrow.Array {
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	b.AppendValues(values, nil)
	return b.NewArray()
}
