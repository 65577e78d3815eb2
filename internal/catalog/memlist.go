package catalog

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// appendList appends a slice as one list value.
func appendList(b *array.ListBuilder, v any) error {
	b.Append(true)
	switch vs := v.(type) {
	case []string:
		for _, e := range vs {
			b.ValueBuilder().(*array.StringBuilder).Append(e)
		}
	case []int16:
		for _, e := range vs {
			b.ValueBuilder().(*array.Int16Builder).Append(e)
		}
	case []uint32:
		for _, e := range vs {
			b.ValueBuilder().(*array.Uint32Builder).Append(e)
		}
	default:
		return fmt.Errorf("unsupported in-memory list value %T", v)
	}
	return nil
}
