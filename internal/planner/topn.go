package planner

import (
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
)

// TopN is a Sort and the Limit above it in one node (ORDER BY ... LIMIT):
// it yields the Count rows after the first Offset in the order of Keys,
// and holds no more than Offset+Count rows while reading its input.
type TopN struct {
	Input         Node
	Keys          []SortKey
	Offset, Count int64
}

// Schema implements Node.
func (t *TopN) Schema() *arrow.Schema { return t.Input.Schema() }

// Children implements Node.
func (t *TopN) Children() []Node { return []Node{t.Input} }

// WithChildren implements Node.
func (t *TopN) WithChildren(c ...Node) Node {
	return &TopN{Input: c[0], Keys: t.Keys, Offset: t.Offset, Count: t.Count}
}

// Describe implements Node.
func (t *TopN) Describe() string {
	keys := make([]string, len(t.Keys))
	for i, k := range t.Keys {
		keys[i] = k.String()
	}
	return fmt.Sprintf("TopN offset=%d count=%d %s", t.Offset, t.Count, strings.Join(keys, ", "))
}
