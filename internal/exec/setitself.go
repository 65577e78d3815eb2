package exec

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// itself is a set-returning function whose one row is its argument
// (pg_partition_ancestors of a relation that is no partition), none for
// NULL. The argument is a text-backed extension type (regclass).
type itself struct {
	arg arrow.Array
}

func newItself(arg arrow.Array) *itself {
	arg.Retain()
	return &itself{arg: arg}
}

func (s *itself) count(r int) int {
	if s.arg.IsNull(r) {
		return 0
	}
	return 1
}

func (s *itself) values(ctx context.Context, spans []span) (arrow.Array, error) {
	ext := s.arg.(array.ExtensionArray)
	names := ext.Storage().(*array.String)
	b := array.NewStringBuilder(memory.DefaultAllocator)
	defer b.Release()
	for _, sp := range spans {
		for i := sp.from; i < sp.to; i++ {
			b.Append(names.Value(sp.row))
		}
	}
	storage := b.NewArray()
	defer storage.Release()
	return array.NewExtensionArrayWithStorage(ext.ExtensionType(), storage), nil
}

func (s *itself) release() { s.arg.Release() }
